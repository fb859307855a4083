using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Nexus.Web.Data;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Registrations;
using Nexus.Web.Infrastructure;
using Nexus.Web.Infrastructure.Files;
using Nexus.Web.Infrastructure.Idempotency;
using Nexus.Web.Infrastructure.Security;

namespace Nexus.Web.Features.Events;

[EnableRateLimiting(RateLimitPolicies.Registration)]
public class RegisterModel(AppDbContext db, RegistrationDesk registrations, IdempotencyStore idempotency, FileStore files,
    IOptions<NexusOptions> options, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public RegistrationFormInput Input { get; set; } = new();
    public Event Event { get; private set; } = null!;
    public bool Open { get; private set; }
    public int? SeatsLeft { get; private set; }
    public Dictionary<string, string> Errors { get; } = new();
    public string? Done { get; private set; }
    public int? Position { get; private set; }
    public string? CourseEnrolUrl { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, string? done, int? position, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (CourseEnrolUrl is { } enrol) return Redirect(enrol);
        if (done is "confirmed" or "waitlisted" or "pending") (Done, Position) = (done, position);
        Input.IdempotencyKey = RegistrationFormInput.NewKey();
        if (User.Identity?.IsAuthenticated == true)
        {
            var me = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == User.FindFirstValue(ClaimTypes.NameIdentifier), ct);
            if (me is not null) (Input.FullName, Input.Email, Input.Organization) = (me.FullName, me.Email, me.Organization);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, [FromForm(Name = "NoteVerbale")] IFormFile? noteVerbale, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (CourseEnrolUrl is { } enrol) return Redirect(enrol);
        if (!Open) return Page();

        var (valid, errors) = Input.ToInput(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName).Validate();
        foreach (var (field, message) in errors.Localized(t)) Errors[field] = message;

        FileKind? noteKind = null;
        await using var noteStream = new MemoryStream();
        if (Event.AcceptsNoteVerbale && noteVerbale is { Length: > 0 })
        {
            if (noteVerbale.Length > options.Value.MaxUploadBytes) Errors["noteVerbale"] = t["The file is too large."];
            else
            {
                await noteVerbale.CopyToAsync(noteStream, ct);
                noteKind = FileStore.Sniff(noteStream);
                if (noteKind is not (FileKind.Pdf or FileKind.Docx)) Errors["noteVerbale"] = t["Upload a PDF or DOCX file."];
            }
        }
        if (Errors.Count > 0 || valid is null) return Page();

        string? noteKey = null;
        var sent = await RegistrationForm.SubmitAsync(idempotency, $"form-registration:{id}", Input.IdempotencyKey, valid, async () =>
        {
            noteKey = noteKind is { } k ? (await files.SaveAsync(noteStream, k, ct)).Key : null;
            var result = await registrations.RegisterAsync(new RegisterRequest(id, valid, User.FindFirstValue(ClaimTypes.NameIdentifier), noteKey), ct);
            if (result.Outcome != RegisterOutcome.Created && noteKey is not null) files.Delete(noteKey);
            return result;
        }, ct);
        switch (sent.State)
        {
            case FormSubmitState.Done or FormSubmitState.Replayed:
                return ResultRedirect(sent.Outcome!);
            case FormSubmitState.AlreadySent:
                // The same form is being submitted twice at once, or was edited and sent again: show it afresh.
                Input.IdempotencyKey = RegistrationFormInput.NewKey();
                Errors["form"] = t["This form was already sent. Check your email before sending it again."];
                return Page();
            default:
                Input.IdempotencyKey = RegistrationFormInput.NewKey();
                if (sent.Refusal == RegisterOutcome.Duplicate) Errors["email"] = t["This email address is already registered for this event."];
                else Errors["form"] = t["Registration for this event is not open."];
                return Page();
        }
    }

    private RedirectResult ResultRedirect(FormOutcome o) =>
        Redirect($"/events/{Event.Id}/register?done={o.Status}" + (o.Position is { } p ? $"&position={p}" : ""));

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var e = await db.Events.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.Status != EventStatus.Draft, ct);
        if (e is null) return false;
        Event = e;
        // Course runs and their sessions take enrolments on the course's own page.
        CourseEnrolUrl = (await Courses.CourseEvents.FindAsync(db, e, ct))?.EnrolUrl;
        Open = e.IsOpenForRegistration(clock.GetUtcNow().UtcDateTime);
        var counts = await EventQueries.CountsAsync(db, e, ct);
        SeatsLeft = RegistrationRules.SeatsLeft(e.Capacity, counts.SeatsTaken);
        return true;
    }
}
