using System.Globalization;
using System.Text.RegularExpressions;
using Nexus.Web.Features.Data.Areas;
using Nexus.Web.Features.Data.Import;

namespace Nexus.Web.Features.Data.Undesa;

/// <summary>The UN DESA International Migrant Stock layouts Nexus reads; each format accepts exactly one.</summary>
internal enum UndesaLayout { None, Destination, Origin, BilateralMatrix, BilateralLong, Aggregates }

/// <summary>A column of figures: its year (the end year of a period such as 1990-1995) and the heading of its block.</summary>
internal sealed record ValueColumn(int Column, int Year, string Heading, CellRef HeadingAt);

/// <summary>
/// What UN DESA's migrant stock workbooks share across editions: sheets named "Table 1", "Table 2" ...; a title
/// block; a header row beginning with the area name column; M49 location codes, with DESA's own aggregates numbered
/// from 900 up; years or periods as column headings, grouped under block headings (both sexes, males, females); and
/// marks for figures that are not available.
/// </summary>
internal static partial class UndesaWorkbook
{
    /// <summary>How the area column's heading begins, in the 2020 and in the 2015-2019 editions.</summary>
    private static readonly string[] AreaHeadings = ["region, development group, country or area", "major area, region, country or area"];

    /// <summary>
    /// "Not available" (..), protected for privacy (~), and the dashes DESA prints for a magnitude that is nil or
    /// rounds to zero: none of them is a figure, so none is stored (a 0 in a file is stored as 0).
    /// </summary>
    private static readonly HashSet<string> NotAvailable = ["..", "…", "~", "-", "—", "–"];

    /// <summary>
    /// Which layout a file has, from its sheet names, table titles and header texts only. One decision for all the
    /// formats, so that no two of them can claim the same file. Deliberately loose about the columns a format needs
    /// (a renamed code column still reaches the format, which then names the cell it cannot read).
    /// </summary>
    public static UndesaLayout Layout(DataFile file)
    {
        if (file.Kind != DataFileKind.Xlsx) return UndesaLayout.None;
        if (file.FindSheet("Annex") is { } annex && AnnexHeader(annex) is not null) return UndesaLayout.Aggregates;
        if (TableSheets(file).FirstOrDefault() is not { } sheet || HeaderRow(sheet) is not { } header) return UndesaLayout.None;
        var top = string.Join(' ', Enumerable.Range(1, header).SelectMany(r => Texts(sheet, r)).Select(Sheet.Label));
        if (!top.Contains("migrant stock", StringComparison.Ordinal)) return UndesaLayout.None;
        var labels = Texts(sheet, header).Select(Sheet.Label).ToList();
        if (labels.Contains("country of origin")) return UndesaLayout.BilateralMatrix;
        if (labels.Any(l => l.EndsWith(" of origin", StringComparison.Ordinal)) && labels.Any(l => l.EndsWith(" of destination", StringComparison.Ordinal)))
            return UndesaLayout.BilateralLong;
        var origin = top.Contains("of origin", StringComparison.Ordinal);
        var destination = top.Contains("of destination", StringComparison.Ordinal);
        return origin == destination ? UndesaLayout.None : origin ? UndesaLayout.Origin : UndesaLayout.Destination;
    }

    /// <summary>The sheets named "Table 1", "Table 16" ..., in workbook order.</summary>
    /// <summary>Whether two rows give the same figures, column by column (a missing figure equals only a missing figure).</summary>
    internal static bool SameFigures(double?[] a, double?[] b)
    {
        if (a.Length != b.Length) return false;
        for (var i = 0; i < a.Length; i++)
            if (a[i] is { } x ? b[i] is not { } y || !x.Equals(y) : b[i] is not null) return false;
        return true;
    }

    internal static IEnumerable<Sheet> TableSheets(DataFile file) => file.Sheets.Where(s => TableName().IsMatch(s.Name.Trim()));

    /// <summary>
    /// Reads every "Table N" sheet of an origin-and-destination workbook with <paramref name="readTable"/> (sheet,
    /// header row, release, areas met); the first table's title block gives the edition and title.
    /// </summary>
    internal static ParsedRelease ReadBilateralTables(DataFile file, string headerText,
        Action<Sheet, int, ParsedRelease, Dictionary<int, Area>> readTable, CancellationToken ct)
    {
        var sheets = TableSheets(file).ToList();
        if (sheets.Count == 0) throw new DataImportException("The workbook has no sheet named \"Table 1\".");
        var areas = new Dictionary<int, Area>();
        ParsedRelease? release = null;
        foreach (var s in sheets)
        {
            ct.ThrowIfCancellationRequested();
            var header = HeaderRow(s) ?? throw new DataImportException(
                $"Sheet '{s.Name.Trim()}' has no header row beginning with \"{headerText}\" in its first 30 rows.");
            if (release is null)
            {
                var edition = Edition(s, header);
                release = new ParsedRelease
                {
                    Dataset = Datasets.UndesaBilateral,
                    Edition = edition.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    EditionDate = EditionDate(edition),
                    Title = Title(s, header) ?? $"International Migrant Stock {edition}: by destination and origin",
                };
            }
            readTable(s, header, release, areas);
        }
        release!.Areas.AddRange(areas.Values.OrderBy(a => a.Code));
        return release;
    }

    /// <summary>The header row of a table: the first row with the area name column.</summary>
    internal static int? HeaderRow(Sheet s) => s.FindRow(r => AreaColumn(s, r) is not null, 30);

    internal static int? AreaColumn(Sheet s, int row)
    {
        var cells = row >= 1 && row <= s.Rows.Count ? s.Rows[row - 1].Length : 0;
        for (var c = 1; c <= cells; c++)
        {
            var label = Sheet.Label(s.Text(row, c));
            if (AreaHeadings.Any(h => label.StartsWith(h, StringComparison.Ordinal))) return c;
        }
        return null;
    }

    /// <summary>The header row of the correspondence table (sheet Annex).</summary>
    internal static int? AnnexHeader(Sheet s) =>
        s.FindRow(r => s.FindColumn(r, "Location code") is not null && s.FindColumn(r, "ISO3 Alpha-code") is not null, 30);

    /// <summary>The first column whose heading starts with the text (loosely compared), or null.</summary>
    internal static int? ColumnStartingWith(Sheet s, int row, string start)
    {
        var wanted = Sheet.Label(start);
        var cells = row >= 1 && row <= s.Rows.Count ? s.Rows[row - 1].Length : 0;
        for (var c = 1; c <= cells; c++)
            if (Sheet.Label(s.Text(row, c)).StartsWith(wanted, StringComparison.Ordinal)) return c;
        return null;
    }

    internal static int RequiredColumn(Sheet s, int row, int near, params string[] labels) =>
        s.FindColumn(row, labels) ?? throw new DataImportException(
            $"The header row has no \"{labels[0]}\" column; this is not the layout of a UN DESA migrant stock table.", s.At(row, near));

    /// <summary>True when no cell of the row holds anything but white space.</summary>
    internal static bool IsBlank(Sheet s, int row) =>
        row < 1 || row > s.Rows.Count || s.Rows[row - 1].All(v => v is null || (v is string t && t.Trim().Length == 0));

    private static IEnumerable<string> Texts(Sheet s, int row)
    {
        if (row < 1 || row > s.Rows.Count) yield break;
        for (var c = 1; c <= s.Rows[row - 1].Length; c++)
            if (s.Text(row, c) is { Length: > 0 } t) yield return t;
    }

    /// <summary>
    /// The edition, read from the title block above a table: "POP/DB/MIG/Stock/Rev.2020" in every edition since
    /// 2015, or else "International Migrant Stock 2020" in the title or citation.
    /// </summary>
    internal static int? EditionYear(Sheet s, int header)
    {
        var texts = Enumerable.Range(1, header).SelectMany(r => Texts(s, r)).ToList();
        foreach (var pattern in new[] { Revision(), PublicationYear() })
            foreach (var t in texts)
                if (pattern.Match(t) is { Success: true } m) return int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return null;
    }

    internal static int Edition(Sheet s, int header) => EditionYear(s, header) ?? throw new DataImportException(
        $"Sheet '{s.Name.Trim()}' names no edition above its table (\"POP/DB/MIG/Stock/Rev.2020\" or \"International Migrant Stock 2020\").");

    /// <summary>UN DESA dates an edition by its year; the end of that year orders it after earlier ones.</summary>
    internal static DateOnly EditionDate(int year) => new(year, 12, 31);

    /// <summary>The title the workbook gives itself ("International Migrant Stock 2020: Destination"), if it prints one.</summary>
    internal static string? Title(Sheet s, int header) =>
        Enumerable.Range(1, header).SelectMany(r => Texts(s, r)).FirstOrDefault(t => PublicationTitle().IsMatch(t));

    /// <summary>A location code: a whole number from 1 to 9999, or null when the cell is empty.</summary>
    internal static int? Code(Sheet s, int row, int column)
    {
        var text = s.Text(row, column);
        if (text.Length == 0) return null;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is > 0 and < 10_000 ? code
            : throw new DataImportException($"\"{text}\" is not a location code (an M49 code or a UN DESA aggregate code).", s.At(row, column));
    }

    /// <summary>
    /// A figure, or null for an empty cell and the marks of a figure not available. Anything else is refused:
    /// a stray note in a column of figures means the columns are not where the header says.
    /// </summary>
    internal static double? Number(Sheet s, int row, int column)
    {
        switch (s[row, column])
        {
            case null:
                return null;
            case double d:
                return d;
            case int or long or float or decimal:
                return Convert.ToDouble(s[row, column], CultureInfo.InvariantCulture);
            default:
                var text = s.Text(row, column);
                if (text.Length == 0 || NotAvailable.Contains(text)) return null;
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) return v;
                throw new DataImportException($"\"{text}\" is neither a figure nor a mark of a figure not available (.. or ~).", s.At(row, column));
        }
    }

    /// <summary>A year heading: 1990, "1990", or a period "1990-1995" (its end year). Null for anything else.</summary>
    internal static int? Year(Sheet s, int row, int column)
    {
        if (s[row, column] is double d)
            return d == Math.Floor(d) && d is >= 1900 and <= 2100 ? (int)d : null;
        var m = YearOrPeriod().Match(s.Text(row, column));
        if (!m.Success) return null;
        var end = int.Parse(m.Groups[m.Groups[2].Success ? 2 : 1].Value, CultureInfo.InvariantCulture);
        return m.Groups[2].Success && end <= int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) ? null : end;
    }

    /// <summary>
    /// The columns of figures right of <paramref name="first"/>: every cell of the year row there must be a year or
    /// a period, and each takes the nearest block heading above it (at its column or left of it, but not left of the
    /// first year), such as "International migrant stock at mid-year, males".
    /// </summary>
    internal static List<ValueColumn> ValueColumns(Sheet s, int yearRow, int first, int headingRows = 4)
    {
        var columns = new List<(int Column, int Year)>();
        var width = yearRow <= s.Rows.Count ? s.Rows[yearRow - 1].Length : 0;
        for (var c = first; c <= width; c++)
        {
            if (s.Text(yearRow, c).Length == 0) continue;
            var year = Year(s, yearRow, c) ?? throw new DataImportException(
                $"\"{s.Text(yearRow, c)}\" is not a year or a period (1990, 1990-1995) where the table's years are.", s.At(yearRow, c));
            columns.Add((c, year));
        }
        if (columns.Count == 0) throw new DataImportException("The header has no years (1990, 1995 ...) above the figures.", s.At(yearRow, first));
        var firstYear = columns[0].Column;
        var result = new List<ValueColumn>(columns.Count);
        foreach (var (column, year) in columns)
        {
            (string Text, CellRef At)? heading = null;
            for (var r = yearRow - 1; r >= Math.Max(1, yearRow - headingRows) && heading is null; r--)
                for (var c = column; c >= firstYear && heading is null; c--)
                    if (s.Text(r, c) is { Length: > 0 } t) heading = (t, s.At(r, c));
            result.Add(new ValueColumn(column, year, heading?.Text ?? "", heading?.At ?? s.At(yearRow, column)));
        }
        return result;
    }

    /// <summary>Males, females or both sexes, as a block heading says ("..., males", "(female)", "both sexes combined").</summary>
    internal static Sex SexOf(string heading) =>
        Female().IsMatch(heading) ? Sex.Female : Male().IsMatch(heading) ? Sex.Male : Sex.Total;

    /// <summary>
    /// An area as Nexus stores it: DESA's aggregates (World 900, the regions and groups from 901 up, 1500-1899, 5500 ...)
    /// are never countries, whatever their names. The formats declare every area of a table, countries too: the
    /// importer adds only the ones it does not know yet, which besides the aggregates are the areas DESA reports and
    /// the M49 list lacks (Channel Islands 830, China, Taiwan Province of China 158).
    /// </summary>
    internal static Area Area(int code, string printed) => new()
    {
        Code = code,
        Name = AreaName(printed),
        Kind = code == Data.Area.World ? AreaKind.World : IsAggregate(code) ? AreaKind.Group : AreaKind.Country,
    };

    internal static bool IsAggregate(int code) => code >= Data.Area.World;

    /// <summary>
    /// The name without the indentation that shows its level, its notes ("Polynesia*") and the capitals DESA uses to
    /// set continents apart ("LATIN AMERICA AND THE CARIBBEAN" becomes "Latin America and the Caribbean").
    /// </summary>
    internal static string AreaName(string printed)
    {
        var name = AreaNames.StripNotes(Collapse(printed));
        if (name.Any(char.IsLower) || !name.Any(char.IsLetter)) return name;
        var words = name.ToLowerInvariant().Split(' ');
        for (var i = 0; i < words.Length; i++)
            if (i == 0 || !LowerWords.Contains(words[i]))
                words[i] = string.Join('-', words[i].Split('-').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]));
        return string.Join(' ', words);
    }

    private static readonly HashSet<string> LowerWords = ["and", "the", "of", "excluding", "in", "for"];

    /// <summary>Runs of white space (line breaks, non-breaking spaces) as one space, trimmed.</summary>
    internal static string Collapse(string text) =>
        string.Join(' ', text.Replace('\u00A0', ' ').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>A type of data ("B R ") or a note reference ("(b)", 12) as printed, or null when empty.</summary>
    internal static string? Printed(Sheet s, int row, int? column) =>
        column is { } c && Collapse(s.Text(row, c)) is { Length: > 0 } t ? t : null;

    [GeneratedRegex(@"^Table\s*\d+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TableName();

    [GeneratedRegex(@"POP/DB/MIG/Stock/Rev\.?\s*((?:19|20)\d{2})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Revision();

    [GeneratedRegex(@"International Migrant Stock\s+((?:19|20)\d{2})\b", RegexOptions.CultureInvariant)]
    private static partial Regex PublicationYear();

    [GeneratedRegex(@"^(?:Trends in )?International Migrant Stock\b", RegexOptions.CultureInvariant)]
    private static partial Regex PublicationTitle();

    [GeneratedRegex(@"^((?:19|20)\d{2})(?:\s*[-–]\s*((?:19|20)\d{2}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex YearOrPeriod();

    [GeneratedRegex(@"\bfemales?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Female();

    [GeneratedRegex(@"\bmales?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Male();
}
