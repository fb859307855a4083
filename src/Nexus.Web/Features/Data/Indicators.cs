namespace Nexus.Web.Features.Data;

/// <summary>A dataset: the files of one publisher's series, edition after edition.</summary>
public sealed record DatasetInfo(string Code, string Title, string Publisher, string Licence, string SourceUrl);

public static class Datasets
{
    public const string UndesaDestination = "undesa-ims-destination";
    public const string UndesaOrigin = "undesa-ims-origin";
    public const string UndesaBilateral = "undesa-ims-bilateral";
    public const string UndesaAggregates = "undesa-aggregates";
    public const string KnomadInflows = "knomad-inflows";
    public const string KnomadOutflows = "knomad-outflows";
    public const string KnomadBilateral = "knomad-bilateral";
    public const string Wdi = "wdi";
    public const string M49 = "unsd-m49";

    private const string Desa = "United Nations, Department of Economic and Social Affairs, Population Division";
    private const string DesaLicence = "CC BY 3.0 IGO";
    private const string DesaUrl = "https://www.un.org/development/desa/pd/content/international-migrant-stock";
    private const string Knomad = "World Bank / KNOMAD";
    private const string KnomadUrl = "https://www.knomad.org/data/remittances";

    public static readonly IReadOnlyList<DatasetInfo> All =
    [
        new(UndesaDestination, "International Migrant Stock: by destination", Desa, DesaLicence, DesaUrl),
        new(UndesaOrigin, "International Migrant Stock: by origin", Desa, DesaLicence, DesaUrl),
        new(UndesaBilateral, "International Migrant Stock: by destination and origin", Desa, DesaLicence, DesaUrl),
        new(UndesaAggregates, "International Migrant Stock: regions and groups (correspondence table)", Desa, DesaLicence, DesaUrl),
        new(KnomadInflows, "Migrant remittance inflows", Knomad, "CC BY 4.0", KnomadUrl),
        new(KnomadOutflows, "Migrant remittance outflows", Knomad, "CC BY 4.0", KnomadUrl),
        new(KnomadBilateral, "Bilateral remittance matrix", Knomad, "CC BY 4.0", KnomadUrl),
        new(Wdi, "World Development Indicators", "World Bank", "CC BY 4.0", "https://data.worldbank.org/"),
        new(M49, "Standard country or area codes for statistical use (M49)", "United Nations Statistics Division",
            "United Nations terms of use", "https://unstats.un.org/unsd/methodology/m49/"),
    ];

    public static DatasetInfo Get(string code) => All.Single(d => d.Code == code);
}

/// <summary>What a figure measures. The ids appear in the API and in URLs and do not change.</summary>
public sealed record Indicator(string Id, string Name, string Unit, string Dataset, bool BySex, bool Bilateral, string Description);

public static class Indicators
{
    public const string MigrantStock = "migrant-stock";
    public const string MigrantStockShare = "migrant-stock-share";
    public const string MigrantStockFemaleShare = "migrant-stock-female-share";
    public const string Refugees = "refugees";
    public const string EmigrantStock = "emigrant-stock";
    public const string EmigrantStockFemaleShare = "emigrant-stock-female-share";
    public const string MigrantStockBilateral = "migrant-stock-bilateral";
    public const string MigrantStockGrowth = "migrant-stock-growth";
    public const string RemittanceInflows = "remittance-inflows";
    public const string RemittanceOutflows = "remittance-outflows";
    public const string RemittancesBilateral = "remittances-bilateral";
    public const string Population = "population";
    public const string RemittancesPaid = "remittances-paid";

    public static readonly IReadOnlyList<Indicator> All =
    [
        new(MigrantStock, "International migrant stock", "persons", Datasets.UndesaDestination, true, false,
            "People living in a country other than their country of birth (or citizenship, where birthplace is not recorded), at mid-year."),
        new(MigrantStockShare, "International migrants as a share of the population", "%", Datasets.UndesaDestination, true, false,
            "International migrant stock as a percentage of the total population."),
        new(MigrantStockFemaleShare, "Women among international migrants", "%", Datasets.UndesaDestination, false, false,
            "Female migrants as a percentage of the international migrant stock."),
        new(Refugees, "Refugees and asylum seekers", "persons", Datasets.UndesaDestination, false, false,
            "Estimated refugee stock, including asylum seekers, included in the international migrant stock."),
        new(MigrantStockGrowth, "Annual rate of change of the migrant stock", "%", Datasets.UndesaDestination, true, false,
            "Average annual rate of change of the international migrant stock over the period ending in the year shown."),
        new(Population, "Total population", "thousands", Datasets.UndesaDestination, true, false,
            "Total population at mid-year, as used by UN DESA for the migrant stock estimates."),
        new(EmigrantStock, "Emigrants (migrant stock by origin)", "persons", Datasets.UndesaOrigin, true, false,
            "International migrants born in (or citizens of) the area, wherever they live."),
        new(EmigrantStockFemaleShare, "Women among emigrants", "%", Datasets.UndesaOrigin, false, false,
            "Female emigrants as a percentage of all emigrants from the area."),
        new(MigrantStockBilateral, "Migrant stock by origin and destination", "persons", Datasets.UndesaBilateral, true, true,
            "International migrants living in the area (destination) who come from the counterpart area (origin)."),
        new(RemittanceInflows, "Remittance inflows", "US$ million", Datasets.KnomadInflows, false, false,
            "Personal transfers and compensation of employees received, in current US dollars."),
        new(RemittanceOutflows, "Remittance outflows", "US$ million", Datasets.KnomadOutflows, false, false,
            "Personal transfers and compensation of employees paid, in current US dollars."),
        new(RemittancesBilateral, "Remittances by receiving and sending country", "US$ million", Datasets.KnomadBilateral, false, true,
            "Estimated remittances received by the area (receiving) from the counterpart area (sending)."),
        new(RemittancesPaid, "Personal remittances, paid", "US$", Datasets.Wdi, false, false,
            "World Development Indicators BM.TRF.PWKR.CD.DT: personal transfers and compensation of employees paid."),
    ];

    private static readonly Dictionary<string, Indicator> ById = All.ToDictionary(i => i.Id, StringComparer.OrdinalIgnoreCase);

    public static Indicator? Find(string? id) => id is not null && ById.TryGetValue(id.Trim(), out var i) ? i : null;
}
