using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Nexus.Web.Infrastructure.Countries;

public sealed record Region(string M49, string Name, string Parent);

/// <summary>
/// The M49 regions, sub-regions and intermediate regions (World, Africa, Sub-Saharan Africa ...), shipped as a
/// small extract (regions.csv) that <see cref="ExtractFromM49"/> makes from the official UNSD file.
/// </summary>
public static class Regions
{
    public static IReadOnlyList<Region> All => Loaded.List;

    public static Region? Find(string? m49) => m49 is not null && Loaded.ByCode.TryGetValue(m49.Trim(), out var r) ? r : null;

    /// <summary>Read on first use; plain collections for the reason given in <see cref="Countries"/>.</summary>
    private static class Loaded
    {
        public static readonly List<Region> List = Load();
        public static readonly Dictionary<string, Region> ByCode = Index(List);

        private static Dictionary<string, Region> Index(List<Region> list)
        {
            var index = new Dictionary<string, Region>(list.Count, StringComparer.Ordinal);
            foreach (var r in list) index[r.M49] = r;
            return index;
        }
    }

    /// <summary>A country or a region by its M49 code: its name, or null when the code is neither.</summary>
    public static string? PlaceName(string? m49) =>
        Find(m49)?.Name ?? (m49 is null ? null : Countries.ByM49(m49.Trim())?.Name);

    public static List<Region> ExtractFromM49(Stream csv)
    {
        using var reader = new StreamReader(csv, detectEncodingFromByteOrderMarks: true);
        using var parser = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = ";" });
        parser.Read();
        parser.ReadHeader();
        var found = new Dictionary<string, Region>();
        (string Code, string Name, string? Parent)[] levels =
        [
            ("Global Code", "Global Name", null), ("Region Code", "Region Name", "Global Code"),
            ("Sub-region Code", "Sub-region Name", "Region Code"), ("Intermediate Region Code", "Intermediate Region Name", "Sub-region Code"),
        ];
        while (parser.Read())
            foreach (var (code, name, parent) in levels)
            {
                var c = parser.GetField(code)?.Trim();
                if (string.IsNullOrEmpty(c)) continue;
                found[c] = new Region(c, parser.GetField(name)?.Trim() ?? "", parent is null ? "" : parser.GetField(parent)?.Trim() ?? "");
            }
        return found.Values.OrderBy(r => r.M49, StringComparer.Ordinal).ToList();
    }

    private static List<Region> Load()
    {
        using var stream = typeof(Regions).Assembly.GetManifestResourceStream("Nexus.Regions.csv")
            ?? throw new InvalidOperationException("regions.csv is not embedded.");
        using var reader = new StreamReader(stream);
        var list = new List<Region>();
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#') || line.StartsWith("m49;", StringComparison.Ordinal) || line.Length == 0) continue;
            var f = line.Split(';');
            list.Add(new Region(f[0], f[1], f[2]));
        }
        return list;
    }
}
