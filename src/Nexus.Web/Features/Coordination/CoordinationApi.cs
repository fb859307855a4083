using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Nexus.Web.Data;
using Nexus.Web.Features.Agencies;
using Nexus.Web.Features.Coordination.Chairs;
using Nexus.Web.Infrastructure;
using Nexus.Web.Infrastructure.Security;

namespace Nexus.Web.Features.Coordination;

public sealed record AgencyDto(string Code, string Acronym, string Name, AgencyKind Kind, string? Website, DateOnly? MemberSince,
    DateOnly? MemberUntil, bool Member);

public sealed record ChairDto(string Acronym, string Name, DateOnly TermStart, DateOnly TermEnd);

public sealed record TroikaDto(DateOnly Date, string TimeZone, ChairDto? Previous, ChairDto? Current, ChairDto? Next);

/// <summary>The group's public facts: who its members are and who chairs. Internal records have no API here.</summary>
public static class CoordinationApi
{
    public static RouteGroupBuilder MapCoordinationApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/coordination").WithTags("Coordination").RequireRateLimiting(RateLimitPolicies.Api);
        group.MapGet("/agencies", Agencies)
            .WithSummary("The group's agencies: members (with membership dates) and partners; member tells whether it is a member today.");
        group.MapGet("/troika", Troika)
            .WithSummary("The previous, current and next chairs on a day (date=YYYY-MM-DD, default today in the group's time zone).");
        return group;
    }

    public static async Task<Ok<List<AgencyDto>>> Agencies(AppDbContext db, CoordinationAccess access, CancellationToken ct)
    {
        var today = access.Today();
        var agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.Acronym).ToListAsync(ct);
        return TypedResults.Ok(agencies.Select(a => new AgencyDto(a.Code, a.Acronym, a.Name, a.Kind, a.Website, a.MemberSince, a.MemberUntil,
            a.IsMemberOn(today))).ToList());
    }

    public static async Task<Results<Ok<TroikaDto>, ValidationProblem>> Troika(string? date, AppDbContext db, ChairService chairs,
        CoordinationAccess access, IOptions<CoordinationOptions> options, CancellationToken ct)
    {
        var day = access.Today();
        if (!string.IsNullOrWhiteSpace(date) && !DateOnly.TryParseExact(date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["date"] = ["Give the date as YYYY-MM-DD, e.g. 2009-10-09."] });
        var troika = await chairs.TroikaAsync(day, ct);
        var names = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Code, ct);
        ChairDto? Dto(ChairTerm? t) => t is null ? null : new ChairDto(names[t.AgencyCode].Acronym, names[t.AgencyCode].Name, t.Start, t.End);
        return TypedResults.Ok(new TroikaDto(day, options.Value.TimeZone, Dto(troika.Previous), Dto(troika.Current), Dto(troika.Next)));
    }
}
