using System.Text;
using Nexus.Web.Features.Data.Areas;
using Nexus.Web.Features.Data.Import;
using Nexus.Web.Features.Data.WorldBank;
using Nexus.Web.Infrastructure.Countries;
using static Nexus.Tests.Data.WorldBankFiles;

namespace Nexus.Tests.Data;

/// <summary>The World Bank formats without a database: which files they take, what they call a country, what they refuse.</summary>
public class WorldBankFormatTests
{
    private static readonly IDataFormat FlowsFormat = new KnomadFlowsFormat();
    private static readonly IDataFormat BilateralMatrix = new KnomadBilateralFormat();
    private static readonly IDataFormat WdiCsv = new WdiCsvFormat();

    private static DataFile Open(byte[] bytes, string name) => DataFile.FromBytes(bytes, name);

    /// <summary>The official WDI file with one piece of its text replaced; the text must be in the file.</summary>
    private static DataFile WdiWith(string find, string replace)
    {
        var text = File.ReadAllText(OfficialFiles.Path(Wdi), Encoding.UTF8);
        Assert.Contains(find, text);
        return Open(Encoding.UTF8.GetBytes(text.Replace(find, replace, StringComparison.Ordinal)), "wdi.csv");
    }

    [Fact]
    public void Each_format_recognises_its_own_files_and_no_other_file_of_the_shared_data()
    {
        var root = Path.GetDirectoryName(Path.GetDirectoryName(OfficialFiles.Path(DataImports.M49)))!;
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)).Order().ToList();
        Assert.True(files.Count >= 10, $"only {files.Count} files under {root}");
        var own = new Dictionary<string, IDataFormat>
        {
            [Path.GetFileName(Inflows)] = FlowsFormat,
            [Path.GetFileName(Outflows)] = FlowsFormat,
            [Path.GetFileName(Bilateral)] = BilateralMatrix,
            [Path.GetFileName(Wdi)] = WdiCsv,
        };

        var wrong = new List<string>();
        foreach (var path in files)
        {
            var file = Open(File.ReadAllBytes(path), Path.GetFileName(path));
            foreach (var format in new[] { FlowsFormat, BilateralMatrix, WdiCsv })
            {
                var expected = own.GetValueOrDefault(file.Name) == format;
                if (format.Recognizes(file) != expected) wrong.Add($"{format.GetType().Name} {(expected ? "misses" : "takes")} {Path.GetRelativePath(root, path)}");
            }
        }
        Assert.Empty(wrong);
    }

    [Fact]
    public void No_country_name_of_the_m49_list_or_of_the_alias_list_is_taken_for_an_aggregate()
    {
        var names = Countries.All.Select(c => c.Name).Concat(AreaDirectory.Aliases.Select(a => a.Name));
        Assert.Equal([], names.Where(n => WorldBankAreas.Classify(n) != WorldBankAreaKind.Country).ToArray());
    }

    [Fact]
    public void Every_world_bank_aggregate_of_the_wdi_file_is_known_by_its_name_alone()
    {
        // The KNOMAD files name their rows only: the WDI file's groups (codes that are no country's) test the rule.
        var groups = WdiLines().SkipWhile(f => f[0] != "Country Name").Skip(1)
            .Where(f => Countries.Find(f[1]) is null && f[1] is not ("WLD" or "XKX" or "CHI")).Select(f => f[0]).ToList();
        Assert.True(groups.Count >= 40, $"only {groups.Count} groups");
        Assert.Equal([], groups.Where(n => WorldBankAreas.Classify(n) != WorldBankAreaKind.Aggregate).ToArray());
        Assert.Equal(WorldBankAreaKind.World, WorldBankAreas.Classify("WORLD "));
        Assert.Equal(WorldBankAreaKind.NotM49, WorldBankAreas.Classify("Kosovo"));
    }

    [Fact]
    public void Every_row_of_the_knomad_files_is_a_country_the_world_or_a_row_known_not_to_be_stored()
    {
        var names = new[] { Flows(Inflows, InflowsSheet), Flows(Outflows, OutflowsSheet) }
            .SelectMany(t => t.RowsWithFigures.Select(r => t.Names[r])).Concat(Matrix().Rows.Values).Distinct();
        Assert.All(names, n => Assert.Equal(
            n switch { "World" or "WORLD" => WorldBankAreaKind.World, "Kosovo" or "Channel Islands" => WorldBankAreaKind.NotM49, "Low-and Middle-Income Countries" => WorldBankAreaKind.Aggregate, _ => WorldBankAreaKind.Country },
            WorldBankAreas.Classify(n)));
    }

    [Fact]
    public void A_knomad_workbook_without_a_date_is_refused()
    {
        var file = Open(NewInflowsRelease(dateLine: "Prepared by the KNOMAD secretariat"), "inflows.xlsx");
        Assert.True(FlowsFormat.Recognizes(file));
        var error = Assert.Throws<DataImportException>(() => FlowsFormat.Read(file, CancellationToken.None));
        Assert.Contains("Date: June 2023", error.Message);
    }

    [Fact]
    public void A_knomad_workbook_in_another_unit_is_refused()
    {
        var bytes = Library.SampleFiles.Workbook((InflowsSheet,
        [
            ["Remittance inflows (US$ billion)", "2021", "2022", "2023"],
            ["Mexico", "54.1", "61.1", "66.2"],
            ["Date: June 2023"],
        ]));
        var error = Assert.Throws<DataImportException>(() => FlowsFormat.Read(Open(bytes, "inflows.xlsx"), CancellationToken.None));
        Assert.Contains($"sheet '{InflowsSheet}', row 1, column A", error.Message);
        Assert.Contains("US$ million", error.Message);
    }

    [Fact]
    public void A_figure_under_no_year_is_refused_naming_its_cell()
    {
        var bytes = Library.SampleFiles.Workbook((InflowsSheet,
        [
            ["Remittance inflows (US$ million)", "2021", "2022", "2023"],
            ["Mexico", "54100", "61100", "66200", "70000"],
            ["Date: June 2023"],
        ]));
        var error = Assert.Throws<DataImportException>(() => FlowsFormat.Read(Open(bytes, "inflows.xlsx"), CancellationToken.None));
        Assert.StartsWith($"sheet '{InflowsSheet}', row 2, column E", error.Message);
    }

    [Fact]
    public void A_knomad_workbook_that_heads_two_columns_with_one_year_is_refused_naming_the_second()
    {
        var bytes = Library.SampleFiles.Workbook((InflowsSheet,
        [
            ["Remittance inflows (US$ million)", "2021", "2022", "2022e"],
            ["Mexico", "54100", "61100", "66200"],
            ["Date: June 2023"],
        ]));
        var error = Assert.Throws<DataImportException>(() => FlowsFormat.Read(Open(bytes, "inflows.xlsx"), CancellationToken.None));
        Assert.StartsWith($"sheet '{InflowsSheet}', row 1, column D", error.Message);
        Assert.Contains("The year 2022 heads two columns", error.Message);
    }

    [Fact]
    public void A_wdi_file_that_heads_two_columns_with_one_year_is_refused()
    {
        var file = WdiWith("\"2019\"", "\"2018\"");
        var error = Assert.Throws<DataImportException>(() => WdiCsv.Read(file, CancellationToken.None));
        Assert.Contains("The year 2018 heads two columns", error.Message);
    }

    [Fact]
    public void A_wdi_file_of_another_indicator_is_refused_with_the_codes_nexus_reads()
    {
        var file = WdiWith("BM.TRF.PWKR.CD.DT", "SP.POP.TOTL");
        Assert.True(WdiCsv.Recognizes(file));
        var error = Assert.Throws<DataImportException>(() => WdiCsv.Read(file, CancellationToken.None));
        Assert.Contains("SP.POP.TOTL", error.Message);
        Assert.Contains("BM.TRF.PWKR.CD.DT", error.Message);
    }

    [Fact]
    public void A_wdi_file_without_its_last_updated_date_is_refused()
    {
        var lines = File.ReadAllLines(OfficialFiles.Path(Wdi), Encoding.UTF8).Where(l => !l.Contains("Last Updated Date", StringComparison.Ordinal));
        var error = Assert.Throws<DataImportException>(() => WdiCsv.Read(Open(Encoding.UTF8.GetBytes(string.Join("\n", lines)), "wdi.csv"), CancellationToken.None));
        Assert.Contains("Last Updated Date", error.Message);
    }

    [Fact]
    public void A_wdi_row_whose_code_is_neither_a_country_nor_a_group_is_refused_naming_the_cell()
    {
        var file = WdiWith("\"Aruba\",\"ABW\"", "\"Aruba\",\"ZZZ\"");
        var error = Assert.Throws<DataImportException>(() => WdiCsv.Read(file, CancellationToken.None));
        Assert.Contains("\"ZZZ\" (Aruba)", error.Reason);
        Assert.Equal((6, 2), (error.At!.Row, error.At.Column));
    }

    [Fact]
    public void A_wdi_group_under_a_code_nexus_has_never_seen_is_still_skipped_as_a_group()
    {
        var original = WdiCsv.Read(Open(File.ReadAllBytes(OfficialFiles.Path(Wdi)), "wdi.csv"), CancellationToken.None);
        var read = WdiCsv.Read(WdiWith("\"East Asia & Pacific\",\"EAS\"", "\"East Asia & Pacific\",\"QQQ\""), CancellationToken.None);
        Assert.Equal(original.Observations.Count, read.Observations.Count);
        Assert.Equal(original.Skipped, read.Skipped);
        Assert.DoesNotContain(read.Observations, o => o.Area.Iso3 == "QQQ");
    }

    [Theory]
    [InlineData("15/09/2021")]
    [InlineData("2021-02-30")]
    [InlineData("2021-09-15T00:00:00")]
    [InlineData("<script>alert(1)</script>")]
    public void A_wdi_file_whose_last_updated_date_is_not_a_day_is_refused_naming_the_cell(string date)
    {
        var file = WdiWith("\"Last Updated Date\",\"2021-09-15\"", $"\"Last Updated Date\",\"{date}\"");
        var error = Assert.Throws<DataImportException>(() => WdiCsv.Read(file, CancellationToken.None));
        Assert.Equal($"\"{date}\" is not a date (yyyy-mm-dd).", error.Reason);
        Assert.Equal((3, 2), (error.At!.Row, error.At.Column));
    }

    [Fact]
    public void The_bilateral_matrix_refuses_a_corner_cell_that_does_not_say_which_way_it_runs()
    {
        var bytes = Library.SampleFiles.Workbook(("BRM",
        [
            ["Bilateral Remittance Estimates for 2021 (millions of US$) (December 2022 Version)"],
            ["Remittance-receiving country (across) - Remittance-sending country (across)", "Mexico", "India"],
            ["United States", "50000", "12000"],
        ]));
        Assert.False(BilateralMatrix.Recognizes(Open(bytes, "brm.xlsx")));
    }
}
