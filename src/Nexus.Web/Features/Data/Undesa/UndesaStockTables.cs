using Nexus.Web.Features.Data.Import;

namespace Nexus.Web.Features.Data.Undesa;

/// <summary>What a block of figures under one heading is: the indicator it gives, or why it is not stored.</summary>
internal sealed record StockBlock(string? Indicator, bool BySex = true, bool Flagged = false, string? SkipReason = null);

/// <summary>
/// One "Table N" sheet of the by-destination and by-origin workbooks: one row per area (name, notes, location code,
/// type of data) and blocks of years, each block under a heading that says what it holds and for which sex.
/// </summary>
internal sealed record StockTable(Sheet Sheet, int Header, int YearRow, int NameColumn, int? NotesColumn, int CodeColumn, int? TypeColumn,
    List<ValueColumn> Values)
{
    public static StockTable Find(Sheet s)
    {
        var header = UndesaWorkbook.HeaderRow(s) ?? throw new DataImportException(
            $"Sheet '{s.Name.Trim()}' has no header row beginning with \"Region, development group, country or area\" in its first 30 rows.");
        var name = UndesaWorkbook.AreaColumn(s, header)!.Value;
        var code = UndesaWorkbook.RequiredColumn(s, header, name, "Location code", "Code");
        var notes = s.FindColumn(header, "Notes");
        var type = UndesaWorkbook.ColumnStartingWith(s, header, "Type of data");
        var first = new[] { name, code, notes ?? 0, type ?? 0 }.Max() + 1;
        // 2020 puts the years in the header row, under block headings two rows up; 2015-2019 put the block headings
        // in the header row and the years in the row below.
        var width = s.Rows[header - 1].Length;
        var yearRow = Enumerable.Range(first, Math.Max(0, width - first + 1)).Any(c => UndesaWorkbook.Year(s, header, c) is not null) ? header : header + 1;
        return new StockTable(s, header, yearRow, name, notes, code, type, UndesaWorkbook.ValueColumns(s, yearRow, first));
    }
}

/// <summary>Reads every table of a by-destination or by-origin workbook, the blocks of each told apart by their headings.</summary>
internal static class UndesaStockTables
{
    public static ParsedRelease Read(DataFile file, string dataset, string side, Func<string, StockBlock?> classify, CancellationToken ct)
    {
        var sheets = UndesaWorkbook.TableSheets(file).ToList();
        if (sheets.Count == 0) throw new DataImportException("The workbook has no sheet named \"Table 1\".");
        ParsedRelease? release = null;
        var areas = new Dictionary<int, Area>();
        foreach (var sheet in sheets)
        {
            ct.ThrowIfCancellationRequested();
            var table = StockTable.Find(sheet);
            if (release is null)
            {
                var year = UndesaWorkbook.Edition(sheet, table.Header);
                release = new ParsedRelease
                {
                    Dataset = dataset,
                    Edition = year.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    EditionDate = UndesaWorkbook.EditionDate(year),
                    Title = UndesaWorkbook.Title(sheet, table.Header) ?? $"International Migrant Stock {year}: by {side}",
                };
            }
            ReadTable(table, classify, release, areas);
        }
        release!.Areas.AddRange(areas.Values.OrderBy(a => a.Code));
        return release;
    }

    /// <summary>A column whose figures are stored: which indicator, for which sex, and whether its figures carry the type of data as a flag.</summary>
    private sealed record StoredColumn(ValueColumn Column, string Indicator, bool Flagged, Sex Sex);

    /// <summary>Where a location code was first listed, and with which figures.</summary>
    private sealed record ListedRow(int Row, double?[] Values);

    // Loops and small classes rather than LINQ over tuples: ReadyToRun cannot compile the framework's generic code over
    // value types ahead of time, and a one-shot `data import` paid for compiling it (see SeriesIndex in DataImporter).
    private static void ReadTable(StockTable table, Func<string, StockBlock?> classify, ParsedRelease release, Dictionary<int, Area> areas)
    {
        var s = table.Sheet;
        var stored = new List<StoredColumn>();
        var skips = new List<string>();
        foreach (var v in table.Values)
        {
            var block = classify(v.Heading) ?? throw new DataImportException(v.Heading.Length == 0
                ? "The years have no block heading above them (such as \"International migrant stock at mid-year, both sexes combined\")."
                : $"\"{UndesaWorkbook.Collapse(v.Heading)}\" is not a block of figures Nexus reads from UN DESA's tables.", v.HeadingAt);
            if (block.SkipReason is { } reason && !skips.Contains(reason)) skips.Add(reason);
            if (block.Indicator is null) continue;
            var c = new StoredColumn(v, block.Indicator, block.Flagged, block.BySex ? UndesaWorkbook.SexOf(v.Heading) : Sex.Total);
            foreach (var other in stored)
                if (other.Indicator == c.Indicator && other.Sex == c.Sex && other.Column.Year == c.Column.Year)
                    throw new DataImportException($"A second column of {c.Indicator} for {c.Sex} in {c.Column.Year}.", s.At(table.YearRow, c.Column.Column));
            stored.Add(c);
        }

        var seen = new Dictionary<int, ListedRow>();
        for (var r = table.YearRow + 1; r <= s.Rows.Count; r++)
        {
            if (UndesaWorkbook.Code(s, r, table.CodeColumn) is not { } code)
            {
                if (!UndesaWorkbook.IsBlank(s, r))
                    release.Skip("headings and notes without a location code");
                continue;
            }
            var name = s.Text(r, table.NameColumn);
            if (name.Length == 0) throw new DataImportException("The row has a location code but no area name.", s.At(r, table.NameColumn));
            var values = new double?[stored.Count];
            for (var i = 0; i < values.Length; i++) values[i] = UndesaWorkbook.Number(s, r, stored[i].Column.Column);
            if (seen.TryGetValue(code, out var first))
            {
                // DESA lists some aggregates twice (Australia and New Zealand is an SDG region and a subregion);
                // the same figures twice are one area, different figures would be an error in the file.
                if (UndesaWorkbook.SameFigures(first.Values, values))
                {
                    release.Skip("aggregates listed a second time in a table, with the same figures");
                    continue;
                }
                throw new DataImportException($"Location code {code} is listed a second time (first in row {first.Row}) with different figures.", s.At(r, table.CodeColumn));
            }
            seen[code] = new ListedRow(r, values);
            if (!areas.TryGetValue(code, out var area)) areas[code] = area = UndesaWorkbook.Area(code, name);
            var at = new AreaRef(code, null, area.Name, s.At(r, table.CodeColumn));
            var note = UndesaWorkbook.Printed(s, r, table.NotesColumn);
            var type = UndesaWorkbook.Printed(s, r, table.TypeColumn);
            for (var i = 0; i < values.Length; i++)
                if (values[i] is { } value)
                    release.Observations.Add(new ParsedObservation(stored[i].Indicator, at, null, stored[i].Sex, stored[i].Column.Year, value,
                        stored[i].Flagged ? type : null, note));
            foreach (var reason in skips) release.Skip(reason);
        }
    }
}
