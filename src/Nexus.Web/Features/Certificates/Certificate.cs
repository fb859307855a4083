using Microsoft.EntityFrameworkCore;

namespace Nexus.Web.Features.Certificates;

public enum CertificateKind { CourseCompletion, EventAttendance }

/// <summary>
/// A certificate as issued. The code never changes: a reissue (a corrected name, say) updates the record behind the
/// same code, so a certificate already printed still verifies; revocation keeps the record with its reason.
/// </summary>
public sealed class Certificate
{
    public int Id { get; set; }
    /// <summary>Ten characters, stored without the hyphen (<see cref="CertificateCode"/>).</summary>
    public string Code { get; set; } = "";
    public CertificateKind Kind { get; set; }
    public string HolderName { get; set; } = "";
    /// <summary>Never shown by verification: only the holder's name and what was completed are.</summary>
    public string? HolderEmail { get; set; }
    public string? HolderUserId { get; set; }
    /// <summary>The course or event completed.</summary>
    public string Title { get; set; } = "";
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    public decimal? Hours { get; set; }
    public int? EventId { get; set; }
    public int? CourseRunId { get; set; }
    public DateTime IssuedAt { get; set; }
    public string IssuedBy { get; set; } = "";
    /// <summary>How many times it was issued under this code (1 for the first issue).</summary>
    public int Issue { get; set; } = 1;
    public DateTime? RevokedAt { get; set; }
    public string? RevocationReason { get; set; }

    public bool Revoked => RevokedAt is not null;
}

public static class CertificateModel
{
    public static void Configure(ModelBuilder b) => b.Entity<Certificate>(e =>
    {
        e.Property(x => x.Code).HasMaxLength(CertificateCode.Length);
        e.HasIndex(x => x.Code).IsUnique();
        e.Property(x => x.HolderName).HasMaxLength(200);
        e.Property(x => x.HolderEmail).HasMaxLength(256);
        e.Property(x => x.HolderUserId).HasMaxLength(450);
        e.Property(x => x.Title).HasMaxLength(300);
        e.Property(x => x.Hours).HasPrecision(6, 1);
        e.Property(x => x.IssuedBy).HasMaxLength(200);
        e.Property(x => x.RevocationReason).HasMaxLength(500);
        e.HasIndex(x => x.HolderUserId);
        // One attendance certificate per person and event, one completion certificate per person and run.
        e.HasIndex(x => new { x.EventId, x.HolderEmail }).IsUnique().HasFilter("\"EventId\" IS NOT NULL");
        e.HasIndex(x => new { x.CourseRunId, x.HolderEmail }).IsUnique().HasFilter("\"CourseRunId\" IS NOT NULL");
        e.HasOne<Events.Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Courses.CourseRun>().WithMany().HasForeignKey(x => x.CourseRunId).OnDelete(DeleteBehavior.Restrict);
    });
}
