using Nexus.Web.Features.Data.Import;

namespace Nexus.Web.Features.Data.Undesa;

/// <summary>
/// International Migrant Stock 2020 by origin: Table 1, the migrants born in (or citizens of) each area by sex, as
/// emigrant stock; Table 2, women among them.
/// </summary>
public sealed class UndesaOriginFormat : IDataFormat
{
    public string Name => "UN DESA International Migrant Stock 2020, by origin";

    public bool Recognizes(DataFile file) => UndesaWorkbook.Layout(file) == UndesaLayout.Origin;

    public ParsedRelease Read(DataFile file, CancellationToken ct) =>
        UndesaStockTables.Read(file, Datasets.UndesaOrigin, "origin", Classify, ct);

    private static StockBlock? Classify(string heading)
    {
        var h = Sheet.Label(heading);
        if (h.StartsWith("female migrants as a percentage", StringComparison.Ordinal)) return new StockBlock(Indicators.EmigrantStockFemaleShare, BySex: false);
        if (h.Contains("migrant stock", StringComparison.Ordinal)) return new StockBlock(Indicators.EmigrantStock);
        return null;
    }
}
