using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Registrations;

namespace Nexus.Web.Features.Courses.Progress;

public enum AttendanceOutcome { Marked, AlreadyMarked, SessionNotFound, NotThisRun, NotActive }

public sealed record AttendanceGridSave(int Added, int Removed, bool Conflict);

/// <summary>
/// Presence at course sessions: by scanning the learner's ticket at the door or ticked by staff. One row per learner
/// and session (a unique index), so a second scan records nothing new. The first presence also checks the learner in
/// on the run's registration, so the registration statistics count them as having attended.
/// </summary>
public sealed class AttendanceService(AppDbContext db, RegistrationService registrations, ProgressService progress, TimeProvider clock)
{
    public async Task<AttendanceOutcome> MarkAsync(int sessionId, int registrationId, AttendanceSource source, string byUserId, CancellationToken ct = default)
    {
        var session = await db.CourseSessions.AsNoTracking().Where(s => s.Id == sessionId)
            .Select(s => new { s.Id, s.Run!.EventId }).FirstOrDefaultAsync(ct);
        if (session is null) return AttendanceOutcome.SessionNotFound;
        var r = await db.Registrations.AsNoTracking().Where(x => x.Id == registrationId)
            .Select(x => new { x.EventId, x.Status }).FirstOrDefaultAsync(ct);
        if (r is null || r.EventId != session.EventId) return AttendanceOutcome.NotThisRun;
        if (!Enrolments.ActiveStatuses.Contains(r.Status)) return AttendanceOutcome.NotActive;

        var row = new SessionAttendance
        {
            SessionId = sessionId, RegistrationId = registrationId, Source = source, At = clock.GetUtcNow().UtcDateTime, ByUserId = byUserId,
        };
        db.SessionAttendance.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two scans at the same moment: the unique index lets one through. Anything else is a real error.
            db.Entry(row).State = EntityState.Detached;
            if (await db.SessionAttendance.AnyAsync(a => a.SessionId == sessionId && a.RegistrationId == registrationId, ct))
                return AttendanceOutcome.AlreadyMarked;
            throw;
        }
        await AfterChangeAsync([registrationId], byUserId, ct);
        return AttendanceOutcome.Marked;
    }

    public async Task<bool> UnmarkAsync(int sessionId, int registrationId, CancellationToken ct = default) =>
        await db.SessionAttendance.Where(a => a.SessionId == sessionId && a.RegistrationId == registrationId).ExecuteDeleteAsync(ct) > 0;

    /// <summary>
    /// Staff's grid for a run: <paramref name="ticked"/> is every (session, registration) ticked on the form, and
    /// <paramref name="shownTicked"/> those that were ticked when the form was shown. Only the differences are applied,
    /// so a scan at the door while the grid was open is not undone. Marks and unmarks are written in one transaction;
    /// pairs outside the run or of learners not taking part are ignored.
    /// </summary>
    public async Task<AttendanceGridSave> SaveGridAsync(int runId, IReadOnlySet<(int SessionId, int RegistrationId)> ticked,
        IReadOnlySet<(int SessionId, int RegistrationId)> shownTicked, string byUserId, CancellationToken ct = default)
    {
        var run = await db.CourseRuns.AsNoTracking().Where(r => r.Id == runId).Select(r => new { r.EventId }).FirstOrDefaultAsync(ct);
        if (run is null) return new(0, 0, false);
        var active = Enrolments.ActiveStatuses;
        var sessions = (await db.CourseSessions.Where(s => s.RunId == runId).Select(s => s.Id).ToListAsync(ct)).ToHashSet();
        var learners = await db.Registrations.Where(r => r.EventId == run.EventId && active.Contains(r.Status)).Select(r => r.Id).ToListAsync(ct);
        var learnerSet = learners.ToHashSet();
        bool InRun((int SessionId, int RegistrationId) p) => sessions.Contains(p.SessionId) && learnerSet.Contains(p.RegistrationId);
        var toAdd = ticked.Where(p => InRun(p) && !shownTicked.Contains(p)).ToHashSet();
        var toRemove = shownTicked.Where(p => InRun(p) && !ticked.Contains(p)).ToHashSet();
        if (toAdd.Count == 0 && toRemove.Count == 0) return new(0, 0, false);
        var now = clock.GetUtcNow().UtcDateTime;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var current = await db.SessionAttendance.Where(a => a.Session!.RunId == runId && learners.Contains(a.RegistrationId)).ToListAsync(ct);
        var have = current.Select(a => (a.SessionId, a.RegistrationId)).ToHashSet();
        var removed = current.Where(a => toRemove.Contains((a.SessionId, a.RegistrationId))).ToList();
        db.SessionAttendance.RemoveRange(removed);
        var added = toAdd.Where(w => !have.Contains(w)).Select(w => new SessionAttendance
        {
            SessionId = w.SessionId, RegistrationId = w.RegistrationId, Source = AttendanceSource.Staff, At = now, ByUserId = byUserId,
        }).ToList();
        db.SessionAttendance.AddRange(added);
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A scan at the door landed between our read and our write: nothing of this save is kept.
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return new(0, 0, true);
        }
        await AfterChangeAsync(added.Select(a => a.RegistrationId).Distinct().ToList(), byUserId, ct);
        return new(added.Count, removed.Count, false);
    }

    /// <summary>Checks in learners present for the first time, then records the completions now due.</summary>
    private async Task AfterChangeAsync(IReadOnlyList<int> registrationIds, string byUserId, CancellationToken ct)
    {
        foreach (var id in registrationIds)
        {
            // CheckInAsync changes only a confirmed or absent registration, so a learner already present is left alone.
            await registrations.CheckInAsync(id, byUserId, ct);
            await progress.RecordCompletionIfDueAsync(id, ct);
        }
    }
}
