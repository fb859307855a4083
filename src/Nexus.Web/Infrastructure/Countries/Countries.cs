using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Nexus.Web.Infrastructure.Countries;

public sealed record Country(string Iso3, string Iso2, string M49, string Name, string Region, string SubRegion);

/// <summary>
/// Countries and areas from the UN M49 list, shipped as a small extract (countries.csv) that
/// <see cref="ExtractFromM49"/> makes from the official UNSD file, so Nexus runs without the data folder.
/// </summary>
public static class Countries
{
    public static IReadOnlyList<Country> All => Loaded.List;

    public static Country? Find(string? iso3) =>
        iso3 is not null && Loaded.ByIso3.TryGetValue(iso3.Trim(), out var c) ? c : null;

    public static Country? ByM49(string? m49) => m49 is not null && Loaded.ByM49.TryGetValue(m49.Trim(), out var c) ? c : null;

    /// <summary>
    /// The list, read on first use (a nested class's static fields are initialised once, on first access, thread-safely).
    /// Plain dictionaries rather than frozen ones or a Lazy of a tuple: a one-shot <c>data import</c> of a World Bank
    /// file needs this list at once, and building frozen dictionaries (and compiling Lazy over a tuple, which
    /// ReadyToRun cannot do ahead of time) cost it several milliseconds for 250 lookups (ADR 014).
    /// </summary>
    private static class Loaded
    {
        public static readonly List<Country> List = Load();
        public static readonly Dictionary<string, Country> ByIso3 = Index(List, c => c.Iso3, StringComparer.OrdinalIgnoreCase);
        public static readonly Dictionary<string, Country> ByM49 = Index(List, c => c.M49, StringComparer.Ordinal);

        private static Dictionary<string, Country> Index(List<Country> list, Func<Country, string> key, StringComparer comparer)
        {
            var index = new Dictionary<string, Country>(list.Count, comparer);
            foreach (var c in list) index[key(c)] = c;
            return index;
        }
    }

    /// <summary>Reads the official M49 CSV (semicolon-separated, with byte-order mark), by column name.</summary>
    public static List<Country> ExtractFromM49(Stream csv)
    {
        using var reader = new StreamReader(csv, detectEncodingFromByteOrderMarks: true);
        using var parser = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = ";" });
        parser.Read();
        parser.ReadHeader();
        var list = new List<Country>();
        while (parser.Read())
        {
            var iso3 = parser.GetField("ISO-alpha3 Code")?.Trim();
            if (string.IsNullOrEmpty(iso3)) continue; // e.g. Sark has an M49 code but no ISO code
            list.Add(new Country(iso3, parser.GetField("ISO-alpha2 Code")?.Trim() ?? "",
                parser.GetField("M49 Code")?.Trim() ?? "", parser.GetField("Country or Area")?.Trim() ?? "",
                parser.GetField("Region Name")?.Trim() ?? "", parser.GetField("Sub-region Name")?.Trim() ?? ""));
        }
        return list.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
    }

    private static List<Country> Load()
    {
        using var stream = typeof(Countries).Assembly.GetManifestResourceStream("Nexus.Countries.csv")
            ?? throw new InvalidOperationException("countries.csv is not embedded.");
        using var reader = new StreamReader(stream);
        var list = new List<Country>();
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#') || line.StartsWith("iso3;", StringComparison.Ordinal) || line.Length == 0) continue;
            var f = line.Split(';');
            list.Add(new Country(f[0], f[1], f[2], f[3], f[4], f[5]));
        }
        return list;
    }
}
