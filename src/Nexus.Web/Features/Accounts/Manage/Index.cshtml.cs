using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Nexus.Web.Data;
using Nexus.Web.Features.Accounts.Tokens;
using Nexus.Web.Features.Events;
using Nexus.Web.Features.Registrations;
using Nexus.Web.Infrastructure;
using Nexus.Web.Infrastructure.Email;

namespace Nexus.Web.Features.Accounts.Manage;

public sealed record MyRegistration(int EventId, string Slug, string Title, DateTimeOffset StartsAt, string TimeZone, RegistrationStatus Status);

public sealed record MyToken(int Id, string Name, string Prefix, IReadOnlyList<string> Scopes,
    DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt, bool Usable);

/// <summary>My account: profile, password, sessions, my registrations and my personal access tokens.</summary>
public class IndexModel(
    AppDbContext db, UserManager<AppUser> users, SignInManager<AppUser> signIn, TokenService tokens, AccountEmails emails,
    OutboxSignal outbox, IOptions<NexusOptions> options, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed class ProfileInput
    {
        public string? FullName { get; set; }
        public string? Organization { get; set; }
        public string? Language { get; set; }
    }

    public sealed class PasswordInput
    {
        public string? CurrentPassword { get; set; }
        public string? NewPassword { get; set; }
        public string? ConfirmPassword { get; set; }
    }

    public sealed class TokenInput
    {
        public string? Name { get; set; }
        public List<string> Scopes { get; set; } = [];
        /// <summary>Text, not int, so that a typing mistake gets our message rather than the model binder's.</summary>
        public string? ExpiresInDays { get; set; }
    }

    // One page, several forms: each named handler reads only its own input.
    [BindProperty] public ProfileInput Profile { get; set; } = new();
    [BindProperty] public PasswordInput Password { get; set; } = new();
    [BindProperty] public TokenInput NewToken { get; set; } = new();

    public string Email { get; private set; } = "";
    public bool EmailConfirmed { get; private set; }
    public bool IsStaff { get; private set; }
    public string TimeZone { get; private set; } = "";
    public List<MyRegistration> Registrations { get; private set; } = [];
    public List<MyToken> Tokens { get; private set; } = [];
    /// <summary>The secret of a token just created, shown once (it travels in the encrypted TempData cookie).</summary>
    public string? CreatedTokenSecret { get; private set; }
    public string? CreatedTokenName { get; private set; }

    public static string ScopeText(string scope) => scope switch
    {
        Scopes.EventsWrite => "Create and change events",
        Scopes.RegistrationsRead => "Read registrations",
        Scopes.RegistrationsWrite => "Change registrations",
        _ => scope,
    };

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context) =>
        // Personal data and, once, a token secret: never keep this page in a cache.
        Response.Headers.CacheControl = "no-store";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        CreatedTokenSecret = TempData["TokenSecret"] as string;
        CreatedTokenName = TempData["TokenName"] as string;
        await LoadAsync(user, fillProfile: true);
        return Page();
    }

    public async Task<IActionResult> OnPostProfileAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        var errors = new FieldErrors();
        var fullName = errors.Text(nameof(Profile.FullName), Profile.FullName, 200, required: true);
        var organization = errors.Text(nameof(Profile.Organization), Profile.Organization, 200, required: false);
        if (!AccountForms.IsLanguage(Profile.Language)) errors.Add(nameof(Profile.Language), "Choose a language from the list.");
        if (errors.Any)
        {
            ModelState.AddErrors(errors, nameof(Profile), t);
            await LoadAsync(user, fillProfile: false);
            return Page();
        }
        var languageChanged = user.Language != Profile.Language;
        user.FullName = fullName;
        user.Organization = organization;
        user.Language = Profile.Language!;
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        TempData["Message"] = t["Your details are saved."].Value;
        // The language switcher sets the interface language too, then comes back here.
        return languageChanged ? LocalRedirect($"/culture/{user.Language}?returnUrl=%2Faccounts%2Fmanage") : RedirectToPage();
    }

    public async Task<IActionResult> OnPostPasswordAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        var errors = new FieldErrors();
        AccountForms.CheckPassword(errors, nameof(Password.CurrentPassword), Password.CurrentPassword);
        AccountForms.CheckPassword(errors, nameof(Password.NewPassword), Password.NewPassword);
        if (!errors.Any && Password.ConfirmPassword != Password.NewPassword)
            errors.Add(nameof(Password.ConfirmPassword), "The two passwords are not the same.");
        if (errors.Any)
        {
            ModelState.AddErrors(errors, nameof(Password), t);
            await LoadAsync(user, fillProfile: true);
            return Page();
        }

        await using var tx = await db.Database.BeginTransactionAsync();
        var result = await users.ChangePasswordAsync(user, Password.CurrentPassword!, Password.NewPassword!);
        if (!result.Succeeded)
        {
            var wrongCurrent = result.Errors.Where(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)).ToList();
            foreach (var _ in wrongCurrent)
                ModelState.AddModelError($"{nameof(Password)}.{nameof(Password.CurrentPassword)}", t["Your current password is not correct."]);
            ModelState.AddErrors(IdentityResult.Failed([.. result.Errors.Except(wrongCurrent)]), $"{nameof(Password)}.{nameof(Password.NewPassword)}", t);
            await LoadAsync(user, fillProfile: true);
            return Page();
        }
        emails.PasswordChanged(user);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        outbox.Notify();
        // The change gave the account a new security stamp: renew this cookie, the others stop working.
        await signIn.RefreshSignInAsync(user);
        TempData["Message"] = t["Your password is changed. Your other devices will be signed out within a minute."].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostSignOutEverywhereAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        await users.UpdateSecurityStampAsync(user);
        await signIn.SignOutAsync();
        TempData["Message"] = t["You are signed out on this device. Your other devices will be signed out within a minute."].Value;
        return LocalRedirect("/");
    }

    public async Task<IActionResult> OnPostCreateTokenAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        int? days = null;
        if (!string.IsNullOrWhiteSpace(NewToken.ExpiresInDays))
        {
            if (int.TryParse(NewToken.ExpiresInDays.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var d))
                days = d;
            else
                ModelState.AddModelError($"{nameof(NewToken)}.{nameof(NewToken.ExpiresInDays)}", t["Enter a whole number of days, or leave it empty."]);
        }
        if (ModelState.IsValid)
        {
            var (created, error) = await tokens.CreateAsync(user, NewToken.Name ?? "", NewToken.Scopes, days);
            if (created is not null)
            {
                TempData["TokenSecret"] = created.Secret;
                TempData["TokenName"] = created.Token.Name;
                return RedirectToPage(null, null, "new-token");
            }
            // TokenService answers "field: message."; the field tells us where to show it.
            var (field, message) = error!.IndexOf(": ", StringComparison.Ordinal) is var i and > 0 ? (error[..i], error[(i + 2)..]) : ("", error);
            if (message.Length > 0) message = char.ToUpperInvariant(message[0]) + message[1..];
            var key = field switch
            {
                "name" => nameof(NewToken.Name),
                "scopes" => nameof(NewToken.Scopes),
                "expires" => nameof(NewToken.ExpiresInDays),
                _ => null,
            };
            ModelState.AddModelError(key is null ? "" : $"{nameof(NewToken)}.{key}", t[message]);
        }
        await LoadAsync(user, fillProfile: true);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeTokenAsync(int tokenId)
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        // Only my own tokens, even for administrators: this page is about my account.
        TempData["Message"] = await tokens.RevokeAsync(tokenId, user.Id, actorIsAdmin: false)
            ? t["The token is revoked. Programs using it can no longer sign in with it."].Value
            : t["That token was already revoked, or is not yours."].Value;
        return RedirectToPage(null, null, "tokens");
    }

    private async Task LoadAsync(AppUser user, bool fillProfile)
    {
        if (fillProfile) Profile = new ProfileInput { FullName = user.FullName, Organization = user.Organization, Language = user.Language };
        Email = user.Email ?? "";
        EmailConfirmed = user.EmailConfirmed;
        IsStaff = User.IsInRole(Roles.ProgrammeStaff) || User.IsInRole(Roles.Administrator);
        TimeZone = options.Value.DefaultTimeZone;

        // Registrations made while signed out count as mine only once the address is proven to be mine.
        var byEmail = user.EmailConfirmed ? user.NormalizedEmail : null;
        var registrations = await db.Registrations.AsNoTracking()
            .Where(r => r.UserId == user.Id || (byEmail != null && r.NormalizedEmail == byEmail))
            .OrderByDescending(r => r.Event!.StartsAt).Take(500)
            .Select(r => new { r.EventId, r.Event!.Slug, r.Event.Title, r.Event.StartsAt, r.Event.TimeZone, r.Status })
            .ToListAsync();
        Registrations = registrations
            .Select(r => new MyRegistration(r.EventId, r.Slug, r.Title, EventQueries.Local(r.StartsAt, r.TimeZone), r.TimeZone, r.Status))
            .ToList();

        var now = clock.GetUtcNow().UtcDateTime;
        var mine = await db.ApiTokens.AsNoTracking().Where(k => k.UserId == user.Id)
            .OrderByDescending(k => k.CreatedAt).ToListAsync();
        Tokens = mine.Select(k => new MyToken(k.Id, k.Name, k.Prefix, k.ScopeList, Local(k.CreatedAt),
            k.ExpiresAt is { } e ? Local(e) : null, k.LastUsedAt is { } u ? Local(u) : null,
            k.RevokedAt is { } r ? Local(r) : null, k.IsUsable(now))).ToList();
    }

    private DateTimeOffset Local(DateTime utc) => EventQueries.Local(utc, options.Value.DefaultTimeZone);
}
