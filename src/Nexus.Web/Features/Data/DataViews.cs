using System.Globalization;
using Nexus.Web.Features.Data.Maps;

namespace Nexus.Web.Features.Data;

/// <summary>A chart with everything shown beside it: its table, its downloads and its source.</summary>
public sealed record ChartView(string Id, string Title, string Svg, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows,
    string DownloadQuery, DataRelease? Source);

/// <summary>A choropleth of one indicator in one year.</summary>
public sealed record MapView(WorldMap Map, Indicator Indicator, int Year, IReadOnlyList<int> Years, IReadOnlyList<Ranked> Ranking, DataRelease? Source)
{
    /// <summary>Upper bounds of the five colour classes: quintiles of the values, so each class holds about as many countries.</summary>
    public IReadOnlyList<double> Breaks { get; } = Choropleth.Breaks(Ranking.Select(r => r.Value).ToList());

    private readonly Dictionary<int, Ranked> _byCode = Ranking.ToDictionary(r => r.Area.Code);

    public Ranked? Of(int code) => _byCode.GetValueOrDefault(code);

    public int ClassOf(double value) => Choropleth.ClassOf(Breaks, value);
}

public static class Choropleth
{
    public const int Classes = 5;

    public static IReadOnlyList<double> Breaks(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return [];
        var sorted = values.Order().ToArray();
        return Enumerable.Range(1, Classes).Select(i => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(i * sorted.Length / (double)Classes) - 1)])
            .Distinct().ToList();
    }

    /// <summary>0 for the lowest class; a value above every break (impossible for the data the breaks came from) is in the top one.</summary>
    public static int ClassOf(IReadOnlyList<double> breaks, double value)
    {
        for (var i = 0; i < breaks.Count; i++) if (value <= breaks[i]) return i;
        return Math.Max(0, breaks.Count - 1);
    }
}

/// <summary>Formatting shared by the data pages.</summary>
public static class DataFormat
{
    public static string Value(double v, string unit) => unit switch
    {
        "%" => v.ToString("0.0", CultureInfo.CurrentCulture) + " %",
        "persons" => v.ToString("#,0", CultureInfo.CurrentCulture),
        "thousands" => v.ToString("#,0.#", CultureInfo.CurrentCulture),
        _ => v.ToString("#,0.#", CultureInfo.CurrentCulture),
    };

    public static string Flagged(double v, string unit, string? flag) => Value(v, unit) + (flag is "e" or "E" ? " (e)" : "");
}
