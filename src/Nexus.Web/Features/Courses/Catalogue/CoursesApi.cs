using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Accounts.Tokens;
using Nexus.Web.Features.Events;
using Nexus.Web.Features.Registrations;
using Nexus.Web.Infrastructure;
using Nexus.Web.Infrastructure.Idempotency;
using Nexus.Web.Infrastructure.Security;

namespace Nexus.Web.Features.Courses;

public sealed record RunSummaryDto(int Id, string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string TimeZone, int? Capacity,
    int? SeatsLeft, int WaitlistCount, string EnrolmentMode, string EnrolmentState, bool EnrolmentOpen, string Url);

public sealed record CourseSummaryDto(int Id, string Slug, string Title, string Summary, string Language, decimal? Hours,
    RunSummaryDto? NextRun, string Url);

public sealed record CompletionRuleDto(int MinAttendancePercent, bool RequireModuleQuizzes, string Text);

public sealed record ModuleDto(int Id, int Order, string Title, string ObjectivesMarkdown, string MaterialsMarkdown, bool Required, int QuizCount);

public sealed record CourseDto(int Id, string Slug, string Title, string Summary, string DescriptionMarkdown, string Language,
    decimal? Hours, CompletionRuleDto Completion, IReadOnlyList<ModuleDto> Modules, IReadOnlyList<RunSummaryDto> Runs, string Url);

public sealed record SessionDto(int Id, int EventId, int? ModuleId, string? ModuleTitle, string Title, DateTimeOffset StartsAt,
    DateTimeOffset EndsAt, string Venue, int? Capacity, string Format);

public sealed record RunDto(int Id, int CourseId, string CourseSlug, string CourseTitle, string Title, int EventId,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, string TimeZone, int? Capacity, int ConfirmedCount, int? SeatsLeft, int WaitlistCount,
    DateTimeOffset? EnrolmentOpensAt, DateTimeOffset? EnrolmentClosesAt, string EnrolmentMode, string EnrolmentState, bool EnrolmentOpen,
    IReadOnlyList<SessionDto> Sessions, string Url);

public sealed record EnrolmentCreatedDto(int RegistrationId, int RunId, string Status, int? WaitlistPosition, string? CancelSecret);

public sealed record MyEnrolmentDto(int RegistrationId, int RunId, string RunTitle, int CourseId, string CourseSlug, string CourseTitle,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, string TimeZone, string Status, int? WaitlistPosition, string Url);

/// <summary>
/// Courses, runs and enrolments. Reading the catalogue is public; enrolling takes a signed-in learner (cookie) or a
/// staff token with registrations:write; lists of enrolments take registrations:read, like an event's registrations.
/// </summary>
public static class CoursesApi
{
    public static RouteGroupBuilder MapCoursesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/courses").WithTags("Courses").RequireRateLimiting(RateLimitPolicies.Api);
        group.MapGet("/", List).WithSummary("Published courses, each with the run a learner would enrol in next.");
        group.MapGet("/{slug}", Get).WithSummary("One published course: completion rule, modules in order and runs.");
        group.MapGet("/runs/{runId:int}", Run).WithSummary("One run of a published course: dates, sessions, seats and enrolment state.");
        // Enrolling takes the registration rate limit, as registering for an event does.
        group.MapPost("/runs/{runId:int}/enrolments", Enrol).RequireRateLimiting(RateLimitPolicies.Registration)
            .WithSummary("Enrol: a signed-in learner enrols themselves (cookie), or staff enrol someone with a token with scope " +
                         "registrations:write. Send an Idempotency-Key header to make retries safe.");
        group.MapGet("/runs/{runId:int}/enrolments", RunEnrolments)
            .RequireAuthorization(AccountsSetup.ScopePolicy(Scopes.RegistrationsRead))
            .WithSummary("Enrolments of a run: the registrations for its event (scope registrations:read).");

        routes.MapGet("/api/v1/me/enrolments", Mine).WithTags("Courses").RequireRateLimiting(RateLimitPolicies.Api)
            .RequireAuthorization()
            .WithSummary("The signed-in learner's enrolments (cookie), newest first.");
        return group;
    }

    public static async Task<Ok<List<CourseSummaryDto>>> List(AppDbContext db, TimeProvider clock, Links links, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var courses = await db.Courses.AsNoTracking().Where(c => c.Published).OrderBy(c => c.Title).Take(500).ToListAsync(ct);
        var ids = courses.Select(c => c.Id).ToList();
        var runs = await CourseCatalogue.RunsAsync(db, db.CourseRuns.Where(r => ids.Contains(r.CourseId)), now, publicOnly: true, ct);
        return TypedResults.Ok(courses.Select(c =>
        {
            var next = CourseRules.NextRun(runs.Where(r => r.CourseId == c.Id), r => r.Event.StartsAt, r => r.State);
            return new CourseSummaryDto(c.Id, c.Slug, c.Title, c.Summary, c.Language, c.Hours,
                next is null ? null : RunSummary(next, c.Slug, links), links.To(CourseLinks.Course(c.Slug)));
        }).ToList());
    }

    public static async Task<Results<Ok<CourseDto>, ProblemHttpResult>> Get(string slug, AppDbContext db, TimeProvider clock, Links links, CancellationToken ct)
    {
        var c = await db.Courses.AsNoTracking().Include(x => x.Modules).FirstOrDefaultAsync(x => x.Slug == slug && x.Published, ct);
        if (c is null) return TypedResults.Problem(statusCode: 404, title: "Course not found", detail: $"There is no published course '{Truncate(slug)}'.");
        var quizzes = await CourseCatalogue.QuizCountsAsync(db, c.Id, ct);
        var runs = await CourseCatalogue.RunsAsync(db, db.CourseRuns.Where(r => r.CourseId == c.Id), clock.GetUtcNow().UtcDateTime, publicOnly: true, ct);
        var (template, args) = CourseRules.CompletionRule(c.MinAttendancePercent, c.RequireModuleQuizzes);
        return TypedResults.Ok(new CourseDto(c.Id, c.Slug, c.Title, c.Summary, c.DescriptionMarkdown, c.Language, c.Hours,
            new CompletionRuleDto(c.MinAttendancePercent, c.RequireModuleQuizzes, string.Format(System.Globalization.CultureInfo.InvariantCulture, template, args)),
            c.Modules.OrderBy(m => m.Order).ThenBy(m => m.Id).Select(m => new ModuleDto(m.Id, m.Order, m.Title, m.ObjectivesMarkdown,
                m.MaterialsMarkdown, m.Required, quizzes.GetValueOrDefault(m.Id))).ToList(),
            runs.Select(r => RunSummary(r, c.Slug, links)).ToList(), links.To(CourseLinks.Course(c.Slug))));
    }

    public static async Task<Results<Ok<RunDto>, ProblemHttpResult>> Run(int runId, AppDbContext db, TimeProvider clock, Links links, CancellationToken ct)
    {
        var course = await PublishedCourseOfRunAsync(db, runId, ct);
        var run = course is null ? null : await CourseCatalogue.RunAsync(db, runId, clock.GetUtcNow().UtcDateTime, publicOnly: true, ct);
        if (course is null || run is null) return RunNotFound(runId);
        var sessions = await CourseCatalogue.SessionsAsync(db, [runId], ct);
        var e = run.Event;
        return TypedResults.Ok(new RunDto(run.Id, run.CourseId, course.Slug, course.Title, run.Title, e.Id, run.StartsAt, run.EndsAt,
            e.TimeZone, e.Capacity, run.Counts.Confirmed, run.SeatsLeft, run.Counts.Waitlisted, run.OpensAt, run.ClosesAt,
            Codes.Of(run.Mode), Codes.Of(run.State), run.Open,
            sessions.Select(s => new SessionDto(s.Id, s.Event.Id, s.ModuleId, s.ModuleTitle, s.Event.Title, s.StartsAt, s.EndsAt,
                s.Event.Venue, s.Event.Capacity, Codes.Of(s.Event.Format))).ToList(),
            links.To(CourseLinks.Run(course.Slug, run.Id))));
    }

    /// <summary>
    /// A bearer token means staff enrolling someone (scope registrations:write, any run, approved at once); otherwise
    /// the signed-in learner enrols themselves in a published, non-StaffOnly run, with their account's name and email
    /// when the body leaves them out.
    /// </summary>
    public static async Task<IResult> Enrol(int runId, [FromBody] RegistrationInput? input, HttpContext http, AppDbContext db,
        CourseEnrolment enrolment, Enrolments enrolments, IdempotencyStore idempotency, IAuthorizationService auth, CancellationToken ct)
    {
        string? staffId = null;
        string? learnerId = null;
        if (http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var authn = await http.AuthenticateAsync(TokenAuthenticationHandler.SchemeName);
            if (!authn.Succeeded)
            {
                http.Response.Headers.WWWAuthenticate = "Bearer";
                return TypedResults.Problem(statusCode: 401, title: "Not authenticated", detail: "The bearer token is not valid.");
            }
            if (!(await auth.AuthorizeAsync(authn.Principal!, null, AccountsSetup.ScopePolicy(Scopes.RegistrationsWrite))).Succeeded)
                return TypedResults.Problem(statusCode: 403, title: "Forbidden", detail: "Enrolling someone takes a staff token with scope registrations:write.");
            staffId = authn.Principal!.FindFirstValue(ClaimTypes.NameIdentifier);
        }
        else if (http.User.Identity?.IsAuthenticated == true) learnerId = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        else return TypedResults.Problem(statusCode: 401, title: "Not authenticated",
            detail: "Sign in to enrol yourself, or send a staff bearer token with scope registrations:write.");

        var run = await db.CourseRuns.AsNoTracking().Where(r => r.Id == runId)
            .Select(r => new { r.EventId, r.EnrolmentMode, r.Course!.Published }).FirstOrDefaultAsync(ct);
        if (run is null || (learnerId is not null && !run.Published)) return RunNotFound(runId);
        if (learnerId is not null && run.EnrolmentMode == EnrolmentMode.StaffOnly)
            return TypedResults.Problem(statusCode: 403, title: "Enrolment by staff only", detail: "Only staff enrol learners in this run.");

        if (input is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["A JSON body is required."] });
        if (learnerId is not null)
        {
            var me = await db.Users.AsNoTracking().Where(u => u.Id == learnerId).Select(u => new { u.FullName, u.Email, u.Organization }).FirstAsync(ct);
            input = input with
            {
                FullName = string.IsNullOrWhiteSpace(input.FullName) ? me.FullName : input.FullName,
                Email = string.IsNullOrWhiteSpace(input.Email) ? me.Email : input.Email,
                Organization = string.IsNullOrWhiteSpace(input.Organization) ? me.Organization : input.Organization,
            };
        }
        var (valid, errors) = input.Validate();
        if (valid is null) return TypedResults.ValidationProblem(errors.ToDictionary());

        return await RegistrationsApi.IdempotentAsync(http, idempotency, $"course-enrolment:{runId}", valid, async () =>
        {
            // One enrolment per learner and run, whatever email the body gives.
            if (learnerId is not null && await enrolments.ForUserAsync(runId, http.User, ct) is { } mine)
            {
                var already = new ProblemDetails { Status = 409, Title = "Already enrolled", Detail = $"You are already enrolled in this run ({Codes.Of(mine.Status)})." };
                return (409, already, null, TypedResults.Problem(already));
            }
            var result = staffId is not null
                ? await enrolment.ByStaffAsync(run.EventId, valid, staffId, ct)
                : await enrolment.SelfAsync(run.EventId, valid, learnerId!, ct);
            if (result.Outcome == RegisterOutcome.Created)
            {
                var r = result.Registration!;
                var dto = new EnrolmentCreatedDto(r.Id, runId, Codes.Of(r.Status), result.WaitlistPosition, result.CancelSecret);
                var location = $"/api/v1/registrations/{r.Id}";
                // The stored answer never holds the cancel secret: secrets are kept only as hashes.
                return (201, dto with { CancelSecret = null }, location, TypedResults.Created(location, dto));
            }
            var problem = result.Outcome == RegisterOutcome.Duplicate
                ? new ProblemDetails { Status = 409, Title = "Already enrolled", Detail = $"{valid.Email} is already enrolled in this run." }
                : new ProblemDetails { Status = 409, Title = "Enrolment closed", Detail = "Enrolment in this run is not open at this time." };
            return (409, problem, null, TypedResults.Problem(problem));
        }, ct);
    }

    public static async Task<Results<Ok<List<RegistrationDto>>, ProblemHttpResult>> RunEnrolments(int runId, AppDbContext db, CancellationToken ct)
    {
        var eventId = await db.CourseRuns.Where(r => r.Id == runId).Select(r => (int?)r.EventId).FirstOrDefaultAsync(ct);
        if (eventId is null) return RunNotFound(runId);
        return await RegistrationsApi.List(eventId.Value, db, ct);
    }

    public static async Task<Ok<List<MyEnrolmentDto>>> Mine(HttpContext http, Enrolments enrolments, AppDbContext db, Links links, CancellationToken ct)
    {
        var mine = await enrolments.AllForUserAsync(http.User, ct);
        var runIds = mine.Select(m => m.RunId).Distinct().ToList();
        var runs = await db.CourseRuns.AsNoTracking().Where(r => runIds.Contains(r.Id))
            .Select(r => new { r.Id, r.Title, r.Course!.Slug, CourseTitle = r.Course.Title, r.Event!.StartsAt, r.Event.EndsAt, r.Event.TimeZone, r.EventId })
            .ToDictionaryAsync(r => r.Id, ct);
        var registrationIds = mine.Select(m => m.RegistrationId).ToList();
        var tickets = await db.Registrations.AsNoTracking().Where(r => registrationIds.Contains(r.Id) && r.Status == RegistrationStatus.Waitlisted)
            .Select(r => new { r.Id, r.EventId, Ticket = r.WaitlistTicket!.Value }).ToListAsync(ct);
        var positions = new Dictionary<int, int>();
        foreach (var t in tickets)
            positions[t.Id] = 1 + await db.Registrations.CountAsync(r => r.EventId == t.EventId && r.Status == RegistrationStatus.Waitlisted && r.WaitlistTicket < t.Ticket, ct);
        return TypedResults.Ok(mine.Where(m => runs.ContainsKey(m.RunId)).Select(m =>
        {
            var r = runs[m.RunId];
            return new MyEnrolmentDto(m.RegistrationId, m.RunId, r.Title, m.CourseId, r.Slug, r.CourseTitle,
                EventQueries.Local(r.StartsAt, r.TimeZone), EventQueries.Local(r.EndsAt, r.TimeZone), r.TimeZone, Codes.Of(m.Status),
                positions.TryGetValue(m.RegistrationId, out var p) ? p : null, links.To(CourseLinks.Run(r.Slug, m.RunId)));
        }).ToList());
    }

    private static RunSummaryDto RunSummary(RunView r, string courseSlug, Links links) => new(r.Id, r.Title, r.StartsAt, r.EndsAt,
        r.Event.TimeZone, r.Event.Capacity, r.SeatsLeft, r.Counts.Waitlisted, Codes.Of(r.Mode), Codes.Of(r.State), r.Open,
        links.To(CourseLinks.Run(courseSlug, r.Id)));

    private static Task<PublishedCourse?> PublishedCourseOfRunAsync(AppDbContext db, int runId, CancellationToken ct) =>
        db.CourseRuns.AsNoTracking().Where(r => r.Id == runId && r.Course!.Published)
            .Select(r => new PublishedCourse(r.Course!.Slug, r.Course.Title)).FirstOrDefaultAsync(ct);

    private sealed record PublishedCourse(string Slug, string Title);

    private static ProblemHttpResult RunNotFound(int runId) =>
        TypedResults.Problem(statusCode: 404, title: "Run not found", detail: $"There is no run {runId} of a published course.");

    private static string Truncate(string s) => s.Length <= 100 ? s : s[..100] + "…";
}
