using Ical.Net;
using EventStatus = Nexus.Web.Features.Events.EventStatus;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Nexus.Web.Features.Events;

namespace Nexus.Web.Features.Calendar;

/// <summary>RFC 5545 calendars of events, with each event's own time zone (VTIMEZONE included).</summary>
public static class EventCalendar
{
    public static string Write(IEnumerable<Event> events, Func<Event, string> eventUrl, string? calendarName = null)
    {
        var calendar = new Ical.Net.Calendar { ProductId = "-//Nexus//Migration and Development Programme//EN" };
        calendar.AddProperty("X-WR-CALNAME", calendarName ?? "Nexus events");
        var zones = new HashSet<string>();
        foreach (var e in events)
        {
            if (zones.Add(e.TimeZone)) calendar.AddTimeZone(e.TimeZone);
            calendar.Events.Add(ToComponent(e, eventUrl(e)));
        }
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    private static CalendarEvent ToComponent(Event e, string url)
    {
        var zone = Events.EventQueries.Zone(e.TimeZone);
        var start = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(e.StartsAt, DateTimeKind.Utc), zone);
        var end = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(e.EndsAt, DateTimeKind.Utc), zone);
        return new CalendarEvent
        {
            Uid = $"event-{e.Id}@nexus",
            Summary = e.Title,
            Description = e.Summary,
            Location = string.Join(", ", new[] { e.Venue, e.City }.Where(s => !string.IsNullOrWhiteSpace(s))),
            Start = new CalDateTime(DateTime.SpecifyKind(start, DateTimeKind.Unspecified), e.TimeZone),
            End = new CalDateTime(DateTime.SpecifyKind(end, DateTimeKind.Unspecified), e.TimeZone),
            Url = new Uri(url),
            Status = e.Status == EventStatus.Cancelled ? "CANCELLED" : "CONFIRMED",
            DtStamp = new CalDateTime(DateTime.SpecifyKind(e.UpdatedAt == default ? e.CreatedAt : e.UpdatedAt, DateTimeKind.Utc)),
        };
    }
}
