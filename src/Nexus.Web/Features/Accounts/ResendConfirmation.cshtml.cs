using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Infrastructure;
using Nexus.Web.Infrastructure.Email;
using Nexus.Web.Infrastructure.Security;

namespace Nexus.Web.Features.Accounts;

/// <summary>Sends a new confirmation link. The answer is the same whether or not the address has an account.</summary>
[EnableRateLimiting(RateLimitPolicies.SignIn)]
public class ResendConfirmationModel(
    AppDbContext db, UserManager<AppUser> users, AccountEmails emails, OutboxSignal outbox, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed class InputModel
    {
        public string? Email { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public bool Sent { get; private set; }

    public void OnGet(string? email) => Input.Email = email;

    public void OnGetSent() => Sent = true;

    public async Task<IActionResult> OnPostAsync()
    {
        var errors = new FieldErrors();
        var email = errors.Email(nameof(Input.Email), Input.Email);
        if (errors.Any)
        {
            ModelState.AddErrors(errors, nameof(Input), t);
            return Page();
        }
        var user = await users.FindByEmailAsync(email);
        if (user is { EmailConfirmed: false })
        {
            await emails.ConfirmEmailAsync(user);
            await db.SaveChangesAsync();
            outbox.Notify();
        }
        return RedirectToPage(null, "Sent");
    }
}
