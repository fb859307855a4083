using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Web.Data;
using Nexus.Web.Features.Data;
using Nexus.Web.Features.Data.Import;

namespace Nexus.Tests.Data;

/// <summary>Releases: all or nothing, the same file twice changes nothing, the latest edition is current.</summary>
public abstract class DataImportTests(AppFixture fixture)
{
    private const string Destination2020 = "undesa/undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx";
    private const string Totals2019 = "undesa/UN_MigrantStockTotal_2019.xlsx";
    private const string Aggregates2020 = "undesa/aggregates_correspondence_table_2020_1.xlsx";

    private AppFactory App => fixture.App;

    private async Task<T> Db<T>(Func<AppDbContext, Task<T>> read, AppFactory? app = null)
    {
        await using var scope = (app ?? App).Scope();
        return await read(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private Task<(int Releases, int Observations, double Checksum)> State(AppFactory? app = null) => Db(async db => (
        await db.DataReleases.CountAsync(),
        (await DataImports.FiguresAsync(db)).Count,
        (await DataImports.FiguresAsync(db)).Sum(o => o.Value)), app);

    [Fact]
    public async Task Importing_the_same_file_twice_changes_nothing()
    {
        var first = await DataImports.OfficialAsync(App, Destination2020);
        var before = await State();

        var again = await DataImports.OfficialAsync(App, Destination2020);

        Assert.True(again.Unchanged);
        Assert.Equal(first.Release.Id, again.Release.Id);
        Assert.Equal(before, await State());
    }

    [Fact]
    public async Task An_import_that_fails_midway_leaves_the_previous_state_intact()
    {
        // An app of its own: the other tests of the class import this file, which would make it a no-op here.
        await using var app = new AppFactory(fixture is SqliteApp ? Provider.Sqlite : Provider.Postgres);
        await DataImports.OfficialAsync(app, DataImports.M49);
        var before = await State(app);
        var bytes = await File.ReadAllBytesAsync(OfficialFiles.Path(Totals2019));
        var written = 0;

        // The failure comes after the release row and the first batch of figures are written, inside the transaction.
        var e = await Assert.ThrowsAsync<IOException>(() => DataImports.BytesAsync(app, bytes, "totals.xlsx",
            importer => importer.AfterBatch = done => { written = done; throw new IOException("disk gone"); }));

        Assert.Equal("disk gone", e.Message);
        Assert.True(written >= SeriesWriter.Batch, $"failed after {written} figures");
        Assert.Equal(before, await State(app));
        // And the same file imports cleanly afterwards: nothing half-written blocks it.
        var retry = await DataImports.BytesAsync(app, bytes, "totals.xlsx");
        Assert.False(retry.Unchanged);
        Assert.True(retry.Release.Observations > SeriesWriter.Batch);
    }

    [Fact]
    public async Task A_newer_edition_becomes_current_and_the_older_stays_queryable()
    {
        var older = await DataImports.OfficialAsync(App, Totals2019);
        var newer = await DataImports.OfficialAsync(App, Destination2020);

        var releases = await Db(db => db.DataReleases.Where(r => r.Dataset == Datasets.UndesaDestination).ToListAsync());
        Assert.True(releases.Single(r => r.Id == newer.Release.Id).Current);
        Assert.False(releases.Single(r => r.Id == older.Release.Id).Current);
        Assert.Equal("2019", releases.Single(r => r.Id == older.Release.Id).Edition);
        Assert.True(await Db(db => db.DataSeries.AnyAsync(o => o.ReleaseId == older.Release.Id && o.Indicator == Indicators.MigrantStock)));

        // Through the API: the superseded edition answers when asked for by its release id.
        var client = App.CreateClient();
        var listed = (await (await client.GetAsync("/api/v1/data/releases", TestContext.Current.CancellationToken)).JsonAsync()).AsArray();
        Assert.False((bool)listed.Single(r => (int)r!["id"]! == older.Release.Id)!["current"]!);
        var series = await (await client.GetAsync($"/api/v1/data/series?indicator=migrant-stock&area=world&release={older.Release.Id}",
            TestContext.Current.CancellationToken)).JsonAsync();
        Assert.Equal("2019", (string?)series["source"]!["edition"]);
        var expected = (await Db(db => DataImports.FiguresAsync(db, o => o.ReleaseId == older.Release.Id && o.Indicator == Indicators.MigrantStock
            && o.Area == Area.World && o.Sex == Sex.Total && o.Counterpart == 0))).OrderBy(o => o.Year).Select(o => o.Value).ToList();
        Assert.Equal(expected, series["points"]!.AsArray().Select(p => (double)p!["value"]!));
        Assert.Contains(2019, series["points"]!.AsArray().Select(p => (int)p!["year"]!));
        await (await client.GetAsync($"/api/v1/data/series?indicator=remittance-inflows&area=world&release={older.Release.Id}",
            TestContext.Current.CancellationToken)).AssertProblemAsync(400, "release");
    }

    [Fact]
    public async Task Removing_a_release_for_a_repeated_benchmark_run_restores_the_state_before_it()
    {
        // `data import --repeat` removes each run's release before the next; the state must be the one before it.
        await using var app = new AppFactory(fixture is SqliteApp ? Provider.Sqlite : Provider.Postgres);
        var older = await DataImports.OfficialAsync(app, Totals2019);
        var before = await State(app);
        var newer = await DataImports.OfficialAsync(app, Destination2020);
        Assert.NotEqual(before, await State(app));

        await using (var scope = app.Scope())
            await scope.ServiceProvider.GetRequiredService<DataImporter>().RemoveAsync(newer.Release.Id, TestContext.Current.CancellationToken);

        Assert.Equal(before, await State(app));
        Assert.True(await Db(db => db.DataReleases.Where(r => r.Id == older.Release.Id).Select(r => r.Current).SingleAsync(), app));
        // And the same file imports again as a new release.
        Assert.False((await DataImports.OfficialAsync(app, Destination2020)).Unchanged);
    }

    [Fact]
    public async Task A_revised_area_list_updates_the_areas_it_lists_and_replaces_the_memberships_of_its_groups()
    {
        await using var app = new AppFactory(fixture is SqliteApp ? Provider.Sqlite : Provider.Postgres);
        await DataImports.OfficialAsync(app, DataImports.M49);
        var first = await DataImports.OfficialAsync(app, Aggregates2020);
        Assert.Contains((947, 404), await Members(app));     // Kenya, sub-Saharan Africa

        // The same table with Kenya's SDG region changed to Europe and Northern America and a group renamed.
        var cells = OfficialFiles.Cells(OfficialFiles.Path(Aggregates2020), "Annex").ToDictionary();
        var (header, codeColumn) = UndesaFiles.Find(cells, "Location code");
        var (_, sdgColumn) = UndesaFiles.Find(cells, "SDG region");
        var nameColumn = UndesaFiles.ColumnOf(cells.First(c => UndesaFiles.RowOf(c.Key) == header && c.Value is string t
            && t.StartsWith("Region, subregion, country or area", StringComparison.Ordinal)).Key);
        var kenya = Enumerable.Range(header + 1, UndesaFiles.LastRow(cells) - header)
            .Single(r => cells.GetValueOrDefault(OfficialFiles.Ref(codeColumn, r)) is 404.0);
        var group = Enumerable.Range(header + 1, UndesaFiles.LastRow(cells) - header)
            .First(r => cells.GetValueOrDefault(OfficialFiles.Ref(codeColumn, r)) is 947.0);
        Assert.Equal(947.0, cells[OfficialFiles.Ref(sdgColumn, kenya)]);
        cells[OfficialFiles.Ref(sdgColumn, kenya)] = 1829.0;
        cells[OfficialFiles.Ref(nameColumn, group)] = "Sub-Saharan Africa (revised)";
        var clock = DateTime.UtcNow;

        var revised = await DataImports.BytesAsync(app, UndesaFiles.Workbook(("Annex", cells)), "aggregates-revised.xlsx");

        Assert.False(revised.Unchanged);
        var members = await Members(app);
        Assert.Contains((1829, 404), members);
        Assert.DoesNotContain((947, 404), members);
        Assert.Contains((947, 231), members);                // Ethiopia stays where it was
        Assert.Equal("Sub-Saharan Africa (revised)", await Db(db => db.Areas.Where(a => a.Code == 947).Select(a => a.Name).SingleAsync(), app));
        Assert.Equal("Kenya", await Db(db => db.Areas.Where(a => a.Code == 404).Select(a => a.Name).SingleAsync(), app));
        // The release row, as EF Core reads it back: the same edition imported later is current.
        var stored = await Db(db => db.DataReleases.AsNoTracking().Where(r => r.Dataset == Datasets.UndesaAggregates).OrderBy(r => r.Id).ToListAsync(), app);
        Assert.Equal([first.Release.Id, revised.Release.Id], stored.Select(r => r.Id));
        Assert.Equal([false, true], stored.Select(r => r.Current));
        var row = stored[1];
        Assert.Equal(("aggregates-revised.xlsx", "test", "2020", first.Release.EditionDate), (row.FileName, row.ImportedBy, row.Edition, row.EditionDate));
        Assert.Equal(DateTimeKind.Utc, row.ImportedAt.Kind);
        Assert.InRange(row.ImportedAt, clock.AddMinutes(-1), clock.AddMinutes(1));
        Assert.Equal(revised.Release.ImportedAt, row.ImportedAt, TimeSpan.FromMilliseconds(1));
    }

    private Task<HashSet<(int, int)>> Members(AppFactory app) =>
        Db(async db => (await db.AreaMembers.AsNoTracking().ToListAsync()).Select(m => (m.GroupCode, m.MemberCode)).ToHashSet(), app);

    [Fact]
    public async Task A_workbook_whose_sheets_were_renamed_is_refused_and_stores_nothing()
    {
        await DataImports.OfficialAsync(App, DataImports.M49);
        var before = await State();
        // The real 2020 workbook, its "Table N" sheets renamed as a spreadsheet program's "Sheet N".
        using var copy = new MemoryStream();
        await using (var original = File.OpenRead(OfficialFiles.Path(Destination2020))) await original.CopyToAsync(copy);
        using (var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(copy, true))
            foreach (var sheet in doc.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>())
                if (sheet.Name!.Value!.StartsWith("Table", StringComparison.Ordinal)) sheet.Name = sheet.Name.Value.Replace("Table", "Sheet");

        var e = await Assert.ThrowsAsync<DataImportException>(() => DataImports.BytesAsync(App, copy.ToArray(), "renamed.xlsx"));

        Assert.Contains("does not recognise", e.Message);
        Assert.Equal(before, await State());
    }

    [Fact]
    public async Task A_file_of_an_unknown_layout_is_refused_and_stores_nothing()
    {
        await DataImports.OfficialAsync(App, DataImports.M49);
        var before = await State();
        var e = await Assert.ThrowsAsync<DataImportException>(() =>
            DataImports.BytesAsync(App, "country;value\nFrance;1\n"u8.ToArray(), "unknown.csv"));
        Assert.Contains("does not recognise", e.Message);
        Assert.Equal(before, await State());
    }
}

public sealed class SqliteDataImportTests(SqliteApp app) : DataImportTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresDataImportTests(PostgresApp app) : DataImportTests(app), IClassFixture<PostgresApp>;
