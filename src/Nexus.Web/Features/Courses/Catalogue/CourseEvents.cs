using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Events;

namespace Nexus.Web.Features.Courses;

/// <summary>The course behind an event: the run it is the enrolment of, or the run one of its sessions belongs to.</summary>
public sealed record CourseEventLink(int CourseId, string CourseSlug, string CourseTitle, bool CoursePublished, int RunId,
    string RunTitle, bool IsRun)
{
    public string RunUrl => CourseLinks.Run(CourseSlug, RunId);
    public string EnrolUrl => CourseLinks.Enrol(CourseSlug, RunId);
}

public static class CourseLinks
{
    public static string Course(string slug) => $"/courses/{slug}";
    public static string Run(string slug, int runId) => $"/courses/{slug}#run-{runId}";
    public static string Enrol(string slug, int runId) => $"/courses/{slug}/runs/{runId}/enrol";
    public static string Manage(int courseId) => $"/courses/manage/{courseId}";
    public static string ManageRun(int runId) => $"/courses/manage/runs/{runId}";
}

/// <summary>Lets the event pages send course runs and their sessions to the course's own pages.</summary>
public static class CourseEvents
{
    /// <summary>The course link of <paramref name="e"/>, or null for an event that is not part of a course run.</summary>
    public static async Task<CourseEventLink?> FindAsync(AppDbContext db, Event e, CancellationToken ct)
    {
        // Most events are seminars: only the two course kinds cost a query.
        if (e.Kind == EventKind.Course)
            return await db.CourseRuns.AsNoTracking().Where(r => r.EventId == e.Id)
                .Select(r => new CourseEventLink(r.CourseId, r.Course!.Slug, r.Course.Title, r.Course.Published, r.Id, r.Title, true))
                .FirstOrDefaultAsync(ct);
        if (e.Kind == EventKind.CourseSession)
            return await db.CourseSessions.AsNoTracking().Where(s => s.EventId == e.Id)
                .Select(s => new CourseEventLink(s.Run!.CourseId, s.Run.Course!.Slug, s.Run.Course.Title, s.Run.Course.Published, s.RunId, s.Run.Title, false))
                .FirstOrDefaultAsync(ct);
        return null;
    }

    /// <summary>
    /// Whether the event belongs to a course run: the run's own event or one of its sessions. Registrations for them
    /// go through the course's enrolment, which knows the run's enrolment mode; the events API refuses them.
    /// </summary>
    public static Task<bool> IsPartOfARunAsync(AppDbContext db, int eventId, CancellationToken ct) =>
        db.Events.AnyAsync(e => e.Id == eventId
                                && (e.Kind == EventKind.Course || (e.Kind == EventKind.CourseSession && db.CourseSessions.Any(s => s.EventId == e.Id))), ct);
}
