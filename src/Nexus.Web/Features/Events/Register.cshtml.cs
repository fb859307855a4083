using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
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
    public sealed class InputModel
    {
        public string? FullName { get; set; }
        public string? Email { get; set; }
        public string? Organization { get; set; }
        public string? StakeholderGroup { get; set; }
        public string? Country { get; set; }
        public string? Gender { get; set; }
        public string? AccessibilityNeeds { get; set; }
        public bool ListPublicly { get; set; }
        /// <summary>Set when the form is shown, so a double submit or a browser retry registers once.</summary>
        public string? IdempotencyKey { get; set; }
    }

    private sealed record FormOutcome(string Status, int? Position);

    [BindProperty] public InputModel Input { get; set; } = new();
    public Event Event { get; private set; } = null!;
    public bool Open { get; private set; }
    public int? SeatsLeft { get; private set; }
    public Dictionary<string, string> Errors { get; } = new();
    public string? Done { get; private set; }
    public int? Position { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, string? done, int? position, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (done is "confirmed" or "waitlisted" or "pending") (Done, Position) = (done, position);
        Input.IdempotencyKey = Guid.NewGuid().ToString("N");
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
        if (!Open) return Page();

        var (valid, errors) = new RegistrationInput
        {
            FullName = Input.FullName, Email = Input.Email, Organization = Input.Organization,
            StakeholderGroup = Input.StakeholderGroup, Country = Input.Country, Gender = Input.Gender,
            AccessibilityNeeds = Input.AccessibilityNeeds, ListPublicly = Input.ListPublicly,
            Language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName,
        }.Validate();
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

        var key = IdempotencyStore.IsValidKey(Input.IdempotencyKey) ? Input.IdempotencyKey! : Guid.NewGuid().ToString("N");
        var scope = $"form-registration:{id}";
        var begin = await idempotency.BeginAsync(scope, key, IdempotencyStore.Fingerprint(valid), ct);
        if (begin.State == IdempotencyState.Replay && begin.Record!.ResponseBody is { } stored)
            return ResultRedirect(JsonSerializer.Deserialize<FormOutcome>(stored)!);
        if (begin.State != IdempotencyState.Started)
        {
            // The same form is being submitted twice at once, or was edited and sent again: show it afresh.
            Input.IdempotencyKey = Guid.NewGuid().ToString("N");
            Errors["form"] = t["This form was already sent. Check your email before sending it again."];
            return Page();
        }

        try
        {
            string? noteKey = noteKind is { } k ? (await files.SaveAsync(noteStream, k, ct)).Key : null;
            var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
            var result = await registrations.RegisterAsync(new RegisterRequest(id, valid, userId, noteKey), ct);
            if (result.Outcome != RegisterOutcome.Created)
            {
                if (noteKey is not null) files.Delete(noteKey);
                await idempotency.AbandonAsync(scope, key);
                Input.IdempotencyKey = Guid.NewGuid().ToString("N");
                if (result.Outcome == RegisterOutcome.Duplicate) Errors["email"] = t["This email address is already registered for this event."];
                else Errors["form"] = t["Registration for this event is not open."];
                return Page();
            }
            var outcome = new FormOutcome(Codes.Of(result.Registration!.Status), result.WaitlistPosition);
            await idempotency.CompleteAsync(scope, key, 303, JsonSerializer.Serialize(outcome), null, ct);
            return ResultRedirect(outcome);
        }
        catch
        {
            await idempotency.AbandonAsync(scope, key);
            throw;
        }
    }

    private RedirectResult ResultRedirect(FormOutcome o) =>
        Redirect($"/events/{Event.Id}/register?done={o.Status}" + (o.Position is { } p ? $"&position={p}" : ""));

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var e = await db.Events.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.Status != EventStatus.Draft, ct);
        if (e is null) return false;
        Event = e;
        Open = e.IsOpenForRegistration(clock.GetUtcNow().UtcDateTime);
        var counts = await EventQueries.CountsAsync(db, e, ct);
        SeatsLeft = RegistrationRules.SeatsLeft(e.Capacity, counts.SeatsTaken);
        return true;
    }
}
