using System.Globalization;
using System.Text;
using CsvHelper;
using MiniExcelLibs;

namespace Nexus.Web.Features.Courses.Progress;

/// <summary>
/// A table of learners as CSV (UTF-8 with a byte-order mark, so spreadsheets read accents) or XLSX, as the
/// registration export writes them. Text that a spreadsheet would run as a formula is neutralised in both.
/// </summary>
public static class ProgressExport
{
    public const string CsvType = "text/csv; charset=utf-8";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>A leading =, +, - or @ (or a tab or carriage return) makes a spreadsheet evaluate the cell; a quote keeps it text (OWASP CSV injection).</summary>
    public static string Safe(string? value) =>
        string.IsNullOrEmpty(value) ? "" : value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    /// <summary>Headers are made unique (two sessions may share a title), since a spreadsheet row is keyed by them.</summary>
    public static IReadOnlyList<string> UniqueHeaders(IEnumerable<string> headers)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<string>();
        foreach (var h in headers)
        {
            var name = Safe(h);
            for (var n = 2; !seen.Add(name); n++) name = $"{Safe(h)} ({n})";
            result.Add(name);
        }
        return result;
    }

    public static byte[] Csv(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            foreach (var h in headers) csv.WriteField(h);
            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var value in row) csv.WriteField(Cell(value));
                csv.NextRecord();
            }
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static byte[] Xlsx(string sheet, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var table = rows.Select(row =>
        {
            var d = new Dictionary<string, object?>();
            for (var i = 0; i < headers.Count; i++)
                // Decimals become doubles so that 75.0 read back from the database is written as the number 75.
                d[headers[i]] = row[i] switch { string s => Safe(s), decimal m => (double)m, var v => v };
            return d;
        }).ToList();
        using var stream = new MemoryStream();
        if (table.Count == 0)
            // MiniExcel needs a row to learn the columns; an empty export still shows them.
            table.Add(headers.ToDictionary(h => h, _ => (object?)null));
        MiniExcel.SaveAs(stream, new Dictionary<string, object> { [SheetName(sheet)] = table });
        return stream.ToArray();
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        string s => Safe(s),
        decimal d => d.ToString("0.#", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Safe(value.ToString()),
    };

    /// <summary>Sheet names are at most 31 characters and may not hold []:*?/\.</summary>
    private static string SheetName(string name)
    {
        var clean = new string(name.Where(c => "[]:*?/\\".IndexOf(c) < 0).ToArray());
        return clean.Length == 0 ? "Sheet1" : clean.Length > 31 ? clean[..31] : clean;
    }
}
