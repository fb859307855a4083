using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Nexus.Web.Data;

namespace Nexus.Web.Features.Accounts.Tokens;

public static class TokenSecrets
{
    public const string Prefix = "nexus_";

    /// <summary>A new token: 32 random bytes, so a plain SHA-256 at rest is enough (no salt or slow hash needed).</summary>
    public static string NewToken() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(24));

    public static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>Authenticates "Authorization: Bearer nexus_..." personal access tokens.</summary>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AppDbContext db, TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Token";
    public const string ScopeClaim = "scope";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        var token = header["Bearer ".Length..].Trim();
        if (!token.StartsWith(TokenSecrets.Prefix, StringComparison.Ordinal) || token.Length > 200)
            return AuthenticateResult.Fail("Malformed token.");

        var now = clock.GetUtcNow().UtcDateTime;
        var hash = TokenSecrets.Hash(token);
        var found = await db.ApiTokens.AsNoTracking()
            .Where(t => t.Hash == hash)
            .Select(t => new { t.Id, t.UserId, t.Scopes, t.ExpiresAt, t.RevokedAt, t.User!.LockoutEnd, t.User.UserName, t.User.Email })
            .SingleOrDefaultAsync(Context.RequestAborted);
        if (found is null || found.RevokedAt is not null || (found.ExpiresAt is not null && found.ExpiresAt <= now))
            return AuthenticateResult.Fail("Unknown, expired or revoked token.");
        // A disabled (locked-out) account's tokens stop working at once.
        if (found.LockoutEnd is not null && found.LockoutEnd > clock.GetUtcNow())
            return AuthenticateResult.Fail("Account disabled.");

        var roles = await db.UserRoles.Where(ur => ur.UserId == found.UserId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync(Context.RequestAborted);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, found.UserId),
            new(ClaimTypes.Name, found.UserName ?? found.UserId),
            new("token_id", found.Id.ToString()),
        };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        claims.AddRange(found.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => new Claim(ScopeClaim, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));

        await db.ApiTokens.Where(t => t.Id == found.Id && (t.LastUsedAt == null || t.LastUsedAt < now.AddMinutes(-5)))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}

/// <summary>Creating and revoking tokens, shared by the command line and the account pages.</summary>
public sealed class TokenService(AppDbContext db, UserManager<AppUser> users, TimeProvider clock)
{
    public sealed record Created(ApiToken Token, string Secret);

    public async Task<(Created? Result, string? Error)> CreateAsync(AppUser user, string name, IEnumerable<string> scopes, int? expiresInDays)
    {
        name = name.Trim();
        if (name.Length is 0 or > 100) return (null, "name: give the token a name of 1 to 100 characters.");
        var list = scopes.Distinct().ToList();
        if (list.Count == 0) return (null, "scopes: give at least one scope.");
        var unknown = list.Where(s => !Scopes.All.Contains(s)).ToList();
        if (unknown.Count > 0) return (null, $"scopes: unknown scope(s) {string.Join(", ", unknown)}; known: {string.Join(", ", Scopes.All)}.");
        if (expiresInDays is < 1 or > 3650) return (null, "expires: between 1 and 3650 days.");
        var isStaff = await users.IsInRoleAsync(user, Roles.ProgrammeStaff) || await users.IsInRoleAsync(user, Roles.Administrator);
        if (!isStaff && list.Any(Scopes.RequiresStaff))
            return (null, "scopes: only programme staff and administrators may hold these scopes.");

        var now = clock.GetUtcNow().UtcDateTime;
        var secret = TokenSecrets.NewToken();
        var token = new ApiToken
        {
            UserId = user.Id, Name = name, Prefix = secret[..10], Hash = TokenSecrets.Hash(secret),
            Scopes = string.Join(' ', list), CreatedAt = now,
            ExpiresAt = expiresInDays is { } d ? now.AddDays(d) : null,
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync();
        return (new Created(token, secret), null);
    }

    /// <summary>Revokes a token. Owners revoke their own; administrators any.</summary>
    public async Task<bool> RevokeAsync(int tokenId, string actorId, bool actorIsAdmin)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var n = await db.ApiTokens
            .Where(t => t.Id == tokenId && t.RevokedAt == null && (actorIsAdmin || t.UserId == actorId))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now));
        return n == 1;
    }
}
