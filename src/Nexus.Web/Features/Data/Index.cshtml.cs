using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Nexus.Web.Features.Data.Maps;
using Nexus.Web.Infrastructure;
using Nexus.Web.Infrastructure.Caching;

namespace Nexus.Web.Features.Data;

/// <summary>The world overview: figures computed from the current releases, the map, and the largest destinations and origins.</summary>
[OutputCache(PolicyName = PublicCache.Policy)]
public class IndexModel(DataStore store, WorldMap map) : PageModel
{
    /// <summary>Indicators a map can show: one figure per country.</summary>
    public static IReadOnlyList<Indicator> Mappable => Indicators.All.Where(i => !i.Bilateral).ToList();

    public DataSnapshot Data { get; private set; } = null!;
    public int? Year { get; private set; }
    public double? Stock { get; private set; }
    public double? Share { get; private set; }
    public double? Women { get; private set; }
    public double? Refugees { get; private set; }
    public int? FirstYear { get; private set; }
    public double? FirstStock { get; private set; }
    public double? Inflows { get; private set; }
    public int? InflowsYear { get; private set; }
    public IReadOnlyList<Ranked> Destinations { get; private set; } = [];
    public IReadOnlyList<Ranked> Origins { get; private set; } = [];
    public int? OriginsYear { get; private set; }
    public MapView? Map { get; private set; }

    public async Task OnGetAsync(string? indicator, string? year, CancellationToken ct)
    {
        Data = await store.CurrentAsync(ct);
        var years = Data.Years.GetValueOrDefault(Indicators.MigrantStock) ?? [];
        if (years.Count > 0)
        {
            Year = years[^1];
            FirstYear = years[0];
            Stock = Data.Value(Indicators.MigrantStock, Area.World, Year.Value);
            FirstStock = Data.Value(Indicators.MigrantStock, Area.World, FirstYear.Value);
            Share = Data.Value(Indicators.MigrantStockShare, Area.World, Year.Value);
            Women = Data.Value(Indicators.MigrantStockFemaleShare, Area.World, Year.Value);
            Refugees = Data.Value(Indicators.Refugees, Area.World, Year.Value);
            Destinations = Data.Ranking(Indicators.MigrantStock, Sex.Total, Year.Value).Take(10).ToList();
        }
        if (Data.Years.GetValueOrDefault(Indicators.EmigrantStock) is { Count: > 0 } originYears)
        {
            OriginsYear = originYears[^1];
            Origins = Data.Ranking(Indicators.EmigrantStock, Sex.Total, OriginsYear.Value).Take(10).ToList();
        }
        if (Data.Years.GetValueOrDefault(Indicators.RemittanceInflows) is { Count: > 0 } flowYears)
        {
            InflowsYear = flowYears[^1];
            Inflows = Data.Value(Indicators.RemittanceInflows, Area.World, InflowsYear.Value);
        }
        Map = MapOf(Data, map, indicator, year);
    }

    /// <summary>The map asked for, falling back to migrants' share of the population in the latest year.</summary>
    public static MapView? MapOf(DataSnapshot data, WorldMap map, string? indicator, string? year)
    {
        var ind = Indicators.Find(indicator) is { Bilateral: false } asked ? asked : Indicators.Find(Indicators.MigrantStockShare)!;
        var years = data.Years.GetValueOrDefault(ind.Id) ?? [];
        if (years.Count == 0) return null;
        var y = int.TryParse(year, out var asked2) && years.Contains(asked2) ? asked2 : years[^1];
        return new MapView(map, ind, y, years, data.Ranking(ind.Id, Sex.Total, y), data.Source(ind));
    }
}
