using System.Globalization;
using System.Net;
using System.Text;

namespace Nexus.Web.Features.Data.Charts;

/// <summary>A line of a chart: its label and its points.</summary>
public sealed record ChartLine(string Label, IReadOnlyList<Point> Points);

/// <summary>A bar of a chart.</summary>
public sealed record ChartBar(string Label, double Value, string? Href = null);

/// <summary>
/// Small charts drawn as SVG on the server: they need no script, print well, scale with the page and carry a text
/// title and description for screen readers. Each chart on a page also comes with its table (see _Chart.cshtml).
/// </summary>
public static class SvgChart
{
    private const int W = 640, H = 300, Left = 72, Right = 16, Top = 16, Bottom = 40;
    // Colours distinguishable in the common forms of colour blindness (Okabe and Ito's palette).
    private static readonly string[] Colours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];

    public static string Lines(string title, string unit, IReadOnlyList<ChartLine> lines)
    {
        var points = lines.SelectMany(l => l.Points).ToList();
        var sb = Start(title, $"{title} ({unit}), {string.Join("; ", lines.Select(l => l.Label))}");
        if (points.Count == 0) return End(sb);
        int minYear = points.Min(p => p.Year), maxYear = points.Max(p => p.Year);
        var (lo, hi, step) = Scale(Math.Min(0, points.Min(p => p.Value)), points.Max(p => p.Value));
        double X(int year) => maxYear == minYear ? Left + (W - Left - Right) / 2.0 : Left + (year - minYear) * (W - Left - Right) / (double)(maxYear - minYear);
        double Y(double v) => Top + (hi - v) * (H - Top - Bottom) / (hi - lo);
        Axes(sb, lo, hi, step, Y);
        foreach (var year in points.Select(p => p.Year).Distinct().Order())
            sb.Append($"<text x=\"{F(X(year))}\" y=\"{H - Bottom + 18}\" text-anchor=\"middle\" class=\"tick\">{year}</text>");
        for (var i = 0; i < lines.Count; i++)
        {
            var colour = Colours[i % Colours.Length];
            var pts = lines[i].Points.OrderBy(p => p.Year).ToList();
            if (pts.Count > 1)
                sb.Append($"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\"{(i % 2 == 1 ? " stroke-dasharray=\"6 3\"" : "")} points=\"")
                  .AppendJoin(' ', pts.Select(p => $"{F(X(p.Year))},{F(Y(p.Value))}")).Append("\"/>");
            foreach (var p in pts)
                sb.Append($"<circle cx=\"{F(X(p.Year))}\" cy=\"{F(Y(p.Value))}\" r=\"3.5\" fill=\"{colour}\"><title>{E(lines[i].Label)}, {p.Year}: {Number(p.Value)}</title></circle>");
        }
        if (lines.Count > 1) Legend(sb, lines.Select(l => l.Label).ToList());
        return End(sb);
    }

    public static string Bars(string title, string unit, IReadOnlyList<ChartBar> bars)
    {
        var height = Math.Max(80, bars.Count * 26 + 24);
        var sb = new StringBuilder($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {height}\" role=\"img\" class=\"chart\">")
            .Append($"<title>{E(title)}</title><desc>{E($"{title} ({unit})")}</desc>");
        if (bars.Count == 0) return sb.Append("</svg>").ToString();
        var max = Math.Max(bars.Max(b => b.Value), 1e-9);
        const int labelWidth = 200;
        for (var i = 0; i < bars.Count; i++)
        {
            var b = bars[i];
            var y = 8 + i * 26;
            var w = Math.Max(1, b.Value / max * (W - labelWidth - 110));
            sb.Append($"<text x=\"{labelWidth - 8}\" y=\"{y + 15}\" text-anchor=\"end\" class=\"label\">{E(Shorten(b.Label))}</text>")
              .Append($"<rect x=\"{labelWidth}\" y=\"{y}\" width=\"{F(w)}\" height=\"20\" fill=\"{Colours[0]}\"><title>{E(b.Label)}: {Number(b.Value)}</title></rect>")
              .Append($"<text x=\"{F(labelWidth + w + 6)}\" y=\"{y + 15}\" class=\"tick\">{Number(b.Value)}</text>");
        }
        return sb.Append("</svg>").ToString();
    }

    private static StringBuilder Start(string title, string description) =>
        new StringBuilder($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {H}\" role=\"img\" class=\"chart\">")
            .Append($"<title>{E(title)}</title><desc>{E(description)}</desc>");

    private static string End(StringBuilder sb) => sb.Append("</svg>").ToString();

    private static void Axes(StringBuilder sb, double lo, double hi, double step, Func<double, double> y)
    {
        for (var v = lo; v <= hi + step / 2; v += step)
            sb.Append($"<line x1=\"{Left}\" x2=\"{W - Right}\" y1=\"{F(y(v))}\" y2=\"{F(y(v))}\" class=\"grid\"/>")
              .Append($"<text x=\"{Left - 6}\" y=\"{F(y(v) + 4)}\" text-anchor=\"end\" class=\"tick\">{Number(v)}</text>");
    }

    private static void Legend(StringBuilder sb, IReadOnlyList<string> labels)
    {
        var x = Left;
        for (var i = 0; i < labels.Count; i++)
        {
            sb.Append($"<rect x=\"{x}\" y=\"{H - 12}\" width=\"12\" height=\"4\" fill=\"{Colours[i % Colours.Length]}\"/>")
              .Append($"<text x=\"{x + 16}\" y=\"{H - 7}\" class=\"tick\">{E(Shorten(labels[i]))}</text>");
            x += 24 + Math.Min(labels[i].Length, 28) * 7;
        }
    }

    /// <summary>A "nice" axis from lo to hi: steps of 1, 2 or 5 times a power of ten, four or five of them.</summary>
    public static (double Lo, double Hi, double Step) Scale(double lo, double hi)
    {
        if (hi <= lo) hi = lo + 1;
        var raw = (hi - lo) / 4;
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1, 2, 5, 10 }.Select(m => m * power).First(s => s >= raw);
        return (Math.Floor(lo / step) * step, Math.Ceiling(hi / step) * step, step);
    }

    /// <summary>A figure as people read it: 12,345; 1.2 million; 3.4 billion; 12.5.</summary>
    public static string Number(double v)
    {
        var a = Math.Abs(v);
        var c = CultureInfo.CurrentCulture;
        return a >= 1e9 ? (v / 1e9).ToString("0.#", c) + " bn"
            : a >= 1e7 ? (v / 1e6).ToString("0.#", c) + " m"
            : a >= 100 || a == Math.Round(a) ? v.ToString("#,0", c)
            : v.ToString("0.##", c);
    }

    private static string Shorten(string s) => s.Length <= 28 ? s : s[..27] + "…";
    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
    private static string E(string s) => WebUtility.HtmlEncode(s);
}
