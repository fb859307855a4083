using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Infrastructure;
using Nexus.Web.Infrastructure.Caching;
using Nexus.Web.Infrastructure.Security;

namespace Nexus.Web.Features.Data;

public sealed record SourceDto(string Publisher, string Title, string Edition, string Licence, string Url, int Release);

public sealed record IndicatorDto(string Id, string Name, string Unit, string Description, bool BySex, bool Bilateral,
    IReadOnlyList<int> Years, SourceDto? Source);

public sealed record AreaDto(int Code, string? Iso3, string Name, string Kind);

public sealed record PointDto(int Year, double Value, string? Flag, string? Note);

public sealed record SeriesDto(string Indicator, string Unit, AreaDto Area, AreaDto? Counterpart, string Sex, SourceDto? Source,
    IReadOnlyList<PointDto> Points);

public sealed record RankedDto(AreaDto Area, double Value, string? Flag);

public sealed record ReleaseDto(int Id, string Dataset, string Title, string Publisher, string Edition, string EditionDate, string Licence,
    string FileName, string Sha256, DateTime ImportedAt, int Observations, int Areas, bool Current, string Notes);

public sealed record RankingDto(string Indicator, string Unit, int Year, string Sex, SourceDto? Source, IReadOnlyList<RankedDto> Items);

public static class DataApi
{
    public const int MaxRankingLimit = 300;

    public static RouteGroupBuilder MapDataApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/data").WithTags("Data").RequireRateLimiting(RateLimitPolicies.Api);
        group.MapGet("/indicators", Indicators).CacheOutput(PublicCache.Policy)
            .WithSummary("The indicators, their units, the years they cover and the release they come from.");
        group.MapGet("/series", Series).CacheOutput(PublicCache.Policy)
            .WithSummary("One time series: indicator, area (M49 code, ISO3 code, name or 'world'), sex (total, male, female), counterpart for bilateral indicators.");
        group.MapGet("/releases", Releases).CacheOutput(PublicCache.Policy)
            .WithSummary("Every imported release, current or superseded; a series can be read from any of them with release=id.");
        group.MapGet("/rankings", Rankings).CacheOutput(PublicCache.Policy)
            .WithSummary("Countries and areas (never aggregates) by an indicator's value in a year, largest first.");
        return group;
    }

    public static async Task<Ok<IReadOnlyList<IndicatorDto>>> Indicators(DataStore store, CancellationToken ct)
    {
        var data = await store.CurrentAsync(ct);
        IReadOnlyList<IndicatorDto> list = Data.Indicators.All.Select(i => new IndicatorDto(i.Id, i.Name, i.Unit, i.Description, i.BySex,
            i.Bilateral, data.Years.GetValueOrDefault(i.Id) ?? [], Source(data, i))).ToList();
        return TypedResults.Ok(list);
    }

    public static async Task<Ok<List<ReleaseDto>>> Releases(Nexus.Web.Data.AppDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.DataReleases.AsNoTracking().OrderBy(r => r.Dataset).ThenByDescending(r => r.EditionDate).ThenByDescending(r => r.Id)
            .ToListAsync(ct)).Select(r => new ReleaseDto(r.Id, r.Dataset, r.Title, r.Publisher, r.Edition, r.EditionDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            r.Licence, r.FileName, r.Sha256, r.ImportedAt, r.Observations, r.Areas, r.Current, r.Notes)).ToList());

    public static async Task<Results<Ok<SeriesDto>, ValidationProblem, NotFound<Microsoft.AspNetCore.Mvc.ProblemDetails>>> Series(
        string? indicator, string? area, string? sex, string? counterpart, string? release, DataStore store, Nexus.Web.Data.AppDbContext db, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var ind = Indicator(indicator, errors);
        var s = SexOf(sex, errors);
        var data = await store.CurrentAsync(ct);
        var a = AreaOf(data, "area", area, required: true, errors);
        var c = AreaOf(data, "counterpart", counterpart, required: false, errors);
        if (ind is not null && !errors.Any)
        {
            if (ind.Bilateral && c is null) errors.Add("counterpart", "This indicator is bilateral: give the counterpart area (origin or sending country).");
            if (!ind.Bilateral && c is not null) errors.Add("counterpart", "This indicator has no counterpart area.");
            if (!ind.BySex && s != Sex.Total) errors.Add("sex", "This indicator is published for both sexes together only: use total.");
        }
        DataRelease? older = null;
        if (!string.IsNullOrWhiteSpace(release) && !errors.Any && ind is not null)
        {
            // A superseded release stays queryable: read from the table, not from the store of current figures.
            if (!int.TryParse(release, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                || await db.DataReleases.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) is not { } found)
                errors.Add("release", "No release has that id; see /api/v1/data/releases.");
            else if (found.Dataset != ind.Dataset) errors.Add("release", "That release holds no figures of this indicator.");
            else older = found;
        }
        if (errors.Any || ind is null || a is null) return TypedResults.ValidationProblem(errors.ToDictionary());
        var points = older is null ? data.Series(ind.Id, a.Code, s, c?.Code ?? 0)
            : await db.DataSeries.AsNoTracking()
                .Where(o => o.ReleaseId == older.Id && o.Indicator == ind.Id && o.Area == a.Code && o.Sex == s && o.Counterpart == (c == null ? 0 : c.Code))
                .Select(o => o.Points).FirstOrDefaultAsync(ct) is { } stored ? SeriesPoints.Decode(stored) : [];
        if (points.Count == 0)
            return TypedResults.NotFound(new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Title = "No figures", Status = 404,
                Detail = $"There are no figures of {ind.Id} for {a.Name}{(c is null ? "" : " and " + c.Name)} ({Codes.Of(s)}).",
            });
        return TypedResults.Ok(new SeriesDto(ind.Id, ind.Unit, Dto(a), c is null ? null : Dto(c), Codes.Of(s), older is null ? Source(data, ind) : Source(older),
            points.Select(p => new PointDto(p.Year, p.Value, p.Flag, p.Note)).ToList()));
    }

    public static async Task<Results<Ok<RankingDto>, ValidationProblem>> Rankings(string? indicator, string? year, string? sex, string? limit,
        DataStore store, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var ind = Indicator(indicator, errors);
        var s = SexOf(sex, errors);
        var n = 20;
        if (!string.IsNullOrWhiteSpace(limit) && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out n) || n is < 1 or > MaxRankingLimit))
            errors.Add("limit", "Give a whole number from 1 to {0}.", MaxRankingLimit);
        var data = await store.CurrentAsync(ct);
        var years = ind is null ? [] : data.Years.GetValueOrDefault(ind.Id) ?? [];
        var y = years.Count > 0 ? years[^1] : 0;
        if (!string.IsNullOrWhiteSpace(year) && (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out y) || !years.Contains(y)))
            errors.Add("year", years.Count == 0 ? "This indicator has no figures yet." : "Choose one of: {0}.", string.Join(", ", years));
        if (ind is { Bilateral: true }) errors.Add("indicator", "Rankings are for indicators of one area; use the series of a bilateral indicator instead.");
        if (ind is { BySex: false } && s != Sex.Total) errors.Add("sex", "This indicator is published for both sexes together only: use total.");
        if (errors.Any || ind is null) return TypedResults.ValidationProblem(errors.ToDictionary());
        var ranked = years.Count == 0 ? [] : data.Ranking(ind.Id, s, y);
        return TypedResults.Ok(new RankingDto(ind.Id, ind.Unit, y, Codes.Of(s), Source(data, ind),
            ranked.Take(n).Select(r => new RankedDto(Dto(r.Area), r.Value, r.Flag)).ToList()));
    }

    private static Indicator? Indicator(string? id, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(id)) { errors.Add("indicator", "Required: one of {0}.", string.Join(", ", Data.Indicators.All.Select(i => i.Id))); return null; }
        var ind = Data.Indicators.Find(id);
        if (ind is null) errors.Add("indicator", "Choose one of: {0}.", string.Join(", ", Data.Indicators.All.Select(i => i.Id)));
        return ind;
    }

    private static Sex SexOf(string? sex, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(sex)) return Sex.Total;
        if (Codes.TryParse<Sex>(sex, out var s)) return s;
        errors.Add("sex", "Choose one of: total, male, female.");
        return Sex.Total;
    }

    private static Area? AreaOf(DataSnapshot data, string field, string? text, bool required, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required) errors.Add(field, "Required: an M49 code (840), an ISO alpha-3 code (USA), a name, or world.");
            return null;
        }
        if (text.Length > 200) { errors.Add(field, "At most 200 characters."); return null; }
        var a = data.Areas.Find(text);
        if (a is null) errors.Add(field, "No country or area is known by that code or name.");
        return a;
    }

    public static AreaDto Dto(Area a) => new(a.Code, a.Iso3, a.Name, Codes.Of(a.Kind));

    public static SourceDto? Source(DataSnapshot data, Indicator i) => data.Source(i) is { } r ? Source(r) : null;

    public static SourceDto Source(DataRelease r) => new(r.Publisher, r.Title, r.Edition, r.Licence, Datasets.Get(r.Dataset).SourceUrl, r.Id);
}
