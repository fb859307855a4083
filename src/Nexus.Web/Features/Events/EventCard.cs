using Nexus.Web.Data;

namespace Nexus.Web.Features.Events;

/// <summary>What an events list shows of one event.</summary>
public sealed record EventCard(int Id, string Slug, string Title, EventKind Kind, EventStatus Status, DateTimeOffset StartsAt,
    string TimeZone, string Venue, string City, int? Capacity, int? SeatsLeft, int Waitlisted, bool Open)
{
    public static async Task<List<EventCard>> LoadAsync(AppDbContext db, IQueryable<Event> query, DateTime now, CancellationToken ct)
    {
        var events = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(query, ct);
        var counts = await EventQueries.CountsAsync(db, events.Select(e => (e.Id, e.PendingHoldsSeat)).ToList(), ct);
        return events.Select(e => new EventCard(e.Id, e.Slug, e.Title, e.Kind, e.Status,
            EventQueries.Local(e.StartsAt, e.TimeZone), e.TimeZone, e.Venue, e.City, e.Capacity,
            Registrations.RegistrationRules.SeatsLeft(e.Capacity, counts[e.Id].SeatsTaken), counts[e.Id].Waitlisted,
            e.IsOpenForRegistration(now))).ToList();
    }
}
