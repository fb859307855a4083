using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Events;
using Nexus.Web.Features.Registrations;

namespace Nexus.Web.Features.Courses;

/// <summary>A run as the catalogue, the staff pages and the API show it: its event, seats and enrolment state.</summary>
public sealed record RunView(int Id, int CourseId, string Title, EnrolmentMode Mode, Event Event, SeatCounts Counts, RunState State)
{
    public int? SeatsLeft => RegistrationRules.SeatsLeft(Event.Capacity, Counts.SeatsTaken);
    public DateTimeOffset StartsAt => EventQueries.Local(Event.StartsAt, Event.TimeZone);
    public DateTimeOffset EndsAt => EventQueries.Local(Event.EndsAt, Event.TimeZone);
    public DateTimeOffset? OpensAt => Event.RegistrationOpensAt is { } o ? EventQueries.Local(o, Event.TimeZone) : null;
    public DateTimeOffset? ClosesAt => Event.RegistrationClosesAt is { } c ? EventQueries.Local(c, Event.TimeZone) : null;
    /// <summary>Whether a learner may enrol now (StaffOnly runs never).</summary>
    public bool Open => State == RunState.Open;
}

/// <summary>A session of a run, with its event (time, room, capacity) and the module it teaches.</summary>
public sealed record SessionView(int Id, int RunId, int? ModuleId, string? ModuleTitle, Event Event)
{
    public DateTimeOffset StartsAt => EventQueries.Local(Event.StartsAt, Event.TimeZone);
    public DateTimeOffset EndsAt => EventQueries.Local(Event.EndsAt, Event.TimeZone);
}

public static class CourseCatalogue
{
    /// <summary>The runs of <paramref name="runs"/> with their events and seat counts, in start order.</summary>
    public static async Task<List<RunView>> RunsAsync(AppDbContext db, IQueryable<CourseRun> runs, DateTime now, bool publicOnly, CancellationToken ct)
    {
        var query = runs.AsNoTracking().Include(r => r.Event).AsQueryable();
        if (publicOnly) query = query.Where(r => r.Event!.Status != EventStatus.Draft);
        var rows = await query.OrderBy(r => r.Event!.StartsAt).ThenBy(r => r.Id).Take(500).ToListAsync(ct);
        var counts = await EventQueries.CountsAsync(db, rows.Select(r => (r.EventId, r.Event!.PendingHoldsSeat)).ToList(), ct);
        return rows.Select(r => new RunView(r.Id, r.CourseId, r.Title, r.EnrolmentMode, r.Event!, counts[r.EventId],
            CourseRules.State(r.Event!, r.EnrolmentMode, now))).ToList();
    }

    public static async Task<RunView?> RunAsync(AppDbContext db, int runId, DateTime now, bool publicOnly, CancellationToken ct) =>
        (await RunsAsync(db, db.CourseRuns.Where(r => r.Id == runId), now, publicOnly, ct)).FirstOrDefault();

    /// <summary>The sessions of the given runs, in time order.</summary>
    public static Task<List<SessionView>> SessionsAsync(AppDbContext db, IReadOnlyCollection<int> runIds, CancellationToken ct) =>
        db.CourseSessions.AsNoTracking().Where(s => runIds.Contains(s.RunId))
            .OrderBy(s => s.Event!.StartsAt).ThenBy(s => s.Id)
            .Select(s => new SessionView(s.Id, s.RunId, s.ModuleId, s.Module == null ? null : s.Module.Title, s.Event!))
            .ToListAsync(ct);

    /// <summary>Published quizzes per module, for the modules of one course.</summary>
    public static async Task<Dictionary<int, int>> QuizCountsAsync(AppDbContext db, int courseId, CancellationToken ct) =>
        await db.Quizzes.AsNoTracking().Where(q => q.Published && q.Module!.CourseId == courseId)
            .GroupBy(q => q.ModuleId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
}
