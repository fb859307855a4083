using System.Globalization;
using Microsoft.Extensions.Localization;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Library.Import;

/// <summary>Where a problem is: a manifest row (as the spreadsheet numbers it) and column, or the upload as a whole.</summary>
public readonly record struct ImportPlace(int Row, string Column)
{
    public static readonly ImportPlace Upload = new(0, "");
}

/// <summary>One problem of an upload: its manifest row and column (row 0: the upload as a whole) and the message.</summary>
public sealed record ImportMessage(int Row, string Column, string Text)
{
    /// <summary>The field name in a validation problem: "row 7.themes", or "file".</summary>
    public string Key => Row == 0 ? "file" : $"row {Row}.{Column}";
}

/// <summary>
/// Every problem found in an upload, kept as English templates with their values (as <see cref="FieldErrors"/>
/// does) so that the page shows them translated and the API in English. The errors of a row's
/// <see cref="ItemInput.ToContent"/> are kept whole, with a function that names the manifest column of each field.
/// </summary>
public sealed class ImportErrors
{
    private readonly List<(int Row, string Column, string Template, object[] Args)> _own = [];
    private readonly List<(int Row, FieldErrors Errors, Func<string, string> Column)> _rows = [];

    public bool Any => _own.Count > 0 || _rows.Count > 0;

    /// <summary>Records a problem; <see cref="ImportPlace.Upload"/> for one of the whole upload, e.g. a zip that cannot be read.</summary>
    public void Add(ImportPlace at, string template, params object[] args) => _own.Add((at.Row, at.Column, template, args));

    public void AddRow(int row, FieldErrors errors, Func<string, string> column)
    {
        if (errors.Any) _rows.Add((row, errors, column));
    }

    /// <summary>The messages in manifest order (row, then column), translated by <paramref name="t"/> or in English.</summary>
    public List<ImportMessage> Messages(IStringLocalizer? t = null)
    {
        var messages = _own.Select(e => new ImportMessage(e.Row, e.Column,
            t is null ? string.Format(CultureInfo.InvariantCulture, e.Template, e.Args) : t[e.Template, e.Args].Value)).ToList();
        foreach (var (row, errors, column) in _rows)
        {
            if (t is null)
                messages.AddRange(errors.ToDictionary().SelectMany(e => e.Value.Select(m => new ImportMessage(row, column(e.Key), m))));
            else
                messages.AddRange(errors.Localized(t).Select(e => new ImportMessage(row, column(e.Key), e.Value)));
        }
        return messages.OrderBy(m => m.Row).ThenBy(m => Order(m.Column)).ToList();
    }

    /// <summary>The errors of a validation problem, at most <paramref name="max"/> of them (a 5,000-row upload can have many).</summary>
    public Dictionary<string, string[]> ToProblem(int max = 1000)
    {
        var messages = Messages();
        var result = messages.Take(max).GroupBy(m => m.Key).ToDictionary(g => g.Key, g => g.Select(m => m.Text).ToArray());
        if (messages.Count > max) result["more"] = [$"{messages.Count - max} more errors are not shown."];
        return result;
    }

    private static int Order(string column)
    {
        var i = Array.IndexOf(Manifest.Columns, column);
        return i < 0 ? int.MaxValue : i;
    }
}
