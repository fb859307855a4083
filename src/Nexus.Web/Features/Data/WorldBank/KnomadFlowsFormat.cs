using System.Text.RegularExpressions;
using Nexus.Web.Features.Data.Import;

namespace Nexus.Web.Features.Data.WorldBank;

/// <summary>
/// KNOMAD's migrant remittance inflows or outflows workbook (US$ million, one row per economy, one column per year).
/// Releases differ in small ways, all read without code changes: the header may sit on row 1 or 2, years may be
/// numbers or text, the latest may carry a qualifier ("2023e" is 2023 flagged e), extra columns such as a share of
/// GDP appear (never read as years), names carry footnote markers and spaces, aggregates follow the countries, and
/// notes follow the table. The edition comes from the workbook's own "Date: June 2023" line.
/// </summary>
/// <remarks>
/// Loops rather than LINQ over tuples: ReadyToRun cannot compile the framework's generic code over value types ahead
/// of time, and in a one-shot <c>data import</c> compiling it took longer than reading the workbook (see SeriesIndex
/// in DataImporter).
/// </remarks>
public sealed partial class KnomadFlowsFormat : IDataFormat
{

    public string Name => "World Bank / KNOMAD migrant remittance inflows or outflows (xlsx)";

    public bool Recognizes(DataFile file) => file.Kind == DataFileKind.Xlsx && file.Sheets.Any(s => Header(s) is not null);

    /// <summary>The heading row: "Remittance inflows (US$ million)" or "... outflows ..." in column A, then at least three years.</summary>
    private static HeaderRow? Header(Sheet s)
    {
        var row = s.FindRow(r => Heading().IsMatch(s.Text(r, 1)) && YearColumns(s, r) >= 3, within: 10);
        if (row is not { } r) return null;
        return new HeaderRow(s, r, Heading().Match(s.Text(r, 1)).Groups["way"].Value.Equals("inflows", StringComparison.OrdinalIgnoreCase));
    }

    private static int YearColumns(Sheet s, int row)
    {
        var count = 0;
        for (var c = 2; c <= s.Rows[row - 1].Length; c++)
            if (WorldBankCells.Year(s, row, c) is not null) count++;
        return count;
    }

    private sealed record HeaderRow(Sheet Sheet, int Row, bool Inflows);

    [GeneratedRegex(@"^(migrant\s+|personal\s+)?remittance\s+(?<way>inflows|outflows)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Heading();

    public ParsedRelease Read(DataFile file, CancellationToken ct)
    {
        var tables = new List<HeaderRow>();
        foreach (var sheet in file.Sheets)
            if (Header(sheet) is { } found) tables.Add(found);
        if (tables.Count == 0)
            throw new DataImportException("No sheet has a heading row with \"Remittance inflows (US$ million)\" or \"Remittance outflows (US$ million)\" in column A followed by years.");
        if (tables.Count > 1)
            throw new DataImportException($"The sheets {string.Join(", ", tables.Select(t => $"'{t.Sheet.Name.Trim()}'"))} each hold a table; import each table as a file of its own.");
        var (s, header, inflows) = (tables[0].Sheet, tables[0].Row, tables[0].Inflows);
        var heading = s.Text(header, 1);

        // A release in other units (billions, % of GDP) would otherwise be stored as millions without a word.
        if (!heading.Contains("million", StringComparison.OrdinalIgnoreCase))
            throw new DataImportException($"The heading \"{heading}\" does not say the figures are in US$ million, the unit Nexus stores.", s.At(header, 1));
        var sheetWay = s.Name.Contains("inward", StringComparison.OrdinalIgnoreCase) ? true
            : s.Name.Contains("outward", StringComparison.OrdinalIgnoreCase) ? false : (bool?)null;
        if (sheetWay is { } way && way != inflows)
            throw new DataImportException($"The sheet's name says {(way ? "inward" : "outward")} but its heading says \"{heading}\".", s.At(header, 1));

        var (edition, editionDate) = Edition(s);
        var release = new ParsedRelease
        {
            Dataset = inflows ? Datasets.KnomadInflows : Datasets.KnomadOutflows,
            Edition = edition,
            EditionDate = editionDate,
            Title = $"{heading}, {edition}",
        };
        var indicator = inflows ? Indicators.RemittanceInflows : Indicators.RemittanceOutflows;

        var years = new List<ColumnYear>();
        var otherColumns = new List<int>();
        var unlabelled = new List<int>();
        for (var c = 2; c <= WorldBankCells.Width(s); c++)
        {
            if (WorldBankCells.Year(s, header, c) is { } y)
            {
                foreach (var other in years)
                    if (other.Year == y.Year) throw new DataImportException($"The year {y.Year} heads two columns.", s.At(header, c));
                years.Add(y);
            }
            else if (s.Text(header, c).Length > 0) otherColumns.Add(c);
            else unlabelled.Add(c);
        }

        var values = new double?[years.Count];
        for (var r = header + 1; r <= s.Rows.Count; r++)
        {
            ct.ThrowIfCancellationRequested();
            foreach (var c in otherColumns)
                if (WorldBankCells.Figure(s, r, c) is not null)
                    release.Skip($"figures under column {CellRef.Letters(c)} (\"{s.Text(header, c)}\"), which is not a year");
            foreach (var c in unlabelled)
                if (WorldBankCells.Figure(s, r, c) is not null)
                    throw new DataImportException("The figure is in a column with no year above it.", s.At(r, c));

            var count = 0;
            for (var i = 0; i < years.Count; i++)
                if ((values[i] = WorldBankCells.Figure(s, r, years[i].Column)) is not null) count++;
            // Blank rows and notes below the table have no figures; nor have economies the release has no data for.
            if (count == 0) continue;
            var name = s.Text(r, 1);
            if (name.Length == 0)
            {
                release.Skip("figures in a row with no name");
                continue;
            }
            AreaRef area;
            switch (WorldBankAreas.Classify(name))
            {
                case WorldBankAreaKind.World:
                    area = new AreaRef(Area.World, null, name, s.At(r, 1));
                    break;
                case WorldBankAreaKind.Aggregate:
                    release.Skip(WorldBankAreas.AggregateReason);
                    continue;
                case WorldBankAreaKind.NotM49:
                    release.Skip(WorldBankAreas.NotM49Reason(name));
                    continue;
                default:
                    area = new AreaRef(null, null, name, s.At(r, 1));
                    break;
            }
            var note = WorldBankAreas.NoteOf(name);
            for (var i = 0; i < years.Count; i++)
                if (values[i] is { } value)
                    release.Observations.Add(new ParsedObservation(indicator, area, null, Sex.Total, years[i].Year, value, years[i].Flag, note));
        }
        if (release.Observations.Count == 0)
            throw new DataImportException("The table has no figures for any country.", s.At(header, 1));
        return release;
    }

    /// <summary>
    /// The release's month, from its "Date: June 2023" line, or failing that the month in its citation line
    /// ("please cite: World Bank-KNOMAD, June 2023"). Without either the edition is unknown and the file is refused:
    /// a guess would misplace it among the releases.
    /// </summary>
    private static (string Edition, DateOnly Date) Edition(Sheet s)
    {
        foreach (var (_, _, text) in WorldBankCells.Texts(s))
            if (DateLine().IsMatch(text) && WorldBankCells.MonthYear(text) is { } date) return date;
        foreach (var (_, _, text) in WorldBankCells.Texts(s))
            if (text.Contains("cite", StringComparison.OrdinalIgnoreCase) && WorldBankCells.MonthYear(text) is { } date) return date;
        throw new DataImportException($"Sheet '{s.Name.Trim()}' does not say which release it is: no line such as \"Date: June 2023\" was found.");
    }

    [GeneratedRegex(@"^(date|release date|last updated|updated)\s*:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DateLine();
}
