using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Events;

namespace Nexus.Web.Features.Series;

public sealed record SeriesItem(int Id, string Slug, string Name, string Period, string GfmdHost, int EventCount);

[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Infrastructure.Caching.PublicCache.Policy)]
public class IndexModel(AppDbContext db) : PageModel
{
    public List<SeriesItem> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var rows = await db.Series.AsNoTracking().OrderByDescending(s => s.StartYear)
            .Select(s => new { s.Id, s.Slug, s.Name, s.StartYear, s.EndYear, s.GfmdHost,
                Count = db.Events.Count(e => e.SeriesId == s.Id && e.Status != EventStatus.Draft && e.Kind != EventKind.Course) })
            .ToListAsync(ct);
        Items = rows.Select(s => new SeriesItem(s.Id, s.Slug, s.Name,
            s.StartYear == s.EndYear ? $"{s.StartYear}" : $"{s.StartYear}-{s.EndYear}", s.GfmdHost, s.Count)).ToList();
    }
}
