using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;

namespace Nexus.Web.Features.Projects;

public sealed record PartnerDto(PartnerRole Role, string Name, string? AgencyCode);

public sealed record ProjectSummaryDto(string Slug, string Title, string Summary, DateOnly Start, DateOnly End, ProjectStatus Status,
    decimal? Budget, string? Currency, List<PartnerDto> Partners);

public sealed record EventRefDto(int Id, string Title, string Slug, DateTime StartsAt, string TimeZone, string City);

public sealed record DocumentDto(string Slug, string Title);

public sealed record RecommendationRefDto(int Id, int Year, RecommendationKind Kind, string Text);

public sealed record ProcessRefDto(string Slug, string Name);

public sealed record ActivityDto(int Id, ProjectActivityType Type, string Title, string DescriptionMarkdown, DateOnly? Start, DateOnly? End,
    WorkStatus Status, EventRefDto? Event, List<string> Countries, List<DocumentDto> Documents, RecommendationRefDto? Recommendation,
    ProcessRefDto? Process);

public sealed record ProjectDetailDto(string Slug, string Title, string Summary, string ObjectivesMarkdown, DateOnly Start, DateOnly End,
    ProjectStatus Status, decimal? Budget, string? Currency, List<PartnerDto> Partners, List<ActivityDto> Activities, int Version);

public sealed record FollowUpDto(int Id, DateOnly On, string Text, string? EvidenceUrl, EventRefDto? Event, DocumentDto? Document);

public sealed record RecommendationDto(int Id, RecommendationKind Kind, string? Reference, string Text, FollowUpStatus Status,
    List<FollowUpDto> FollowUps);

public sealed record ForumMeetingDto(int Year, string City, string HostCountry, string Theme, DateOnly? StartsOn, DateOnly? EndsOn,
    List<RecommendationDto> Recommendations);

public sealed record ProcessDto(string Slug, string Name, string? Acronym, string Region, string Secretariat, List<string> MemberStates,
    string DescriptionMarkdown, List<EventRefDto> Events);

/// <summary>Reads for the public pages and the API, so both show the same facts.</summary>
public static class ProjectQueries
{
    public static async Task<List<ProjectSummaryDto>> ProjectsAsync(AppDbContext db, CancellationToken ct) =>
        (await db.Projects.AsNoTracking().Include(p => p.Partners).OrderByDescending(p => p.Start).ThenBy(p => p.Title).ToListAsync(ct))
        .Select(p => new ProjectSummaryDto(p.Slug, p.Title, p.Summary, p.Start, p.End, p.Status, p.Budget, p.Currency, Partners(p))).ToList();

    public static async Task<ProjectDetailDto?> ProjectAsync(AppDbContext db, string slug, CancellationToken ct)
    {
        var p = await db.Projects.AsNoTracking().Include(x => x.Partners)
            .Include(x => x.Activities).ThenInclude(a => a.Event)
            .Include(x => x.Activities).ThenInclude(a => a.Recommendation).ThenInclude(r => r!.Meeting)
            .Include(x => x.Activities).ThenInclude(a => a.Process)
            .Include(x => x.Activities).ThenInclude(a => a.Documents)
            .AsSplitQuery().FirstOrDefaultAsync(x => x.Slug == slug, ct);
        if (p is null) return null;
        var docs = await PublishedAsync(db, p.Activities.SelectMany(a => a.Documents).Select(d => d.LibraryItemId), ct);
        var activities = p.Activities.OrderBy(a => a.Type).ThenBy(a => a.Start ?? DateOnly.MaxValue).ThenBy(a => a.Id).Select(a => new ActivityDto(
            a.Id, a.Type, a.Title, a.DescriptionMarkdown, a.Start, a.End, a.Status, Ref(a.Event), a.Countries,
            a.Documents.Where(d => docs.ContainsKey(d.LibraryItemId)).Select(d => docs[d.LibraryItemId]).ToList(),
            a.Recommendation is { } r ? new RecommendationRefDto(r.Id, r.Meeting?.Year ?? 0, r.Kind, r.Text) : null,
            a.Process is { } pr ? new ProcessRefDto(pr.Slug, pr.Acronym ?? pr.Name) : null)).ToList();
        return new ProjectDetailDto(p.Slug, p.Title, p.Summary, p.ObjectivesMarkdown, p.Start, p.End, p.Status, p.Budget, p.Currency,
            Partners(p), activities, p.Version);
    }

    public static async Task<List<ForumMeetingDto>> ForumAsync(AppDbContext db, int? year, CancellationToken ct)
    {
        var meetings = await db.ForumMeetings.AsNoTracking().Where(m => year == null || m.Year == year)
            .Include(m => m.Recommendations).ThenInclude(r => r.FollowUps).AsSplitQuery().OrderBy(m => m.Year).ToListAsync(ct);
        var entries = meetings.SelectMany(m => m.Recommendations).SelectMany(r => r.FollowUps).ToList();
        var eventIds = entries.Where(f => f.EventId != null).Select(f => f.EventId!.Value).Distinct().ToList();
        var itemIds = entries.Where(f => f.LibraryItemId != null).Select(f => f.LibraryItemId!.Value).Distinct().ToList();
        var events = await db.Events.AsNoTracking().Where(e => eventIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var items = await PublishedAsync(db, itemIds, ct);
        return meetings.Select(m => new ForumMeetingDto(m.Year, m.City, m.HostCountry, m.Theme, m.StartsOn, m.EndsOn,
            m.Recommendations.OrderBy(r => r.Kind).ThenBy(r => r.Id).Select(r => new RecommendationDto(r.Id, r.Kind, r.Reference, r.Text, r.Status,
                r.FollowUps.OrderBy(f => f.On).ThenBy(f => f.Id).Select(f => new FollowUpDto(f.Id, f.On, f.Text, f.EvidenceUrl,
                    f.EventId is { } e && events.TryGetValue(e, out var ev) ? Ref(ev) : null,
                    f.LibraryItemId is { } i && items.TryGetValue(i, out var it) ? it : null)).ToList())).ToList())).ToList();
    }

    public static async Task<List<ProcessDto>> ProcessesAsync(AppDbContext db, string? slug, CancellationToken ct) =>
        (await db.ConsultativeProcesses.AsNoTracking().Where(p => slug == null || p.Slug == slug)
            .Include(p => p.Events).ThenInclude(e => e.Event).AsSplitQuery().OrderBy(p => p.Acronym ?? p.Name).ToListAsync(ct))
        .Select(p => new ProcessDto(p.Slug, p.Name, p.Acronym, p.Region, p.Secretariat, p.MemberStates, p.DescriptionMarkdown,
            p.Events.Select(e => Ref(e.Event)!).Where(e => e is not null).OrderBy(e => e.StartsAt).ToList())).ToList();

    private static List<PartnerDto> Partners(Project p) =>
        p.Partners.OrderBy(x => x.Role).ThenBy(x => x.Order).Select(x => new PartnerDto(x.Role, x.Name, x.AgencyCode)).ToList();

    // A draft event is not public yet: the link waits until it is published.
    private static EventRefDto? Ref(Events.Event? e) => e is null || e.Status == Events.EventStatus.Draft ? null : new EventRefDto(e.Id, e.Title, e.Slug, e.StartsAt, e.TimeZone, e.City);

    /// <summary>Published library items by id, titled as the public sees them (never a draft's title).</summary>
    public static async Task<Dictionary<int, DocumentDto>> PublishedAsync(AppDbContext db, IEnumerable<int> itemIds, CancellationToken ct)
    {
        var ids = itemIds.Distinct().ToList();
        if (ids.Count == 0) return [];
        var rows = await (from i in db.LibraryItems.AsNoTracking()
                          join v in db.LibraryVersions.AsNoTracking() on new { ItemId = i.Id, Number = i.PublishedVersion ?? -1 } equals new { v.ItemId, v.Number }
                          where ids.Contains(i.Id)
                          select new { i.Id, i.Slug, v.Content }).ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => new DocumentDto(r.Slug, r.Content.Texts.FirstOrDefault()?.Title ?? r.Slug));
    }
}
