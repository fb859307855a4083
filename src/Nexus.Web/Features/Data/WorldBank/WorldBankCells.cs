using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Nexus.Web.Features.Data.Import;

namespace Nexus.Web.Features.Data.WorldBank;

/// <summary>How World Bank and KNOMAD tables write figures, years and dates.</summary>
public static partial class WorldBankCells
{
    /// <summary>
    /// Printed instead of a figure; read as no figure. None of them reads as a number. A plain set: see
    /// <see cref="WorldBankAreas"/> on frozen collections.
    /// </summary>
    private static readonly HashSet<string> NotAvailable = new(StringComparer.OrdinalIgnoreCase) { "..", "...", "…", "-", "–", "n.a.", "na", "n/a" };

    /// <summary>
    /// The figure in a cell, exactly as stored (0 stays 0), or null for an empty cell or a "not available" mark;
    /// refuses anything else, naming the cell. A CSV gives every figure as text: a number is tried first, as it is
    /// by far the most common.
    /// </summary>
    public static double? Figure(Sheet s, int row, int column) => s[row, column] switch
    {
        null => null,
        double d => d,
        string text when double.TryParse(text.AsSpan().Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        string text when text.Trim() is var t && (t.Length == 0 || NotAvailable.Contains(t)) => null,
        var v => throw new DataImportException($"\"{s.Text(row, column)}\" is not a figure{(v is string ? "" : $" (a {v.GetType().Name})")}.", s.At(row, column)),
    };

    /// <summary>A year heading: 2021 (a number or text), or with the publisher's qualifier, "2023e" → (2023, "e").</summary>
    public static ColumnYear? Year(Sheet s, int row, int column)
    {
        switch (s[row, column])
        {
            case double d when d == Math.Floor(d) && d is >= 1900 and <= 2100:
                return new ColumnYear(column, (int)d, null);
            case string text when YearHeading().Match(text.Trim()) is { Success: true } m:
                return new ColumnYear(column, int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture),
                    m.Groups["flag"].Success ? m.Groups["flag"].Value.ToLowerInvariant() : null);
            default:
                return null;
        }
    }

    [GeneratedRegex(@"^(?<year>(19|20)\d\d)\s*(?<flag>[A-Za-z]{1,2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex YearHeading();

    /// <summary>A month and year in a text ("Date: June 2023", "(December 2022 Version)"): the name as printed and the first day.</summary>
    public static (string Edition, DateOnly Date)? MonthYear(string text)
    {
        var m = MonthYearText().Match(text);
        if (!m.Success) return null;
        var month = Array.FindIndex(MonthNames, n => n.StartsWith(m.Groups["month"].Value[..3], StringComparison.OrdinalIgnoreCase)) + 1;
        var year = int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture);
        return ($"{MonthNames[month - 1]} {year}", new DateOnly(year, month, 1));
    }

    // The English names, as the pattern below matches them; the culture's own table loads calendar data on first use
    // (see IsoDate).
    private static readonly string[] MonthNames =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    [GeneratedRegex(@"\b(?<month>Jan(uary)?|Feb(ruary)?|Mar(ch)?|Apr(il)?|May|June?|July?|Aug(ust)?|Sep(t|tember)?|Oct(ober)?|Nov(ember)?|Dec(ember)?)\.?,?\s+(?<year>(19|20)\d\d)\b",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex MonthYearText();

    /// <summary>Every text cell of a sheet with where it is, top to bottom.</summary>
    public static IEnumerable<(int Row, int Column, string Text)> Texts(Sheet s)
    {
        for (var r = 1; r <= s.Rows.Count; r++)
            for (var c = 1; c <= s.Rows[r - 1].Length; c++)
                if (s[r, c] is string t && t.Trim().Length > 0) yield return (r, c, t.Trim());
    }

    /// <summary>The number of columns the widest row has.</summary>
    public static int Width(Sheet s)
    {
        var width = 0;
        foreach (var row in s.Rows) width = Math.Max(width, row.Length);
        return width;
    }
}

/// <summary>A column headed by a year, with the publisher's qualifier of that year ("e" for "2023e"), if any.</summary>
public sealed record ColumnYear(int Column, int Year, string? Flag);
