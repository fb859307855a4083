using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Nexus.Web.Features.Data.Maps;

/// <summary>One country's outline, projected, as an SVG path; <see cref="Code"/> is its M49 code.</summary>
public sealed record CountryShape(int Code, string Name, string Path);

/// <summary>
/// The world's country outlines (Natural Earth 1:110m, from the world-atlas package shipped in wwwroot/lib), decoded
/// from TopoJSON and projected once, on the server, with the Equal Earth projection: an equal-area projection, so a
/// choropleth does not make high-latitude countries look larger than they are. Pages draw the map as plain SVG, which
/// works without JavaScript; the script only recolours it.
/// </summary>
public sealed class WorldMap
{
    public const double Width = 960;
    public double Height { get; }
    public IReadOnlyList<CountryShape> Countries { get; }

    /// <summary>The edge of the projected globe: countries are clipped to it, which cuts the copies of outlines
    /// that cross the 180th meridian (see AppendRing) where the globe ends.</summary>
    public string Outline { get; }

    // Equal Earth (Šavrič, Patterson and Jenny, 2018) coefficients.
    private const double A1 = 1.340264, A2 = -0.081106, A3 = 0.000893, A4 = 0.003796;
    private static readonly double M = Math.Sqrt(3) / 2;
    private const double MaxX = 2.7066297319215575, MaxY = 1.3173627591574133;

    public WorldMap(Stream topoJson)
    {
        using var doc = JsonDocument.Parse(topoJson);
        var root = doc.RootElement;
        var transform = root.GetProperty("transform");
        var scale = transform.GetProperty("scale");
        var translate = transform.GetProperty("translate");
        var (sx, sy) = (scale[0].GetDouble(), scale[1].GetDouble());
        var (tx, ty) = (translate[0].GetDouble(), translate[1].GetDouble());
        var k = Width / (2 * MaxX);
        Height = Math.Round(2 * MaxY * k, 1);

        // Arcs are quantised and delta-encoded; decode each once into longitude and latitude.
        var arcs = root.GetProperty("arcs").EnumerateArray().Select(arc =>
        {
            var points = new List<(double Lon, double Lat)>();
            double x = 0, y = 0;
            foreach (var p in arc.EnumerateArray())
            {
                x += p[0].GetDouble();
                y += p[1].GetDouble();
                points.Add((x * sx + tx, y * sy + ty));
            }
            return points;
        }).ToList();
        (double, double) ToSvg(double lon, double lat)
        {
            var (px, py) = Project(lon, lat);
            return (Math.Round((px + MaxX) * k, 1), Math.Round((MaxY - py) * k, 1));
        }

        var outline = new StringBuilder();
        var edge = Enumerable.Range(0, 181).Select(i => (180.0, 90.0 - i))
            .Concat(Enumerable.Range(0, 181).Select(i => (-180.0, -90.0 + i))).ToList();
        Draw(outline, edge, ToSvg, 0);
        Outline = outline.ToString();

        var shapes = new List<CountryShape>();
        foreach (var g in root.GetProperty("objects").GetProperty("countries").GetProperty("geometries").EnumerateArray())
        {
            if (!g.TryGetProperty("id", out var id) || !int.TryParse(id.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var code)) continue;
            var name = g.GetProperty("properties").GetProperty("name").GetString() ?? "";
            var polygons = g.GetProperty("type").GetString() switch
            {
                "Polygon" => [g.GetProperty("arcs")],
                "MultiPolygon" => g.GetProperty("arcs").EnumerateArray().ToList(),
                _ => [],
            };
            var path = new StringBuilder();
            foreach (var polygon in polygons)
                foreach (var ring in polygon.EnumerateArray())
                    AppendRing(path, ring.EnumerateArray().Select(a => a.GetInt32()), arcs, ToSvg);
            if (path.Length > 0) shapes.Add(new CountryShape(code, name, path.ToString()));
        }
        Countries = shapes;
    }

    /// <summary>
    /// Appends one ring. Natural Earth does not cut the few outlines that cross the 180th meridian (Russia's far
    /// east, Fiji), so a ring's longitudes are made continuous, and a ring that then runs past ±180° is drawn twice:
    /// as it is and shifted by 360°, each copy clipped by the map's edge.
    /// </summary>
    private static void AppendRing(StringBuilder path, IEnumerable<int> ring, List<List<(double Lon, double Lat)>> arcs,
        Func<double, double, (double X, double Y)> toSvg)
    {
        var points = new List<(double Lon, double Lat)>();
        foreach (var index in ring)
            // A negative index is the one's complement of an arc to walk backwards.
            points.AddRange(index >= 0 ? arcs[index] : Enumerable.Reverse(arcs[~index]));
        if (points.Count == 0) return;
        for (var i = 1; i < points.Count; i++)
        {
            var lon = points[i].Lon;
            while (lon - points[i - 1].Lon > 180) lon -= 360;
            while (lon - points[i - 1].Lon < -180) lon += 360;
            points[i] = (lon, points[i].Lat);
        }
        Draw(path, points, toSvg, 0);
        var min = points.Min(p => p.Lon);
        var max = points.Max(p => p.Lon);
        if (min < -180) Draw(path, points, toSvg, 360);
        else if (max > 180) Draw(path, points, toSvg, -360);
    }

    private static void Draw(StringBuilder path, List<(double Lon, double Lat)> points, Func<double, double, (double X, double Y)> toSvg, double shift)
    {
        var first = true;
        (double, double)? last = null;
        foreach (var (lon, lat) in points)
        {
            var p = toSvg(lon + shift, lat);
            if (last == p) continue;
            path.Append(first ? 'M' : 'L').Append(p.X.ToString(CultureInfo.InvariantCulture)).Append(',').Append(p.Y.ToString(CultureInfo.InvariantCulture));
            first = false;
            last = p;
        }
        if (!first) path.Append('Z');
    }

    /// <summary>Equal Earth, from degrees to projection units.</summary>
    public static (double X, double Y) Project(double lon, double lat)
    {
        var lambda = lon * Math.PI / 180; // not clamped: outlines shifted past ±180° are drawn off the map's edge
        var phi = Math.Clamp(lat, -90, 90) * Math.PI / 180;
        var theta = Math.Asin(M * Math.Sin(phi));
        var t2 = theta * theta;
        var t6 = t2 * t2 * t2;
        var x = lambda * Math.Cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)));
        var y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2));
        return (x, y);
    }

    /// <summary>The map shipped in wwwroot/lib/world-atlas.</summary>
    public static WorldMap Load(IWebHostEnvironment env)
    {
        var file = env.WebRootFileProvider.GetFileInfo("lib/world-atlas/countries-110m.json");
        if (!file.Exists) throw new InvalidOperationException("wwwroot/lib/world-atlas/countries-110m.json is missing.");
        using var stream = file.CreateReadStream();
        return new WorldMap(stream);
    }
}
