using System.Globalization;
using System.Text.RegularExpressions;
using Nexus.Web.Features.Data.Import;

namespace Nexus.Web.Features.Data.Undesa;

/// <summary>
/// The origin-by-destination matrices of the editions up to 2015 (UN_MigrantStockByOriginAndDestination_2015.xlsx):
/// one sheet per year and sex ("Table 16. Total migrant stock at mid-year by origin and by major area, region,
/// country or area of destination, 2015"), destinations as rows with their codes, origins as columns headed by
/// name under "Country of origin". Origins are given codes by a row of codes under the names when there is one,
/// else by the workbook's own ANNEX (country code and name), else by name. The "Total" column is the migrants from
/// the whole world (counterpart 900); "Other North" and "Other South" have no code and are not stored.
/// </summary>
public sealed partial class UndesaBilateralMatrixFormat : IDataFormat
{
    public string Name => "UN DESA International Migrant Stock by destination and origin, matrix tables (2015 and earlier)";

    public bool Recognizes(DataFile file) => UndesaWorkbook.Layout(file) == UndesaLayout.BilateralMatrix;

    public ParsedRelease Read(DataFile file, CancellationToken ct)
    {
        var annex = AnnexCodes(file);
        return UndesaWorkbook.ReadBilateralTables(file, "Major area, region, country or area of destination",
            (s, header, release, areas) => ReadTable(s, header, annex, release, areas), ct);
    }

    private static void ReadTable(Sheet s, int header, Dictionary<string, int> annex, ParsedRelease release, Dictionary<int, Area> areas)
    {
        var nameColumn = UndesaWorkbook.AreaColumn(s, header)!.Value;
        var codeColumn = UndesaWorkbook.RequiredColumn(s, header, nameColumn, "Country code", "Location code", "Code");
        var notesColumn = s.FindColumn(header, "Notes");
        var typeColumn = UndesaWorkbook.ColumnStartingWith(s, header, "Type of data");
        var originColumn = UndesaWorkbook.RequiredColumn(s, header, nameColumn, "Country of origin");
        var (sex, year) = TitleOf(s, header);

        var namesRow = header + 1;
        var width = namesRow <= s.Rows.Count ? s.Rows[namesRow - 1].Length : 0;
        var named = Enumerable.Range(originColumn, Math.Max(0, width - originColumn + 1)).Where(c => s.Text(namesRow, c).Length > 0).ToList();
        if (named.Count == 0) throw new DataImportException("The row under \"Country of origin\" names no origins.", s.At(namesRow, originColumn));
        // Some editions print the origins' codes in a row under their names; the header cells left of it are empty.
        var codesRow = s.Text(namesRow + 1, nameColumn).Length == 0 && s.Text(namesRow + 1, codeColumn).Length == 0
                       && named.Count(c => int.TryParse(s.Text(namesRow + 1, c), NumberStyles.None, CultureInfo.InvariantCulture, out _)) >= named.Count * 9 / 10
            ? namesRow + 1 : (int?)null;

        var origins = new List<(int Column, AreaRef Origin)>();
        var skipped = new List<int>();
        var codes = new HashSet<int>();
        foreach (var c in named)
        {
            var printed = s.Text(namesRow, c);
            var at = s.At(namesRow, c);
            var code = (codesRow is { } cr ? UndesaWorkbook.Code(s, cr, c) : null)
                       ?? (Sheet.Label(printed) == "total" ? Area.World : annex.TryGetValue(Sheet.Label(printed), out var known) ? known : null);
            if (code is null && printed.StartsWith("Other", StringComparison.OrdinalIgnoreCase))
            {
                // DESA's residual origins ("Other North", "Other South") are not areas and have no code.
                skipped.Add(c);
                continue;
            }
            if (code is { } k)
            {
                if (!codes.Add(k)) throw new DataImportException($"A second column for the origin with code {k}.", at);
                if (!areas.TryGetValue(k, out var area)) areas[k] = area = UndesaWorkbook.Area(k, k == Area.World ? "World" : printed);
                origins.Add((c, new AreaRef(k, null, area.Name, at)));
            }
            else origins.Add((c, new AreaRef(null, null, UndesaWorkbook.AreaName(printed), at)));
        }

        var seen = new Dictionary<int, (int Row, double?[] Values)>();
        for (var r = (codesRow ?? namesRow) + 1; r <= s.Rows.Count; r++)
        {
            if (UndesaWorkbook.Code(s, r, codeColumn) is not { } code)
            {
                if (!UndesaWorkbook.IsBlank(s, r))
                    release.Skip("headings and notes without a location code");
                continue;
            }
            var name = s.Text(r, nameColumn);
            if (name.Length == 0) throw new DataImportException("The row has a location code but no area name.", s.At(r, nameColumn));
            var values = origins.Select(o => UndesaWorkbook.Number(s, r, o.Column)).ToArray();
            if (seen.TryGetValue(code, out var first))
            {
                if (UndesaWorkbook.SameFigures(first.Values, values))
                {
                    release.Skip("aggregates listed a second time in a table, with the same figures");
                    continue;
                }
                throw new DataImportException($"Location code {code} is listed a second time (first in row {first.Row}) with different figures.", s.At(r, codeColumn));
            }
            seen[code] = (r, values);
            if (!areas.TryGetValue(code, out var area)) areas[code] = area = UndesaWorkbook.Area(code, name);
            var destination = new AreaRef(code, null, area.Name, s.At(r, codeColumn));
            var note = UndesaWorkbook.Printed(s, r, notesColumn);
            var type = UndesaWorkbook.Printed(s, r, typeColumn);
            for (var i = 0; i < values.Length; i++)
                if (values[i] is { } value)
                    release.Observations.Add(new ParsedObservation(Indicators.MigrantStockBilateral, destination, origins[i].Origin, sex, year, value, type, note));
            foreach (var c in skipped)
                if (UndesaWorkbook.Number(s, r, c) is not null)
                    release.Skip("figures for \"Other North\" and \"Other South\", residual origins with no location code");
        }
    }

    /// <summary>The sex and year of a matrix, from its title: "Table 16. Total migrant stock at mid-year by origin ..., 2015".</summary>
    private static (Sex Sex, int Year) TitleOf(Sheet s, int header)
    {
        for (var r = 1; r < header; r++)
            for (var c = 1; c <= s.Rows[r - 1].Length; c++)
            {
                var m = TableTitle().Match(s.Text(r, c));
                if (!m.Success) continue;
                var years = FourDigitYear().Matches(m.Groups[1].Value);
                if (years.Count == 0) throw new DataImportException("The table's title names no year.", s.At(r, c));
                return (UndesaWorkbook.SexOf(m.Groups[1].Value), int.Parse(years[^1].Value, CultureInfo.InvariantCulture));
            }
        throw new DataImportException(
            $"Sheet '{s.Name.Trim()}' has no title (\"Table 16. Total migrant stock at mid-year by origin ..., 2015\") above its header, so the year and sex of its figures are unknown.");
    }

    /// <summary>Codes by name from the workbook's ANNEX ("Country code", "Country or area"), which names origins as the matrix does.</summary>
    private static Dictionary<string, int> AnnexCodes(DataFile file)
    {
        var codes = new Dictionary<string, int>();
        if (file.FindSheet("ANNEX") is not { } s) return codes;
        var header = s.FindRow(r => s.FindColumn(r, "Country code") is not null && s.FindColumn(r, "Country or area") is not null, 30);
        if (header is not { } h) return codes;
        var codeColumn = s.FindColumn(h, "Country code")!.Value;
        var nameColumn = s.FindColumn(h, "Country or area")!.Value;
        for (var r = h + 1; r <= s.Rows.Count; r++)
            if (UndesaWorkbook.Code(s, r, codeColumn) is { } code && s.Text(r, nameColumn) is { Length: > 0 } name)
                codes.TryAdd(Sheet.Label(name), code);
        return codes;
    }

    [GeneratedRegex(@"^Table\s*\d+\s*[.:\-–]\s*(.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TableTitle();

    [GeneratedRegex(@"\b(?:19|20)\d{2}\b", RegexOptions.CultureInvariant)]
    private static partial Regex FourDigitYear();
}
