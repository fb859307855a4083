using Microsoft.Extensions.DependencyInjection;
using Nexus.Web.Features.Data;
using Nexus.Web.Features.Data.Import;
using Nexus.Web.Features.Data.Undesa;
using static Nexus.Tests.Data.UndesaFiles;

namespace Nexus.Tests.Data;

/// <summary>The UN DESA formats without a database: which files each takes, and how each refuses a broken one.</summary>
public class UndesaFormatTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly IDataFormat[] Formats =
        [new UndesaDestinationFormat(), new UndesaOriginFormat(), new UndesaBilateralMatrixFormat(), new UndesaBilateralLongFormat(), new UndesaAggregatesFormat()];

    public static TheoryData<string, string> FilesAndTheirFormat => new()
    {
        { Destination2020, nameof(UndesaDestinationFormat) },
        { Destination2019, nameof(UndesaDestinationFormat) },
        { Origin2020, nameof(UndesaOriginFormat) },
        { Matrix2015, nameof(UndesaBilateralMatrixFormat) },
        { Aggregates2020, nameof(UndesaAggregatesFormat) },
        { "worldbank/inward_remittance_flows_june_2023.xlsx", "" },
        { "worldbank/outward_remittance_flows_june_2023.xlsx", "" },
        { "worldbank/bilateral_remittance_matrix_2021.xlsx", "" },
        { "worldbank/API_BM.TRF.PWKR.CD.DT_DS2_en_csv_v2_3012027.csv", "" },
        { DataImports.M49, "" },
    };

    private static List<string> Recognising(DataFile file) => Formats.Where(f => f.Recognizes(file)).Select(f => f.GetType().Name).ToList();

    [Theory]
    [MemberData(nameof(FilesAndTheirFormat))]
    public void Each_official_file_is_recognised_by_its_own_format_and_no_other(string file, string format)
    {
        string[] expected = format.Length == 0 ? [] : [format];
        Assert.Equal(expected, Recognising(Official(file)));
    }

    [Theory]
    [MemberData(nameof(FilesAndTheirFormat))]
    public void Among_all_registered_formats_only_its_own_takes_each_undesa_file(string file, string format)
    {
        if (format.Length == 0) return;
        using var services = new ServiceCollection().AddDataPortal().BuildServiceProvider();
        var data = Official(file);

        var takers = services.GetServices<IDataFormat>().Where(f => f.Recognizes(data)).Select(f => f.GetType().Name).ToList();

        Assert.Equal(new[] { format }, takers);
    }

    [Fact]
    public void The_long_layout_is_recognised_by_its_own_format_and_no_other()
    {
        var file = Open(LongWorkbook(LongSample()), "undesa_pd_2020_ims_stock_by_sex_destination_and_origin.xlsx");
        Assert.Equal(new[] { nameof(UndesaBilateralLongFormat) }, Recognising(file));
    }

    [Fact]
    public void The_edition_is_read_from_the_workbook_not_from_its_file_name()
    {
        var file = Open(File.ReadAllBytes(OfficialFiles.Path(Destination2019)), "undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx");

        var release = new UndesaDestinationFormat().Read(file, Ct);

        Assert.Equal("2019", release.Edition);
        Assert.Equal(new DateOnly(2019, 12, 31), release.EditionDate);
        Assert.Equal(Datasets.UndesaDestination, release.Dataset);
    }

    [Fact]
    public void A_destination_table_whose_code_heading_was_renamed_is_refused_naming_its_sheet_and_row()
    {
        var cells = Rows(OfficialFiles.Cells(OfficialFiles.Path(Destination2020), "Table 1"), 1, 40);
        var (row, column) = Find(cells, "Location code");
        cells[OfficialFiles.Ref(column, row)] = "Code of location";
        var file = Open(Workbook(("Table 1", cells)), "broken.xlsx");
        var format = new UndesaDestinationFormat();

        Assert.True(format.Recognizes(file));
        var e = Assert.Throws<DataImportException>(() => format.Read(file, Ct));

        Assert.Contains($"sheet 'Table 1', row {row}", e.Message);
        Assert.Contains("Location code", e.Message);
        Assert.Equal(row, e.At!.Row);
    }

    [Fact]
    public void A_long_table_whose_origin_code_heading_was_renamed_is_refused_naming_its_sheet_and_row()
    {
        var file = Open(LongWorkbook(LongSample(), rename: new Dictionary<string, string> { ["Location code of origin"] = "Code of origin" }), "broken.xlsx");
        var format = new UndesaBilateralLongFormat();

        Assert.True(format.Recognizes(file));
        var e = Assert.Throws<DataImportException>(() => format.Read(file, Ct));

        Assert.Contains("sheet 'Table 1', row 11", e.Message);
        Assert.Contains("Location code of origin", e.Message);
    }

    [Fact]
    public void A_year_heading_replaced_by_text_is_refused_naming_the_cell()
    {
        var cells = Rows(OfficialFiles.Cells(OfficialFiles.Path(Destination2020), "Table 1"), 1, 40);
        var (row, column) = Find(cells, "Location code");
        var year = OfficialFiles.Ref(column + 3, row);
        cells[year] = "Total";
        var file = Open(Workbook(("Table 1", cells)), "broken.xlsx");

        var e = Assert.Throws<DataImportException>(() => new UndesaDestinationFormat().Read(file, Ct));

        Assert.Contains($"sheet 'Table 1', row {row}, column {year.TrimEnd("0123456789".ToCharArray())}", e.Message);
    }

    [Fact]
    public void A_figure_column_holding_a_note_is_refused_naming_the_cell()
    {
        var cells = Rows(OfficialFiles.Cells(OfficialFiles.Path(Destination2020), "Table 1"), 1, 40);
        var (row, column) = Find(cells, "Location code");
        var figure = OfficialFiles.Ref(column + 4, row + 5);
        cells[figure] = "see note 3";
        var file = Open(Workbook(("Table 1", cells)), "broken.xlsx");

        var e = Assert.Throws<DataImportException>(() => new UndesaDestinationFormat().Read(file, Ct));

        Assert.Equal(row + 5, e.At!.Row);
        Assert.Equal(column + 4, e.At.Column);
    }

    [Fact]
    public void The_long_layout_without_block_headings_takes_the_sexes_from_the_order_of_the_blocks()
    {
        var rows = LongSample();
        var file = Open(LongWorkbook(rows, blockHeadings: false), "no-headings.xlsx");

        var release = new UndesaBilateralLongFormat().Read(file, Ct);

        var kenyaFromUganda = rows.Single(r => r.Destination.Trim() == "Kenya" && r.Origin == "Uganda").Figures;
        ParsedObservation Find(Sex sex, int year) =>
            release.Observations.Single(o => o.Area.M49 == 404 && o.Counterpart!.M49 == 800 && o.Sex == sex && o.Year == year);
        Assert.Equal(kenyaFromUganda[0], Find(Sex.Total, 1990).Value);
        Assert.Equal(kenyaFromUganda[13], Find(Sex.Male, 2020).Value);
        Assert.Equal(kenyaFromUganda[20], Find(Sex.Female, 2020).Value);
        Assert.Equal("B R", Find(Sex.Female, 2020).Flag);
        Assert.Equal("12", Find(Sex.Female, 2020).Note);
    }

    [Fact]
    public void Aggregates_are_declared_as_groups_with_their_printed_names_and_never_as_countries()
    {
        var release = new UndesaDestinationFormat().Read(Official(Destination2020), Ct);
        var areas = release.Areas.ToDictionary(a => a.Code);

        Assert.All(release.Areas.Where(a => a.Code > Area.World), a => Assert.Equal(AreaKind.Group, a.Kind));
        Assert.All(release.Areas.Where(a => a.Code < Area.World), a => Assert.Equal(AreaKind.Country, a.Kind));
        Assert.Equal(AreaKind.World, areas[Area.World].Kind);
        Assert.Equal("World", areas[Area.World].Name);
        Assert.Equal("Sub-Saharan Africa", areas[947].Name);
        Assert.Equal("Polynesia", areas[957].Name);
        Assert.Equal("Latin America and the Caribbean", areas[904].Name);
        Assert.Equal("Less developed regions, excluding least developed countries", areas[934].Name);
        // In DESA's tables but not in the M49 list: declared so that their figures can be stored.
        Assert.Equal("Channel Islands", areas[830].Name);
        Assert.Equal("China, Taiwan Province of China", areas[158].Name);
    }

    [Fact]
    public void Stock_figures_keep_the_type_of_data_and_every_figure_keeps_its_notes()
    {
        var path = OfficialFiles.Path(Destination2020);
        var cells = OfficialFiles.Cells(path, "Table 1");
        var (header, codeColumn) = Find(cells, "Location code");
        var (_, typeColumn) = Find(cells, "Type of data");
        var (_, notesColumn) = Find(cells, "Notes");
        var release = new UndesaDestinationFormat().Read(Official(Destination2020), Ct);
        var byKey = release.Observations.ToLookup(o => (o.Indicator, o.Area.M49));

        var checkedRows = 0;
        for (int r = header + 1, last = LastRow(cells); r <= last; r++)
        {
            if (cells.GetValueOrDefault(OfficialFiles.Ref(codeColumn, r)) is not double code || code >= Area.World) continue;
            var type = cells.GetValueOrDefault(OfficialFiles.Ref(typeColumn, r)) as string;
            var note = cells.GetValueOrDefault(OfficialFiles.Ref(notesColumn, r)) is { } n ? Convert.ToString(n, System.Globalization.CultureInfo.InvariantCulture) : null;
            if (string.IsNullOrWhiteSpace(type) || note is null) continue;
            Assert.All(byKey[(Indicators.MigrantStock, (int)code)], o => Assert.Equal((o.Flag, o.Note), (type.Trim(), note)));
            Assert.All(byKey[(Indicators.Population, (int)code)], o => Assert.Equal((o.Flag, o.Note), ((string?)null, note)));
            checkedRows++;
        }
        Assert.True(checkedRows >= 20, $"Only {checkedRows} rows have both a type of data and notes.");
    }

    [Fact]
    public void Rows_are_the_same_figures_only_when_every_column_matches_missing_with_missing()
    {
        Assert.True(UndesaWorkbook.SameFigures([1.5, null, 0], [1.5, null, 0]));
        Assert.True(UndesaWorkbook.SameFigures([], []));
        Assert.False(UndesaWorkbook.SameFigures([1.5, null], [1.5, 0]));
        Assert.False(UndesaWorkbook.SameFigures([null], [0]));
        Assert.False(UndesaWorkbook.SameFigures([1.5, 2], [1.5, 2.0000000000000004]));
        Assert.False(UndesaWorkbook.SameFigures([1.5], [1.5, null]));
    }
}
