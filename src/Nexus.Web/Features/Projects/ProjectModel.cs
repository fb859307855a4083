using Microsoft.EntityFrameworkCore;
using Nexus.Web.Features.Events;
using Nexus.Web.Features.Library;

namespace Nexus.Web.Features.Projects;

/// <summary>The five kinds of activity of the capacity-development project described in the 2010 report.</summary>
public enum ProjectActivityType
{
    /// <summary>Taking the seminar series to other UN locations and the regional commissions.</summary>
    SeriesExpansion,
    /// <summary>Following up Global Forum recommendations and actionable outcomes.</summary>
    ForumFollowUp,
    /// <summary>Dialogue among regional and international migration policy processes, including RCPs.</summary>
    ProcessDialogue,
    /// <summary>Strengthening the development dimension of migration policy.</summary>
    DevelopmentDimension,
    /// <summary>Capacity-building at country level.</summary>
    CountryCapacity,
}

public enum ProjectStatus { Planned, Active, Completed, Closed }

public enum WorkStatus { Planned, InProgress, Done, Cancelled }

/// <summary>A capacity-development project, e.g. the one with the Government of Spain and IOM.</summary>
public class Project
{
    public int Id { get; set; }
    public string Slug { get; set; } = "";
    public required string Title { get; set; }
    public string Summary { get; set; } = "";
    /// <summary>Markdown list of objectives.</summary>
    public string ObjectivesMarkdown { get; set; } = "";
    public DateOnly Start { get; set; }
    public DateOnly End { get; set; }
    /// <summary>Optional; in <see cref="Currency"/>.</summary>
    public decimal? Budget { get; set; }
    /// <summary>ISO 4217 code, e.g. USD or EUR.</summary>
    public string? Currency { get; set; }
    public ProjectStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
    public List<ProjectPartner> Partners { get; set; } = [];
    public List<ProjectActivity> Activities { get; set; } = [];
}

public enum PartnerRole { Donor, ImplementingPartner }

/// <summary>A donor or implementing partner: an agency of the registry, or a named body such as a government.</summary>
public class ProjectPartner
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public PartnerRole Role { get; set; }
    /// <summary>Set when the partner is an agency of the registry (e.g. "iom").</summary>
    public string? AgencyCode { get; set; }
    /// <summary>The name as printed, e.g. "Government of Spain".</summary>
    public required string Name { get; set; }
    public int Order { get; set; }
}

/// <summary>
/// One activity of a project. A policy seminar away from headquarters is an event (with its city and partners);
/// meeting reports are library items; countries are ISO 3166-1 alpha-3 codes.
/// </summary>
public class ProjectActivity
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public Project? Project { get; set; }
    public ProjectActivityType Type { get; set; }
    public required string Title { get; set; }
    public string DescriptionMarkdown { get; set; } = "";
    public DateOnly? Start { get; set; }
    public DateOnly? End { get; set; }
    public WorkStatus Status { get; set; }
    public int? EventId { get; set; }
    public Event? Event { get; set; }
    public List<string> Countries { get; set; } = [];
    /// <summary>The Global Forum recommendation this activity follows up, if any.</summary>
    public int? RecommendationId { get; set; }
    public ForumRecommendation? Recommendation { get; set; }
    /// <summary>The regional consultative process this activity is a dialogue with, if any.</summary>
    public int? ProcessId { get; set; }
    public ConsultativeProcess? Process { get; set; }
    public List<ActivityDocument> Documents { get; set; } = [];
    /// <summary>Raised on every save; the edit form carries it so that a stale form cannot overwrite a newer edit.</summary>
    public int Version { get; set; }
}

/// <summary>A library item (a meeting report, say) attached to an activity.</summary>
public class ActivityDocument
{
    public int ActivityId { get; set; }
    public int LibraryItemId { get; set; }
    public LibraryItem? LibraryItem { get; set; }
}

/// <summary>A meeting of the Global Forum on Migration and Development (Brussels 2007, Manila 2008, ...).</summary>
public class ForumMeeting
{
    public int Id { get; set; }
    public int Year { get; set; }
    public required string City { get; set; }
    /// <summary>ISO 3166-1 alpha-3 of the host country.</summary>
    public required string HostCountry { get; set; }
    public required string Theme { get; set; }
    public DateOnly? StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    public List<ForumRecommendation> Recommendations { get; set; } = [];
}

public enum RecommendationKind { Recommendation, ActionableOutcome }

public enum FollowUpStatus { Open, InProgress, Done, Superseded }

public class ForumRecommendation
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public ForumMeeting? Meeting { get; set; }
    public RecommendationKind Kind { get; set; }
    /// <summary>The forum's own reference, e.g. "RT 2.1", when it has one.</summary>
    public string? Reference { get; set; }
    public required string Text { get; set; }
    public FollowUpStatus Status { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<FollowUpEntry> FollowUps { get; set; } = [];
}

/// <summary>What the programme did about a recommendation, when, with evidence.</summary>
public class FollowUpEntry
{
    public int Id { get; set; }
    public int RecommendationId { get; set; }
    public DateOnly On { get; set; }
    public required string Text { get; set; }
    public string? EvidenceUrl { get; set; }
    public int? EventId { get; set; }
    public int? LibraryItemId { get; set; }
    public string? ByUserId { get; set; }
    public DateTime At { get; set; }
}

/// <summary>A regional consultative process on migration (e.g. the Colombo Process) or another policy process.</summary>
public class ConsultativeProcess
{
    public int Id { get; set; }
    public string Slug { get; set; } = "";
    public required string Name { get; set; }
    public string? Acronym { get; set; }
    public string Region { get; set; } = "";
    public string Secretariat { get; set; } = "";
    public List<string> MemberStates { get; set; } = [];
    public string DescriptionMarkdown { get; set; } = "";
    public List<ProcessEvent> Events { get; set; } = [];
    /// <summary>Raised on every save; the edit form carries it so that a stale form cannot overwrite a newer edit.</summary>
    public int Version { get; set; }
}

/// <summary>A dialogue event linked to a process.</summary>
public class ProcessEvent
{
    public int ProcessId { get; set; }
    public int EventId { get; set; }
    public Event? Event { get; set; }
}

public static class ProjectModelConfiguration
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<Project>(e =>
        {
            e.Property(x => x.Slug).HasMaxLength(200);
            e.HasIndex(x => x.Slug).IsUnique();
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.Summary).HasMaxLength(4000);
            e.Property(x => x.ObjectivesMarkdown).HasMaxLength(10000);
            e.Property(x => x.Budget).HasPrecision(14, 2);
            e.Property(x => x.Currency).HasMaxLength(3);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasMany(x => x.Partners).WithOne().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Activities).WithOne(x => x.Project).HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ProjectPartner>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(300);
            e.Property(x => x.AgencyCode).HasMaxLength(40);
            e.HasOne<Agencies.Agency>().WithMany().HasForeignKey(x => x.AgencyCode).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<ProjectActivity>(e =>
        {
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.DescriptionMarkdown).HasMaxLength(10000);
            e.HasIndex(x => new { x.ProjectId, x.Start });
            e.HasOne(x => x.Event).WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne(x => x.Recommendation).WithMany().HasForeignKey(x => x.RecommendationId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne(x => x.Process).WithMany().HasForeignKey(x => x.ProcessId).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(x => x.Documents).WithOne().HasForeignKey(x => x.ActivityId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ActivityDocument>(e =>
        {
            e.HasKey(x => new { x.ActivityId, x.LibraryItemId });
            e.HasOne(x => x.LibraryItem).WithMany().HasForeignKey(x => x.LibraryItemId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ForumMeeting>(e =>
        {
            e.HasIndex(x => x.Year).IsUnique();
            e.Property(x => x.City).HasMaxLength(120);
            e.Property(x => x.HostCountry).HasMaxLength(3);
            e.Property(x => x.Theme).HasMaxLength(500);
            e.HasMany(x => x.Recommendations).WithOne(x => x.Meeting).HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ForumRecommendation>(e =>
        {
            e.Property(x => x.Reference).HasMaxLength(40);
            e.Property(x => x.Text).HasMaxLength(4000);
            e.HasMany(x => x.FollowUps).WithOne().HasForeignKey(x => x.RecommendationId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<FollowUpEntry>(e =>
        {
            e.Property(x => x.Text).HasMaxLength(4000);
            e.Property(x => x.EvidenceUrl).HasMaxLength(2000);
            e.Property(x => x.ByUserId).HasMaxLength(450);
            e.HasIndex(x => new { x.RecommendationId, x.On });
            e.HasOne<Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne<LibraryItem>().WithMany().HasForeignKey(x => x.LibraryItemId).OnDelete(DeleteBehavior.SetNull);
        });
        b.Entity<ConsultativeProcess>(e =>
        {
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Property(x => x.Slug).HasMaxLength(200);
            e.HasIndex(x => x.Slug).IsUnique();
            e.Property(x => x.Name).HasMaxLength(300);
            e.Property(x => x.Acronym).HasMaxLength(40);
            e.Property(x => x.Region).HasMaxLength(120);
            e.Property(x => x.Secretariat).HasMaxLength(300);
            e.Property(x => x.DescriptionMarkdown).HasMaxLength(10000);
            e.HasMany(x => x.Events).WithOne().HasForeignKey(x => x.ProcessId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ProcessEvent>(e =>
        {
            e.HasKey(x => new { x.ProcessId, x.EventId });
            e.HasOne(x => x.Event).WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
