using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Registrations;

namespace Nexus.Web.Features.Courses;

/// <summary>The enrolment of a signed-in learner in a run.</summary>
public sealed record Enrolment(int RegistrationId, int RunId, int CourseId, string FullName, string Email, RegistrationStatus Status)
{
    /// <summary>Confirmed, present or marked absent: the learner takes part (quizzes, attendance, completion).</summary>
    public bool Active => Enrolments.ActiveStatuses.Contains(Status);
}

/// <summary>
/// Who is enrolled where. An enrolment is a registration for the run's event, so a learner is found the way the
/// account page finds registrations: by the account that made it, or by the account's confirmed email (staff may
/// enrol someone before they have an account).
/// </summary>
public sealed class Enrolments(AppDbContext db)
{
    public static readonly RegistrationStatus[] ActiveStatuses =
        [RegistrationStatus.Confirmed, RegistrationStatus.Attended, RegistrationStatus.NoShow];

    /// <summary>The learner's current registration for the run (any status but cancelled, declined or rejected).</summary>
    public async Task<Enrolment?> ForUserAsync(int runId, ClaimsPrincipal user, CancellationToken ct)
    {
        var (userId, email) = await IdentityAsync(user, ct);
        if (userId is null) return null;
        var inactive = RegistrationRules.Inactive;
        return await (from run in db.CourseRuns.AsNoTracking()
                      join r in db.Registrations.AsNoTracking() on run.EventId equals r.EventId
                      where run.Id == runId && !inactive.Contains(r.Status)
                            && (r.UserId == userId || (email != null && r.NormalizedEmail == email))
                      orderby r.Id descending
                      select new Enrolment(r.Id, run.Id, run.CourseId, r.FullName, r.Email, r.Status))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>Every run the learner is registered for, newest first.</summary>
    public async Task<List<Enrolment>> AllForUserAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var (userId, email) = await IdentityAsync(user, ct);
        if (userId is null) return [];
        var inactive = RegistrationRules.Inactive;
        return await (from run in db.CourseRuns.AsNoTracking()
                      join r in db.Registrations.AsNoTracking() on run.EventId equals r.EventId
                      where !inactive.Contains(r.Status) && (r.UserId == userId || (email != null && r.NormalizedEmail == email))
                      orderby r.Id descending
                      select new Enrolment(r.Id, run.Id, run.CourseId, r.FullName, r.Email, r.Status))
            .Take(200).ToListAsync(ct);
    }

    /// <summary>The enrolment behind a registration id, when that registration is for a course run.</summary>
    public Task<Enrolment?> ByRegistrationAsync(int registrationId, CancellationToken ct) =>
        (from run in db.CourseRuns.AsNoTracking()
         join r in db.Registrations.AsNoTracking() on run.EventId equals r.EventId
         where r.Id == registrationId
         select new Enrolment(r.Id, run.Id, run.CourseId, r.FullName, r.Email, r.Status)).FirstOrDefaultAsync(ct);

    /// <summary>The user id, and the normalised email only when the account has confirmed it.</summary>
    private async Task<(string? UserId, string? Email)> IdentityAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null) return (null, null);
        var email = await db.Users.AsNoTracking().Where(u => u.Id == id && u.EmailConfirmed)
            .Select(u => u.NormalizedEmail).FirstOrDefaultAsync(ct);
        // Registrations store the upper-invariant email, as Identity's normaliser does.
        return (id, email);
    }
}
