using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;

namespace Nexus.Web.Features.Events.Manage;

public sealed record ManageRow(int Id, string Slug, string Title, EventStatus Status, DateTimeOffset StartsAt, int? Capacity, SeatCounts Counts);

public class IndexModel(AppDbContext db) : PageModel
{
    public List<ManageRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var events = await db.Events.AsNoTracking().OrderByDescending(e => e.StartsAt).Take(500).ToListAsync(ct);
        var counts = await EventQueries.CountsAsync(db, events.Select(e => (e.Id, e.PendingHoldsSeat)).ToList(), ct);
        Rows = events.Select(e => new ManageRow(e.Id, e.Slug, e.Title, e.Status, EventQueries.Local(e.StartsAt, e.TimeZone), e.Capacity, counts[e.Id])).ToList();
    }
}
