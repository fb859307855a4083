using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Nexus.Web.Features.Data;
using static Microsoft.Playwright.Assertions;

namespace Nexus.BrowserTests;

/// <summary>
/// A visitor of the data portal (filled from the shipped extracts at first start): opens a country profile, reads a
/// chart's table, changes the map with and without JavaScript, and downloads a chart's figures.
/// </summary>
public class DataPortalJourneyTests(NexusServer server)
{
    private const int Philippines = 608;

    [Fact]
    public async Task A_visitor_opens_a_profile_whose_charts_each_have_a_table_with_the_APIs_figures()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/data");

        // The largest destination, from the overview's list.
        var destinations = page.Locator("section").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Largest destinations") }) });
        await destinations.GetByRole(AriaRole.Link, new() { Name = "United States of America", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/data/areas/840$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "United States of America", Level = 1 })).ToBeVisibleAsync();
        Assert.True(await page.Locator("figure.data-chart").CountAsync() > 0);

        // Through the list of countries and regions to the Philippines.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Breadcrumb" }).GetByRole(AriaRole.Link, new() { Name = "Countries and regions" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/data/areas$"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Philippines", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/data/areas/{Philippines}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Philippines", Level = 1 })).ToBeVisibleAsync();

        var charts = page.Locator("figure.data-chart");
        var ids = await charts.EvaluateAllAsync<string[]>("fs => fs.map(f => f.id)");
        // Migrants by sex, their share, emigrants, bilateral origins and destinations, remittances both ways and by sender.
        Assert.Superset(new HashSet<string> { "stock", "share", "emigrants", "origins", "destinations", "remittances", "remittance-senders" }, ids.ToHashSet());

        var culture = CultureInfo.GetCultureInfo((await page.Locator("html").GetAttributeAsync("lang"))!);
        foreach (var id in ids)
        {
            var chart = page.Locator($"figure.data-chart#{id}");
            await Expect(chart.Locator("svg")).ToHaveCountAsync(1);
            await Expect(chart.Locator("svg")).ToBeVisibleAsync();
            var table = chart.Locator("details table");
            await Expect(table).ToHaveCountAsync(1);
            await Expect(table).Not.ToBeVisibleAsync();
            await chart.GetByText("Table view", new() { Exact = true }).ClickAsync();
            await Expect(table).ToBeVisibleAsync();
            Assert.True(await table.Locator("tbody tr").CountAsync() > 0, $"The table of chart {id} has no rows.");
            await AssertTableShowsApiFiguresAsync(page, chart, culture);
        }
    }

    /// <summary>
    /// The cells of a chart's table are the API's series values, formatted as the pages format them. Line charts (a
    /// series per column: both sexes/men/women, or one indicator per column) are checked on their latest row; bar
    /// charts (one partner per row, in the chart's year) on their two largest partners.
    /// </summary>
    private static async Task AssertTableShowsApiFiguresAsync(IPage page, ILocator chart, CultureInfo culture)
    {
        var id = await chart.GetAttributeAsync("id");
        var headers = await chart.Locator("table thead th").AllTextContentsAsync();
        var rows = await chart.Locator("table tbody tr").EvaluateAllAsync<string[][]>("rs => rs.map(r => [...r.cells].map(c => c.textContent.trim()))");
        var href = await chart.GetByRole(AriaRole.Link, new() { Name = "CSV", Exact = true }).GetAttributeAsync("href");
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(new Uri(page.Url), href).Query);
        var indicators = query["indicator"]!.Split(',');
        var checkedCells = 0;
        if (query["year"] is { } yearText)
        {
            // Bars: partner name, value; the other side is this area (as origin's destination, or as counterpart).
            var year = int.Parse(yearText, CultureInfo.InvariantCulture);
            foreach (var row in rows.Take(2))
            {
                var (area, counterpart) = query["counterpart"] is { } self ? (row[0], self) : (query["area"]!, row[0]);
                var series = await SeriesAsync(page, indicators[0], area, "total", counterpart);
                var point = Points(series).Single(p => p.Year == year);
                Assert.Equal(Shown(point.Value, series.GetProperty("unit").GetString()!, culture), Unflagged(row[1]));
                checkedCells++;
            }
        }
        else
        {
            var last = rows[^1];
            var year = int.Parse(last[0], CultureInfo.InvariantCulture);
            for (var col = 1; col < last.Length; col++)
            {
                if (last[col] == "–") continue;
                var (indicator, sex) = indicators.Length > 1 ? (indicators[col - 1], "total") : (indicators[0], headers[col] switch
                {
                    "Men" => "male", "Women" => "female", _ => "total",
                });
                var series = await SeriesAsync(page, indicator, query["area"]!, sex, null);
                var point = Points(series).Single(p => p.Year == year);
                Assert.Equal(Shown(point.Value, series.GetProperty("unit").GetString()!, culture) + (point.Flag is "e" or "E" ? " (e)" : ""), last[col]);
                checkedCells++;
            }
        }
        Assert.True(checkedCells > 0, $"No value of chart {id} could be compared with the API.");
    }

    private static string Unflagged(string cell) => cell.EndsWith(" (e)", StringComparison.Ordinal) ? cell[..^4] : cell;

    private static string Shown(double value, string unit, CultureInfo culture)
    {
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = culture;
        try { return DataFormat.Value(value, unit); }
        finally { CultureInfo.CurrentCulture = before; }
    }

    private static async Task<JsonElement> SeriesAsync(IPage page, string indicator, string area, string sex, string? counterpart)
    {
        var url = $"/api/v1/data/series?indicator={indicator}&area={Uri.EscapeDataString(area)}&sex={sex}"
                  + (counterpart is null ? "" : $"&counterpart={Uri.EscapeDataString(counterpart)}");
        var response = await page.APIRequest.GetAsync(url);
        Assert.True(response.Ok, $"{url}: {response.Status} {await response.TextAsync()}");
        return (await response.JsonAsync())!.Value;
    }

    private static IEnumerable<(int Year, double Value, string? Flag)> Points(JsonElement series) =>
        series.GetProperty("points").EnumerateArray().Select(p => (p.GetProperty("year").GetInt32(), p.GetProperty("value").GetDouble(),
            p.GetProperty("flag").ValueKind == JsonValueKind.String ? p.GetProperty("flag").GetString() : null));

    [Fact]
    public async Task Changing_the_maps_indicator_and_year_recolours_it_with_the_rankings_quintiles()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/data");
        var map = page.Locator("figure[data-map]");
        await Expect(map).ToHaveAttributeAsync("data-indicator", Indicators.MigrantStockShare);
        var before = await ClassesAsync(map);

        var years = await YearsAsync(page, Indicators.RemittanceInflows);
        Assert.True(years.Count >= 2, "Remittance inflows need two years or more.");
        var year = years[^2];

        // Another indicator: the script recolours the map for its latest year and offers that indicator's years.
        await page.Locator("#indicator").SelectOptionAsync(Indicators.RemittanceInflows);
        await Expect(map).ToHaveAttributeAsync("data-indicator", Indicators.RemittanceInflows);
        await Expect(map).ToHaveAttributeAsync("data-year", years[^1].ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator("#year option")).ToHaveCountAsync(years.Count);

        // Another year.
        await page.Locator("#year").SelectOptionAsync(year.ToString(CultureInfo.InvariantCulture));
        await Expect(map).ToHaveAttributeAsync("data-year", year.ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator("[data-map-title]")).ToHaveTextAsync($"Remittance inflows, {year}");
        await Expect(page).ToHaveURLAsync(new Regex($"indicator={Indicators.RemittanceInflows}"));
        await Expect(page).ToHaveURLAsync(new Regex($"year={year}"));

        // Every country is in the quintile class the rankings give, or grey without a figure.
        var expected = await ExpectedClassesAsync(page, Indicators.RemittanceInflows, year);
        var after = await ClassesAsync(map);
        AssertClasses(expected, after);
        Assert.Matches("^q[0-4]$", after[Philippines.ToString(CultureInfo.InvariantCulture)]);
        Assert.Contains(after, a => before.GetValueOrDefault(a.Key) != a.Value);
        // The tooltip follows: the Philippines' title gives its remittances.
        var title = await map.Locator($"path[data-code='{Philippines}'] > title").TextContentAsync();
        Assert.StartsWith("Philippines: ", title);
    }

    [Fact]
    public async Task The_map_form_works_without_JavaScript()
    {
        var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseUrl, Locale = "en-GB", JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        await page.GotoAsync("/data");
        var caption = page.Locator("[data-map-title]");
        var captionBefore = await caption.TextContentAsync();

        // The year list is the current indicator's; the stock and its share come from the same tables, so share their years.
        var years = await YearsAsync(page, Indicators.MigrantStock);
        var year = years[0];
        await page.Locator("#indicator").SelectOptionAsync(Indicators.MigrantStock);
        await page.Locator("#year").SelectOptionAsync(year.ToString(CultureInfo.InvariantCulture));
        await page.Locator("form[data-map-form]").GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"indicator={Indicators.MigrantStock}&year={year}"));
        await Expect(caption).ToHaveTextAsync($"International migrant stock, {year}");
        Assert.NotEqual(captionBefore, await caption.TextContentAsync());
        var map = page.Locator("figure[data-map]");
        await Expect(map).ToHaveAttributeAsync("data-indicator", Indicators.MigrantStock);
        await Expect(map).ToHaveAttributeAsync("data-year", year.ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator("#indicator")).ToHaveValueAsync(Indicators.MigrantStock);
        AssertClasses(await ExpectedClassesAsync(page, Indicators.MigrantStock, year), await ClassesAsync(map));
        await context.CloseAsync();
    }

    private static async Task<Dictionary<string, string>> ClassesAsync(ILocator map)
    {
        var pairs = await map.Locator("path[data-code]").EvaluateAllAsync<string[][]>("ps => ps.map(p => [p.dataset.code, p.getAttribute('class')])");
        var classes = new Dictionary<string, string>();
        foreach (var p in pairs)
        {
            // A country drawn in several pieces has one class.
            if (classes.TryGetValue(p[0], out var c)) Assert.Equal(c, p[1]);
            classes[p[0]] = p[1];
        }
        Assert.True(classes.Count > 150, $"The map has {classes.Count} countries.");
        return classes;
    }

    private static void AssertClasses(Dictionary<string, string> expected, Dictionary<string, string> actual)
    {
        var wrong = actual.Where(a => a.Value != expected.GetValueOrDefault(a.Key, "q-none")).Select(a => $"{a.Key}: {a.Value}, expected {expected.GetValueOrDefault(a.Key, "q-none")}").ToList();
        Assert.True(wrong.Count == 0, string.Join("; ", wrong.Take(10)));
        Assert.Contains(actual.Values, v => v == "q0");
        Assert.Contains(actual.Values, v => v == "q4");
    }

    /// <summary>Quintile classes from the API's ranking: breaks at the sorted values' ceil(i·n/5)−1, distinct; a value's class is the first break it does not exceed.</summary>
    private static async Task<Dictionary<string, string>> ExpectedClassesAsync(IPage page, string indicator, int year)
    {
        var response = await page.APIRequest.GetAsync($"/api/v1/data/rankings?indicator={indicator}&year={year}&limit=300");
        Assert.True(response.Ok);
        var items = (await response.JsonAsync())!.Value.GetProperty("items").EnumerateArray()
            .Select(i => (Code: i.GetProperty("area").GetProperty("code").GetInt32(), Value: i.GetProperty("value").GetDouble())).ToList();
        Assert.True(items.Count is > 20 and < 300, $"{items.Count} ranked areas");
        var sorted = items.Select(i => i.Value).Order().ToArray();
        var n = sorted.Length;
        var breaks = Enumerable.Range(1, 5).Select(i => sorted[(int)Math.Ceiling(i * n / 5.0) - 1]).Distinct().ToList();
        return items.ToDictionary(i => i.Code.ToString(CultureInfo.InvariantCulture), i => "q" + breaks.FindIndex(b => i.Value <= b));
    }

    private static async Task<List<int>> YearsAsync(IPage page, string indicator)
    {
        var response = await page.APIRequest.GetAsync("/api/v1/data/indicators");
        Assert.True(response.Ok);
        return (await response.JsonAsync())!.Value.EnumerateArray().Single(i => i.GetProperty("id").GetString() == indicator)
            .GetProperty("years").EnumerateArray().Select(y => y.GetInt32()).ToList();
    }

    [Fact]
    public async Task A_profile_charts_figures_download_as_CSV_and_SDMX_CSV()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync($"/data/areas/{Philippines}");
        var stock = page.Locator("figure.data-chart#stock");

        var csvDownload = await page.RunAndWaitForDownloadAsync(() => stock.GetByRole(AriaRole.Link, new() { Name = "CSV", Exact = true }).ClickAsync());
        Assert.EndsWith(".csv", csvDownload.SuggestedFilename);
        var csv = Csv(await File.ReadAllTextAsync(await csvDownload.PathAsync(), Encoding.UTF8));
        Assert.Equal("indicator,unit,area_code,area_iso3,area,counterpart_code,counterpart,sex,year,value,flag,note,source", string.Join(',', csv[0]));
        var rows = csv.Skip(1).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r =>
        {
            Assert.Equal(13, r.Length);
            Assert.Equal(new[] { Indicators.MigrantStock, "persons", "608", "PHL", "Philippines" }, r[..5]);
        });
        Assert.Equal(new[] { "female", "male", "total" }, rows.Select(r => r[7]).Distinct().Order());
        // The file's figure is the API's, to the last digit.
        var latest = rows.Where(r => r[7] == "total").MaxBy(r => int.Parse(r[8], CultureInfo.InvariantCulture))!;
        var series = await SeriesAsync(page, Indicators.MigrantStock, "608", "total", null);
        Assert.Equal(Points(series).Single(p => p.Year.ToString(CultureInfo.InvariantCulture) == latest[8]).Value,
            double.Parse(latest[9], CultureInfo.InvariantCulture));
        Assert.Contains("United Nations", latest[12]);

        var sdmxDownload = await page.RunAndWaitForDownloadAsync(() => stock.GetByRole(AriaRole.Link, new() { Name = "SDMX-CSV", Exact = true }).ClickAsync());
        var sdmx = (await File.ReadAllTextAsync(await sdmxDownload.PathAsync(), Encoding.UTF8)).Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,COUNTERPART_AREA,SEX,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT,OBS_STATUS", sdmx[0]);
        Assert.Equal(rows.Count, sdmx.Length - 1);
        Assert.All(sdmx.Skip(1), line =>
        {
            Assert.StartsWith("dataflow,NEXUS:DF_", line);
            var f = line.Split(',');
            Assert.Equal(11, f.Length);
            Assert.Equal(new[] { "dataflow", "NEXUS:DF_MIGRANT_STOCK(1.0)", "I", "608", "_Z" }, f[..5]);
            Assert.Contains(f[5], new[] { "_T", "M", "F" });
            Assert.Equal("PS", f[8]);
        });

        // A bar chart of origins: the counterparts are the partner countries.
        var origins = page.Locator("figure.data-chart#origins");
        var bilateral = await page.RunAndWaitForDownloadAsync(() => origins.GetByRole(AriaRole.Link, new() { Name = "SDMX-CSV", Exact = true }).ClickAsync());
        var bilateralLines = (await File.ReadAllTextAsync(await bilateral.PathAsync(), Encoding.UTF8)).Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);
        Assert.True(bilateralLines.Length > 2);
        Assert.All(bilateralLines.Skip(1), line =>
        {
            Assert.StartsWith("dataflow,NEXUS:DF_MIGRANT_STOCK_BILATERAL(1.0),I,608,", line);
            Assert.NotEqual("_Z", line.Split(',')[4]);
        });
    }

    /// <summary>RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks.</summary>
    private static List<string[]> Csv(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else field.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { fields.Add(field.ToString()); field.Clear(); }
            else if (ch is '\r' or '\n')
            {
                if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                fields.Add(field.ToString()); field.Clear();
                records.Add([.. fields]); fields.Clear();
            }
            else field.Append(ch);
        }
        if (field.Length > 0 || fields.Count > 0) { fields.Add(field.ToString()); records.Add([.. fields]); }
        return records;
    }
}
