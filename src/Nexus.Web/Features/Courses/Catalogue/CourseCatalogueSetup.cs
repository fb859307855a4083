namespace Nexus.Web.Features.Courses;

public static class CourseCatalogueSetup
{
    public static IServiceCollection AddCourseCatalogue(this IServiceCollection services)
    {
        return services;
    }

    public static IEndpointRouteBuilder MapCourseCatalogue(this IEndpointRouteBuilder app)
    {
        return app;
    }
}
