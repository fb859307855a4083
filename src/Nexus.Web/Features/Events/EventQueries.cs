using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Registrations;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Events;

/// <summary>Filters shared by the events page, the JSON API and the calendar feed.</summary>
public sealed record EventFilter
{
    public int? Year { get; init; }
    public string? Kind { get; init; }
    public string? Theme { get; init; }
    public int? Series { get; init; }
    /// <summary>"upcoming", "past" or empty for all.</summary>
    public string? When { get; init; }
    public bool IncludeDrafts { get; init; }
}

public sealed record SeatCounts(int Confirmed, int Waitlisted, int Pending, int Offered, int SeatsTaken)
{
    public static readonly SeatCounts None = new(0, 0, 0, 0, 0);
}

public static class EventQueries
{
    public static IQueryable<Event> Apply(this IQueryable<Event> q, EventFilter f, DateTime now)
    {
        if (!f.IncludeDrafts) q = q.Where(e => e.Status != EventStatus.Draft);
        // A course run's event only carries its enrolment; the course catalogue lists it, with its sessions here.
        q = q.Where(e => e.Kind != EventKind.Course);
        if (f.Year is { } y)
        {
            var from = new DateTime(Math.Clamp(y, 1900, 2999), 1, 1, 0, 0, 0, DateTimeKind.Utc);
            var to = from.AddYears(1);
            q = q.Where(e => e.StartsAt >= from && e.StartsAt < to);
        }
        if (Codes.TryParse<EventKind>(f.Kind, out var kind)) q = q.Where(e => e.Kind == kind);
        if (f.Series is { } s) q = q.Where(e => e.SeriesId == s);
        if (!string.IsNullOrWhiteSpace(f.Theme))
        {
            var theme = f.Theme.Trim();
            q = q.Where(e => e.Themes.Contains(theme));
        }
        q = f.When switch
        {
            "upcoming" => q.Where(e => e.EndsAt >= now).OrderBy(e => e.StartsAt),
            "past" => q.Where(e => e.EndsAt < now).OrderByDescending(e => e.StartsAt),
            _ => q.OrderByDescending(e => e.StartsAt),
        };
        return q;
    }

    /// <summary>Seat counts for several events in one grouped query.</summary>
    public static async Task<Dictionary<int, SeatCounts>> CountsAsync(AppDbContext db, IReadOnlyCollection<(int Id, bool PendingHoldsSeat)> events, CancellationToken ct = default)
    {
        var ids = events.Select(e => e.Id).ToList();
        var rows = await db.Registrations.Where(r => ids.Contains(r.EventId))
            .GroupBy(r => new { r.EventId, r.Status })
            .Select(g => new { g.Key.EventId, g.Key.Status, Count = g.Count() })
            .ToListAsync(ct);
        return events.ToDictionary(e => e.Id, e =>
        {
            int Of(params RegistrationStatus[] s) => rows.Where(r => r.EventId == e.Id && s.Contains(r.Status)).Sum(r => r.Count);
            var confirmed = Of(RegistrationStatus.Confirmed, RegistrationStatus.Attended, RegistrationStatus.NoShow);
            return new SeatCounts(confirmed, Of(RegistrationStatus.Waitlisted), Of(RegistrationStatus.Pending),
                Of(RegistrationStatus.Offered), Of(RegistrationRules.SeatHolding(e.PendingHoldsSeat)));
        });
    }

    public static async Task<SeatCounts> CountsAsync(AppDbContext db, Event e, CancellationToken ct = default) =>
        (await CountsAsync(db, [(e.Id, e.PendingHoldsSeat)], ct))[e.Id];

    // FindSystemTimeZoneById takes a global lock on every call; zones never change while the app runs.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TimeZoneInfo> Zones = new();

    public static TimeZoneInfo Zone(string id) => Zones.GetOrAdd(id, TimeZoneInfo.FindSystemTimeZoneById);

    public static DateTimeOffset Local(DateTime utc, string timeZone)
    {
        var zone = Zone(timeZone);
        var u = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeFromUtc(u, zone), zone.GetUtcOffset(u));
    }
}
