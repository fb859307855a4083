using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Nexus.Web.Features.Data.Charts;
using Nexus.Web.Infrastructure.Caching;

namespace Nexus.Web.Features.Data.IndicatorPages;

/// <summary>Several countries side by side on one indicator: one line each, and the table.</summary>
[OutputCache(PolicyName = PublicCache.Policy)]
public class CompareModel(DataStore store, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> t) : PageModel
{
    public const int MaxAreas = 8;

    public DataSnapshot Data { get; private set; } = null!;
    public Indicator Indicator { get; private set; } = null!;
    public List<Area> Areas { get; } = [];
    public List<string> Unknown { get; } = [];
    public ChartView? Chart { get; private set; }
    public string AreasText { get; private set; } = "";

    public async Task OnGetAsync(string? indicator, string? areas, CancellationToken ct)
    {
        Data = await store.CurrentAsync(ct);
        Indicator = Indicators.Find(indicator) is { Bilateral: false } i ? i : Indicators.Find(Indicators.MigrantStock)!;
        AreasText = string.IsNullOrWhiteSpace(areas) ? "MEX, USA, PHL, IND" : areas.Length > 500 ? areas[..500] : areas;
        foreach (var text in AreasText.Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Take(MaxAreas))
        {
            if (Data.Areas.Find(text) is { } a) { if (!Areas.Contains(a)) Areas.Add(a); }
            else Unknown.Add(text);
        }
        var lines = Areas.Select(a => new ChartLine(a.Name, Data.Series(Indicator.Id, a.Code))).Where(l => l.Points.Count > 0).ToList();
        if (lines.Count == 0) return;
        var title = $"{Indicator.Name} ({Indicator.Unit})";
        var years = lines.SelectMany(l => l.Points.Select(p => p.Year)).Distinct().Order().ToList();
        var rows = years.Select(y => (IReadOnlyList<string>)[y.ToString(CultureInfo.InvariantCulture),
            .. lines.Select(l => l.Points.FirstOrDefault(p => p.Year == y) is { Year: > 0 } p ? DataFormat.Flagged(p.Value, Indicator.Unit, p.Flag) : "–")]).ToList();
        Chart = new ChartView("compare", title, SvgChart.Lines(title, Indicator.Unit, lines), [t["Year"], .. lines.Select(l => l.Label)], rows,
            $"indicator={Indicator.Id}&sex=total&area={string.Join(',', Areas.Select(a => a.Code))}", Data.Source(Indicator));
    }
}
