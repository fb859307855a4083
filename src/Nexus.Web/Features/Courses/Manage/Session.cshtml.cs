using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Features.Events;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Courses.Manage;

/// <summary>
/// Add or edit a session of a run. Each session is an event of kind CourseSession (time, room, capacity, format),
/// published with its course, that takes no registrations of its own: the run's enrolment and its ticket admit learners.
/// </summary>
public class SessionModel(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> t) : CourseManagePage(t)
{
    public sealed class InputModel
    {
        public string? Module { get; set; }
        public string? Title { get; set; }
        public string? StartsAt { get; set; }
        public string? EndsAt { get; set; }
        public string? Venue { get; set; }
        public string? Capacity { get; set; }
        public string? Format { get; set; } = Codes.Of(EventFormat.InPerson);
    }

    public sealed record ModuleOption(int Id, int Order, string Title);

    [BindProperty] public InputModel Input { get; set; } = new();
    public RunView Run { get; private set; } = null!;
    public string CourseTitle { get; private set; } = "";
    public bool CoursePublished { get; private set; }
    public int? SessionId { get; private set; }
    public List<ModuleOption> Modules { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int runId, int? sessionId, CancellationToken ct)
    {
        if (!await LoadAsync(runId, sessionId, ct)) return NotFound();
        if (sessionId is null)
        {
            // A new session most often teaches the next module: offer the first one no session teaches yet.
            var taught = await db.CourseSessions.Where(s => s.RunId == runId && s.ModuleId != null).Select(s => s.ModuleId!.Value).ToListAsync(ct);
            Input.Module = Modules.FirstOrDefault(m => !taught.Contains(m.Id))?.Id.ToString(CultureInfo.InvariantCulture);
            return Page();
        }
        var s = await db.CourseSessions.AsNoTracking().Include(x => x.Event).FirstAsync(x => x.Id == sessionId, ct);
        var e = s.Event!;
        var moduleTitle = Modules.FirstOrDefault(m => m.Id == s.ModuleId)?.Title;
        Input = new InputModel
        {
            Module = s.ModuleId?.ToString(CultureInfo.InvariantCulture),
            // The event's title is "Course: topic"; the form shows the topic only when it is not the module's title.
            Title = TopicOf(e.Title) is var topic && topic != moduleTitle ? topic : "",
            StartsAt = CourseForms.ToLocal(e.StartsAt, e.TimeZone), EndsAt = CourseForms.ToLocal(e.EndsAt, e.TimeZone),
            Venue = e.Venue, Capacity = e.Capacity?.ToString(CultureInfo.InvariantCulture), Format = Codes.Of(e.Format),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int runId, int? sessionId, CancellationToken ct)
    {
        if (!await LoadAsync(runId, sessionId, ct)) return NotFound();
        var errors = new FieldErrors();
        var zone = EventQueries.Zone(Run.Event.TimeZone);
        var f = CourseForms.Session(Input.Module, Input.Title, Input.StartsAt, Input.EndsAt, Input.Venue, Input.Capacity, Input.Format,
            Modules.Select(m => m.Id).ToList(), zone, Run.Event.StartsAt, Run.Event.EndsAt, errors);
        if (f is null)
        {
            Show(errors);
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        CourseSession session;
        if (sessionId is null)
        {
            session = new CourseSession
            {
                RunId = runId,
                // Closed to registration from the start: the run's enrolment admits to every session. Listed in the
                // programme once the course is published (the course edit page keeps the two in step).
                Event = new Event
                {
                    Title = "", Kind = EventKind.CourseSession, Status = CoursePublished ? EventStatus.Published : EventStatus.Draft,
                    CreatedAt = now, RegistrationClosesAt = now,
                },
            };
            db.CourseSessions.Add(session);
        }
        else session = await db.CourseSessions.Include(s => s.Event).FirstAsync(s => s.Id == sessionId, ct);
        session.ModuleId = f.ModuleId;
        var e = session.Event!;
        var topic = f.Title.Length > 0 ? f.Title : Modules.First(m => m.Id == f.ModuleId).Title;
        e.Title = RunModel.Shorten($"{CourseTitle}: {topic}", 300);
        e.Slug = Slugs.From(e.Title);
        (e.StartsAt, e.EndsAt, e.TimeZone, e.Venue, e.Capacity, e.Format) = (f.StartsAt, f.EndsAt, Run.Event.TimeZone, f.Venue, f.Capacity, f.Format);
        e.City = Run.Event.City;
        e.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return Done(CourseLinks.ManageRun(runId) + "#sessions", sessionId is null ? Localizer["Session added."] : Localizer["Session saved."]);
    }

    private string TopicOf(string eventTitle) =>
        eventTitle.StartsWith(CourseTitle + ": ", StringComparison.Ordinal) ? eventTitle[(CourseTitle.Length + 2)..] : eventTitle;

    private async Task<bool> LoadAsync(int runId, int? sessionId, CancellationToken ct)
    {
        var run = await CourseCatalogue.RunAsync(db, runId, clock.GetUtcNow().UtcDateTime, publicOnly: false, ct);
        if (run is null) return false;
        if (sessionId is not null && !await db.CourseSessions.AnyAsync(s => s.Id == sessionId && s.RunId == runId, ct)) return false;
        (Run, SessionId) = (run, sessionId);
        var course = await db.Courses.Where(c => c.Id == run.CourseId).Select(c => new { c.Title, c.Published }).FirstAsync(ct);
        (CourseTitle, CoursePublished) = (course.Title, course.Published);
        Modules = await db.CourseModules.AsNoTracking().Where(m => m.CourseId == run.CourseId).OrderBy(m => m.Order).ThenBy(m => m.Id)
            .Select(m => new ModuleOption(m.Id, m.Order, m.Title)).ToListAsync(ct);
        return true;
    }
}
