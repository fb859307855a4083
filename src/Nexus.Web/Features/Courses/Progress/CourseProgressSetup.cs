using Nexus.Web.Features.Certificates;
using Nexus.Web.Features.Courses.Progress;

namespace Nexus.Web.Features.Courses;

/// <summary>Attendance, completion, the gradebook, the learner's pages, and certificates of attendance for seminars.</summary>
public static class CourseProgressSetup
{
    public static IServiceCollection AddCourseProgress(this IServiceCollection services)
    {
        services.AddScoped<ProgressService>();
        services.AddScoped<AttendanceService>();
        services.AddScoped<AttendanceCertificates>();
        return services;
    }

    // Pages only: their routes come from the page folders.
    public static IEndpointRouteBuilder MapCourseProgress(this IEndpointRouteBuilder app) => app;
}
