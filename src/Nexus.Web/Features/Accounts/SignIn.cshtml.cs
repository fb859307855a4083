using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Nexus.Web.Infrastructure;
using Nexus.Web.Infrastructure.Security;

namespace Nexus.Web.Features.Accounts;

[EnableRateLimiting(RateLimitPolicies.SignIn)]
public class SignInModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed class InputModel
    {
        public string? Email { get; set; }
        public string? Password { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    /// <summary>Set when the password was right but the address is not confirmed yet.</summary>
    public bool NotConfirmed { get; private set; }

    // Verified against when the email is unknown, so that unknown and known addresses take the same time.
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<AppUser>(
        Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = AccountsSetup.PasswordIterations }))
        .HashPassword(new AppUser(), Guid.NewGuid().ToString()));

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var errors = new FieldErrors();
        var email = errors.Email(nameof(Input.Email), Input.Email);
        AccountForms.CheckPassword(errors, nameof(Input.Password), Input.Password);
        if (errors.Any)
        {
            ModelState.AddErrors(errors, nameof(Input), t);
            return Page();
        }
        var password = Input.Password!;

        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new AppUser(), DummyHash.Value, password);
            return Wrong();
        }

        var result = await signIn.PasswordSignInAsync(user.UserName!, password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        if (result.IsLockedOut)
        {
            // A lockout far beyond the 15 minutes of failed attempts is how staff disable an account.
            var disabled = user.LockoutEnd is { } end && end > clock.GetUtcNow().AddHours(1);
            ModelState.AddModelError("", disabled
                ? t["This account is disabled. Contact the programme team if you think this is a mistake."]
                : t["Too many failed attempts. Try again in 15 minutes."]);
            return Page();
        }
        if (result.IsNotAllowed)
        {
            // Identity says "not allowed" before it checks the password; only someone who knows it may learn
            // that the address is registered but not confirmed.
            if (!await users.CheckPasswordAsync(user, password))
            {
                await users.AccessFailedAsync(user);
                return Wrong();
            }
            NotConfirmed = true;
            ModelState.AddModelError("", t["Your email address is not confirmed yet. Open the link in the email we sent you, or ask for a new one."]);
            return Page();
        }
        return Wrong();
    }

    private PageResult Wrong()
    {
        ModelState.AddModelError("", t["The email address or password is not correct."]);
        return Page();
    }
}
