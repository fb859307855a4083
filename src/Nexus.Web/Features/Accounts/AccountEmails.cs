using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Infrastructure;
using Nexus.Web.Infrastructure.Email;
using Nexus.Web.Infrastructure.Localization;

namespace Nexus.Web.Features.Accounts;

/// <summary>
/// The emails about an account, written in the person's language and added to the outbox; the caller saves
/// and then calls <see cref="OutboxSignal.Notify"/>.
/// </summary>
public sealed class AccountEmails(AppDbContext db, UserManager<AppUser> users, IStringLocalizer<SharedResource> t, Links links, TimeProvider clock)
{
    public async Task ConfirmEmailAsync(AppUser user)
    {
        var code = AccountForms.EncodeCode(await users.GenerateEmailConfirmationTokenAsync(user));
        var link = links.To($"/account/confirm-email?userId={Uri.EscapeDataString(user.Id)}&code={code}&culture={user.Language}");
        Queue(user, "account-confirm-email", "Confirm your email address",
            () => [Line("Please confirm your email address to finish creating your Nexus account."),
                   Line("Open this link and press the button on the page: {0}", link),
                   Line("The link works for two hours. If you did not create an account, you can ignore this email.")]);
    }

    /// <summary>Someone tried to sign up with an address that already has an account: tell its owner, not the visitor.</summary>
    public void SignUpWithExistingEmail(AppUser user) =>
        Queue(user, "account-sign-up-existing", "You already have a Nexus account",
            () => [Line("Someone, perhaps you, tried to create a Nexus account with this email address. You already have an account."),
                   Line("If you forgot your password, you can choose a new one here: {0}", links.To($"/account/forgot-password?culture={user.Language}")),
                   Line("If it was not you, you can ignore this email: nothing has changed.")]);

    public async Task ResetPasswordAsync(AppUser user)
    {
        var code = AccountForms.EncodeCode(await users.GeneratePasswordResetTokenAsync(user));
        var link = links.To($"/account/reset-password?userId={Uri.EscapeDataString(user.Id)}&code={code}&culture={user.Language}");
        Queue(user, "account-reset-password", "Reset your password",
            () => [Line("We received a request to reset the password of your Nexus account."),
                   Line("Choose a new password here: {0}", link),
                   Line("The link works for two hours. If you did not ask for this, you can ignore this email: your password has not changed.")]);
    }

    public void PasswordChanged(AppUser user) =>
        Queue(user, "account-password-changed", "Your password was changed",
            () => [Line("The password of your Nexus account was changed, and you were signed out on your other devices."),
                   Line("If you did not do this, reset your password now: {0}", links.To($"/account/forgot-password?culture={user.Language}"))]);

    private string Line(string text, params object[] args) => string.Format(CultureInfo.CurrentCulture, t[text], args);

    // Lines are produced inside Queue so that they are translated under the recipient's culture.
    private void Queue(AppUser user, string kind, string subject, Func<string[]> lines)
    {
        using var _ = SupportedCultures.Use(user.Language);
        var body = new StringBuilder();
        body.AppendLine(string.IsNullOrWhiteSpace(user.FullName) ? t["Hello,"] : Line("Dear {0},", user.FullName)).AppendLine();
        foreach (var line in lines()) body.AppendLine(line).AppendLine();
        body.AppendLine(t["Nexus: the migration and development programme."]);
        var now = clock.GetUtcNow().UtcDateTime;
        db.Outbox.Add(new OutboxMessage
        {
            To = user.Email!, Kind = kind, Subject = t[subject], TextBody = body.ToString(),
            CreatedAt = now, NextAttemptAt = now,
        });
    }
}
