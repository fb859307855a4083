using Microsoft.EntityFrameworkCore;
using Nexus.Web.Features.Data;
using Nexus.Web.Features.Data.Extracts;

namespace Nexus.Tests.Data;

/// <summary>
/// A fresh install fills the portal from the extracts shipped in the app, and those extracts hold exactly what the
/// importer reads from the official files: same figures, flags and notes, same areas and groups.
/// </summary>
public class ShippedExtractsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly (string Dataset, string File)[] Sources =
    [
        (Datasets.UndesaDestination, "undesa/undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx"),
        (Datasets.UndesaOrigin, "undesa/undesa_pd_2020_ims_stock_by_sex_and_origin.xlsx"),
        (Datasets.UndesaBilateral, "undesa/UN_MigrantStockByOriginAndDestination_2015_table16.xlsx"),
        (Datasets.KnomadInflows, "worldbank/inward_remittance_flows_june_2023.xlsx"),
        (Datasets.KnomadOutflows, "worldbank/outward_remittance_flows_june_2023.xlsx"),
        (Datasets.KnomadBilateral, "worldbank/bilateral_remittance_matrix_2021.xlsx"),
        (Datasets.Wdi, "worldbank/API_BM.TRF.PWKR.CD.DT_DS2_en_csv_v2_3012027.csv"),
    ];

    [Fact]
    public async Task A_fresh_install_is_filled_from_extracts_equal_to_the_official_files()
    {
        await using var shipped = new AppFactory(settings: new Dictionary<string, string?> { ["Nexus:Data:ShippedExtracts"] = "true" });
        _ = shipped.Server; // starts: the extracts load on start
        await using var official = new AppFactory();
        await DataImports.OfficialAsync(official, "undesa/aggregates_correspondence_table_2020_1.xlsx");
        foreach (var (_, file) in Sources) await DataImports.OfficialAsync(official, file);

        Assert.Equal(ShippedExtracts.Names.Count, await shipped.Db(db => db.DataReleases.CountAsync(Ct)));
        foreach (var (dataset, _) in Sources)
        {
            var a = await Figures(shipped, dataset);
            var b = await Figures(official, dataset);
            Assert.True(b.Count > 1000, $"{dataset}: {b.Count} figures");
            Assert.Equal(b, a);
        }
        var areasShipped = await shipped.Db(db => db.Areas.OrderBy(x => x.Code).Select(x => new { x.Code, x.Name, x.Iso3, x.Kind, x.ParentCode, x.Ldc, x.Lldc, x.Sids }).ToListAsync(Ct));
        var areasOfficial = await official.Db(db => db.Areas.OrderBy(x => x.Code).Select(x => new { x.Code, x.Name, x.Iso3, x.Kind, x.ParentCode, x.Ldc, x.Lldc, x.Sids }).ToListAsync(Ct));
        Assert.Equal(areasOfficial, areasShipped);
        Assert.Equal(await official.Db(db => db.AreaMembers.CountAsync(Ct)), await shipped.Db(db => db.AreaMembers.CountAsync(Ct)));

        // Restarting does not import them again.
        await using var again = new AppFactory(shareDatabaseWith: shipped, settings: new Dictionary<string, string?> { ["Nexus:Data:ShippedExtracts"] = "true" });
        _ = again.Server;
        Assert.Equal(ShippedExtracts.Names.Count, await again.Db(db => db.DataReleases.CountAsync(Ct)));
    }

    private static Task<List<(string, int, int, Sex, int, double, string?, string?)>> Figures(AppFactory app, string dataset) => app.Db(async db =>
        (await DataImports.FiguresAsync(db, o => db.DataReleases.Any(r => r.Id == o.ReleaseId && r.Current && r.Dataset == dataset)))
        .Select(o => (o.Indicator, o.Area, o.Counterpart, o.Sex, o.Year, o.Value, o.Flag, o.Note))
        .OrderBy(o => o.Indicator).ThenBy(o => o.Area).ThenBy(o => o.Counterpart).ThenBy(o => o.Sex).ThenBy(o => o.Year).ToList());
}
