using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Features.Data;
using Nexus.Web.Features.Data.Import;
using static Nexus.Tests.Data.WorldBankFiles;

namespace Nexus.Tests.Data;

/// <summary>
/// The World Bank and KNOMAD files imported through the real importer: every figure checked is the one in the file
/// as an independent reader sees it, aggregates never become countries, and a release to come imports as it is.
/// Tests look their release up by the file's own import, so that the order they run in does not matter.
/// </summary>
public abstract class WorldBankImportTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private AppFactory App => fixture.App;

    private Task<List<Observation>> ObservationsAsync(int releaseId) =>
        DataImports.FiguresAsync(App, releaseId);

    private Task<DataRelease> ReleaseAsync(int releaseId) =>
        App.Db(db => db.DataReleases.AsNoTracking().SingleAsync(r => r.Id == releaseId, Ct));

    /// <summary>Every area the figures name (both sides) is a country or the World, never an aggregate or a region.</summary>
    private async Task AssertOnlyCountriesAndWorldAsync(List<Observation> stored)
    {
        var codes = stored.Select(o => o.Area).Concat(stored.Where(o => o.Counterpart != 0).Select(o => o.Counterpart)).Distinct().ToList();
        var kinds = await App.Db(db => db.Areas.AsNoTracking().Where(a => codes.Contains(a.Code)).ToDictionaryAsync(a => a.Code, a => a.Kind, Ct));
        Assert.Equal(codes.Count, kinds.Count);
        Assert.All(kinds, k => Assert.True(k.Value == AreaKind.Country || k.Key == Area.World, $"area {k.Key} is a {k.Value}"));
    }

    [Theory]
    [InlineData(Inflows, InflowsSheet, Datasets.KnomadInflows, Indicators.RemittanceInflows)]
    [InlineData(Outflows, OutflowsSheet, Datasets.KnomadOutflows, Indicators.RemittanceOutflows)]
    public async Task Knomad_flows_store_every_figure_of_the_workbook_as_it_is(string file, string sheet, string dataset, string indicator)
    {
        var result = await DataImports.OfficialAsync(App, file);
        var release = await ReleaseAsync(result.Release.Id);
        Assert.Equal((dataset, "June 2023", new DateOnly(2023, 6, 1)), (release.Dataset, release.Edition, release.EditionDate));
        var stored = await ObservationsAsync(release.Id);
        var byKey = stored.ToDictionary(o => (o.Area, o.Year));
        var table = Flows(file, sheet);

        // A sample spread over rows (names of every kind of spelling) and over all year columns, empty cells included.
        var figures = 0;
        foreach (var (row, name) in table.Names.Where(n => SampleEconomies.ContainsKey(n.Value)))
            foreach (var (column, year) in table.Years)
            {
                var cell = table.Number(column, row);
                var found = byKey.TryGetValue((SampleEconomies[name], year), out var o);
                if (cell is null) Assert.False(found, $"{name} {year} is empty in the file but stored");
                else
                {
                    Assert.True(found, $"{name} {year} ({OfficialFiles.Ref(column, row)}) is not stored");
                    Assert.Equal(cell.Value, o!.Value);
                    figures++;
                }
            }
        Assert.True(figures >= 50, $"only {figures} figures checked");

        // Zeros are figures: Afghanistan's 2000 is 0 in both files.
        Assert.Equal(0, byKey[(4, 2000)].Value);
        var expectedRows = table.RowsWithFigures.Where(r => !NotStored.Contains(table.Names[r])).ToList();
        var expectedFigures = expectedRows.Sum(r => table.Years.Keys.Count(c => table.Number(c, r) is not null));
        Assert.Equal(expectedFigures, stored.Count);
        Assert.Equal(expectedRows.Count, stored.Select(o => o.Area).Distinct().Count());
        Assert.All(stored, o => Assert.Equal((indicator, 0, Sex.Total), (o.Indicator, o.Counterpart, o.Sex)));
        await AssertOnlyCountriesAndWorldAsync(stored);
        Assert.Contains("Kosovo", release.Notes);
    }

    [Fact]
    public async Task The_bilateral_matrix_stores_receiving_countries_as_areas_and_sending_countries_as_counterparts()
    {
        var result = await DataImports.OfficialAsync(App, Bilateral);
        var release = await ReleaseAsync(result.Release.Id);
        Assert.Equal((Datasets.KnomadBilateral, "2021 (December 2022)", new DateOnly(2022, 12, 1)), (release.Dataset, release.Edition, release.EditionDate));
        var stored = await ObservationsAsync(release.Id);
        var byKey = stored.ToDictionary(o => (o.Area, o.Counterpart));
        var (cells, columns, rows) = Matrix();
        double? Number(int c, int r) => cells.TryGetValue(OfficialFiles.Ref(c, r), out var v) && v is double d ? d : null;

        var figures = 0;
        foreach (var (row, sending) in rows.Where(r => SampleEconomies.ContainsKey(r.Value)))
            foreach (var (column, receiving) in columns.Where(c => SampleEconomies.ContainsKey(c.Value)))
            {
                var cell = Number(column, row);
                var found = byKey.TryGetValue((SampleEconomies[receiving], SampleEconomies[sending]), out var o);
                if (cell is null) Assert.False(found, $"{sending} to {receiving} is empty in the file but stored");
                else
                {
                    Assert.True(found, $"{sending} to {receiving} ({OfficialFiles.Ref(column, row)}) is not stored");
                    Assert.Equal(cell.Value, o!.Value);
                    figures++;
                }
            }
        Assert.True(figures >= 50, $"only {figures} figures checked");

        // The corner cell says receiving countries run across: a column's WORLD total is that country's inflow,
        // which the inflows workbook gives for 2021 (Afghanistan: 300).
        var inflows = Flows(Inflows, InflowsSheet);
        var afghanistan = inflows.Names.Single(n => n.Value == "Afghanistan").Key;
        Assert.Equal(inflows.Number(inflows.Years.Single(y => y.Value == 2021).Key, afghanistan), byKey[(4, Area.World)].Value);

        var stores = (string name) => !NotStored.Contains(name);
        var expected = rows.Where(r => stores(r.Value)).Sum(r => columns.Count(c => stores(c.Value) && Number(c.Key, r.Key) is not null));
        Assert.Equal(expected, stored.Count);
        Assert.All(stored, o => Assert.Equal((Indicators.RemittancesBilateral, 2021, Sex.Total), (o.Indicator, o.Year, o.Sex)));
        await AssertOnlyCountriesAndWorldAsync(stored);
        Assert.Contains("no country name", release.Notes);
    }

    [Fact]
    public async Task Wdi_stores_countries_by_iso_code_and_the_world_and_skips_the_aggregates()
    {
        var result = await DataImports.OfficialAsync(App, Wdi);
        var release = await ReleaseAsync(result.Release.Id);
        Assert.Equal((Datasets.Wdi, "2021-09-15", new DateOnly(2021, 9, 15)), (release.Dataset, release.Edition, release.EditionDate));
        var stored = await ObservationsAsync(release.Id);
        await AssertFiguresOfWdiAsync(stored);
        await AssertOnlyCountriesAndWorldAsync(stored);
        Assert.All(stored, o => Assert.Equal((Indicators.RemittancesPaid, 0, Sex.Total), (o.Indicator, o.Counterpart, o.Sex)));
        Assert.Contains("aggregates", release.Notes);
    }

    /// <summary>The WDI figures against the CSV split by hand: a sample by code, then the count of all country rows.</summary>
    private async Task AssertFiguresOfWdiAsync(List<Observation> stored)
    {
        var byKey = stored.ToDictionary(o => (o.Area, o.Year));
        var lines = WdiLines();
        var header = lines.FindIndex(f => f[0] == "Country Name");
        var years = lines[header].Select((text, i) => (text, i)).Where(x => x.text.Length == 4 && x.text.All(char.IsAsciiDigit))
            .ToDictionary(x => x.i, x => int.Parse(x.text, CultureInfo.InvariantCulture));
        var rows = lines.Skip(header + 1).ToList();
        double? Number(List<string> row, int i) => row[i].Length == 0 ? null : double.Parse(row[i], CultureInfo.InvariantCulture);

        var figures = 0;
        foreach (var row in rows.Where(r => SampleIso3.ContainsKey(r[1])))
            foreach (var (i, year) in years)
            {
                var cell = Number(row, i);
                var found = byKey.TryGetValue((SampleIso3[row[1]], year), out var o);
                if (cell is null) Assert.False(found, $"{row[1]} {year} is empty in the file but stored");
                else
                {
                    Assert.True(found, $"{row[1]} {year} is not stored");
                    Assert.Equal(cell.Value, o!.Value);
                    figures++;
                }
            }
        Assert.True(figures >= 50, $"only {figures} figures checked");

        // Countries are the codes the M49 list gives a country; the rest are the World Bank's groups and Kosovo.
        var countries = await App.Db(db => db.Areas.Where(a => a.Kind == AreaKind.Country && a.Iso3 != null).Select(a => a.Iso3!).ToListAsync(Ct));
        var storedRows = rows.Where(r => (countries.Contains(r[1]) || r[1] == "WLD") && years.Keys.Any(i => Number(r, i) is not null)).ToList();
        Assert.Equal(storedRows.Sum(r => years.Keys.Count(i => Number(r, i) is not null)), stored.Count);
        Assert.Equal(storedRows.Count, stored.Select(o => o.Area).Distinct().Count());
    }

    [Fact]
    public async Task A_wdi_file_saved_with_semicolons_is_read_like_the_original()
    {
        // Decision: read it. The delimiter is taken from the file itself, and the columns are found by their names.
        await DataImports.OfficialAsync(App, DataImports.M49);
        var result = await DataImports.BytesAsync(App, WdiWithSemicolons(), "API_BM.TRF.PWKR.CD.DT_semicolons.csv");
        Assert.False(result.Unchanged);
        Assert.Equal((Datasets.Wdi, "2021-09-15"), (result.Release.Dataset, result.Release.Edition));
        await AssertFiguresOfWdiAsync(await ObservationsAsync(result.Release.Id));
    }

    [Fact]
    public async Task A_new_knomad_release_imports_without_code_changes_and_becomes_current()
    {
        var june2023 = await DataImports.OfficialAsync(App, Inflows);
        var result = await DataImports.BytesAsync(App, NewInflowsRelease(), "inward_remittance_flows_december_2024.xlsx");

        var release = await ReleaseAsync(result.Release.Id);
        Assert.Equal((Datasets.KnomadInflows, "December 2024", new DateOnly(2024, 12, 1), true),
            (release.Dataset, release.Edition, release.EditionDate, release.Current));
        Assert.False((await ReleaseAsync(june2023.Release.Id)).Current);
        var stored = (await ObservationsAsync(release.Id)).ToDictionary(o => (o.Area, o.Year));

        // 2024e is 2024 flagged e; the other years carry no flag; the note marker stays with the figures of its row.
        Assert.Equal((68400.25, "e", "1/"), (stored[(484, 2024)].Value, stored[(484, 2024)].Flag, stored[(484, 2024)].Note));
        Assert.Equal(61100.5, stored[(484, 2022)].Value);
        Assert.Null(stored[(484, 2022)].Flag);
        Assert.Equal(900, stored[(792, 2024)].Value);
        Assert.False(stored.ContainsKey((792, 2023)));
        Assert.Equal(0, stored[(776, 2022)].Value);
        Assert.Equal(905000, stored[(900, 2024)].Value);
        // The share of GDP is not a year: nothing else was stored, and no aggregate (not even one named like an M49 region).
        Assert.Equal(12, stored.Count);
        Assert.Equal(new[] { 484, 608, 776, 792, 900 }, stored.Keys.Select(k => k.Area).Distinct().Order());
        Assert.Contains("not a year", release.Notes);
        Assert.Contains("aggregates", release.Notes);
    }

    [Fact]
    public async Task An_unknown_country_name_fails_the_import_naming_its_cell_and_stores_nothing()
    {
        await DataImports.OfficialAsync(App, DataImports.M49);
        var before = await App.Db(db => db.DataReleases.CountAsync(Ct));

        var error = await Assert.ThrowsAsync<DataImportException>(() =>
            DataImports.BytesAsync(App, NewInflowsRelease(dateLine: "Date: January 2025", mexico: "Atlantis"), "atlantis.xlsx"));

        Assert.Contains($"sheet '{InflowsSheet}', row 2, column A", error.Message);
        Assert.Contains("Atlantis", error.Message);
        Assert.Equal(before, await App.Db(db => db.DataReleases.CountAsync(Ct)));
        Assert.False(await App.Db(db => db.DataReleases.AnyAsync(r => r.Edition == "January 2025", Ct)));
    }

    [Fact]
    public async Task A_country_listed_twice_fails_the_import_naming_the_second_row_and_stores_nothing()
    {
        await DataImports.OfficialAsync(App, DataImports.M49);
        var before = await App.Db(db => db.DataReleases.CountAsync(Ct));

        // Row 2 names the Philippines too (with a footnote marker), so its 2023 and 2024 figures come twice.
        var error = await Assert.ThrowsAsync<DataImportException>(() =>
            DataImports.BytesAsync(App, NewInflowsRelease(dateLine: "Date: February 2025", mexico: "Philippines 2/"), "twice.xlsx"));

        Assert.Equal($"sheet '{InflowsSheet}', row 4, column A: The file gives a second figure for Philippines, 2023 (remittance-inflows).", error.Message);
        Assert.Equal(before, await App.Db(db => db.DataReleases.CountAsync(Ct)));
    }
}

public sealed class SqliteWorldBankImportTests(SqliteApp fixture) : WorldBankImportTests(fixture), IClassFixture<SqliteApp>;

public sealed class PostgresWorldBankImportTests(PostgresApp fixture) : WorldBankImportTests(fixture), IClassFixture<PostgresApp>;
