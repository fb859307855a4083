using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Registrations;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Events;

[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Infrastructure.Caching.PublicCache.Policy)]
public class DetailsModel(AppDbContext db, Links links, TimeProvider clock) : PageModel
{
    public Event Event { get; private set; } = null!;
    public string? SeriesName { get; private set; }
    public SeatCounts Counts { get; private set; } = SeatCounts.None;
    public int? SeatsLeft { get; private set; }
    public bool Open { get; private set; }
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }
    public string? FindingsHtml { get; private set; }
    /// <summary>Library items that came from this event (its findings, statements, presentations).</summary>
    public List<(string Slug, string Title, Library.ItemKind Kind)> LibraryItems { get; private set; } = [];
    /// <summary>Projects with an activity held as this event (a policy seminar away from headquarters, say), with their partners.</summary>
    public List<(string Slug, string Title, List<string> Partners)> Projects { get; private set; } = [];
    public string JsonLd { get; private set; } = "{}";
    /// <summary>The course run this event is a session of: it takes no registrations of its own.</summary>
    public Courses.CourseEventLink? Course { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, string? slug, CancellationToken ct)
    {
        var e = await db.Events.AsNoTracking().AsSplitQuery()
            .Include(x => x.Speakers).Include(x => x.Agenda).Include(x => x.Materials)
            .FirstOrDefaultAsync(x => x.Id == id && x.Status != EventStatus.Draft, ct);
        if (e is null) return NotFound();
        Course = await Courses.CourseEvents.FindAsync(db, e, ct);
        // A course run is shown (and enrolled in) on its course's page.
        if (Course is { IsRun: true } run) return Redirect(run.RunUrl);
        // One address per event: a wrong or missing slug redirects to the canonical one.
        if (slug != e.Slug) return RedirectPermanent($"/events/{e.Id}/{e.Slug}{Request.QueryString}");

        Event = e;
        SeriesName = e.SeriesId is { } sid ? await db.Series.Where(s => s.Id == sid).Select(s => s.Name).FirstOrDefaultAsync(ct) : null;
        Counts = await EventQueries.CountsAsync(db, e, ct);
        SeatsLeft = RegistrationRules.SeatsLeft(e.Capacity, Counts.SeatsTaken);
        var now = clock.GetUtcNow().UtcDateTime;
        Open = e.IsOpenForRegistration(now);
        StartsAt = EventQueries.Local(e.StartsAt, e.TimeZone);
        EndsAt = EventQueries.Local(e.EndsAt, e.TimeZone);
        if (!string.IsNullOrWhiteSpace(e.FindingsMarkdown) && e.Status == EventStatus.Held)
            FindingsHtml = Markdown.ToSafeHtml(e.FindingsMarkdown);
        JsonLd = BuildJsonLd(e);
        var language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        LibraryItems = (await db.LibraryDocuments.AsNoTracking().Where(d => d.EventId == e.Id && d.Visible)
                .Select(d => new { d.Slug, d.Texts, d.Kind }).ToListAsync(ct))
            .Select(d => (d.Slug, Library.LibraryLanguages.Pick(d.Texts, language).Title, d.Kind)).ToList();
        Projects = (await db.Projects.AsNoTracking().Where(p => p.Activities.Any(a => a.EventId == e.Id)).OrderBy(p => p.Start)
                .Select(p => new { p.Slug, p.Title, Partners = p.Partners.OrderBy(x => x.Order).Select(x => x.Name).ToList() }).ToListAsync(ct))
            .Select(p => (p.Slug, p.Title, p.Partners)).ToList();
        return Page();
    }

    /// <summary>schema.org Event, so that search engines and calendars can read the page.</summary>
    private string BuildJsonLd(Event e)
    {
        var url = links.Event(e);
        object location = e.Format == EventFormat.Online
            ? new Dictionary<string, object> { ["@type"] = "VirtualLocation", ["url"] = url }
            : new Dictionary<string, object>
            {
                ["@type"] = "Place", ["name"] = e.Venue,
                ["address"] = new Dictionary<string, object?> { ["@type"] = "PostalAddress", ["addressLocality"] = e.City, ["addressCountry"] = e.Country },
            };
        var ld = new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Event",
            ["name"] = e.Title,
            ["description"] = e.Summary,
            ["startDate"] = StartsAt.ToString("o"),
            ["endDate"] = EndsAt.ToString("o"),
            ["eventStatus"] = e.Status == EventStatus.Cancelled ? "https://schema.org/EventCancelled" : "https://schema.org/EventScheduled",
            ["eventAttendanceMode"] = e.Format switch
            {
                EventFormat.Online => "https://schema.org/OnlineEventAttendanceMode",
                EventFormat.Hybrid => "https://schema.org/MixedEventAttendanceMode",
                _ => "https://schema.org/OfflineEventAttendanceMode",
            },
            ["location"] = location,
            ["url"] = url,
            ["maximumAttendeeCapacity"] = e.Capacity,
            ["performer"] = e.Speakers.Select(s => new Dictionary<string, object> { ["@type"] = "Person", ["name"] = s.Name }).ToList(),
        };
        // The default encoder escapes <, > and &, so the JSON cannot close the script element it sits in.
        return JsonSerializer.Serialize(ld);
    }
}
