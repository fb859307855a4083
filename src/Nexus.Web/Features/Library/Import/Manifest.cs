using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;

namespace Nexus.Web.Features.Library.Import;

/// <summary>One non-empty row of a manifest, with its number as the spreadsheet shows it (the header is row 1).</summary>
public sealed record ManifestRow(int Number, IReadOnlyList<string?> Cells);

/// <summary>A manifest read into text: the header and the non-empty rows below it.</summary>
public sealed record ManifestTable(IReadOnlyList<string> Header, int HeaderRow, IReadOnlyList<ManifestRow> Rows);

/// <summary>
/// The spreadsheet format of the library's import and export: one row per item, columns named by
/// <see cref="Columns"/>. Reading turns every cell into text (dates as yyyy-mm-dd, numbers as written), so that
/// the rules of <see cref="ItemInput"/> apply the same way to XLSX and CSV.
/// </summary>
public static class Manifest
{
    public const string TitleColumn = "title", AbstractColumn = "abstract", BodyColumn = "body";

    /// <summary>Columns that take a text in one more language: title_fr, abstract_fr, body_fr ...</summary>
    public static readonly string[] TextColumns = [TitleColumn, AbstractColumn, BodyColumn];

    /// <summary>Every column an import accepts, in the order an export writes them.</summary>
    public static readonly string[] Columns =
    [
        "status", "kind", "language", TitleColumn, AbstractColumn, BodyColumn,
        .. LibraryLanguages.All.SelectMany(l => TextColumns.Select(c => $"{c}_{l}")),
        "authors", "agencies", "themes", "places", "published_on", "licence", "event_id", "files", "publish",
    ];

    /// <summary>Columns an import cannot do without; the others may be left out.</summary>
    public static readonly string[] Required = ["kind", "language", TitleColumn, "published_on"];

    /// <summary>Separates the values of a list cell (authors, themes, files ...).</summary>
    public const char Separator = ';';

    /// <summary>Header names are compared ignoring case, surrounding spaces, and spaces or hyphens for underscores.</summary>
    public static string NormalizeHeader(string? header) =>
        (header ?? "").Trim().ToLowerInvariant().Replace(' ', '_').Replace('-', '_');

    public static IEnumerable<string> Split(string? cell) =>
        (cell ?? "").Split(Separator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    // ---- reading -------------------------------------------------------------------------------------------

    /// <summary>
    /// Reads the first worksheet (or the one named "items") of an XLSX workbook, stopping once more than
    /// <paramref name="maxRows"/> rows hold data. Formula cells give their saved values. Throws what the
    /// workbook reader throws on a damaged file; the caller turns that into a message.
    /// </summary>
    public static ManifestTable ReadXlsx(Stream workbook, int maxRows)
    {
        var sheets = MiniExcel.GetSheetNames(workbook);
        workbook.Position = 0;
        var sheet = sheets.FirstOrDefault(s => string.Equals(s, "items", StringComparison.OrdinalIgnoreCase)) ?? sheets.FirstOrDefault();
        // Rows come keyed by column letter, with empty rows filled in, so counting them gives the row number.
        var rows = MiniExcel.Query(workbook, useHeaderRow: false, sheetName: sheet, excelType: ExcelType.XLSX)
            .Cast<IDictionary<string, object?>>()
            .Select(r => r.Values.Select(Text).ToList());
        return Collect(rows, maxRows);
    }

    /// <summary>Reads a UTF-8 CSV file (comma separated, RFC 4180 quoting). Throws on bytes that are not UTF-8 or broken quoting.</summary>
    public static ManifestTable ReadCsv(Stream csv, int maxRows)
    {
        using var reader = new StreamReader(csv, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        using var parser = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = ",", Mode = CsvMode.RFC4180 });
        return Collect(Records(parser), maxRows);

        static IEnumerable<List<string?>> Records(CsvParser parser)
        {
            while (parser.Read()) yield return parser.Record!.Select(v => (string?)Unescape(v)).ToList();
        }
    }

    private static ManifestTable Collect(IEnumerable<List<string?>> rows, int maxRows)
    {
        List<string>? header = null;
        var headerRow = 0;
        var result = new List<ManifestRow>();
        var number = 0;
        foreach (var cells in rows)
        {
            number++;
            if (cells.All(string.IsNullOrWhiteSpace)) continue; // blank lines, also the many a spreadsheet keeps at its end
            if (header is null)
            {
                header = cells.Select(c => c ?? "").ToList();
                headerRow = number;
                continue;
            }
            result.Add(new ManifestRow(number, cells));
            if (result.Count > maxRows) break;
        }
        return new ManifestTable(header ?? [], headerRow, result);
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        DateTime d when d.TimeOfDay == TimeSpan.Zero => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        double n => n.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "yes" : "no",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    // ---- writing -------------------------------------------------------------------------------------------

    /// <summary>
    /// Writes <paramref name="rows"/> (column name to value) under a header of <paramref name="columns"/> as the
    /// first worksheet, "items", of an XLSX workbook; <paramref name="moreSheets"/> follow it. The header is written
    /// as a row of its own, so that a workbook without items still has one.
    /// </summary>
    public static async Task WriteXlsxAsync(Stream output, IReadOnlyList<string> columns, IAsyncEnumerable<Dictionary<string, object?>> rows,
        CancellationToken ct, IReadOnlyDictionary<string, IEnumerable<Dictionary<string, object?>>>? moreSheets = null)
    {
        var sheets = new Dictionary<string, object> { ["items"] = WithHeader(columns, rows, ct) };
        foreach (var (name, sheet) in moreSheets ?? new Dictionary<string, IEnumerable<Dictionary<string, object?>>>()) sheets[name] = sheet;
        await output.SaveAsAsync(sheets, printHeader: false, cancellationToken: ct);
    }

    private static async IAsyncEnumerable<Dictionary<string, object?>> WithHeader(IReadOnlyList<string> columns,
        IAsyncEnumerable<Dictionary<string, object?>> rows, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        yield return columns.ToDictionary(c => c, c => (object?)c);
        await foreach (var row in rows.WithCancellation(ct))
            yield return columns.ToDictionary(c => c, c => row.GetValueOrDefault(c));
    }

    /// <summary>Writes rows as UTF-8 CSV with a byte order mark, which spreadsheet programs need to read it as UTF-8.</summary>
    public static async Task WriteCsvAsync(Stream output, IReadOnlyList<string> columns, IAsyncEnumerable<Dictionary<string, object?>> rows, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        await using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = "," });
        foreach (var column in columns) csv.WriteField(column);
        await csv.NextRecordAsync();
        await foreach (var row in rows.WithCancellation(ct))
        {
            foreach (var column in columns)
                csv.WriteField(Escape(Convert.ToString(row.GetValueOrDefault(column), CultureInfo.InvariantCulture) ?? ""));
            await csv.NextRecordAsync();
        }
        await csv.FlushAsync();
    }

    // A spreadsheet program opening a CSV runs a cell that starts with = + - or @ as a formula ("CSV injection").
    // The usual defence is a leading apostrophe; reading removes it again, so that an export imports unchanged.
    private static string Escape(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    private static string Unescape(string value) =>
        value.Length > 1 && value[0] == '\'' && value[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? value[1..] : value;
}
