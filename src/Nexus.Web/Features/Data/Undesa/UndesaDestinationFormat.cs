using Nexus.Web.Features.Data.Import;

namespace Nexus.Web.Features.Data.Undesa;

/// <summary>
/// International Migrant Stock by destination: the 2020 workbook (Tables 1-6 under a header on row 11) and the
/// 2015-2019 totals workbooks (the same six tables, block headings in the header row and years below it). Each
/// block is recognised by its heading: migrant stock, total population (thousands), migrants as a share of the
/// population, women among migrants, the annual rate of change (stored under the period's end year) and refugees.
/// Refugees as a share of the migrant stock and their rate of change have no Nexus indicator and are skipped.
/// </summary>
public sealed class UndesaDestinationFormat : IDataFormat
{
    public string Name => "UN DESA International Migrant Stock, by destination (2015-2020 editions)";

    public bool Recognizes(DataFile file) => UndesaWorkbook.Layout(file) == UndesaLayout.Destination;

    public ParsedRelease Read(DataFile file, CancellationToken ct) =>
        UndesaStockTables.Read(file, Datasets.UndesaDestination, "destination", Classify, ct);

    private static StockBlock? Classify(string heading)
    {
        var h = Sheet.Label(heading);
        if (h.Length == 0) return null;
        if (h.Contains("refugee", StringComparison.Ordinal))
            return h.Contains("percentage", StringComparison.Ordinal) || h.Contains("rate of change", StringComparison.Ordinal)
                ? new StockBlock(null, SkipReason: "refugees as a percentage of the migrant stock and their rate of change (Nexus keeps the refugee numbers)")
                : new StockBlock(Indicators.Refugees, BySex: false);
        if (h.Contains("rate of change", StringComparison.Ordinal)) return new StockBlock(Indicators.MigrantStockGrowth);
        if (h.StartsWith("female migrants as a percentage", StringComparison.Ordinal)) return new StockBlock(Indicators.MigrantStockFemaleShare, BySex: false);
        if (h.Contains("percentage of the total population", StringComparison.Ordinal)) return new StockBlock(Indicators.MigrantStockShare);
        if (h.Contains("population", StringComparison.Ordinal)) return new StockBlock(Indicators.Population);
        if (h.Contains("migrant stock", StringComparison.Ordinal)) return new StockBlock(Indicators.MigrantStock, Flagged: true);
        return null;
    }
}
