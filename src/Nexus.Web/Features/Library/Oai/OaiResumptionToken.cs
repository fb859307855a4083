using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Nexus.Web.Features.Library.Oai;

/// <summary>
/// Where a list harvest stands: the query (verb, set, window), the keyset cursor (the last record sent, by
/// UpdatedAt then ItemId), how many records were sent and the list size counted on the first page.
/// </summary>
public sealed record OaiResumptionToken(
    string Verb, string? Set, long? FromTicks, long? UntilTicks, long AfterTicks, int AfterId, int Cursor, int CompleteListSize)
{
    public OaiWindow Window => new(
        FromTicks is { } f ? new DateTime(f, DateTimeKind.Utc) : null,
        UntilTicks is { } u ? new DateTime(u, DateTimeKind.Utc) : null);

    public DateTime After => new(AfterTicks, DateTimeKind.Utc);
}

/// <summary>
/// Tokens are the state as JSON, protected (encrypted and authenticated) by ASP.NET Data Protection and written
/// in base64url. The key ring lives in the database, so any instance reads any instance's tokens, and a changed
/// or made-up token fails to unprotect instead of turning into some other query.
/// </summary>
public sealed class OaiResumptionTokens(IDataProtectionProvider protection)
{
    private const int MaxLength = 2000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IDataProtector _protector = protection.CreateProtector("Nexus.Library.Oai.ResumptionToken.v1");

    public string Write(OaiResumptionToken token) =>
        WebEncoders.Base64UrlEncode(_protector.Protect(JsonSerializer.SerializeToUtf8Bytes(token, Json)));

    public OaiResumptionToken? Read(string? text, string verb)
    {
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength) return null;
        try
        {
            var token = JsonSerializer.Deserialize<OaiResumptionToken>(_protector.Unprotect(WebEncoders.Base64UrlDecode(text)), Json);
            return token is not null && token.Verb == verb && IsSane(token) ? token : null;
        }
        catch (Exception e) when (e is FormatException or CryptographicException or JsonException or ArgumentException)
        {
            return null;
        }
    }

    private static bool IsSane(OaiResumptionToken t) =>
        t.Cursor >= 0 && t.CompleteListSize >= 0 && t.AfterId >= 0
        && IsTicks(t.AfterTicks) && (t.FromTicks is not { } f || IsTicks(f)) && (t.UntilTicks is not { } u || IsTicks(u));

    private static bool IsTicks(long ticks) => ticks >= 0 && ticks <= DateTime.MaxValue.Ticks;
}
