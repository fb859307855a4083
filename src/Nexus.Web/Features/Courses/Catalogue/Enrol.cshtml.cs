using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Features.Registrations;
using Nexus.Web.Infrastructure.Idempotency;
using Nexus.Web.Infrastructure.Security;

namespace Nexus.Web.Features.Courses.Catalogue;

/// <summary>
/// Self-enrolment in a run, for signed-in learners, with the seminar registration form and its once-only sending.
/// StaffOnly runs and closed windows say so instead of showing the form.
/// </summary>
[EnableRateLimiting(RateLimitPolicies.Registration)]
public class EnrolModel(AppDbContext db, CourseEnrolment enrolment, Enrolments enrolments, IdempotencyStore idempotency,
    TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public RegistrationFormInput Input { get; set; } = new();
    public string CourseSlug { get; private set; } = "";
    public string CourseTitle { get; private set; } = "";
    public RunView Run { get; private set; } = null!;
    /// <summary>The learner's enrolment in this run, when there already is one.</summary>
    public Enrolment? Existing { get; private set; }
    public Dictionary<string, string> Errors { get; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Done { get; private set; }
    public int? Position { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, int runId, string? done, int? position, CancellationToken ct)
    {
        if (!await LoadAsync(slug, runId, ct)) return NotFound();
        if (Run.Mode == EnrolmentMode.StaffOnly) return Page();
        if (User.Identity?.IsAuthenticated != true) return Challenge();
        if (done is "confirmed" or "waitlisted" or "pending") (Done, Position) = (done, position);
        else Existing = await enrolments.ForUserAsync(runId, User, ct);
        Input.IdempotencyKey = RegistrationFormInput.NewKey();
        var me = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == User.FindFirstValue(ClaimTypes.NameIdentifier), ct);
        if (me is not null) (Input.FullName, Input.Email, Input.Organization) = (me.FullName, me.Email, me.Organization);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, int runId, CancellationToken ct)
    {
        if (!await LoadAsync(slug, runId, ct)) return NotFound();
        if (Run.Mode == EnrolmentMode.StaffOnly) return Page();
        if (User.Identity?.IsAuthenticated != true) return Challenge();
        if (!Run.Open) return Page();

        var (valid, errors) = Input.ToInput(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName).Validate();
        foreach (var (field, message) in errors.Localized(t)) Errors[field] = message;
        if (valid is null) return Page();

        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var sent = await RegistrationForm.SubmitAsync(idempotency, $"form-enrolment:{runId}", Input.IdempotencyKey, valid, async () =>
        {
            // One enrolment per learner and run, even when the form is sent again with another email (a resend of
            // the same form is answered before this, with its first outcome).
            Existing = await enrolments.ForUserAsync(runId, User, ct);
            return Existing is null ? await enrolment.SelfAsync(Run.Event.Id, valid, userId, ct) : new RegisterResult(RegisterOutcome.Duplicate);
        }, ct);
        switch (sent.State)
        {
            case FormSubmitState.Done or FormSubmitState.Replayed:
                var o = sent.Outcome!;
                return Redirect(CourseLinks.Enrol(CourseSlug, Run.Id) + $"?done={o.Status}" + (o.Position is { } p ? $"&position={p}" : ""));
            case FormSubmitState.AlreadySent:
                Input.IdempotencyKey = RegistrationFormInput.NewKey();
                Errors["form"] = t["This form was already sent. Check your email before sending it again."];
                return Page();
            default:
                Input.IdempotencyKey = RegistrationFormInput.NewKey();
                if (Existing is not null) return Page();
                if (sent.Refusal == RegisterOutcome.Duplicate) Errors["email"] = t["{0} is already enrolled in this run.", valid.Email];
                else Errors["form"] = t["Enrolment in this run is not open."];
                return Page();
        }
    }

    private async Task<bool> LoadAsync(string slug, int runId, CancellationToken ct)
    {
        var course = await db.CourseRuns.AsNoTracking().Where(r => r.Id == runId && r.Course!.Slug == slug && r.Course.Published)
            .Select(r => new { r.Course!.Slug, r.Course.Title }).FirstOrDefaultAsync(ct);
        if (course is null) return false;
        var run = await CourseCatalogue.RunAsync(db, runId, clock.GetUtcNow().UtcDateTime, publicOnly: true, ct);
        if (run is null) return false;
        (CourseSlug, CourseTitle, Run) = (course.Slug, course.Title, run);
        return true;
    }
}
