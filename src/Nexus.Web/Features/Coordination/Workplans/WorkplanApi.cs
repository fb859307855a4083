using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Nexus.Web.Data;
using Nexus.Web.Infrastructure;
using Nexus.Web.Infrastructure.Security;

namespace Nexus.Web.Features.Coordination.Workplans;

public sealed record AgencyDto(string Acronym, string Name);

public sealed record ActivityDto(string Title, ActivityKind Kind, AgencyDto Lead, IReadOnlyList<AgencyDto> Contributing, DateOnly? Due, ActivityStatus Status);

public sealed record ObjectiveDto(string Text, IReadOnlyList<string> ExpectedOutcomes, IReadOnlyList<ActivityDto> Activities);

public sealed record PillarDto(string Title, string? Description, IReadOnlyList<ObjectiveDto> Objectives);

/// <summary>Counts by status code ("in-progress"), every status present.</summary>
public sealed record ProgressDto(int Total, IReadOnlyDictionary<string, int> ByStatus);

public sealed record WorkplanDto(int Year, string Title, DateOnly Start, DateOnly End, WorkplanStatus Status, IReadOnlyList<PillarDto> Pillars, ProgressDto Progress);

/// <summary>
/// The group's adopted workplans, public: what the agencies committed to and where each activity stands. Drafts and
/// progress notes stay inside the group's space.
/// </summary>
public static class WorkplanApi
{
    public static IEndpointRouteBuilder MapWorkplanApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/coordination/workplans").WithTags("Coordination").RequireRateLimiting(RateLimitPolicies.Api);
        group.MapGet("/{year}", ByYear)
            .WithSummary("The adopted workplan filed under a year (the year its span starts in): pillars, objectives, activities and progress.");
        return routes;
    }

    public static async Task<Results<Ok<WorkplanDto>, ValidationProblem, ProblemHttpResult>> ByYear(string year, AppDbContext db,
        CoordinationAccess access, CancellationToken ct)
    {
        if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y is < WorkplanRules.MinYear or > WorkplanRules.MaxYear)
        {
            var errors = new FieldErrors();
            errors.Add("year", "Give a year from {0} to {1}.", WorkplanRules.MinYear, WorkplanRules.MaxYear);
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var plan = await WorkplanQueries.AdoptedForYearAsync(db, y, access.Today(), ct);
        if (plan is null)
            return TypedResults.Problem(title: "No workplan", statusCode: StatusCodes.Status404NotFound,
                detail: $"The group has no adopted workplan for {y}.");
        return TypedResults.Ok(Dto(plan));
    }

    public static WorkplanDto Dto(WorkplanView plan)
    {
        static AgencyDto Agency(AgencyRef a) => new(a.Acronym, a.Name);
        var progress = plan.Progress;
        return new WorkplanDto(plan.Year, plan.Title, plan.Start, plan.End, plan.Status,
            plan.Pillars.Select(p => new PillarDto(p.Title, p.Description, p.Objectives.Select(o => new ObjectiveDto(o.Text, o.ExpectedOutcomes,
                o.Activities.Select(a => new ActivityDto(a.Title, a.Kind, Agency(a.Lead), a.Contributing.Select(Agency).ToList(), a.Due, a.Status)).ToList()))
                .ToList())).ToList(),
            new ProgressDto(progress.Total, Enum.GetValues<ActivityStatus>().ToDictionary(Codes.Of, progress.Count)));
    }
}
