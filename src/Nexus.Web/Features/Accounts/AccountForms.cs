using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Accounts;

/// <summary>What the account pages share: the languages offered, password limits and error plumbing.</summary>
public static class AccountForms
{
    /// <summary>Languages a person can choose for emails and the interface; names are shown in their own language.</summary>
    public static readonly (string Code, string Name)[] Languages = [("en", "English"), ("fr", "Français")];

    /// <summary>Identity has no upper bound; this one keeps hashing cost bounded while allowing long passphrases.</summary>
    public const int MaxPasswordLength = 1024;

    public static bool IsLanguage(string? code) => Languages.Any(l => l.Code == code);

    /// <summary>Copies field errors into ModelState under "prefix.Field", translated.</summary>
    public static void AddErrors(this ModelStateDictionary state, FieldErrors errors, string prefix, IStringLocalizer t)
    {
        foreach (var (field, message) in errors.Localized(t))
            state.AddModelError($"{prefix}.{field}", message);
    }

    /// <summary>Identity's messages, translated, under one field (they are in English and keyed by that text).</summary>
    public static void AddErrors(this ModelStateDictionary state, IdentityResult result, string key, IStringLocalizer t)
    {
        foreach (var error in result.Errors) state.AddModelError(key, t[error.Description]);
    }

    public static void CheckPassword(FieldErrors errors, string field, string? password)
    {
        if (string.IsNullOrEmpty(password)) errors.Add(field, "Required.");
        else if (password.Length > MaxPasswordLength) errors.Add(field, "At most {0} characters.", MaxPasswordLength);
    }

    /// <summary>Runs the configured password validators (length, common passwords ...) for a user.</summary>
    public static async Task<IdentityResult> ValidatePasswordAsync(UserManager<AppUser> users, AppUser user, string password)
    {
        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            if (!result.Succeeded) errors.AddRange(result.Errors);
        }
        return errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]);
    }

    /// <summary>Decodes the Base64Url code from an emailed link; null when it was mangled.</summary>
    public static string? DecodeCode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 2000) return null;
        try { return System.Text.Encoding.UTF8.GetString(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(code)); }
        catch (FormatException) { return null; }
    }

    public static string EncodeCode(string token) =>
        Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(token));
}
