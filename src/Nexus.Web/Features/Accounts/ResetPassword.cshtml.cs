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

[EnableRateLimiting(RateLimitPolicies.SignIn)]
public class ResetPasswordModel(
    AppDbContext db, UserManager<AppUser> users, AccountEmails emails, OutboxSignal outbox, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed class InputModel
    {
        public string? UserId { get; set; }
        public string? Code { get; set; }
        public string? Password { get; set; }
        public string? ConfirmPassword { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public bool Done { get; private set; }
    public bool Invalid { get; private set; }

    public void OnGet(string? userId, string? code)
    {
        Input = new InputModel { UserId = userId, Code = code };
        Invalid = string.IsNullOrWhiteSpace(userId) || AccountForms.DecodeCode(code) is null;
    }

    public void OnGetDone() => Done = true;

    public async Task<IActionResult> OnPostAsync()
    {
        var token = AccountForms.DecodeCode(Input.Code);
        var user = token is null || string.IsNullOrWhiteSpace(Input.UserId) ? null : await users.FindByIdAsync(Input.UserId);
        if (user is null || token is null) return InvalidLink();

        var errors = new FieldErrors();
        AccountForms.CheckPassword(errors, nameof(Input.Password), Input.Password);
        if (!errors.Any && Input.ConfirmPassword != Input.Password)
            errors.Add(nameof(Input.ConfirmPassword), "The two passwords are not the same.");
        if (errors.Any)
        {
            ModelState.AddErrors(errors, nameof(Input), t);
            return Page();
        }

        await using var tx = await db.Database.BeginTransactionAsync();
        var result = await users.ResetPasswordAsync(user, token, Input.Password!);
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))) return InvalidLink();
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result, $"{nameof(Input)}.{nameof(Input.Password)}", t);
            return Page();
        }
        // The reset already changes the stamp; doing it explicitly keeps "sessions elsewhere end" obvious here.
        await users.UpdateSecurityStampAsync(user);
        await users.ResetAccessFailedCountAsync(user);
        if (!user.EmailConfirmed)
        {
            user.EmailConfirmed = true; // the link reached the inbox, which is what confirming proves
            await users.UpdateAsync(user);
        }
        emails.PasswordChanged(user);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        outbox.Notify();
        return RedirectToPage(null, "Done");
    }

    private PageResult InvalidLink()
    {
        Invalid = true;
        return Page();
    }
}
