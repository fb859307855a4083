using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;

namespace Nexus.Web.Features.Accounts.Passwords;

/// <summary>
/// Refuses passwords found in a list of common passwords (ASVS 5.0, V6.2), also when they only add digits or
/// symbols around a listed word, and passwords built from the person's own email or name.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<AppUser>
{
    private static readonly Lazy<FrozenSet<string>> List = new(Load);

    public static bool IsCommon(string password)
    {
        var lower = password.Trim().ToLowerInvariant();
        if (lower.Distinct().Count() <= 2) return true; // "aaaaaaaaaaaa", "abababababab"
        if (List.Value.Contains(lower)) return true;
        var core = lower.Trim("0123456789!@#$%^&*()_-+=.,;:?~ ".ToCharArray());
        return core.Length >= 8 && List.Value.Contains(core);
    }

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (password is null) return Task.FromResult(IdentityResult.Success);
        if (IsCommon(password))
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "CommonPassword",
                Description = "This password is too common. Choose a longer phrase that others are unlikely to use.",
            }));
        var lower = password.ToLowerInvariant();
        var local = (user.Email ?? "").Split('@')[0].ToLowerInvariant();
        if (local.Length >= 4 && lower.Contains(local))
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordContainsEmail",
                Description = "The password must not contain your email address.",
            }));
        return Task.FromResult(IdentityResult.Success);
    }

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("Nexus.CommonPasswords.txt")
            ?? throw new InvalidOperationException("The common password list is not embedded.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0 && line[0] != '#') set.Add(line);
        return set.ToFrozenSet();
    }
}
