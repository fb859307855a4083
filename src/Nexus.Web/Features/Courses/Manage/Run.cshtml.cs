using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Features.Events;
using Nexus.Web.Features.Registrations;
using Nexus.Web.Infrastructure;
using Nexus.Web.Infrastructure.Idempotency;

namespace Nexus.Web.Features.Courses.Manage;

/// <summary>
/// Create a run or edit it. A run owns an event of kind Course that carries its dates, seats, enrolment window and
/// waiting list; saving the run saves that event with it. The page also lists the run's sessions and lets staff
/// enrol someone by email through the registration engine.
/// </summary>
public class RunModel(AppDbContext db, CourseEnrolment enrolment, RegistrationService registrations, IdempotencyStore idempotency,
    TimeProvider clock, IStringLocalizer<SharedResource> t) : CourseManagePage(t)
{
    public sealed class RunInput
    {
        public string? Title { get; set; }
        public string? StartsAt { get; set; }
        public string? EndsAt { get; set; }
        public string? TimeZone { get; set; } = "Europe/Zurich";
        public string? Capacity { get; set; }
        public string? EnrolmentMode { get; set; } = Codes.Of(Courses.EnrolmentMode.Self);
        public string? RegistrationOpensAt { get; set; }
        public string? RegistrationClosesAt { get; set; }
        public string? OfferHours { get; set; } = "48";
    }

    [BindProperty] public RunInput Run { get; set; } = new();
    /// <summary>The staff enrolment form (the registration form's fields).</summary>
    [BindProperty] public RegistrationFormInput Input { get; set; } = new();
    public int CourseId { get; private set; }
    public string CourseTitle { get; private set; } = "";
    public int? RunId { get; private set; }
    public RunView? View { get; private set; }
    public List<SessionView> Sessions { get; private set; } = [];
    /// <summary>Which form the errors belong to: "run" or "enrol".</summary>
    public string? FailedForm { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? runId, int? courseId, CancellationToken ct)
    {
        if (!await LoadAsync(runId, courseId, ct)) return NotFound();
        ShowStoredRun();
        Input.IdempotencyKey = RegistrationFormInput.NewKey();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? runId, int? courseId, CancellationToken ct)
    {
        if (!await LoadAsync(runId, courseId, ct)) return NotFound();
        var errors = new FieldErrors();
        var f = CourseForms.Run(Run.Title, Run.StartsAt, Run.EndsAt, Run.TimeZone, Run.Capacity, Run.EnrolmentMode,
            Run.RegistrationOpensAt, Run.RegistrationClosesAt, Run.OfferHours, errors);
        if (f is not null && Sessions.Count(s => s.Event.StartsAt < f.StartsAt || s.Event.EndsAt > f.EndsAt) is var outside and > 0)
            errors.Add("endsAt", "{0} sessions would fall outside the run; move them first.", outside);
        if (f is null || errors.Any) return Again(errors, "run");

        var now = clock.GetUtcNow().UtcDateTime;
        CourseRun run;
        if (runId is null)
        {
            run = new CourseRun { CourseId = CourseId, Title = "", CreatedAt = now, Event = new Event { Title = "", Kind = EventKind.Course, CreatedAt = now } };
            db.CourseRuns.Add(run);
        }
        else run = await db.CourseRuns.Include(r => r.Event).FirstAsync(r => r.Id == runId, ct);
        (run.Title, run.EnrolmentMode) = (f.Title, f.Mode);
        var e = run.Event!;
        e.Title = Shorten($"{CourseTitle}: {f.Title}", 300);
        e.Slug = Slugs.From(e.Title);
        // A run is open to enrolment as soon as it exists; the course's own Published flag decides whether the public sees it.
        e.Status = e.Status == EventStatus.Draft ? EventStatus.Published : e.Status;
        (e.StartsAt, e.EndsAt, e.TimeZone, e.Capacity) = (f.StartsAt, f.EndsAt, f.TimeZone, f.Capacity);
        (e.RegistrationOpensAt, e.RegistrationClosesAt, e.OfferHours) = (f.OpensAt, f.ClosesAt, f.OfferHours);
        e.RequiresApproval = CourseRules.RequiresApproval(f.Mode);
        e.UpdatedAt = now;
        if (runId is not null)
        {
            // Sessions are shown in the run's zone.
            var sessionIds = Sessions.Select(s => s.Event.Id).ToList();
            await foreach (var s in db.Events.Where(x => sessionIds.Contains(x.Id)).AsAsyncEnumerable().WithCancellation(ct)) s.TimeZone = f.TimeZone;
        }
        await db.SaveChangesAsync(ct);
        // More seats, or no approval any more, can let people in from the waiting list.
        if (runId is not null) await registrations.OfferFreeSeatsAsync(e.Id, ct);
        return Done(CourseLinks.ManageRun(run.Id), runId is null ? Localizer["Run created."] : Localizer["Run saved."]);
    }

    /// <summary>Staff enrol a person by email: through the registration engine, linked to their account if they have one.</summary>
    public async Task<IActionResult> OnPostEnrolAsync(int runId, CancellationToken ct)
    {
        if (!await LoadAsync(runId, null, ct)) return NotFound();
        var email = FieldErrors.Clean(Input.Email) ?? "";
        var account = email.Length > 0
            ? await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == email.ToUpperInvariant() && u.EmailConfirmed)
                .Select(u => new { u.FullName, u.Organization, u.Language }).FirstOrDefaultAsync(ct)
            : null;
        // The account fills what staff left blank, so enrolling a known person takes only their email.
        if (account is not null)
        {
            if (string.IsNullOrWhiteSpace(Input.FullName)) Input.FullName = account.FullName;
            if (string.IsNullOrWhiteSpace(Input.Organization)) Input.Organization = account.Organization;
        }
        var (valid, errors) = Input.ToInput(account?.Language ?? CultureInfo.CurrentUICulture.TwoLetterISOLanguageName).Validate();
        if (valid is null) return Again(errors, "enrol");

        var staffId = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var sent = await RegistrationForm.SubmitAsync(idempotency, $"staff-enrolment:{runId}", Input.IdempotencyKey, valid,
            () => enrolment.ByStaffAsync(View!.Event.Id, valid, staffId, ct), ct);
        switch (sent.State)
        {
            case FormSubmitState.Done or FormSubmitState.Replayed:
                var status = Codes.TryParse<RegistrationStatus>(sent.Outcome!.Status, out var s) ? Localizer[EventText.RegistrationStatus(s)].Value : sent.Outcome.Status;
                return Done(CourseLinks.ManageRun(runId) + "#enrol", Localizer["{0} enrolled: {1}.", valid.Email, status]);
            case FormSubmitState.AlreadySent:
                Errors["form"] = Localizer["This form was already sent. Check your email before sending it again."];
                return Again(new FieldErrors(), "enrol");
            default:
                var refused = new FieldErrors();
                if (sent.Refusal == RegisterOutcome.Duplicate) refused.Add("email", "{0} is already enrolled in this run.", valid.Email);
                else refused.Add("form", "Enrolment in this run is not open: check its enrolment window and dates.");
                return Again(refused, "enrol");
        }
    }

    public async Task<IActionResult> OnPostRemoveSessionAsync(int runId, int sessionId, CancellationToken ct)
    {
        var session = await db.CourseSessions.Include(s => s.Event).FirstOrDefaultAsync(s => s.Id == sessionId && s.RunId == runId, ct);
        if (session is null) return NotFound();
        if (await db.SessionAttendance.AnyAsync(a => a.SessionId == sessionId, ct)
            || await db.Certificates.AnyAsync(c => c.EventId == session.EventId, ct))
            return Done(CourseLinks.ManageRun(runId) + "#sessions", Localizer["This session has attendance or certificates recorded, so it stays. Cancel its event instead."]);
        // The session's event exists only for the session: both go in one save.
        db.CourseSessions.Remove(session);
        db.Events.Remove(session.Event!);
        await db.SaveChangesAsync(ct);
        return Done(CourseLinks.ManageRun(runId) + "#sessions", Localizer["Session removed."]);
    }

    private PageResult Again(FieldErrors errors, string form)
    {
        Show(errors);
        FailedForm = form;
        if (form == "enrol")
        {
            Input.IdempotencyKey = RegistrationFormInput.NewKey();
            ShowStoredRun();
        }
        return Page();
    }

    /// <summary>The run's form as stored, in the run's zone.</summary>
    private void ShowStoredRun()
    {
        if (View is not { } v) return;
        var e = v.Event;
        Run = new RunInput
        {
            Title = v.Title, StartsAt = CourseForms.ToLocal(e.StartsAt, e.TimeZone), EndsAt = CourseForms.ToLocal(e.EndsAt, e.TimeZone),
            TimeZone = e.TimeZone, Capacity = e.Capacity?.ToString(CultureInfo.InvariantCulture), EnrolmentMode = Codes.Of(v.Mode),
            RegistrationOpensAt = CourseForms.ToLocal(e.RegistrationOpensAt, e.TimeZone),
            RegistrationClosesAt = CourseForms.ToLocal(e.RegistrationClosesAt, e.TimeZone),
            OfferHours = e.OfferHours.ToString(CultureInfo.InvariantCulture),
        };
    }

    private async Task<bool> LoadAsync(int? runId, int? courseId, CancellationToken ct)
    {
        if (runId is { } id)
        {
            View = await CourseCatalogue.RunAsync(db, id, clock.GetUtcNow().UtcDateTime, publicOnly: false, ct);
            if (View is null) return false;
            RunId = id;
            courseId = View.CourseId;
            Sessions = await CourseCatalogue.SessionsAsync(db, [id], ct);
        }
        var title = await db.Courses.Where(c => c.Id == courseId).Select(c => c.Title).FirstOrDefaultAsync(ct);
        if (title is null) return false;
        (CourseId, CourseTitle) = (courseId!.Value, title);
        return true;
    }

    public static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
