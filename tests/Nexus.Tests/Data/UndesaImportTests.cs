using Microsoft.EntityFrameworkCore;
using Nexus.Web.Features.Data;
using Nexus.Web.Features.Data.Import;
using static Nexus.Tests.Data.UndesaFiles;

namespace Nexus.Tests.Data;

/// <summary>
/// The UN DESA files imported through the real importer, on both databases: every stored figure checked against the
/// cell the independent reader finds for it, not-available cells absent, aggregates kept apart from countries.
/// </summary>
public abstract class UndesaImportTests(AppFixture fixture)
{
    private AppFactory App => fixture.App;

    private static readonly Block Both = new(null, Sex.Total);

    private static Block[] BySex(string indicator) => [new(indicator, Sex.Total), new(indicator, Sex.Male), new(indicator, Sex.Female)];

    /// <summary>The six tables of the by-destination workbooks, block by block (refugees as a share and their growth are not stored).</summary>
    private static readonly (string Sheet, Block[] Blocks)[] DestinationTables =
    [
        ("Table 1", BySex(Indicators.MigrantStock)),
        ("Table 2", BySex(Indicators.Population)),
        ("Table 3", BySex(Indicators.MigrantStockShare)),
        ("Table 4", [new(Indicators.MigrantStockFemaleShare, Sex.Total)]),
        ("Table 5", BySex(Indicators.MigrantStockGrowth)),
        ("Table 6", [new(Indicators.Refugees, Sex.Total), Both, Both]),
    ];

    private async Task<DataRelease> ImportAsync(string relative) => (await DataImports.OfficialAsync(App, relative)).Release;

    private Task<Dictionary<(string, int, int, Sex, int), Observation>> StoredAsync(int release) =>
        App.Db(async db => (await DataImports.FiguresAsync(db, o => o.ReleaseId == release))
            .ToDictionary(o => (o.Indicator, o.Area, o.Counterpart, o.Sex, o.Year)));

    /// <summary>
    /// Every <paramref name="rowStep"/>-th row and <paramref name="columnStep"/>-th column of a table: a number must
    /// be stored as it is, anything else (.., ~, empty) must be absent. Returns how many numbers were compared.
    /// </summary>
    private static int AssertSample(IEnumerable<ExpectedCell> expected, Dictionary<(string, int, int, Sex, int), Observation> stored, int rowStep, int columnStep = 1)
    {
        var numbers = 0;
        var rows = expected.GroupBy(e => RowOf(e.Ref)).OrderBy(g => g.Key).Where((_, i) => i % rowStep == 0);
        foreach (var row in rows)
            foreach (var cell in row.Where((_, i) => i % columnStep == 0))
            {
                var found = stored.GetValueOrDefault((cell.Indicator, cell.Area, cell.Counterpart, cell.Sex, cell.Year));
                if (cell.Number is { } value)
                {
                    Assert.True(found is not null, $"{cell} holds {value} but nothing was stored.");
                    Assert.Equal(value, found.Value);
                    numbers++;
                }
                else Assert.True(found is null, $"{cell} holds \"{cell.Cell}\" but {found?.Value} was stored.");
            }
        return numbers;
    }

    private async Task AssertDestinationTablesAsync(string relative, string codeHeading, string edition)
    {
        var release = await ImportAsync(relative);
        Assert.Equal((Datasets.UndesaDestination, edition, new DateOnly(int.Parse(edition, System.Globalization.CultureInfo.InvariantCulture), 12, 31)),
            (release.Dataset, release.Edition, release.EditionDate));
        var stored = await StoredAsync(release.Id);

        var total = 0;
        foreach (var (sheet, blocks) in DestinationTables)
        {
            var compared = AssertSample(StockTable(OfficialFiles.Path(relative), sheet, codeHeading, blocks), stored, rowStep: 13);
            Assert.True(compared >= 20, $"{sheet}: only {compared} figures compared.");
            total += compared;
        }
        Assert.True(total >= 50);
    }

    [Fact]
    public Task The_2020_destination_figures_equal_the_cells_of_all_six_tables() =>
        AssertDestinationTablesAsync(Destination2020, "Location code", "2020");

    [Fact]
    public Task The_2019_destination_figures_equal_the_cells_of_all_six_tables() =>
        AssertDestinationTablesAsync(Destination2019, "Code", "2019");

    [Fact]
    public async Task The_2020_edition_is_current_and_the_2019_edition_stays_queryable()
    {
        var older = await ImportAsync(Destination2019);
        var newer = await ImportAsync(Destination2020);

        var releases = await App.Db(db => db.DataReleases.AsNoTracking().Where(r => r.Id == older.Id || r.Id == newer.Id)
            .ToDictionaryAsync(r => r.Edition, r => (r.Current, r.Observations)));
        Assert.Equal((false, true), (releases["2019"].Current, releases["2020"].Current));
        Assert.True(releases["2019"].Observations > 20_000 && releases["2020"].Observations > 20_000);
    }

    [Fact]
    public async Task The_2020_origin_figures_equal_the_cells_of_both_tables()
    {
        var release = await ImportAsync(Origin2020);
        Assert.Equal((Datasets.UndesaOrigin, "2020"), (release.Dataset, release.Edition));
        var stored = await StoredAsync(release.Id);
        var path = OfficialFiles.Path(Origin2020);

        var stock = AssertSample(StockTable(path, "Table 1", "Location code", BySex(Indicators.EmigrantStock)), stored, rowStep: 11);
        var women = AssertSample(StockTable(path, "Table 2", "Location code", new Block(Indicators.EmigrantStockFemaleShare, Sex.Total)), stored, rowStep: 11);

        Assert.True(stock >= 50 && women >= 20, $"{stock} and {women} figures compared.");
    }

    [Fact]
    public async Task The_2015_matrix_figures_equal_its_cells_with_origins_as_counterparts()
    {
        var release = await ImportAsync(Matrix2015);
        Assert.Equal((Datasets.UndesaBilateral, "2015"), (release.Dataset, release.Edition));
        var stored = await StoredAsync(release.Id);

        var compared = AssertSample(MatrixTable(OfficialFiles.Path(Matrix2015), "Table 16", 2015), stored, rowStep: 9, columnStep: 7);

        Assert.True(compared >= 50, $"Only {compared} figures compared.");
        // The "Total" column is the migrants from the whole world; "Other North" and "Other South" are not areas.
        Assert.Contains(stored.Keys, k => k.Item3 == Area.World);
        Assert.Contains("Other North", release.Notes);
    }

    [Fact]
    public async Task The_long_layout_figures_equal_its_cells()
    {
        await DataImports.OfficialAsync(App, DataImports.M49);
        var path = Path.Combine(App.DataDirectory, "undesa_pd_2020_ims_stock_by_sex_destination_and_origin.xlsx");
        await File.WriteAllBytesAsync(path, LongWorkbook(LongSample()));

        var release = (await DataImports.FileAsync(App, path)).Release;

        Assert.Equal((Datasets.UndesaBilateral, "2020", new DateOnly(2020, 12, 31)), (release.Dataset, release.Edition, release.EditionDate));
        var stored = await StoredAsync(release.Id);
        var expected = LongTable(path, "Table 1");
        var compared = AssertSample(expected, stored, rowStep: 1);
        Assert.True(compared >= 200, $"Only {compared} figures compared.");
        Assert.Equal(expected.Where(e => e.Number is not null).DistinctBy(e => (e.Area, e.Counterpart, e.Sex, e.Year)).Count(), stored.Count);
        var kenya = stored[(Indicators.MigrantStockBilateral, 404, 800, Sex.Female, 2020)];
        Assert.Equal(("B R", "12"), (kenya.Flag, kenya.Note));
        Assert.Contains("Other South", release.Notes);
        Assert.Contains("listed a second time", release.Notes);
        var channelIslands = await App.Db(db => db.Areas.AsNoTracking().SingleAsync(a => a.Code == 830));
        Assert.Equal(AreaKind.Country, channelIslands.Kind);
    }

    [Fact]
    public async Task Cells_marked_not_available_are_absent()
    {
        var notAvailable = new List<(ExpectedCell Cell, int Release)>();
        foreach (var (relative, code) in new[] { (Destination2020, "Location code"), (Destination2019, "Code") })
        {
            var release = await ImportAsync(relative);
            foreach (var (sheet, blocks) in DestinationTables)
                notAvailable.AddRange(StockTable(OfficialFiles.Path(relative), sheet, code, blocks)
                    .Where(c => c.Cell is string s && s.Trim() is ".." or "~").Select(c => (c, release.Id)));
        }
        var origin = await ImportAsync(Origin2020);
        notAvailable.AddRange(StockTable(OfficialFiles.Path(Origin2020), "Table 1", "Location code", BySex(Indicators.EmigrantStock))
            .Concat(StockTable(OfficialFiles.Path(Origin2020), "Table 2", "Location code", new Block(Indicators.EmigrantStockFemaleShare, Sex.Total)))
            .Where(c => c.Cell is ".." or "~").Select(c => (c, origin.Id)));
        Assert.True(notAvailable.Count >= 100, $"Only {notAvailable.Count} cells marked not available.");
        Assert.Contains(notAvailable, n => n.Release == origin.Id);

        var releases = notAvailable.Select(n => n.Release).Distinct().ToList();
        var stored = await App.Db(db => DataImports.FiguresAsync(db, o => releases.Contains(o.ReleaseId)));
        var keys = stored.Select(o => (o.ReleaseId, o.Indicator, o.Area, o.Sex, o.Year)).ToHashSet();
        Assert.All(notAvailable, n => Assert.DoesNotContain((n.Release, n.Cell.Indicator, n.Cell.Area, n.Cell.Sex, n.Cell.Year), keys));
    }

    [Fact]
    public async Task Aggregates_are_never_countries_and_every_country_row_of_table_1_is_one_country()
    {
        var release = await ImportAsync(Destination2020);
        await ImportAsync(Destination2019);
        await ImportAsync(Origin2020);
        await ImportAsync(Matrix2015);
        await ImportAsync(Aggregates2020);

        var aggregates = await App.Db(db => db.Areas.AsNoTracking().Where(a => a.Code >= Area.World).ToListAsync());
        Assert.True(aggregates.Count >= 45, $"Only {aggregates.Count} aggregates stored.");
        Assert.All(aggregates, a => Assert.NotEqual(AreaKind.Country, a.Kind));
        Assert.Equal(AreaKind.World, aggregates.Single(a => a.Code == Area.World).Kind);

        // The rows of Table 1 with a country code (below 900) and a 2020 figure are exactly the countries stored with one.
        var expected = StockTable(OfficialFiles.Path(Destination2020), "Table 1", "Location code", BySex(Indicators.MigrantStock))
            .Where(c => c.Area < Area.World && c.Sex == Sex.Total && c.Year == 2020 && c.Number is not null).Select(c => c.Area).ToHashSet();
        var countries = await App.Db(async db =>
        {
            var countryCodes = await db.Areas.Where(a => a.Kind == AreaKind.Country).Select(a => a.Code).ToListAsync();
            return (await DataImports.FiguresAsync(db, o => o.ReleaseId == release.Id && o.Indicator == Indicators.MigrantStock && o.Sex == Sex.Total))
                .Where(o => o.Year == 2020 && countryCodes.Contains(o.Area)).Select(o => o.Area).ToList();
        });
        Assert.True(expected.Count > 200);
        Assert.Equal(expected.Order(), countries.Order());
    }

    [Fact]
    public async Task The_correspondence_table_stores_its_groups_and_who_belongs_to_them()
    {
        var release = await ImportAsync(Aggregates2020);
        Assert.Equal((Datasets.UndesaAggregates, "2020"), (release.Dataset, release.Edition));
        var members = (await App.Db(db => db.AreaMembers.AsNoTracking().ToListAsync())).Select(m => (m.GroupCode, m.MemberCode)).ToHashSet();
        var groups = await App.Db(db => db.Areas.AsNoTracking().Where(a => a.Code >= Area.World).ToDictionaryAsync(a => a.Code));

        Assert.Contains((947, 404), members);   // Kenya, sub-Saharan Africa
        Assert.Contains((1501, 404), members);  // Kenya, lower-middle-income
        Assert.Contains((1829, 276), members);  // Germany, Europe and Northern America
        Assert.Contains((901, 392), members);   // Japan, developed regions
        Assert.Contains((941, 4), members);     // Afghanistan, least developed
        Assert.DoesNotContain((941, 276), members);
        Assert.Equal(("World", AreaKind.World), (groups[Area.World].Name, groups[Area.World].Kind));
        Assert.Equal(("Sub-Saharan Africa", AreaKind.Group), (groups[947].Name, groups[947].Kind));
        Assert.Equal(947, groups[910].ParentCode); // Eastern Africa lies in sub-Saharan Africa
        Assert.Contains(1518, groups.Keys);        // "No income group available" has no row of its own

        // Each country's SDG region and geographic region, read independently from the sheet.
        var cells = OfficialFiles.Cells(OfficialFiles.Path(Aggregates2020), "Annex");
        var (header, codeColumn) = Find(cells, "Location code");
        var checkedCount = 0;
        foreach (var heading in new[] { "SDG region", "Geographic region" })
        {
            var (_, column) = Find(cells, heading);
            Assert.Equal("Code", cells[OfficialFiles.Ref(column, header)]);
            for (int r = header + 1, last = LastRow(cells); r <= last; r++)
                if (cells.GetValueOrDefault(OfficialFiles.Ref(codeColumn, r)) is double country && cells.GetValueOrDefault(OfficialFiles.Ref(column, r)) is double group)
                {
                    Assert.Contains(((int)group, (int)country), members);
                    checkedCount++;
                }
        }
        Assert.True(checkedCount >= 400, $"Only {checkedCount} memberships checked.");
    }

    [Fact]
    public async Task A_broken_copy_is_refused_naming_sheet_and_row_and_changes_nothing()
    {
        await DataImports.OfficialAsync(App, DataImports.M49);
        var cells = Rows(OfficialFiles.Cells(OfficialFiles.Path(Destination2020), "Table 1"), 1, 60);
        var (row, column) = Find(cells, "Location code");
        cells[OfficialFiles.Ref(column, row)] = "Area code";
        var releases = await App.Db(db => db.DataReleases.CountAsync());

        var e = await Assert.ThrowsAsync<DataImportException>(() => DataImports.BytesAsync(App, Workbook(("Table 1", cells)), "broken.xlsx"));

        Assert.Contains($"sheet 'Table 1', row {row}", e.Message);
        Assert.Equal(releases, await App.Db(db => db.DataReleases.CountAsync()));
    }
}

public sealed class SqliteUndesaImportTests(SqliteApp fixture) : UndesaImportTests(fixture), IClassFixture<SqliteApp>;

public sealed class PostgresUndesaImportTests(PostgresApp fixture) : UndesaImportTests(fixture), IClassFixture<PostgresApp>;
