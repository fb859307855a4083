using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Web.Data;
using Nexus.Web.Features.Data;

namespace Nexus.Tests.Data;

/// <summary>The API, the downloads and the pages, on the official files imported once for the class.</summary>
public sealed class DataPortalFixture : IAsyncLifetime
{
    public AppFactory App { get; } = new(Provider.Sqlite);

    public async ValueTask InitializeAsync()
    {
        foreach (var file in new[]
                 {
                     "undesa/aggregates_correspondence_table_2020_1.xlsx",
                     "undesa/undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx",
                     "undesa/undesa_pd_2020_ims_stock_by_sex_and_origin.xlsx",
                     "undesa/UN_MigrantStockByOriginAndDestination_2015_table16.xlsx",
                     "worldbank/inward_remittance_flows_june_2023.xlsx",
                     "worldbank/outward_remittance_flows_june_2023.xlsx",
                 })
            await DataImports.OfficialAsync(App, file);
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

public class DataPortalTests(DataPortalFixture fixture) : IClassFixture<DataPortalFixture>
{
    private readonly HttpClient _client = fixture.App.CreateClient(new() { AllowAutoRedirect = false });
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<List<Observation>> Stored(string indicator, int area, Sex sex = Sex.Total, int counterpart = 0)
    {
        await using var scope = fixture.App.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var dataset = Indicators.Find(indicator)!.Dataset;
        return (await DataImports.FiguresAsync(db, o => o.Indicator == indicator && o.Area == area && o.Sex == sex && o.Counterpart == counterpart
            && db.DataReleases.Any(r => r.Id == o.ReleaseId && r.Current && r.Dataset == dataset))).OrderBy(o => o.Year).ToList();
    }

    [Fact]
    public async Task Indicators_list_their_years_and_the_release_they_come_from()
    {
        var list = (await (await _client.GetAsync("/api/v1/data/indicators", Ct)).JsonAsync()).AsArray();
        var stock = list.Single(i => (string?)i!["id"] == Indicators.MigrantStock)!;
        Assert.Contains(2020, stock["years"]!.AsArray().Select(y => (int)y!));
        Assert.Equal("2020", (string?)stock["source"]!["edition"]);
        Assert.Equal("CC BY 3.0 IGO", (string?)stock["source"]!["licence"]);
        Assert.Equal(Indicators.All.Count, list.Count);
    }

    [Theory]
    [InlineData("840")]
    [InlineData("USA")]
    [InlineData("usa")]
    [InlineData("United States of America")]
    public async Task A_series_is_found_by_m49_code_iso3_or_name_and_equals_the_stored_figures(string area)
    {
        var body = await (await _client.GetAsync($"/api/v1/data/series?indicator=migrant-stock&area={Uri.EscapeDataString(area)}&sex=female", Ct)).JsonAsync();
        Assert.Equal(840, (int)body["area"]!["code"]!);
        Assert.Equal("female", (string?)body["sex"]);
        var stored = await Stored(Indicators.MigrantStock, 840, Sex.Female);
        Assert.Equal(stored.Select(o => (o.Year, o.Value)), body["points"]!.AsArray().Select(p => ((int)p!["year"]!, (double)p["value"]!)));
        Assert.Equal(7, stored.Count);
    }

    [Fact]
    public async Task World_is_area_900()
    {
        var body = await (await _client.GetAsync("/api/v1/data/series?indicator=migrant-stock&area=world", Ct)).JsonAsync();
        Assert.Equal(900, (int)body["area"]!["code"]!);
        var y2020 = body["points"]!.AsArray().Single(p => (int)p!["year"]! == 2020)!;
        Assert.Equal((await Stored(Indicators.MigrantStock, 900)).Single(o => o.Year == 2020).Value, (double)y2020["value"]!);
    }

    [Fact]
    public async Task A_bilateral_series_needs_its_counterpart()
    {
        await (await _client.GetAsync("/api/v1/data/series?indicator=migrant-stock-bilateral&area=USA", Ct)).AssertProblemAsync(400, "counterpart");
        var mexicans = await (await _client.GetAsync("/api/v1/data/series?indicator=migrant-stock-bilateral&area=USA&counterpart=MEX", Ct)).JsonAsync();
        Assert.Equal(484, (int)mexicans["counterpart"]!["code"]!);
        Assert.Equal((await Stored(Indicators.MigrantStockBilateral, 840, Sex.Total, 484)).Single().Value, (double)mexicans["points"]![0]!["value"]!);
    }

    [Fact]
    public async Task Rankings_hold_countries_only_largest_first()
    {
        var body = await (await _client.GetAsync("/api/v1/data/rankings?indicator=migrant-stock&year=2020&limit=300", Ct)).JsonAsync();
        var items = body["items"]!.AsArray();
        Assert.True(items.Count > 150);
        Assert.All(items, i => Assert.Equal("country", (string?)i!["area"]!["kind"]));
        Assert.All(items, i => Assert.True((int)i!["area"]!["code"]! < 900));
        var values = items.Select(i => (double)i!["value"]!).ToList();
        Assert.Equal(values.OrderByDescending(v => v), values);
        Assert.Equal(840, (int)items[0]!["area"]!["code"]!);
        var top5 = await (await _client.GetAsync("/api/v1/data/rankings?indicator=migrant-stock&limit=5", Ct)).JsonAsync();
        Assert.Equal(5, top5["items"]!.AsArray().Count);
        Assert.Equal(2020, (int)top5["year"]!);
    }

    [Theory]
    [InlineData("/api/v1/data/series?area=840", "indicator")]
    [InlineData("/api/v1/data/series?indicator=nope&area=840", "indicator")]
    [InlineData("/api/v1/data/series?indicator=migrant-stock", "area")]
    [InlineData("/api/v1/data/series?indicator=migrant-stock&area=Atlantis", "area")]
    [InlineData("/api/v1/data/series?indicator=migrant-stock&area=840&sex=other", "sex")]
    [InlineData("/api/v1/data/series?indicator=refugees&area=840&sex=male", "sex")]
    [InlineData("/api/v1/data/series?indicator=migrant-stock&area=840&counterpart=484", "counterpart")]
    [InlineData("/api/v1/data/rankings?indicator=migrant-stock&year=1066", "year")]
    [InlineData("/api/v1/data/rankings?indicator=migrant-stock&limit=0", "limit")]
    [InlineData("/api/v1/data/rankings?indicator=migrant-stock&limit=99999999999", "limit")]
    [InlineData("/api/v1/data/rankings?indicator=migrant-stock-bilateral", "indicator")]
    [InlineData("/data/download?indicator=migrant-stock&format=pdf", "format")]
    [InlineData("/data/download?indicator=migrant-stock&area=%3Cscript%3E", "area")]
    public async Task Bad_parameters_get_a_problem_that_names_the_field(string url, string field) =>
        await (await _client.GetAsync(url, Ct)).AssertProblemAsync(400, field);

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("840' OR '1'='1")]
    [InlineData("../../etc/passwd")]
    [InlineData("%00")]
    [InlineData("\u202E\uFFFF")]
    [InlineData("ñ̃̃̃̃̃̃")]
    public async Task Hostile_areas_never_cause_a_server_error(string area)
    {
        var e = Uri.EscapeDataString(area);
        foreach (var url in new[]
                 {
                     $"/api/v1/data/series?indicator=migrant-stock&area={e}", $"/data/download?indicator=migrant-stock&area={e}",
                     $"/data/areas/{e}", $"/data/compare?areas={e}", $"/data/indicators/{e}", $"/data?indicator={e}&year={e}",
                 })
        {
            var response = await _client.GetAsync(url, Ct);
            Assert.True((int)response.StatusCode < 500, $"{url}: {(int)response.StatusCode}");
        }
        var huge = await _client.GetAsync("/api/v1/data/series?indicator=migrant-stock&area=" + new string('x', 10_000), Ct);
        Assert.True((int)huge.StatusCode is >= 400 and < 500);
    }

    [Fact]
    public async Task A_csv_download_holds_the_series_with_its_source()
    {
        var response = await _client.GetAsync("/data/download?indicator=migrant-stock&area=PHL&format=csv", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nexus-migrant-stock-phl.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var lines = (await response.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("indicator,unit,area_code,area_iso3,area,counterpart_code,counterpart,sex,year,value,flag,note,source", lines[0]);
        Assert.Equal(3 * 7, lines.Length - 1); // three sexes, seven years
        var total2020 = (await Stored(Indicators.MigrantStock, 608)).Single(o => o.Year == 2020).Value;
        Assert.Contains(lines, l => l.StartsWith($"migrant-stock,persons,608,PHL,Philippines,,,total,2020,{total2020.ToString("R", System.Globalization.CultureInfo.InvariantCulture)},", StringComparison.Ordinal));
        Assert.Contains("United Nations, Department of Economic and Social Affairs", lines[1]);
    }

    [Fact]
    public async Task An_sdmx_csv_download_follows_the_dataflow()
    {
        var text = await _client.GetStringAsync("/data/download?indicator=migrant-stock&area=840&format=sdmx-csv", Ct);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,COUNTERPART_AREA,SEX,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT,OBS_STATUS", lines[0]);
        var total2020 = (await Stored(Indicators.MigrantStock, 840)).Single(o => o.Year == 2020).Value;
        Assert.Contains($"dataflow,NEXUS:DF_MIGRANT_STOCK(1.0),I,840,_Z,_T,2020,{total2020.ToString("R", System.Globalization.CultureInfo.InvariantCulture)},PS,0,A", lines);
        Assert.Contains(lines, l => l.Contains(",840,_Z,F,2020,", StringComparison.Ordinal));
        Assert.Equal(22, lines.Length);
    }

    [Fact]
    public async Task Xlsx_and_json_downloads_hold_the_same_rows()
    {
        var json = await (await _client.GetAsync("/data/download?indicator=remittance-inflows&area=MEX&format=json", Ct)).JsonAsync();
        var rows = json["rows"]!.AsArray();
        var stored = await Stored(Indicators.RemittanceInflows, 484);
        Assert.Equal(stored.Select(o => o.Value), rows.Select(r => (double)r!["value"]!));
        Assert.Equal("World Bank / KNOMAD", (string?)json["source"]!["publisher"]);

        var bytes = await _client.GetByteArrayAsync("/data/download?indicator=remittance-inflows&area=MEX&format=xlsx", Ct);
        using var doc = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var sheets = doc.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value).ToList();
        Assert.Equal(["data", "source"], sheets);
        var first = (WorksheetPart)doc.WorkbookPart.GetPartById(doc.WorkbookPart.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().First().Id!);
        Assert.Equal(stored.Count + 1, first.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().Count());
    }

    [Fact]
    public async Task The_whole_dataset_downloads_as_a_zip_with_a_readme_of_sources()
    {
        var bytes = await _client.GetByteArrayAsync("/data/download/all.zip", Ct);
        using var zip = new ZipArchive(new MemoryStream(bytes));
        Assert.Contains(zip.Entries, e => e.FullName == "README.md");
        Assert.Contains(zip.Entries, e => e.FullName == "migrant-stock.csv");
        using var reader = new StreamReader(zip.GetEntry("README.md")!.Open());
        var readme = await reader.ReadToEndAsync(Ct);
        Assert.Contains("CC BY 3.0 IGO", readme);
        Assert.Contains("World Bank / KNOMAD", readme);
    }

    [Fact]
    public async Task The_overview_shows_world_figures_computed_from_the_data()
    {
        var html = await _client.GetStringAsync("/data", Ct);
        var world2020 = (await Stored(Indicators.MigrantStock, 900)).Single(o => o.Year == 2020).Value;
        Assert.Contains(world2020.ToString("#,0", System.Globalization.CultureInfo.GetCultureInfo("en")), html);
        Assert.Contains("<svg", html);
        Assert.Contains("data-code=\"840\"", html);
        Assert.Contains("United States of America", html);
    }

    [Fact]
    public async Task A_profile_has_charts_each_with_its_table_and_downloads()
    {
        var redirect = await _client.GetAsync("/data/areas/PHL", Ct);
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal("/data/areas/608", redirect.Headers.Location?.ToString());
        var html = await _client.GetStringAsync("/data/areas/608", Ct);
        var charts = html.Split("<figure class=\"data-chart\"").Length - 1;
        Assert.True(charts >= 4, $"{charts} charts");
        Assert.Equal(charts, html.Split("<summary>").Length - 1);
        Assert.Equal(charts, html.Split("format=sdmx-csv").Length - 1);
        Assert.Contains("Largest destinations of emigrants from Philippines", html);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/data/areas/Atlantis", Ct)).StatusCode);
    }

    [Fact]
    public async Task An_m49_region_shows_the_figures_of_un_desa_s_region_of_the_same_name()
    {
        var html = await _client.GetStringAsync("/data/areas/2", Ct); // M49 Africa; UN DESA's Africa is 903
        Assert.Contains("id=\"figures-of\"", html);
        var africa2020 = (await Stored(Indicators.MigrantStock, 903)).Single(o => o.Year == 2020).Value;
        Assert.Contains(africa2020.ToString("#,0", System.Globalization.CultureInfo.GetCultureInfo("en")), html);
        Assert.Contains("area=903", html);
        Assert.DoesNotContain("id=\"figures-of\"", await _client.GetStringAsync("/data/areas/903", Ct));
    }

    [Fact]
    public async Task An_indicator_table_sorts_by_name_or_value()
    {
        var byValue = await _client.GetStringAsync("/data/indicators/migrant-stock?year=2020", Ct);
        Assert.True(byValue.IndexOf("United States of America", StringComparison.Ordinal) < byValue.IndexOf(">Germany<", StringComparison.Ordinal));
        var byName = await _client.GetStringAsync("/data/indicators/migrant-stock?year=2020&sort=name", Ct);
        Assert.True(byName.IndexOf(">Afghanistan<", StringComparison.Ordinal) < byName.IndexOf(">Germany<", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/data/indicators/migrant-stock-bilateral", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_comparison_draws_one_line_per_country_and_names_the_unknown_ones()
    {
        var html = await _client.GetStringAsync("/data/compare?indicator=migrant-stock&areas=MEX,USA,Atlantis", Ct);
        Assert.Contains("Not found: Atlantis", html);
        Assert.Equal(2, html.Split("<polyline").Length - 1);
        Assert.Contains("area=484,840", html);
    }
}
