using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;

namespace Nexus.Web.Infrastructure.Idempotency;

public enum IdempotencyState { Started, Replay, InFlight, Mismatch }

public sealed record IdempotencyBegin(IdempotencyState State, IdempotencyRecord? Record = null);

/// <summary>
/// Idempotency-Key handling (as in the IETF httpapi draft): the first request with a key claims it by inserting
/// a row, so a retry finds either the stored answer (replayed), the claim still in flight (409), or a different
/// body under the same key (422).
/// </summary>
public sealed class IdempotencyStore(AppDbContext db, TimeProvider clock)
{
    /// <summary>A claim older than this is taken to belong to a crashed request and may be taken over.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(2);

    public static bool IsValidKey(string? key) =>
        key is { Length: > 0 and <= 200 } && key.All(c => c is >= '!' and <= '~');

    public static string Fingerprint<T>(T body) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(body))));

    public async Task<IdempotencyBegin> BeginAsync(string scope, string key, string requestHash, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.IdempotencyRecords.Add(new IdempotencyRecord { Scope = scope, Key = key, RequestHash = requestHash, CreatedAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
            return new(IdempotencyState.Started);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }
        var existing = await db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Scope == scope && r.Key == key, ct);
        if (existing is null) return await BeginAsync(scope, key, requestHash, ct); // it was abandoned and removed meanwhile
        if (existing.RequestHash != requestHash) return new(IdempotencyState.Mismatch, existing);
        if (existing.CompletedAt is not null) return new(IdempotencyState.Replay, existing);
        if (existing.CreatedAt < now - AbandonedAfter)
        {
            var taken = await db.IdempotencyRecords
                .Where(r => r.Scope == scope && r.Key == key && r.CompletedAt == null && r.CreatedAt == existing.CreatedAt)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.CreatedAt, now), ct);
            if (taken == 1) return new(IdempotencyState.Started);
        }
        return new(IdempotencyState.InFlight, existing);
    }

    public Task CompleteAsync(string scope, string key, int status, string? body, string? location, CancellationToken ct) =>
        db.IdempotencyRecords.Where(r => r.Scope == scope && r.Key == key).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.CompletedAt, clock.GetUtcNow().UtcDateTime)
            .SetProperty(r => r.StatusCode, status)
            .SetProperty(r => r.ResponseBody, body)
            .SetProperty(r => r.Location, location), ct);

    /// <summary>Keys are kept for a day, long enough for any client's retries; older ones are removed.</summary>
    public Task<int> PurgeAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-1);
        return db.IdempotencyRecords.Where(r => r.CreatedAt < cutoff).ExecuteDeleteAsync(ct);
    }

    /// <summary>Releases a claim when the request failed, so the client may retry with the same key.</summary>
    public Task AbandonAsync(string scope, string key) =>
        db.IdempotencyRecords.Where(r => r.Scope == scope && r.Key == key && r.CompletedAt == null).ExecuteDeleteAsync();
}
