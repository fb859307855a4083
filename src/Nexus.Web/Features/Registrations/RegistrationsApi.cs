using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Accounts.Tokens;
using Nexus.Web.Features.Events;
using Nexus.Web.Infrastructure;
using Nexus.Web.Infrastructure.Idempotency;
using Nexus.Web.Infrastructure.Security;

namespace Nexus.Web.Features.Registrations;

public sealed record RegistrationCreatedDto(int Id, int EventId, string Status, int? WaitlistPosition, string? CancelSecret);

public sealed record RegistrationDto(int Id, int EventId, string FullName, string Email, string Organization,
    string StakeholderGroup, string Country, string? Gender, string Status, int? WaitlistPosition,
    bool ListPublicly, DateTimeOffset CreatedAt, DateTimeOffset? CheckedInAt, DateTimeOffset? OfferExpiresAt);

public static class RegistrationsApi
{
    public static IEndpointRouteBuilder MapRegistrationsApi(this IEndpointRouteBuilder routes)
    {
        var events = routes.MapGroup("/api/v1/events/{id:int}/registrations").WithTags("Registrations");
        events.MapPost("/", Register).RequireRateLimiting(RateLimitPolicies.Registration).AllowAnonymous()
            .WithSummary("Register for an event. Send an Idempotency-Key header to make retries safe.");
        events.MapGet("/", List).RequireRateLimiting(RateLimitPolicies.Api)
            .RequireAuthorization(AccountsSetup.ScopePolicy(Scopes.RegistrationsRead))
            .WithSummary("Registrations of an event (scope registrations:read).");

        routes.MapDelete("/api/v1/registrations/{id:int}", Cancel).WithTags("Registrations")
            .RequireRateLimiting(RateLimitPolicies.Registration)
            .WithSummary("Cancel a registration, with its cancel secret (?secret=) or a token with scope registrations:write.");
        return routes;
    }

    public static async Task<IResult> Register(int id, [FromBody] RegistrationInput? input, HttpContext http,
        RegistrationDesk desk, IdempotencyStore idempotency, AppDbContext db, CancellationToken ct)
    {
        if (input is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["A JSON body is required."] });
        var (valid, errors) = input.Validate();
        if (valid is null) return TypedResults.ValidationProblem(errors.ToDictionary());
        // A course run and its sessions take enrolments through the course API, which knows the run's enrolment mode.
        if (await Courses.CourseEvents.IsPartOfARunAsync(db, id, ct))
            return TypedResults.Problem(statusCode: 409, title: "Enrol in the course",
                detail: "This event is part of a course run: enrol through POST /api/v1/courses/runs/{runId}/enrolments.");

        return await IdempotentAsync(http, idempotency, $"event-registration:{id}", valid, async () =>
        {
            var userId = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
            var (status, body, location, answer) = ToAnswer(id, await desk.RegisterAsync(new RegisterRequest(id, valid, userId), ct));
            // The stored answer never holds the cancel secret: secrets are kept only as hashes.
            return (status, body is RegistrationCreatedDto dto ? dto with { CancelSecret = null } : body, location, answer);
        }, ct);
    }

    /// <summary>
    /// Runs <paramref name="register"/> once per Idempotency-Key header (when the caller sends one): a retry gets the
    /// stored answer, a retry while the first is running a 409, the same key with another body a 422.
    /// <paramref name="register"/> returns the status, the body to store for replays, its Location and the answer.
    /// </summary>
    public static async Task<IResult> IdempotentAsync(HttpContext http, IdempotencyStore idempotency, string scope, object fingerprint,
        Func<Task<(int Status, object StoredBody, string? Location, IResult Answer)>> register, CancellationToken ct)
    {
        string? key = http.Request.Headers["Idempotency-Key"];
        if (key is not null)
        {
            if (!IdempotencyStore.IsValidKey(key))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["Idempotency-Key"] = ["1 to 200 visible ASCII characters."] });
            var begin = await idempotency.BeginAsync(scope, key, IdempotencyStore.Fingerprint(fingerprint), ct);
            switch (begin.State)
            {
                case IdempotencyState.Mismatch:
                    return TypedResults.Problem(statusCode: 422, title: "Idempotency-Key reused",
                        detail: "This Idempotency-Key was already used with a different request body.");
                case IdempotencyState.InFlight:
                    return TypedResults.Problem(statusCode: 409, title: "Request in progress",
                        detail: "A request with this Idempotency-Key is still being processed. Retry shortly.");
                case IdempotencyState.Replay:
                    http.Response.Headers["Idempotent-Replayed"] = "true";
                    if (begin.Record!.Location is { } loc) http.Response.Headers.Location = loc;
                    return Results.Content(begin.Record.ResponseBody ?? "", "application/json", statusCode: begin.Record.StatusCode ?? 200);
            }
        }

        try
        {
            var (status, stored, location, answer) = await register();
            if (key is not null)
                await idempotency.CompleteAsync(scope, key, status, JsonSerializer.Serialize(stored, JsonSerializerOptions.Web), location, ct);
            return answer;
        }
        catch
        {
            if (key is not null) await idempotency.AbandonAsync(scope, key);
            throw;
        }
    }

    private static (int Status, object Body, string? Location, IResult Answer) ToAnswer(int eventId, RegisterResult result)
    {
        switch (result.Outcome)
        {
            case RegisterOutcome.Created:
                var r = result.Registration!;
                var dto = new RegistrationCreatedDto(r.Id, eventId, Codes.Of(r.Status), result.WaitlistPosition, result.CancelSecret);
                var location = $"/api/v1/registrations/{r.Id}";
                return (201, dto, location, TypedResults.Created(location, dto));
            case RegisterOutcome.Duplicate:
                return Problem(409, "Already registered", "This email address is already registered for this event.");
            case RegisterOutcome.EventNotFound:
                return Problem(404, "Event not found", $"There is no event {eventId}.");
            case RegisterOutcome.NotPublished:
                return Problem(403, "Event not open", "This event is not published, so it takes no registrations.");
            default:
                return Problem(409, "Registration closed", "Registration for this event is not open at this time.");
        }
    }

    private static (int, object, string?, IResult) Problem(int status, string title, string detail)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        return (status, problem, null, TypedResults.Problem(problem));
    }

    public static async Task<Results<Ok<List<RegistrationDto>>, ProblemHttpResult>> List(int id, AppDbContext db, CancellationToken ct)
    {
        if (!await db.Events.AnyAsync(e => e.Id == id, ct)) return EventsApi.NotFound(id);
        var rows = await db.Registrations.AsNoTracking().Where(r => r.EventId == id).OrderBy(r => r.Id).ToListAsync(ct);
        var waiting = rows.Where(r => r.Status == RegistrationStatus.Waitlisted).Select(r => r.WaitlistTicket!.Value).ToList();
        return TypedResults.Ok(rows.Select(r => new RegistrationDto(r.Id, r.EventId, r.FullName, r.Email, r.Organization,
            Codes.Of(r.StakeholderGroup), r.Country, r.Gender is { } g ? Codes.Of(g) : null, Codes.Of(r.Status),
            r.Status == RegistrationStatus.Waitlisted ? RegistrationRules.WaitlistPosition(r.WaitlistTicket!.Value, waiting) : null,
            r.ListPublicly, Utc(r.CreatedAt), r.CheckedInAt is { } c ? Utc(c) : null,
            r.OfferExpiresAt is { } o ? Utc(o) : null)).ToList());
    }

    public static async Task<IResult> Cancel(int id, [FromQuery] string? secret, HttpContext http, AppDbContext db,
        RegistrationService service, Microsoft.AspNetCore.Authorization.IAuthorizationService auth, CancellationToken ct)
    {
        string? actor = null;
        if (!string.IsNullOrEmpty(secret))
        {
            var hash = TokenSecrets.Hash(secret);
            if (!await db.Registrations.AnyAsync(r => r.Id == id && r.CancelSecretHash == hash, ct))
                return TypedResults.Problem(statusCode: 403, title: "Wrong secret", detail: "The cancel secret does not match this registration.");
        }
        else
        {
            var authn = await http.AuthenticateAsync(TokenAuthenticationHandler.SchemeName);
            if (!authn.Succeeded) return TypedResults.Problem(statusCode: 401, title: "Not authenticated",
                detail: "Give the cancel secret (?secret=) or a bearer token with scope registrations:write.");
            var allowed = await auth.AuthorizeAsync(authn.Principal!, null, AccountsSetup.ScopePolicy(Scopes.RegistrationsWrite));
            if (!allowed.Succeeded) return TypedResults.Problem(statusCode: 403, title: "Forbidden", detail: "The token lacks scope registrations:write.");
            actor = authn.Principal.FindFirstValue(ClaimTypes.NameIdentifier);
        }
        var result = await service.CancelAsync(id, actor, ct);
        return result.Outcome switch
        {
            ChangeOutcome.Done or ChangeOutcome.AlreadyDone => TypedResults.NoContent(),
            ChangeOutcome.NotFound => TypedResults.Problem(statusCode: 404, title: "Registration not found"),
            _ => TypedResults.Problem(statusCode: 409, title: "Cannot cancel", detail: $"A registration that is {Codes.Of(result.Registration!.Status)} cannot be cancelled."),
        };
    }

    private static DateTimeOffset Utc(DateTime d) => new(DateTime.SpecifyKind(d, DateTimeKind.Utc));
}
