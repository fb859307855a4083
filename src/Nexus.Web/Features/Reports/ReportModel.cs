using Microsoft.EntityFrameworkCore;

namespace Nexus.Web.Features.Reports;

/// <summary>
/// The annual report of one year as staff are editing it. Sections are drafted from the data each time; a section
/// staff have edited keeps their text (<see cref="ReportSectionEdit"/>), with the hash of the draft it was based on so
/// the page can say when the data have changed since.
/// </summary>
public class ReportDraft
{
    public int Id { get; set; }
    public int Year { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<ReportSectionEdit> Sections { get; set; } = [];
}

public class ReportSectionEdit
{
    public int Id { get; set; }
    public int DraftId { get; set; }
    /// <summary>The section's stable key, e.g. "introduction", "chairmanship", "seminars", "capacity".</summary>
    public required string SectionKey { get; set; }
    /// <summary>The section as staff left it (Markdown: one paragraph per block).</summary>
    public required string Markdown { get; set; }
    /// <summary>SHA-256 of the generated text the edit started from.</summary>
    public required string BasedOnHash { get; set; }
    public DateTime EditedAt { get; set; }
    public string? ByUserId { get; set; }
    /// <summary>Optimistic concurrency token.</summary>
    public int Version { get; set; }
}

public static class ReportModelConfiguration
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<ReportDraft>(e =>
        {
            e.HasIndex(x => x.Year).IsUnique();
            e.HasMany(x => x.Sections).WithOne().HasForeignKey(x => x.DraftId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ReportSectionEdit>(e =>
        {
            e.Property(x => x.SectionKey).HasMaxLength(60);
            e.Property(x => x.Markdown).HasMaxLength(50000);
            e.Property(x => x.BasedOnHash).HasMaxLength(64);
            e.Property(x => x.ByUserId).HasMaxLength(450);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.DraftId, x.SectionKey }).IsUnique();
        });
    }
}
