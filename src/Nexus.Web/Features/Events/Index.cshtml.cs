using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;

namespace Nexus.Web.Features.Events;

public sealed record SeriesOption(int Id, string Name);

[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Infrastructure.Caching.PublicCache.Policy)]
public class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Theme { get; set; }
    [BindProperty(SupportsGet = true)] public int? Series { get; set; }
    [BindProperty(SupportsGet = true)] public string? When { get; set; }

    public List<EventCard> Events { get; private set; } = [];
    public List<int> Years { get; private set; } = [];
    public List<string> Themes { get; private set; } = [];
    public List<SeriesOption> SeriesOptions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // Unknown filter values are ignored rather than refused: a stale bookmark still shows events.
        if (When is not ("upcoming" or "past")) When = null;
        var filter = new EventFilter { Year = Year, Kind = Kind, Theme = Theme, Series = Series, When = When };
        Events = await EventCard.LoadAsync(db, db.Events.AsNoTracking().Apply(filter, now).Take(300), now, ct);

        var published = db.Events.AsNoTracking().Where(e => e.Status != EventStatus.Draft && e.Kind != EventKind.Course);
        Years = (await published.Select(e => e.StartsAt).ToListAsync(ct)).Select(d => d.Year).Distinct().OrderDescending().ToList();
        Themes = (await published.Select(e => e.Themes).ToListAsync(ct)).SelectMany(t => t).Distinct().Order().ToList();
        SeriesOptions = await db.Series.AsNoTracking().OrderByDescending(s => s.StartYear)
            .Select(s => new SeriesOption(s.Id, s.Name)).ToListAsync(ct);
    }
}
