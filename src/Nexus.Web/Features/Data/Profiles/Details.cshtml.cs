using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Features.Data.Charts;
using Nexus.Web.Features.Events;
using Nexus.Web.Features.Library;
using Nexus.Web.Infrastructure.Caching;

namespace Nexus.Web.Features.Data.Profiles;

/// <summary>
/// A country's or region's profile: migrants by sex over time, their share of the population, emigrants, the largest
/// origins and destinations from bilateral data, remittances both ways, and the library items and events about it.
/// </summary>
[OutputCache(PolicyName = PublicCache.Policy)]
public class DetailsModel(DataStore store, AppDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    public Area Area { get; private set; } = null!;
    /// <summary>The area the figures are of: the page's own, or UN DESA's aggregate of the same name for an M49 region.</summary>
    public Area? FiguresOf { get; private set; }
    public Area? Parent { get; private set; }
    public IReadOnlyList<Area> Members { get; private set; } = [];
    public List<ChartView> Charts { get; } = [];
    public List<(string Label, string Value, DataRelease? Source)> Figures { get; } = [];
    public List<(string Title, string Url)> LibraryItems { get; } = [];
    public List<(string Title, string Url)> Events { get; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var data = await store.CurrentAsync(ct);
        // The route value is "code", not "area": MVC reserves "area" for its own areas.
        if (data.Areas.Find(code) is not { } a) return NotFound();
        // One address per area: /data/areas/USA and /data/areas/united-states lead to /data/areas/840.
        if (code != a.Code.ToString(CultureInfo.InvariantCulture)) return RedirectPermanent($"/data/areas/{a.Code}");
        Area = a;
        Parent = a.ParentCode is { } p ? data.Areas.ByCode(p) : null;
        var memberCodes = data.Members.Where(m => m.GroupCode == a.Code).Select(m => m.MemberCode).ToHashSet();
        Members = data.Areas.All.Where(x => x.ParentCode == a.Code || memberCodes.Contains(x.Code)).OrderBy(x => x.Name, StringComparer.CurrentCulture).ToList();

        FiguresOf = data.FiguresFor(a);
        var stockYears = data.Years.GetValueOrDefault(Indicators.MigrantStock) ?? [];
        var latest = stockYears.Count > 0 ? stockYears[^1] : (int?)null;
        void Figure(string indicator, string label, int? year, Sex sex = Sex.Total)
        {
            var ind = Indicators.Find(indicator)!;
            if (year is { } y && data.Value(indicator, FiguresCode, y, sex) is { } v)
                Figures.Add((label, DataFormat.Value(v, ind.Unit) + (ind.Unit is "%" or "persons" ? "" : " " + ind.Unit), data.Source(ind)));
        }
        Figure(Indicators.MigrantStock, t["International migrants, {0}", latest!], latest);
        Figure(Indicators.MigrantStockShare, t["Share of the population, {0}", latest!], latest);
        Figure(Indicators.MigrantStockFemaleShare, t["Women among migrants, {0}", latest!], latest);
        Figure(Indicators.Refugees, t["Refugees and asylum seekers, {0}", latest!], latest);
        Figure(Indicators.EmigrantStock, t["Emigrants, {0}", Last(data, Indicators.EmigrantStock)!], Last(data, Indicators.EmigrantStock));
        Figure(Indicators.RemittanceInflows, t["Remittances received, {0}", Last(data, Indicators.RemittanceInflows)!], Last(data, Indicators.RemittanceInflows));
        Figure(Indicators.RemittanceOutflows, t["Remittances sent, {0}", Last(data, Indicators.RemittanceOutflows)!], Last(data, Indicators.RemittanceOutflows));

        BySex(data, "stock", Indicators.MigrantStock, t["International migrants in {0}, by sex", a.Name]);
        Lines(data, "share", t["International migrants as a share of the population of {0}", a.Name], [(Indicators.MigrantStockShare, t["Both sexes"], Sex.Total)]);
        BySex(data, "emigrants", Indicators.EmigrantStock, t["Emigrants from {0}, by sex", a.Name]);
        Partners(data, "origins", Indicators.MigrantStockBilateral, false, t["Largest origins of migrants in {0}", a.Name]);
        Partners(data, "destinations", Indicators.MigrantStockBilateral, true, t["Largest destinations of emigrants from {0}", a.Name]);
        Lines(data, "remittances", t["Remittances received and sent by {0} (US$ million)", a.Name],
            [(Indicators.RemittanceInflows, t["Received"], Sex.Total), (Indicators.RemittanceOutflows, t["Sent"], Sex.Total)]);
        Partners(data, "remittance-senders", Indicators.RemittancesBilateral, false, t["Largest sources of remittances to {0}", a.Name]);

        var place = a.Code.ToString("000", CultureInfo.InvariantCulture);
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        foreach (var d in await db.LibraryDocuments.AsNoTracking().Where(d => d.Visible && d.Places.Contains(place))
                     .OrderByDescending(d => d.PublishedOn).Take(10).Select(d => new { d.Slug, d.Texts }).ToListAsync(ct))
            LibraryItems.Add((LibraryLanguages.Pick(d.Texts, language).Title, $"/library/{d.Slug}"));
        if (a.Iso3 is { } iso3)
            foreach (var e in await db.Events.AsNoTracking().Where(e => e.Country == iso3 && e.Status != EventStatus.Draft)
                         .OrderByDescending(e => e.StartsAt).Take(10).Select(e => new { e.Id, e.Slug, e.Title }).ToListAsync(ct))
                Events.Add((e.Title, $"/events/{e.Id}/{e.Slug}"));
        return Page();
    }

    private int FiguresCode => FiguresOf?.Code ?? Area.Code;

    private static int? Last(DataSnapshot data, string indicator) => data.Years.GetValueOrDefault(indicator) is { Count: > 0 } y ? y[^1] : null;

    private void BySex(DataSnapshot data, string id, string indicator, string title) =>
        Lines(data, id, title, [(indicator, t["Both sexes"], Sex.Total), (indicator, t["Men"], Sex.Male), (indicator, t["Women"], Sex.Female)]);

    private void Lines(DataSnapshot data, string id, string title, IReadOnlyList<(string Indicator, string Label, Sex Sex)> series)
    {
        var lines = series.Select(s => new ChartLine(s.Label, data.Series(s.Indicator, FiguresCode, s.Sex))).Where(l => l.Points.Count > 0).ToList();
        if (lines.Count == 0) return;
        var ind = Indicators.Find(series[0].Indicator)!;
        var years = lines.SelectMany(l => l.Points.Select(p => p.Year)).Distinct().Order().ToList();
        // The lines of one chart share a unit (persons by sex; US$ million received and sent).
        var rows = years.Select(y => (IReadOnlyList<string>)[y.ToString(CultureInfo.InvariantCulture),
            .. lines.Select(l => l.Points.FirstOrDefault(p => p.Year == y) is { Year: > 0 } p ? DataFormat.Flagged(p.Value, ind.Unit, p.Flag) : "–")]).ToList();
        var query = $"indicator={string.Join(',', series.Select(s => s.Indicator).Distinct())}&area={FiguresCode}";
        Charts.Add(new ChartView(id, title, SvgChart.Lines(title, ind.Unit, lines), [t["Year"], .. lines.Select(l => l.Label)], rows, query, data.Source(ind)));
    }

    private void Partners(DataSnapshot data, string id, string indicator, bool asCounterpart, string title)
    {
        var ind = Indicators.Find(indicator)!;
        if (data.Years.GetValueOrDefault(indicator) is not { Count: > 0 } years) return;
        var year = years[^1];
        var top = data.Partners(indicator, FiguresCode, year, Sex.Total, asCounterpart).Take(10).ToList();
        if (top.Count == 0) return;
        var full = $"{title}, {year}";
        Charts.Add(new ChartView(id, full, SvgChart.Bars(full, ind.Unit, top.Select(r => new ChartBar(r.Area.Name, r.Value)).ToList()),
            [asCounterpart ? t["Destination"] : t["Origin"], ind.Unit], top.Select(r => (IReadOnlyList<string>)[r.Area.Name, DataFormat.Value(r.Value, ind.Unit)]).ToList(),
            asCounterpart ? $"indicator={ind.Id}&counterpart={FiguresCode}&year={year}" : $"indicator={ind.Id}&area={FiguresCode}&year={year}", data.Source(ind)));
    }
}
