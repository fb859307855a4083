using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Nexus.Web.Features.Data.Maps;
using Nexus.Web.Infrastructure;
using Nexus.Web.Infrastructure.Caching;

namespace Nexus.Web.Features.Data.IndicatorPages;

/// <summary>One indicator in one year for every country: a map and a table sortable by name or value (by links, no script needed).</summary>
[OutputCache(PolicyName = PublicCache.Policy)]
public class DetailsModel(DataStore store, WorldMap map) : PageModel
{
    public Indicator Indicator { get; private set; } = null!;
    public int Year { get; private set; }
    public IReadOnlyList<int> Years { get; private set; } = [];
    public Sex Sex { get; private set; }
    public string Sort { get; private set; } = "value";
    public IReadOnlyList<Ranked> Rows { get; private set; } = [];
    public MapView? Map { get; private set; }
    public DataRelease? Source { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, string? year, string? sex, string? sort, CancellationToken ct)
    {
        var data = await store.CurrentAsync(ct);
        if (Indicators.Find(id) is not { Bilateral: false } ind || data.Years.GetValueOrDefault(ind.Id) is not { Count: > 0 } years) return NotFound();
        Indicator = ind;
        Years = years;
        Year = int.TryParse(year, out var y) && years.Contains(y) ? y : years[^1];
        Sex = ind.BySex && Codes.TryParse<Sex>(sex, out var s) ? s : Sex.Total;
        Sort = sort is "name" or "name-desc" or "value-asc" ? sort : "value";
        var ranked = data.Ranking(ind.Id, Sex, Year);
        Rows = Sort switch
        {
            "name" => ranked.OrderBy(r => r.Area.Name, StringComparer.CurrentCulture).ToList(),
            "name-desc" => ranked.OrderByDescending(r => r.Area.Name, StringComparer.CurrentCulture).ToList(),
            "value-asc" => ranked.Reverse().ToList(),
            _ => ranked,
        };
        Source = data.Source(ind);
        Map = new MapView(map, ind, Year, years, ranked, Source);
        return Page();
    }

    public string Link(string? sort = null, int? year = null, Sex? sex = null) =>
        $"/data/indicators/{Indicator.Id}?year={year ?? Year}&sex={Codes.Of(sex ?? Sex)}&sort={sort ?? Sort}";
}
