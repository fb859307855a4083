using Microsoft.AspNetCore.Http.HttpResults;
using Nexus.Web.Data;
using Nexus.Web.Infrastructure.Security;

namespace Nexus.Web.Features.Projects;

/// <summary>Public, read-only: the projects, the Global Forum registry and the consultative processes.</summary>
public static class ProjectsApi
{
    public static IEndpointRouteBuilder MapProjectsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1").WithTags("Projects").RequireRateLimiting(RateLimitPolicies.Api);
        group.MapGet("/projects", Projects).WithSummary("Capacity-development projects with their partners and period.");
        group.MapGet("/projects/{slug}", Project).WithSummary("One project with its objectives and activities.");
        group.MapGet("/global-forum", Forum).WithSummary("Global Forum meetings by year, their recommendations and the follow-up log.");
        group.MapGet("/processes", Processes).WithSummary("Regional consultative processes with members and dialogue events.");
        return routes;
    }

    public static async Task<Ok<List<ProjectSummaryDto>>> Projects(AppDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await ProjectQueries.ProjectsAsync(db, ct));

    public static async Task<Results<Ok<ProjectDetailDto>, ProblemHttpResult>> Project(string slug, AppDbContext db, CancellationToken ct) =>
        slug.Length <= 200 && await ProjectQueries.ProjectAsync(db, slug, ct) is { } p
            ? TypedResults.Ok(p)
            : TypedResults.Problem(statusCode: 404, title: "Project not found", detail: "There is no project with this slug.",
                extensions: new Dictionary<string, object?> { ["field"] = "slug" });

    public static async Task<Ok<List<ForumMeetingDto>>> Forum(AppDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await ProjectQueries.ForumAsync(db, null, ct));

    public static async Task<Ok<List<ProcessDto>>> Processes(AppDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await ProjectQueries.ProcessesAsync(db, null, ct));
}
