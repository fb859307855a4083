using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Nexus.Web.Features.Events;
using Nexus.Web.Features.Registrations;
using Nexus.Web.Features.Series;

namespace Nexus.Web.Infrastructure.Caching;

/// <summary>
/// Output cache for what the public reads most (home, events, event pages, the events API, calendars).
/// Answers are kept for a short time (Nexus:OutputCache:Seconds, default 2) and dropped as soon as this instance
/// changes the programme; another instance's change shows within that time. Signed-in people are never served
/// from the cache, and each language has its own copy. Seat decisions never read the cache.
/// </summary>
public static class PublicCache
{
    public const string Policy = "public";
    public const string Tag = "programme";

    public static IServiceCollection AddPublicCache(this IServiceCollection services, IConfiguration config)
    {
        var disabled = config.GetValue<bool>("Nexus:OutputCache:Disabled");
        var seconds = Math.Clamp(config.GetValue("Nexus:OutputCache:Seconds", 2), 1, 300);
        services.AddOutputCache(o =>
        {
            o.AddPolicy(Policy, b =>
            {
                if (disabled) { b.NoCache(); return; }
                b.Expire(TimeSpan.FromSeconds(seconds)).Tag(Tag).SetVaryByQuery("*")
                    .VaryByValue(_ => new KeyValuePair<string, string>("culture", CultureInfo.CurrentUICulture.Name));
            });
        });
        services.AddSingleton<ProgrammeChanges>();
        return services;
    }
}

/// <summary>Drops the cached public answers after a change to events, series or registrations.</summary>
public sealed class ProgrammeChanges(IOutputCacheStore store)
{
    public ValueTask ChangedAsync(CancellationToken ct = default) => store.EvictByTagAsync(PublicCache.Tag, ct);
}

/// <summary>
/// Notices saved changes to what public pages show. Bulk updates (ExecuteUpdate/Delete) bypass SaveChanges, so
/// the code that issues them calls <see cref="ProgrammeChanges"/> itself.
/// </summary>
public sealed class ProgrammeChangeInterceptor(ProgrammeChanges changes) : SaveChangesInterceptor
{
    private static readonly HashSet<Type> Watched =
        [typeof(Event), typeof(Registration), typeof(SeminarSeries), typeof(Speaker), typeof(AgendaItem), typeof(Material),
         typeof(Features.Library.LibraryDocument), typeof(Features.Library.LibraryTheme), typeof(Features.Agencies.Agency)];

    // Contexts whose save in progress touches public data; after the save the tracker no longer says so.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> _pending = new();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        Mark(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Mark(eventData.Context);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        if (eventData.Context is { } c && _pending.Remove(c)) await changes.ChangedAsync(ct);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } c && _pending.Remove(c)) changes.ChangedAsync().AsTask().GetAwaiter().GetResult();
        return result;
    }

    private void Mark(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries().Any(e => e.State != EntityState.Unchanged && Watched.Contains(e.Metadata.ClrType)))
            _pending.AddOrUpdate(context, this);
    }
}
