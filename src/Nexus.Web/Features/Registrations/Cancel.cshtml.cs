using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Features.Accounts.Tokens;
using Nexus.Web.Infrastructure.Security;

namespace Nexus.Web.Features.Registrations;

/// <summary>
/// The page behind the cancel link in the confirmation email. GET only shows (mail scanners follow links);
/// cancelling takes a POST.
/// </summary>
[EnableRateLimiting(RateLimitPolicies.Registration)]
public class CancelModel(AppDbContext db, RegistrationService service, IStringLocalizer<SharedResource> t) : PageModel
{
    public Registration? Registration { get; private set; }
    public string EventTitle { get; private set; } = "";
    public string EventSlug { get; private set; } = "";
    public int? Position { get; private set; }
    public bool CanCancel => Registration is not null && RegistrationRules.CanMove(Registration.Status, RegistrationStatus.Cancelled);

    public async Task OnGetAsync(string secret, CancellationToken ct)
    {
        await LoadAsync(secret, ct);
        if (Registration is null) Response.StatusCode = 404;
    }

    public async Task<IActionResult> OnPostAsync(string secret, CancellationToken ct)
    {
        await LoadAsync(secret, ct);
        if (Registration is null) return Page();
        var result = await service.CancelAsync(Registration.Id, null, ct);
        TempData["Message"] = result.Outcome is ChangeOutcome.Done or ChangeOutcome.AlreadyDone
            ? t["Your registration is cancelled."].Value
            : t["This registration can no longer be cancelled."].Value;
        return Redirect($"/registrations/cancel/{Uri.EscapeDataString(secret)}");
    }

    private async Task LoadAsync(string secret, CancellationToken ct)
    {
        if (secret.Length > 100) return;
        var hash = TokenSecrets.Hash(secret);
        var found = await db.Registrations.AsNoTracking().Include(r => r.Event)
            .FirstOrDefaultAsync(r => r.CancelSecretHash == hash, ct);
        if (found is null) return;
        Registration = found;
        (EventTitle, EventSlug) = (found.Event!.Title, found.Event.Slug);
        if (found.Status == RegistrationStatus.Waitlisted)
            Position = await service.WaitlistPositionAsync(found.EventId, found.WaitlistTicket!.Value, ct);
    }
}
