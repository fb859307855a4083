using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Events;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Calendar;

public static class CalendarEndpoints
{
    public static IEndpointRouteBuilder MapCalendar(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/events.ics", async (AppDbContext db, Links links, CancellationToken ct) =>
        {
            var events = await db.Events.AsNoTracking()
                .Where(e => e.Status == EventStatus.Published || e.Status == EventStatus.Held || e.Status == EventStatus.Cancelled)
                .Where(e => e.Kind != EventKind.Course) // a course run spans weeks: its sessions are the calendar entries
                .OrderBy(e => e.StartsAt).ToListAsync(ct);
            return Ics(EventCalendar.Write(events, links.Event, "Nexus: migration and development events"), "events.ics");
        }).CacheOutput(Infrastructure.Caching.PublicCache.Policy).WithTags("Calendar").ExcludeFromDescription();

        routes.MapGet("/events/{id:int}.ics", async (int id, AppDbContext db, Links links, CancellationToken ct) =>
        {
            var e = await db.Events.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.Status != EventStatus.Draft, ct);
            return e is null ? Results.NotFound() : Ics(EventCalendar.Write([e], links.Event, e.Title), $"event-{id}.ics");
        }).CacheOutput(Infrastructure.Caching.PublicCache.Policy).WithTags("Calendar").ExcludeFromDescription();
        return routes;
    }

    private static IResult Ics(string body, string fileName) =>
        Results.File(System.Text.Encoding.UTF8.GetBytes(body), "text/calendar; charset=utf-8", fileName);
}
