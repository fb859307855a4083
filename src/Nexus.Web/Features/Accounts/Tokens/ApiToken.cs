namespace Nexus.Web.Features.Accounts.Tokens;

/// <summary>A personal access token. Only its SHA-256 is stored; the token is shown once when created.</summary>
public class ApiToken
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public AppUser? User { get; set; }
    public required string Name { get; set; }
    /// <summary>First characters of the token, kept so owners can tell their tokens apart.</summary>
    public required string Prefix { get; set; }
    public required string Hash { get; set; }
    /// <summary>Space-separated scopes, e.g. "events:write registrations:read".</summary>
    public required string Scopes { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }

    public bool IsUsable(DateTime now) => RevokedAt is null && (ExpiresAt is null || now < ExpiresAt);
    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

public static class Scopes
{
    public const string EventsWrite = "events:write";
    public const string RegistrationsRead = "registrations:read";
    public const string RegistrationsWrite = "registrations:write";
    public const string LibraryWrite = "library:write";

    public static readonly string[] All = [EventsWrite, RegistrationsRead, RegistrationsWrite, LibraryWrite];

    /// <summary>Scopes that act on the programme's data, so only staff may hold them.</summary>
    public static bool RequiresStaff(string scope) => All.Contains(scope);
}
