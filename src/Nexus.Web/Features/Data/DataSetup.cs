using Nexus.Web.Features.Data.Areas;
using Nexus.Web.Features.Data.Import;

namespace Nexus.Web.Features.Data;

public static class DataSetup
{
    public static IServiceCollection AddDataPortal(this IServiceCollection services)
    {
        // Formats are tried in this order; each recognises its own layout by sheet names and headers.
        services.AddSingleton<IDataFormat, Extracts.NexusExtractFormat>();
        services.AddSingleton<IDataFormat, M49Format>();
        services.AddSingleton<IDataFormat, WorldBank.KnomadFlowsFormat>();
        services.AddSingleton<IDataFormat, WorldBank.KnomadBilateralFormat>();
        services.AddSingleton<IDataFormat, WorldBank.WdiCsvFormat>();
        services.AddSingleton<IDataFormat, Undesa.UndesaAggregatesFormat>();
        services.AddSingleton<IDataFormat, Undesa.UndesaBilateralLongFormat>();
        services.AddSingleton<IDataFormat, Undesa.UndesaBilateralMatrixFormat>();
        services.AddSingleton<IDataFormat, Undesa.UndesaOriginFormat>();
        services.AddSingleton<IDataFormat, Undesa.UndesaDestinationFormat>();
        services.AddScoped<DataImporter>();
        services.AddSingleton<DataStore>();
        services.AddSingleton<ImportJobs>();
        services.AddSingleton(sp => Maps.WorldMap.Load(sp.GetRequiredService<IWebHostEnvironment>()));
        return services;
    }
}
