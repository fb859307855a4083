namespace Nexus.Web.Features.Courses;

/// <summary>Services and endpoints of courses: the catalogue and enrolment, quizzes, attendance and progress.</summary>
public static class CoursesSetup
{
    public static IServiceCollection AddCourses(this IServiceCollection services)
    {
        services.AddScoped<Enrolments>();
        services.AddCourseCatalogue();
        services.AddQuizzes();
        services.AddCourseProgress();
        return services;
    }

    public static IEndpointRouteBuilder MapCourses(this IEndpointRouteBuilder app)
    {
        app.MapCourseCatalogue();
        app.MapQuizzes();
        app.MapCourseProgress();
        return app;
    }
}
