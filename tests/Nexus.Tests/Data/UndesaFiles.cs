using System.Globalization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using Nexus.Web.Features.Data;
using Nexus.Web.Features.Data.Import;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace Nexus.Tests.Data;

/// <summary>A figure as the independent reader finds it in a workbook, with the key Nexus should store it under.</summary>
public sealed record ExpectedCell(string Indicator, int Area, int Counterpart, Sex Sex, int Year, object? Cell, string Sheet, string Ref)
{
    public double? Number => Cell is double d ? d : null;

    public override string ToString() => $"{Sheet}!{Ref} ({Indicator}, {Area}, {Counterpart}, {Sex}, {Year})";
}

/// <summary>
/// The UN DESA workbooks for tests: opening them as the importer does, building small ones with the OpenXML SDK,
/// and locating their figures with <see cref="OfficialFiles.Cells"/> (which shares no code with the formats).
/// </summary>
public static partial class UndesaFiles
{
    public const string Destination2020 = "undesa/undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx";
    public const string Destination2019 = "undesa/UN_MigrantStockTotal_2019.xlsx";
    public const string Origin2020 = "undesa/undesa_pd_2020_ims_stock_by_sex_and_origin.xlsx";
    public const string Matrix2015 = "undesa/UN_MigrantStockByOriginAndDestination_2015_table16.xlsx";
    public const string Aggregates2020 = "undesa/aggregates_correspondence_table_2020_1.xlsx";

    /// <summary>Every file under shared/data, UN DESA's and the others, that a format must tell apart.</summary>
    public static readonly string[] All =
    [
        Destination2020, Destination2019, Origin2020, Matrix2015, Aggregates2020,
        "worldbank/inward_remittance_flows_june_2023.xlsx", "worldbank/outward_remittance_flows_june_2023.xlsx",
        "worldbank/bilateral_remittance_matrix_2021.xlsx", "worldbank/API_BM.TRF.PWKR.CD.DT_DS2_en_csv_v2_3012027.csv",
        DataImports.M49,
    ];

    /// <summary>A file as the importer sees it.</summary>
    public static DataFile Open(byte[] bytes, string name) => DataFile.FromBytes(bytes, name);

    public static DataFile Official(string relative) => Open(File.ReadAllBytes(OfficialFiles.Path(relative)), Path.GetFileName(relative));

    // ---- building workbooks -------------------------------------------------------------------------------

    /// <summary>An XLSX whose sheets hold the given cells by reference ("B12"): doubles as numbers, the rest as shared strings.</summary>
    public static byte[] Workbook(params (string Name, IReadOnlyDictionary<string, object> Cells)[] sheets)
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var book = doc.AddWorkbookPart();
            book.Workbook = new S.Workbook(new S.Sheets());
            var strings = new List<string>();
            var index = new Dictionary<string, int>();
            uint sheetId = 1;
            foreach (var (name, cells) in sheets)
            {
                var rows = cells.Select(c => (Row: RowOf(c.Key), Column: ColumnOf(c.Key), c.Key, c.Value))
                    .GroupBy(c => c.Row).OrderBy(g => g.Key)
                    .Select(g => new S.Row(g.OrderBy(c => c.Column).Select(c => Cell(c.Key, c.Value, strings, index))) { RowIndex = (uint)g.Key });
                var part = book.AddNewPart<WorksheetPart>();
                part.Worksheet = new S.Worksheet(new S.SheetData(rows));
                book.Workbook.Sheets!.Append(new S.Sheet { Id = book.GetIdOfPart(part), SheetId = sheetId++, Name = name });
            }
            book.AddNewPart<SharedStringTablePart>().SharedStringTable = new S.SharedStringTable(strings.Select(s => new S.SharedStringItem(new S.Text(s))));
        }
        return stream.ToArray();
    }

    private static S.Cell Cell(string reference, object value, List<string> strings, Dictionary<string, int> index)
    {
        if (value is double or int)
            return new S.Cell { CellReference = reference, CellValue = new S.CellValue(Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture)) };
        var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        if (!index.TryGetValue(text, out var i))
        {
            i = strings.Count;
            index[text] = i;
            strings.Add(text);
        }
        return new S.Cell { CellReference = reference, DataType = S.CellValues.SharedString, CellValue = new S.CellValue(i.ToString(CultureInfo.InvariantCulture)) };
    }

    /// <summary>The rows from <paramref name="first"/> to <paramref name="last"/> of a sheet, copied cell by cell.</summary>
    public static Dictionary<string, object> Rows(IReadOnlyDictionary<string, object> cells, int first, int last) =>
        cells.Where(c => RowOf(c.Key) >= first && RowOf(c.Key) <= last).ToDictionary(c => c.Key, c => c.Value);

    public static readonly int[] Years = [1990, 1995, 2000, 2005, 2010, 2015, 2020];

    /// <summary>One row of the long layout: destination, origin, and the 21 figures (null for an empty cell, a string for "..").</summary>
    public sealed record LongRow(string Destination, object? DestinationCode, string Origin, object? OriginCode, object?[] Figures,
        object? Notes = null, string? TypeOfData = null);

    /// <summary>
    /// A small workbook in the long layout of "International Migrant Stock 2020: Destination and origin", with the
    /// publisher's title block and header texts, header on row 11; block headings over the years on row 10 unless
    /// told otherwise. <paramref name="rename"/> replaces header texts, to make broken variants.
    /// </summary>
    public static byte[] LongWorkbook(IReadOnlyList<LongRow> rows, bool blockHeadings = true, IReadOnlyDictionary<string, string>? rename = null)
    {
        var cells = new Dictionary<string, object>
        {
            ["A2"] = "International Migrant Stock 2020: Destination and origin",
            ["A3"] = "Table 1: International migrant stock at mid-year by sex and by region, country or area of destination and origin, 1990-2020",
            ["A4"] = "POP/DB/MIG/Stock/Rev.2020",
            ["A5"] = "Suggested citation: United Nations Department of Economic and Social Affairs, Population Division (2020). International Migrant Stock 2020.",
            ["A6"] = "Copyright © 2020 by United Nations, made available under a Creative Commons license CC BY 3.0 IGO: http://creativecommons.org/licenses/by/3.0/igo/",
        };
        string[] header =
        [
            "Index", "Region, development group, country or area of destination", "Notes of destination", "Location code of destination",
            "Type of data of destination", "Region, development group, country or area of origin", "Location code of origin",
        ];
        for (var c = 0; c < header.Length; c++) cells[OfficialFiles.Ref(c + 1, 11)] = rename?.GetValueOrDefault(header[c]) ?? header[c];
        string[] blocks = ["both sexes combined", "males", "females"];
        for (var b = 0; b < 3; b++)
        {
            if (blockHeadings) cells[OfficialFiles.Ref(8 + (7 * b), 10)] = "International migrant stock at mid-year, " + blocks[b];
            for (var y = 0; y < Years.Length; y++) cells[OfficialFiles.Ref(8 + (7 * b) + y, 11)] = (double)Years[y];
        }
        for (var i = 0; i < rows.Count; i++)
        {
            var r = 12 + i;
            var row = rows[i];
            cells[OfficialFiles.Ref(1, r)] = (double)(i + 1);
            cells[OfficialFiles.Ref(2, r)] = row.Destination;
            if (row.Notes is not null) cells[OfficialFiles.Ref(3, r)] = row.Notes;
            if (row.DestinationCode is not null) cells[OfficialFiles.Ref(4, r)] = row.DestinationCode;
            if (row.TypeOfData is not null) cells[OfficialFiles.Ref(5, r)] = row.TypeOfData;
            cells[OfficialFiles.Ref(6, r)] = row.Origin;
            if (row.OriginCode is not null) cells[OfficialFiles.Ref(7, r)] = row.OriginCode;
            for (var f = 0; f < row.Figures.Length; f++)
                if (row.Figures[f] is { } v) cells[OfficialFiles.Ref(8 + f, r)] = v;
        }
        return Workbook(("Table of contents", new Dictionary<string, object> { ["B2"] = "International Migrant Stock 2020: Destination and origin" }),
            ("Table 1", cells), ("Notes", new Dictionary<string, object> { ["B11"] = "Notes" }));
    }

    /// <summary>
    /// The test's long-layout sample: world and regional totals, countries with notes and types of data, ".." and
    /// empty cells, an aggregate listed twice (as DESA does with Australia and New Zealand), a residual origin
    /// without a code, and Channel Islands, which M49 does not list.
    /// </summary>
    public static List<LongRow> LongSample()
    {
        var rows = new List<LongRow>();
        var seed = 1;
        object?[] Figures(bool gaps = false) => Enumerable.Range(0, 21).Select(i =>
            gaps && i % 5 == 1 ? ".." : gaps && i % 7 == 3 ? null : (object?)(double)((seed * 1000) + (i * 37) + 11)).ToArray();
        void Add(string destination, int? code, string origin, int? originCode, bool gaps = false, object? notes = null, string? type = null)
        {
            rows.Add(new LongRow(destination, code is { } c ? (double)c : null, origin, originCode is { } o ? (double)o : null, Figures(gaps), notes, type));
            seed++;
        }
        Add("WORLD", 900, "WORLD", 900);
        Add("WORLD", 900, "Afghanistan", 4);
        Add("WORLD", 900, "Kenya", 404);
        Add("  Sub-Saharan Africa", 947, "WORLD", 900);
        Add("  Sub-Saharan Africa", 947, "Somalia", 706, gaps: true);
        Add("  Australia and New Zealand", 927, "United Kingdom of Great Britain and Northern Ireland", 826);
        Add("   Kenya", 404, "WORLD", 900, notes: 12.0, type: "B R");
        Add("   Kenya", 404, "Somalia", 706, gaps: true, notes: 12.0, type: "B R");
        Add("   Kenya", 404, "Uganda", 800, notes: 12.0, type: "B R");
        Add("   Kenya", 404, "Other South", null, notes: 12.0, type: "B R");
        Add("   Germany", 276, "Türkiye", 792, type: "B");
        Add("   Germany", 276, "Poland", 616, gaps: true, type: "B");
        Add("   Germany", 276, "  Sub-Saharan Africa", 947, type: "B");
        Add("   Channel Islands*", 830, "United Kingdom of Great Britain and Northern Ireland", 826, notes: 24.0, type: "B");
        Add("   Australia*", 36, "Channel Islands", 830, type: "B ");
        // The same aggregate again, under Oceania: the same figures as above.
        rows.Add(rows[5] with { Destination = "  Australia and New Zealand" });
        return rows;
    }

    // ---- locating figures independently ---------------------------------------------------------------------

    /// <summary>The block of figures a run of years holds, in the order the table prints them; null for a block Nexus does not store.</summary>
    public sealed record Block(string? Indicator, Sex Sex);

    /// <summary>
    /// The figures of a by-destination or by-origin table: the header row is the one with the code column heading
    /// (<paramref name="codeHeading"/>); years run left to right, restarting at each block, which are matched in
    /// order to <paramref name="blocks"/>.
    /// </summary>
    public static List<ExpectedCell> StockTable(string path, string sheet, string codeHeading, params Block[] blocks)
    {
        var cells = OfficialFiles.Cells(path, sheet);
        var (header, codeColumn) = Find(cells, codeHeading);
        var yearRow = Enumerable.Range(codeColumn + 1, 40).Any(c => YearIn(cells, c, header) is not null) ? header : header + 1;
        var columns = new List<(int Column, int Year, Block Block)>();
        var block = -1;
        var previous = int.MaxValue;
        for (var c = codeColumn + 1; c < codeColumn + 200; c++)
        {
            if (YearIn(cells, c, yearRow) is not { } year) continue;
            if (year <= previous) block++;
            previous = year;
            columns.Add((c, year, blocks[block]));
        }
        Assert.Equal(blocks.Length, block + 1);
        var last = LastRow(cells);
        var result = new List<ExpectedCell>();
        for (var r = yearRow + 1; r <= last; r++)
        {
            if (cells.GetValueOrDefault(OfficialFiles.Ref(codeColumn, r)) is not double code) continue;
            foreach (var (column, year, b) in columns)
                if (b.Indicator is { } indicator)
                {
                    var reference = OfficialFiles.Ref(column, r);
                    result.Add(new ExpectedCell(indicator, (int)code, 0, b.Sex, year, cells.GetValueOrDefault(reference), sheet, reference));
                }
        }
        return result;
    }

    /// <summary>The figures of a matrix: destinations by code down, origins by name across (coded from the workbook's ANNEX; "Total" is the world).</summary>
    public static List<ExpectedCell> MatrixTable(string path, string sheet, int year)
    {
        var annex = OfficialFiles.Cells(path, "ANNEX");
        var (annexHeader, annexCode) = Find(annex, "Country code");
        var (_, annexName) = Find(annex, "Country or area");
        var codes = new Dictionary<string, int>();
        for (int r = annexHeader + 1, last = LastRow(annex); r <= last; r++)
            if (annex.GetValueOrDefault(OfficialFiles.Ref(annexCode, r)) is double code && annex.GetValueOrDefault(OfficialFiles.Ref(annexName, r)) is string name)
                codes[name] = (int)code;
        codes["Total"] = Area.World;

        var cells = OfficialFiles.Cells(path, sheet);
        var (header, codeColumn) = Find(cells, "Country code");
        var (_, originColumn) = Find(cells, "Country of origin");
        var origins = new List<(int Column, int Code)>();
        for (var c = originColumn; cells.GetValueOrDefault(OfficialFiles.Ref(c, header + 1)) is string name; c++)
            if (codes.TryGetValue(name, out var code)) origins.Add((c, code));
        var result = new List<ExpectedCell>();
        for (int r = header + 2, last = LastRow(cells); r <= last; r++)
        {
            if (cells.GetValueOrDefault(OfficialFiles.Ref(codeColumn, r)) is not double destination) continue;
            foreach (var (column, origin) in origins)
            {
                var reference = OfficialFiles.Ref(column, r);
                result.Add(new ExpectedCell(Indicators.MigrantStockBilateral, (int)destination, origin, Sex.Total, year, cells.GetValueOrDefault(reference), sheet, reference));
            }
        }
        return result;
    }

    /// <summary>The figures of the long layout: both sexes, males, females, seven years each, right of the origin's code.</summary>
    public static List<ExpectedCell> LongTable(string path, string sheet)
    {
        var cells = OfficialFiles.Cells(path, sheet);
        var (header, destinationColumn) = Find(cells, "Location code of destination");
        var (_, originColumn) = Find(cells, "Location code of origin");
        var result = new List<ExpectedCell>();
        Sex[] sexes = [Sex.Total, Sex.Male, Sex.Female];
        for (int r = header + 1, last = LastRow(cells); r <= last; r++)
        {
            if (cells.GetValueOrDefault(OfficialFiles.Ref(destinationColumn, r)) is not double destination
                || cells.GetValueOrDefault(OfficialFiles.Ref(originColumn, r)) is not double origin) continue;
            for (var i = 0; i < 21; i++)
            {
                var column = originColumn + 1 + i;
                var reference = OfficialFiles.Ref(column, r);
                Assert.Equal((double)Years[i % 7], cells[OfficialFiles.Ref(column, header)]);
                result.Add(new ExpectedCell(Indicators.MigrantStockBilateral, (int)destination, (int)origin, sexes[i / 7], Years[i % 7],
                    cells.GetValueOrDefault(reference), sheet, reference));
            }
        }
        return result;
    }

    /// <summary>The first cell (within the first 40 rows) whose text is <paramref name="text"/>: its row and column.</summary>
    public static (int Row, int Column) Find(IReadOnlyDictionary<string, object> cells, string text)
    {
        var hit = cells.Where(c => c.Value is string s && s.Trim() == text && RowOf(c.Key) <= 40)
            .Select(c => (Row: RowOf(c.Key), Column: ColumnOf(c.Key))).OrderBy(c => c.Row).ThenBy(c => c.Column).ToList();
        Assert.True(hit.Count > 0, $"No cell reads \"{text}\".");
        return hit[0];
    }

    private static int? YearIn(IReadOnlyDictionary<string, object> cells, int column, int row) =>
        cells.GetValueOrDefault(OfficialFiles.Ref(column, row)) switch
        {
            double d when d is >= 1900 and <= 2100 => (int)d,
            string s when Period().Match(s) is { Success: true } m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture),
            _ => null,
        };

    public static int LastRow(IReadOnlyDictionary<string, object> cells) => cells.Keys.Max(RowOf);

    public static int RowOf(string reference) => int.Parse(reference.AsSpan(reference.IndexOfAny("0123456789".ToCharArray())), CultureInfo.InvariantCulture);

    public static int ColumnOf(string reference)
    {
        var column = 0;
        foreach (var ch in reference.TakeWhile(char.IsAsciiLetter)) column = (column * 26) + (char.ToUpperInvariant(ch) - 'A' + 1);
        return column;
    }

    [GeneratedRegex(@"^\d{4}-(\d{4})$")]
    private static partial Regex Period();
}
