namespace Nexus.Web.Features.Courses;

public static class CourseProgressSetup
{
    public static IServiceCollection AddCourseProgress(this IServiceCollection services)
    {
        return services;
    }

    public static IEndpointRouteBuilder MapCourseProgress(this IEndpointRouteBuilder app)
    {
        return app;
    }
}
