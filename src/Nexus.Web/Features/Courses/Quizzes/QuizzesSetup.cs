namespace Nexus.Web.Features.Courses;

public static class QuizzesSetup
{
    public static IServiceCollection AddQuizzes(this IServiceCollection services)
    {
        return services;
    }

    public static IEndpointRouteBuilder MapQuizzes(this IEndpointRouteBuilder app)
    {
        return app;
    }
}
