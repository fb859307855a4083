using System.Globalization;
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

/// <summary>
/// Self sign-up for participants. Whether the address already has an account is never shown to the visitor:
/// both cases end on the same "check your email" page, and only the owner of the address learns which it was.
/// </summary>
[EnableRateLimiting(RateLimitPolicies.SignIn)]
public class SignUpModel(
    AppDbContext db, UserManager<AppUser> users, RoleManager<IdentityRole> roles, AccountEmails emails,
    OutboxSignal outbox, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed class InputModel
    {
        public string? FullName { get; set; }
        public string? Organization { get; set; }
        public string? Email { get; set; }
        public string? Password { get; set; }
        public string? Language { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public bool Sent { get; private set; }

    public void OnGet() =>
        Input.Language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr" ? "fr" : "en";

    public void OnGetSent() => Sent = true;

    public async Task<IActionResult> OnPostAsync()
    {
        var errors = new FieldErrors();
        var fullName = errors.Text(nameof(Input.FullName), Input.FullName, 200, required: true);
        var organization = errors.Text(nameof(Input.Organization), Input.Organization, 200, required: false);
        var email = errors.Email(nameof(Input.Email), Input.Email);
        AccountForms.CheckPassword(errors, nameof(Input.Password), Input.Password);
        if (!AccountForms.IsLanguage(Input.Language)) errors.Add(nameof(Input.Language), "Choose a language from the list.");
        var user = new AppUser
        {
            UserName = email, Email = email, FullName = fullName, Organization = organization,
            Language = AccountForms.IsLanguage(Input.Language) ? Input.Language! : "en", CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        // The password rules run before the address is looked up, so a weak password gets the same answer for
        // any address, and together with the other fields, so every problem shows at once.
        var strength = Input.Password is { Length: > 0 and <= AccountForms.MaxPasswordLength } password
            ? await AccountForms.ValidatePasswordAsync(users, user, password)
            : IdentityResult.Success;
        ModelState.AddErrors(errors, nameof(Input), t);
        ModelState.AddErrors(strength, $"{nameof(Input)}.{nameof(Input.Password)}", t);
        if (!ModelState.IsValid) return Page();

        await using var tx = await db.Database.BeginTransactionAsync();
        var existing = await users.FindByEmailAsync(email);
        if (existing is null)
        {
            var created = await users.CreateAsync(user, Input.Password!);
            if (created.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
                existing = await users.FindByEmailAsync(email); // created meanwhile by a parallel request
            else if (!created.Succeeded)
            {
                ModelState.AddErrors(created, $"{nameof(Input)}.{nameof(Input.Password)}", t);
                return Page();
            }
        }

        if (existing is null)
        {
            if (!await roles.RoleExistsAsync(Roles.Participant)) await roles.CreateAsync(new IdentityRole(Roles.Participant));
            var role = await users.AddToRoleAsync(user, Roles.Participant);
            if (!role.Succeeded) throw new InvalidOperationException(string.Join(" ", role.Errors.Select(e => e.Description)));
            await emails.ConfirmEmailAsync(user);
        }
        else
        {
            // Hash anyway: creating an account costs one slow hash, and the answer must take as long either way.
            users.PasswordHasher.HashPassword(existing, Input.Password!);
            emails.SignUpWithExistingEmail(existing);
        }
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        outbox.Notify();
        return RedirectToPage(null, "Sent");
    }
}
