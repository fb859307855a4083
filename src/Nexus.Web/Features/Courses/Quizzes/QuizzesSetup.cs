using Nexus.Web.Features.Courses.Quizzes;

namespace Nexus.Web.Features.Courses;

/// <summary>Self-assessment quizzes: the learner pages under /learn and the staff pages under /courses/manage/{id}.</summary>
public static class QuizzesSetup
{
    public static IServiceCollection AddQuizzes(this IServiceCollection services)
    {
        services.AddScoped<QuizService>();
        services.AddScoped<QuizAccess>();
        services.AddScoped<OverdueAttempts>();
        services.AddHostedService<OverdueAttemptJob>();
        return services;
    }

    /// <summary>Quizzes have pages only, no endpoints of their own.</summary>
    public static IEndpointRouteBuilder MapQuizzes(this IEndpointRouteBuilder app)
    {
        return app;
    }
}
