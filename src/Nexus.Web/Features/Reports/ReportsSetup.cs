namespace Nexus.Web.Features.Reports;

public static class ReportsSetup
{
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddScoped<ReportFactsQuery>();
        services.AddScoped<ReportService>();
        return services;
    }

    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        ReportExports.Map(app);
        return app;
    }
}
