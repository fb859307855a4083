using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Registrations;

namespace Nexus.Web.Features.Courses;

/// <summary>
/// Enrolment in a run: a registration for the run's event, made by the registration engine (seats, waiting list,
/// approval, emails with the QR ticket). The pages and the API decide who may enrol; this decides nothing about seats.
/// </summary>
public sealed class CourseEnrolment(AppDbContext db, RegistrationDesk desk)
{
    /// <summary>A signed-in learner enrols: the registration belongs to their account.</summary>
    public Task<RegisterResult> SelfAsync(int runEventId, RegistrationInput.Valid person, string userId, CancellationToken ct) =>
        desk.RegisterAsync(new RegisterRequest(runEventId, person, userId), ct);

    /// <summary>
    /// Staff enrol someone. The registration is linked to the account with that email when there is one, and an
    /// enrolment that would wait for approval is admitted at once: staff enrolling someone is the approval, so the
    /// person gets one email (confirmed, or their place on the waiting list), not "awaiting approval" and then another.
    /// </summary>
    public async Task<RegisterResult> ByStaffAsync(int runEventId, RegistrationInput.Valid person, string staffId, CancellationToken ct) =>
        await desk.RegisterAsync(new RegisterRequest(runEventId, person, await AccountIdAsync(person.Email, ct), ApprovedBy: staffId), ct);

    /// <summary>
    /// The account that has confirmed this email (Identity keeps emails upper-cased in NormalizedEmail). An unconfirmed
    /// one could be anybody's claim to the address, so it gets no one's enrolment.
    /// </summary>
    public Task<string?> AccountIdAsync(string email, CancellationToken ct)
    {
        var normalized = email.ToUpperInvariant();
        return db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized && u.EmailConfirmed).Select(u => u.Id).FirstOrDefaultAsync(ct);
    }
}
