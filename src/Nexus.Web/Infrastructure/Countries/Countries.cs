using System.Collections.Frozen;
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
    private static readonly Lazy<(IReadOnlyList<Country> List, FrozenDictionary<string, Country> ByIso3)> Data = new(Load);

    public static IReadOnlyList<Country> All => Data.Value.List;

    public static Country? Find(string? iso3) =>
        iso3 is not null && Data.Value.ByIso3.TryGetValue(iso3.Trim().ToUpperInvariant(), out var c) ? c : null;

    private static readonly Lazy<FrozenDictionary<string, Country>> M49Index = new(() => All.ToFrozenDictionary(c => c.M49));

    public static Country? ByM49(string? m49) => m49 is not null && M49Index.Value.TryGetValue(m49.Trim(), out var c) ? c : null;

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

    private static (IReadOnlyList<Country>, FrozenDictionary<string, Country>) Load()
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
        return (list, list.ToFrozenDictionary(c => c.Iso3));
    }
}
