using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Nexus.Web.Data;
using Nexus.Web.Features.Coordination;
using Nexus.Web.Features.Events;
using Nexus.Web.Features.Registrations;
using Nexus.Web.Infrastructure;
using Nexus.Web.Infrastructure.Countries;

namespace Nexus.Web.Features.Reports;

/// <summary>Gathers a year's <see cref="ReportFacts"/> in a handful of queries (one per kind of fact, no N+1).</summary>
public sealed partial class ReportFactsQuery(AppDbContext db, IOptions<NexusOptions> options)
{
    /// <summary>Kinds of event that make up the seminar series as the report tells it (course sessions are part of their course).</summary>
    public static readonly EventKind[] SeriesKinds = [EventKind.Seminar, EventKind.Panel, EventKind.PolicySeminar, EventKind.Course];

    /// <summary>
    /// Who counts as a participant: for a held event those checked in (attended); for an event still ahead, those holding a
    /// confirmed seat. No-shows, waiting lists, cancellations and rejections never count.
    /// </summary>
    public static bool Counts(EventStatus eventStatus, RegistrationStatus status) =>
        eventStatus == EventStatus.Held
            ? status == RegistrationStatus.Attended
            : status is RegistrationStatus.Confirmed or RegistrationStatus.Attended;

    /// <summary>The acronym in parentheses at the end of the organisation's name, e.g. "UNITAR".</summary>
    public static string ShortName(string organisationName) =>
        AcronymPattern().Match(organisationName) is { Success: true } m ? m.Groups[1].Value.Trim() : organisationName;

    [GeneratedRegex(@"\(([^()]+)\)\s*$")]
    private static partial Regex AcronymPattern();

    public async Task<ReportFacts> LoadAsync(int year, CancellationToken ct = default)
    {
        var o = options.Value;
        var shortName = ShortName(o.OrganisationName);
        var baseUrl = (o.PublicBaseUrl ?? "").TrimEnd('/');
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var from = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var to = from.AddYears(1);

        var agencies = await db.Agencies.AsNoTracking().Select(a => new { a.Code, a.Acronym, a.Name }).ToListAsync(ct);
        var byCode = agencies.ToDictionary(a => a.Code, StringComparer.OrdinalIgnoreCase);
        var ownCode = agencies.FirstOrDefault(a => string.Equals(a.Acronym, shortName, StringComparison.OrdinalIgnoreCase))?.Code;
        string Acronym(string code) => byCode.TryGetValue(code, out var a) ? a.Acronym : code.ToUpperInvariant();

        var terms = (await db.ChairTerms.AsNoTracking().Where(t => t.Start <= last && t.End >= first).OrderBy(t => t.Start).ToListAsync(ct))
            .Select(t => new ChairTermFact(t.AgencyCode, Acronym(t.AgencyCode), byCode.TryGetValue(t.AgencyCode, out var a) ? a.Name : t.AgencyCode,
                t.Start, t.End, ownCode != null && string.Equals(t.AgencyCode, ownCode, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        // The report also names the chair who took over, as the 2009 report names UNDP: the first term after the year's last.
        if (terms.Count > 0 && terms[^1].IsOrganisation)
        {
            var end = terms[^1].End;
            var next = await db.ChairTerms.AsNoTracking().Where(t => t.Start > end).OrderBy(t => t.Start).FirstOrDefaultAsync(ct);
            if (next != null)
                terms.Add(new ChairTermFact(next.AgencyCode, Acronym(next.AgencyCode), byCode.TryGetValue(next.AgencyCode, out var a) ? a.Name : next.AgencyCode,
                    next.Start, next.End, false));
        }

        var plan = await db.Workplans.AsNoTracking().Where(w => w.Start <= last && w.End >= first)
            .OrderByDescending(w => w.Status).ThenBy(w => w.Start)
            .Include(w => w.Pillars).ThenInclude(p => p.Objectives)
            .AsSplitQuery().FirstOrDefaultAsync(ct);
        var workplan = plan == null ? null : new WorkplanFact(plan.Title, plan.Start, plan.End, plan.Summary,
            plan.Pillars.OrderBy(p => p.Position).Select(p => new PillarFact(p.Title,
                p.Objectives.OrderBy(x => x.Position).Select(x => new ObjectiveFact(x.Text, x.ExpectedOutcomes)).ToList())).ToList());

        var meetings = await db.Meetings.AsNoTracking().Where(m => m.Date >= first && m.Date <= last).OrderBy(m => m.Date)
            .Select(m => new MeetingFact(m.Kind, m.Title, m.Date, m.Location)).ToListAsync(ct);

        var outputs = (await db.JointOutputs.AsNoTracking()
                .Where(j => j.Status == JointOutputStatus.Published && j.PublishedAt >= from && j.PublishedAt < to)
                .OrderBy(j => j.PublishedAt)
                .Select(j => new { j.Kind, j.Title, j.PublishedAt, j.LeadAgencyCode, j.LibraryItemId }).ToListAsync(ct));
        var outputItemIds = outputs.Where(j => j.LibraryItemId != null).Select(j => j.LibraryItemId!.Value).ToList();

        var events = await db.Events.AsNoTracking()
            .Where(e => e.StartsAt >= from && e.StartsAt < to && SeriesKinds.Contains(e.Kind)
                && (e.Status == EventStatus.Held || e.Status == EventStatus.Published))
            .OrderBy(e => e.StartsAt)
            .Select(e => new { e.Id, e.Kind, e.Title, e.Slug, e.StartsAt, e.TimeZone, e.City, e.Country, e.Themes, e.FindingsMarkdown, e.Status, e.Partners })
            .ToListAsync(ct);
        EventFact ToFact(int id, EventKind kind, string title, string slug, DateTime startsAt, string zone, string city, string? country,
            List<string> themes, string? findings) =>
            new(id, kind, title, DateOnly.FromDateTime(EventQueries.Local(startsAt, zone).DateTime), city, Countries.Find(country)?.Name,
                themes, string.IsNullOrWhiteSpace(findings) ? null : findings.Trim(), $"{baseUrl}/events/{id}/{slug}");
        var eventFacts = events.Select(e => ToFact(e.Id, e.Kind, e.Title, e.Slug, e.StartsAt, e.TimeZone, e.City, e.Country, e.Themes, e.FindingsMarkdown)
            with { Partners = e.Partners }).ToList();

        var eventIds = events.Select(e => e.Id).ToList();
        var statusOf = events.ToDictionary(e => e.Id, e => e.Status);
        var regs = await db.Registrations.AsNoTracking().Where(r => eventIds.Contains(r.EventId))
            .Select(r => new { r.EventId, r.Status, r.StakeholderGroup, r.Gender }).ToListAsync(ct);
        var counted = regs.Where(r => Counts(statusOf[r.EventId], r.Status)).ToList();
        var participation = new ParticipationFact(counted.Count,
            counted.GroupBy(r => r.StakeholderGroup).OrderBy(g => g.Key).Select(g => new CountFact(EventText.Group(g.Key), g.Count())).ToList(),
            counted.GroupBy(r => r.Gender).OrderBy(g => g.Key is { } k ? (int)k : int.MaxValue)
                .Select(g => new CountFact(g.Key is { } k ? EventText.Gender(k) : "Not stated", g.Count())).ToList());

        var runs = await db.CourseRuns.AsNoTracking().Where(r => eventIds.Contains(r.EventId))
            .Select(r => new { r.EventId, r.CourseId, r.Course!.Title }).ToListAsync(ct);
        var courseIds = runs.Select(r => r.CourseId).Distinct().ToList();
        var modules = await db.CourseModules.AsNoTracking().Where(m => courseIds.Contains(m.CourseId))
            .OrderBy(m => m.Order).Select(m => new { m.CourseId, m.Title }).ToListAsync(ct);
        var courses = runs.Select(r => (Run: r, Event: eventFacts.First(e => e.Id == r.EventId)))
            .OrderBy(x => x.Event.Date)
            .Select(x => new CourseFact(x.Run.Title, x.Event.Date,
                modules.Where(m => m.CourseId == x.Run.CourseId).Select(m => m.Title).ToList(), x.Event.Url)).ToList();

        var projects = await db.Projects.AsNoTracking().Where(p => p.Start <= last && p.End >= first).OrderBy(p => p.Start).ThenBy(p => p.Id)
            .Include(p => p.Partners).Include(p => p.Activities).ThenInclude(a => a.Event).Include(p => p.Activities).ThenInclude(a => a.Documents)
            .AsSplitQuery().ToListAsync(ct);
        var docIds = projects.SelectMany(p => p.Activities).SelectMany(a => a.Documents).Select(d => d.LibraryItemId).Concat(outputItemIds).Distinct().ToList();
        var items = (await db.LibraryItems.AsNoTracking().Where(i => docIds.Contains(i.Id)).ToListAsync(ct))
            .ToDictionary(i => i.Id, i => new SourceFact(
                i.Draft.Texts.FirstOrDefault(t => t.Language == "en")?.Title ?? i.Draft.Texts.FirstOrDefault()?.Title ?? i.Slug,
                $"{baseUrl}/library/{i.Slug}"));

        bool InYear(Projects.ProjectActivity a) =>
            a.Event != null
                ? a.Event.StartsAt >= from && a.Event.StartsAt < to
                : (a.Start ?? first) <= last && (a.End ?? a.Start ?? last) >= first;
        var projectFacts = projects.Select(p => new ProjectFact(p.Title, p.Start, p.End,
            p.Partners.OrderBy(x => x.Role).ThenBy(x => x.Order).Select(x => new PartnerFact(x.Role, x.Name)).ToList(),
            p.Activities.Select(a => a.Type).Distinct().Order().ToList(),
            p.Activities.Where(a => a.Status != Projects.WorkStatus.Cancelled && InYear(a))
                .OrderBy(a => a.Event?.StartsAt ?? a.Start?.ToDateTime(TimeOnly.MinValue) ?? DateTime.MaxValue).ThenBy(a => a.Id)
                .Select(a => new ActivityFact(a.Type, a.Title, a.Start, a.Status,
                    a.Event is { } e ? ToFact(e.Id, e.Kind, e.Title, e.Slug, e.StartsAt, e.TimeZone, e.City, e.Country, e.Themes, e.FindingsMarkdown) : null,
                    a.Documents.Where(d => items.ContainsKey(d.LibraryItemId)).Select(d => items[d.LibraryItemId]).ToList()))
                .ToList())).ToList();

        var followUps = await db.FollowUps.AsNoTracking().Where(f => f.On >= first && f.On <= last)
            .OrderBy(f => f.On).ThenBy(f => f.Id)
            .Join(db.ForumRecommendations, f => f.RecommendationId, r => r.Id, (f, r) => new { f, r })
            .Join(db.ForumMeetings, x => x.r.MeetingId, m => m.Id, (x, m) => new FollowUpFact(x.f.On, x.f.Text, m.Year, m.City,
                x.r.Reference, x.r.Text, x.f.EvidenceUrl))
            .ToListAsync(ct);

        return new ReportFacts
        {
            Year = year,
            OrganisationName = o.OrganisationName,
            OrganisationShort = shortName,
            BaseUrl = baseUrl,
            ChairTerms = terms,
            Workplan = workplan,
            Meetings = meetings,
            JointOutputs = outputs.Select(j => new OutputFact(j.Kind, j.Title, DateOnly.FromDateTime(j.PublishedAt!.Value), Acronym(j.LeadAgencyCode),
                j.LibraryItemId is { } id && items.TryGetValue(id, out var s) ? s.Url : null)).ToList(),
            Events = eventFacts,
            Courses = courses,
            Participation = participation,
            Projects = projectFacts,
            FollowUps = followUps,
        };
    }
}
