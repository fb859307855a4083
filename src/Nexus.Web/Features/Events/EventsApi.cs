using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Accounts.Tokens;
using Nexus.Web.Infrastructure;
using Nexus.Web.Infrastructure.Countries;
using Nexus.Web.Infrastructure.Security;

namespace Nexus.Web.Features.Events;

public sealed record EventDto(
    int Id, string Title, string Slug, string Kind, string Status, string Summary, IReadOnlyList<string> Themes,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, string TimeZone, string Venue, string City, string? Country,
    IReadOnlyList<string> Partners, string Format, int? Capacity, int ConfirmedCount, int WaitlistCount, int? SeatsLeft,
    DateTimeOffset? RegistrationOpensAt, DateTimeOffset? RegistrationClosesAt, bool RequiresApproval,
    bool RegistrationOpen, int? SeriesId, string Url);

public sealed record EventInput
{
    public string? Title { get; init; }
    public string? Kind { get; init; }
    public string? Summary { get; init; }
    public List<string>? Themes { get; init; }
    /// <summary>Organisations the event is held with, by name; at most 20.</summary>
    public List<string>? Partners { get; init; }
    public DateTimeOffset? StartsAt { get; init; }
    public DateTimeOffset? EndsAt { get; init; }
    public string? TimeZone { get; init; }
    public string? Venue { get; init; }
    public string? City { get; init; }
    public string? Country { get; init; }
    public string? Format { get; init; }
    public string? OnlineUrl { get; init; }
    public int? Capacity { get; init; }
    public DateTimeOffset? RegistrationOpensAt { get; init; }
    public DateTimeOffset? RegistrationClosesAt { get; init; }
    public bool RequiresApproval { get; init; }
    public bool PendingHoldsSeat { get; init; }
    /// <summary>Hours a freed seat stays offered to the head of the waiting list (default 48).</summary>
    public int? OfferHours { get; init; }
    public bool AcceptsNoteVerbale { get; init; }
    public string? Status { get; init; }
    public int? SeriesId { get; init; }

    /// <summary>Checks every field and, when all are valid, writes them onto <paramref name="e"/>.</summary>
    public FieldErrors ApplyTo(Event e)
    {
        var errors = new FieldErrors();
        var title = errors.Text("title", Title, 300, required: true);
        if (!Codes.TryParse<EventKind>(Kind, out var kind))
            errors.Add("kind", "Choose one of: {0}.", string.Join(", ", Codes.All<EventKind>()));
        var summary = errors.Text("summary", Summary, 4000, required: false, multiline: true);
        var themes = new List<string>();
        foreach (var t in Themes ?? [])
        {
            var theme = errors.Text("themes", t, 80, required: true);
            if (theme.Length > 0 && !themes.Contains(theme)) themes.Add(theme);
        }
        if (themes.Count > 20) errors.Add("themes", "At most 20 themes.");
        var partners = new List<string>();
        foreach (var p in Partners ?? [])
        {
            var partner = errors.Text("partners", p, 200, required: true);
            if (partner.Length > 0 && !partners.Contains(partner, StringComparer.OrdinalIgnoreCase)) partners.Add(partner);
        }
        if (partners.Count > 20) errors.Add("partners", "At most 20 partners.");
        var zone = TimeZone?.Trim() ?? "";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _) || !zone.Contains('/') && zone != "UTC")
            errors.Add("timeZone", "Give an IANA time zone, e.g. America/New_York or Europe/Brussels.");
        if (StartsAt is null) errors.Add("startsAt", "Required.");
        if (EndsAt is null) errors.Add("endsAt", "Required.");
        if (StartsAt is { } s && EndsAt is { } en && en <= s) errors.Add("endsAt", "Must be after the start.");
        if (StartsAt is { Year: < 1990 or > 2200 }) errors.Add("startsAt", "Out of range.");
        if (EndsAt is { Year: < 1990 or > 2200 }) errors.Add("endsAt", "Out of range.");
        if (StartsAt is { } s2 && EndsAt is { } e2 && e2 - s2 > TimeSpan.FromDays(60)) errors.Add("endsAt", "An event lasts at most 60 days.");
        if (RegistrationOpensAt is { Year: < 1990 or > 2200 }) errors.Add("registrationOpensAt", "Out of range.");
        if (RegistrationClosesAt is { Year: < 1990 or > 2200 }) errors.Add("registrationClosesAt", "Out of range.");
        var venue = errors.Text("venue", Venue, 300, required: false);
        var city = errors.Text("city", City, 120, required: false);
        string? country = null;
        if (!string.IsNullOrWhiteSpace(Country))
        {
            country = Countries.Find(Country)?.Iso3;
            if (country is null) errors.Add("country", "Give an ISO 3166-1 alpha-3 code, e.g. BEL.");
        }
        var format = EventFormat.InPerson;
        if (!string.IsNullOrWhiteSpace(Format) && !Codes.TryParse(Format, out format))
            errors.Add("format", "Choose one of: {0}.", string.Join(", ", Codes.All<EventFormat>()));
        var online = errors.Text("onlineUrl", OnlineUrl, 2000, required: false);
        if (online.Length > 0 && !(Uri.TryCreate(online, UriKind.Absolute, out var u) && u.Scheme is "https" or "http"))
            errors.Add("onlineUrl", "Give an http(s) address.");
        if (Capacity is < 1 or > 100_000) errors.Add("capacity", "Between 1 and 100000, or empty for no limit.");
        if (RegistrationOpensAt is { } o && RegistrationClosesAt is { } c && c <= o)
            errors.Add("registrationClosesAt", "Must be after registrationOpensAt.");
        if (OfferHours is < 1 or > 720) errors.Add("offerHours", "Between 1 and 720 hours.");
        var status = EventStatus.Draft;
        if (!string.IsNullOrWhiteSpace(Status) && !Codes.TryParse(Status, out status))
            errors.Add("status", "Choose one of: {0}.", string.Join(", ", Codes.All<EventStatus>()));
        if (errors.Any) return errors;

        e.Title = title;
        e.Kind = kind;
        e.Summary = summary;
        e.Themes = themes;
        e.Partners = partners;
        e.StartsAt = StartsAt!.Value.UtcDateTime;
        e.EndsAt = EndsAt!.Value.UtcDateTime;
        e.TimeZone = zone;
        e.Venue = venue;
        e.City = city;
        e.Country = country;
        e.Format = format;
        e.OnlineUrl = online.Length > 0 ? online : null;
        e.Capacity = Capacity;
        e.RegistrationOpensAt = RegistrationOpensAt?.UtcDateTime;
        e.RegistrationClosesAt = RegistrationClosesAt?.UtcDateTime;
        e.RequiresApproval = RequiresApproval;
        e.PendingHoldsSeat = PendingHoldsSeat;
        e.OfferHours = OfferHours ?? 48;
        e.AcceptsNoteVerbale = AcceptsNoteVerbale;
        e.Status = status;
        e.SeriesId = SeriesId;
        e.Slug = Slugs.From(title);
        return errors;
    }
}

public static class EventsApi
{
    public static RouteGroupBuilder MapEventsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/events").WithTags("Events").RequireRateLimiting(RateLimitPolicies.Api);
        group.MapGet("/", List).CacheOutput(Infrastructure.Caching.PublicCache.Policy).WithSummary("Published events, filtered by year, kind, theme, series and upcoming/past.");
        group.MapGet("/{id:int}", Get).CacheOutput(Infrastructure.Caching.PublicCache.Policy).WithName("GetEvent").WithSummary("One event.");
        group.MapPost("/", Create).RequireAuthorization(AccountsSetup.ScopePolicy(Scopes.EventsWrite))
            .WithSummary("Create an event (scope events:write).");
        return group;
    }

    public static async Task<Ok<List<EventDto>>> List(int? year, string? kind, string? theme, int? series, string? when,
        AppDbContext db, TimeProvider clock, Links links, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var filter = new EventFilter { Year = year, Kind = kind, Theme = theme, Series = series, When = when };
        var events = await db.Events.AsNoTracking().Apply(filter, now).Take(500).ToListAsync(ct);
        var counts = await EventQueries.CountsAsync(db, events.Select(e => (e.Id, e.PendingHoldsSeat)).ToList(), ct);
        return TypedResults.Ok(events.Select(e => ToDto(e, counts[e.Id], now, links)).ToList());
    }

    public static async Task<Results<Ok<EventDto>, ProblemHttpResult>> Get(int id, AppDbContext db, TimeProvider clock, Links links, CancellationToken ct)
    {
        var e = await db.Events.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.Status != EventStatus.Draft, ct);
        if (e is null) return NotFound(id);
        return TypedResults.Ok(ToDto(e, await EventQueries.CountsAsync(db, e, ct), clock.GetUtcNow().UtcDateTime, links));
    }

    public static async Task<Results<Created<EventDto>, ValidationProblem>> Create(EventInput input, AppDbContext db, TimeProvider clock, Links links, CancellationToken ct)
    {
        var e = new Event { Title = "" };
        var errors = input.ApplyTo(e);
        if (input.SeriesId is { } sid && !await db.Series.AnyAsync(s => s.Id == sid, ct))
            errors.Add("seriesId", "No such series.");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());
        e.CreatedAt = e.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        db.Events.Add(e);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/events/{e.Id}", ToDto(e, SeatCounts.None, e.CreatedAt, links));
    }

    public static ProblemHttpResult NotFound(int id) =>
        TypedResults.Problem(statusCode: 404, title: "Event not found", detail: $"There is no published event {id}.");

    public static EventDto ToDto(Event e, SeatCounts c, DateTime now, Links links) => new(
        e.Id, e.Title, e.Slug, Codes.Of(e.Kind), Codes.Of(e.Status), e.Summary, e.Themes,
        EventQueries.Local(e.StartsAt, e.TimeZone), EventQueries.Local(e.EndsAt, e.TimeZone), e.TimeZone,
        e.Venue, e.City, e.Country, e.Partners, Codes.Of(e.Format), e.Capacity, c.Confirmed, c.Waitlisted,
        Registrations.RegistrationRules.SeatsLeft(e.Capacity, c.SeatsTaken),
        e.RegistrationOpensAt is { } o ? EventQueries.Local(o, e.TimeZone) : null,
        e.RegistrationClosesAt is { } cl ? EventQueries.Local(cl, e.TimeZone) : null,
        e.RequiresApproval, e.IsOpenForRegistration(now), e.SeriesId,
        links.Event(e));
}
