using System.Globalization;
using System.Text;

namespace Nexus.Web.Features.Coordination.Surveys;

public enum SurveyExportFormat { Csv, Xlsx }

/// <summary>
/// A survey's answers as a table, one row per responding agency, one column per question; choices are written as
/// their text (several joined with "; "). The agency and time of answer are columns only in an attributed survey;
/// an anonymous survey's rows are sorted by their content, since their order would otherwise follow the order in
/// which agencies answered.
/// </summary>
public static class SurveyExport
{
    public sealed record Table(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows);

    public static Table Build(IReadOnlyList<SurveyQuestion> questions, IReadOnlyList<SurveyResponse> responses,
        Func<string, string> agencyName, bool anonymous)
    {
        var ordered = questions.OrderBy(q => q.Position).ToList();
        var headers = new List<string> { "response" };
        if (!anonymous) headers.AddRange(["agency", "submitted_at_utc"]);
        // The number keeps headers unique (XLSX columns are keyed by header) even when two questions read alike.
        headers.AddRange(ordered.Select((q, i) => $"Q{i + 1}. {q.Text.ReplaceLineEndings(" ")}"));

        var bodies = responses.Select(r =>
        {
            var cells = new List<object?>();
            if (!anonymous)
            {
                cells.Add(agencyName(r.AgencyCode));
                cells.Add(r.SubmittedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            }
            cells.AddRange(ordered.Select(q => Cell(q, r.Answers.FirstOrDefault(a => a.QuestionId == q.Id))));
            return cells;
        });
        var sorted = anonymous
            ? bodies.OrderBy(c => string.Join('\u001F', c.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))), StringComparer.Ordinal)
            : bodies.OrderBy(c => (string)c[0]!, StringComparer.OrdinalIgnoreCase);
        var rows = sorted.Select((cells, i) => (IReadOnlyList<object?>)cells.Prepend(i + 1).ToList()).ToList();
        return new Table(headers, rows);
    }

    private static object? Cell(SurveyQuestion q, SurveyAnswer? a) => a is null ? null : q.Kind switch
    {
        QuestionKind.SingleChoice or QuestionKind.MultipleChoice =>
            string.Join("; ", a.Choices.Where(i => i >= 0 && i < q.Options.Count).Select(i => q.Options[i])),
        QuestionKind.Scale => a.Scale,
        _ => a.Text,
    };

    public static byte[] Csv(Table table)
    {
        var sb = new StringBuilder();
        using (var w = new StringWriter(sb, CultureInfo.InvariantCulture))
        using (var csv = new CsvHelper.CsvWriter(w, CultureInfo.InvariantCulture))
        {
            foreach (var h in table.Headers) csv.WriteField(Inert(h));
            csv.NextRecord();
            foreach (var row in table.Rows)
            {
                foreach (var cell in row) csv.WriteField(cell is string s ? Inert(s) : Convert.ToString(cell, CultureInfo.InvariantCulture) ?? "");
                csv.NextRecord();
            }
        }
        // A byte-order mark, so that a spreadsheet opening the file reads accented and non-Latin answers right.
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    /// <summary>
    /// Answers are typed by other agencies: a cell a spreadsheet would take for a formula ("=HYPERLINK(...)") is
    /// kept as text by a leading apostrophe, as OWASP advises for CSV files.
    /// </summary>
    public static string Inert(string s) => s.Length > 0 && s[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + s : s;

    public static byte[] Xlsx(Table table, string title)
    {
        // A DataTable rather than dictionaries: the header row is written even before anyone has answered.
        var sheet = new System.Data.DataTable("responses");
        foreach (var h in table.Headers) sheet.Columns.Add(h, typeof(object));
        foreach (var row in table.Rows) sheet.Rows.Add(row.Select(c => c ?? DBNull.Value).ToArray());
        var about = new[] { new Dictionary<string, object?> { ["survey"] = title, ["responses"] = table.Rows.Count } };
        using var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(stream, new Dictionary<string, object> { ["responses"] = sheet, ["survey"] = about });
        return stream.ToArray();
    }
}
