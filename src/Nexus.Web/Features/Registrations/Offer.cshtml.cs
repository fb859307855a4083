using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Features.Accounts.Tokens;
using Nexus.Web.Infrastructure.Security;

namespace Nexus.Web.Features.Registrations;

[EnableRateLimiting(RateLimitPolicies.Registration)]
public class OfferModel(AppDbContext db, RegistrationService service, IStringLocalizer<SharedResource> t) : PageModel
{
    public Registration? Registration { get; private set; }
    public string EventTitle { get; private set; } = "";
    public string Deadline { get; private set; } = "";

    public async Task OnGetAsync(string secret, CancellationToken ct)
    {
        await LoadAsync(secret, ct);
        if (Registration is null) Response.StatusCode = 404;
    }

    public async Task<IActionResult> OnPostAsync(string secret, string? choice, CancellationToken ct)
    {
        await LoadAsync(secret, ct);
        if (Registration is null) return Page();
        var result = choice == "accept"
            ? await service.AcceptOfferAsync(Registration.Id, ct)
            : await service.DeclineOfferAsync(Registration.Id, ct);
        TempData["Message"] = (result.Outcome, choice) switch
        {
            (ChangeOutcome.Done or ChangeOutcome.AlreadyDone, "accept") => t["Your seat is confirmed. We have emailed the details."].Value,
            (ChangeOutcome.Done or ChangeOutcome.AlreadyDone, _) => t["You declined the seat. Thank you for letting us know."].Value,
            (ChangeOutcome.Expired, _) => t["Sorry, this offer has expired."].Value,
            _ => t["This offer is no longer open."].Value,
        };
        return Redirect($"/registrations/offer/{Uri.EscapeDataString(secret)}");
    }

    private async Task LoadAsync(string secret, CancellationToken ct)
    {
        if (secret.Length > 100) return;
        var hash = TokenSecrets.Hash(secret);
        var found = await db.Registrations.AsNoTracking().Include(r => r.Event)
            .FirstOrDefaultAsync(r => r.OfferSecretHash == hash, ct);
        if (found is null) return;
        Registration = found;
        EventTitle = found.Event!.Title;
        if (found.OfferExpiresAt is { } d) Deadline = RegistrationEmails.Format(found.Event, d);
    }
}
