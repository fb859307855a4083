using System.Collections.Concurrent;
using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Data.Areas;

namespace Nexus.Web.Features.Data;

public readonly record struct Point(int Year, double Value, string? Flag, string? Note);

public readonly record struct SeriesKey(string Indicator, int Area, int Counterpart, Sex Sex);

public sealed record Ranked(Area Area, double Value, string? Flag);

/// <summary>
/// The figures of every current release, in memory. The whole portal reads a few hundred thousand numbers that
/// change only when someone imports a file, so pages and the API answer from dictionaries instead of querying.
/// An import on this node drops the snapshot at once; other nodes notice within <see cref="RecheckEvery"/> by
/// comparing the set of current releases.
/// </summary>
public sealed class DataStore(IServiceScopeFactory scopes, TimeProvider clock)
{
    public static readonly TimeSpan RecheckEvery = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private DataSnapshot? _current;
    private DateTimeOffset _checkedAt;

    public void Invalidate() => _current = null;

    public async Task<DataSnapshot> CurrentAsync(CancellationToken ct)
    {
        var snapshot = _current;
        if (snapshot is not null && clock.GetUtcNow() - _checkedAt < RecheckEvery) return snapshot;
        await _gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var releases = await db.DataReleases.AsNoTracking().Where(r => r.Current).OrderBy(r => r.Id).ToListAsync(ct);
            var areaCount = await db.Areas.CountAsync(ct);
            var version = string.Join(',', releases.Select(r => r.Id)) + "/" + areaCount;
            if (_current is { } held && held.Version == version)
            {
                _checkedAt = clock.GetUtcNow();
                return held;
            }
            var ids = releases.Select(r => r.Id).ToList();
            // A series is stored whole, oldest year first; two current releases never hold the same indicator.
            var rows = await db.DataSeries.AsNoTracking().Where(o => ids.Contains(o.ReleaseId)).ToListAsync(ct);
            var areas = await AreaDirectory.LoadAsync(db, ct);
            var members = await db.AreaMembers.AsNoTracking().ToListAsync(ct);
            var series = rows.ToFrozenDictionary(o => new SeriesKey(o.Indicator, o.Area, o.Counterpart, o.Sex), o => SeriesPoints.Decode(o.Points));
            _current = new DataSnapshot(version, releases, areas, series, members);
            _checkedAt = clock.GetUtcNow();
            return _current;
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <summary>An immutable state of the portal's figures; read without locks.</summary>
public sealed class DataSnapshot
{
    private readonly FrozenDictionary<SeriesKey, Point[]> _series;
    private readonly ConcurrentDictionary<(string, Sex, int), IReadOnlyList<Ranked>> _rankings = new();
    private readonly FrozenDictionary<(string Indicator, int Area), SeriesKey[]> _byArea;
    private readonly FrozenDictionary<(string Indicator, int Counterpart), SeriesKey[]> _byCounterpart;

    public DataSnapshot(string version, IReadOnlyList<DataRelease> releases, AreaDirectory areas,
        FrozenDictionary<SeriesKey, Point[]> series, IReadOnlyList<AreaMember> members)
    {
        Version = version;
        Releases = releases.ToFrozenDictionary(r => r.Dataset);
        Areas = areas;
        _series = series;
        Members = members;
        _byArea = series.Keys.Where(k => k.Counterpart != 0).GroupBy(k => (k.Indicator, k.Area)).ToFrozenDictionary(g => g.Key, g => g.ToArray());
        _byCounterpart = series.Keys.Where(k => k.Counterpart != 0).GroupBy(k => (k.Indicator, k.Counterpart)).ToFrozenDictionary(g => g.Key, g => g.ToArray());
        Years = series.GroupBy(s => s.Key.Indicator)
            .ToFrozenDictionary(g => g.Key, g => (IReadOnlyList<int>)g.SelectMany(s => s.Value.Select(p => p.Year)).Distinct().Order().ToArray());
    }

    public string Version { get; }
    public FrozenDictionary<string, DataRelease> Releases { get; }
    public AreaDirectory Areas { get; }
    public IReadOnlyList<AreaMember> Members { get; }

    /// <summary>The years an indicator has figures for, oldest first.</summary>
    public FrozenDictionary<string, IReadOnlyList<int>> Years { get; }

    /// <summary>The current release an indicator's figures come from, or null when none is imported.</summary>
    public DataRelease? Source(Indicator indicator) => Releases.GetValueOrDefault(indicator.Dataset);

    public IReadOnlyList<Point> Series(string indicator, int area, Sex sex = Sex.Total, int counterpart = 0) =>
        _series.GetValueOrDefault(new SeriesKey(indicator, area, counterpart, sex)) ?? [];

    public double? Value(string indicator, int area, int year, Sex sex = Sex.Total, int counterpart = 0)
    {
        foreach (var p in Series(indicator, area, sex, counterpart)) if (p.Year == year) return p.Value;
        return null;
    }

    /// <summary>
    /// The area whose figures stand for <paramref name="area"/>: itself, or for an M49 region that has no figures of
    /// its own, UN DESA's aggregate of the same name (DESA numbers its regions in its own range: Africa is 903 there,
    /// 002 in M49). Null when neither has figures.
    /// </summary>
    public Area? FiguresFor(Area area)
    {
        bool HasFigures(Area a) => Series(Indicators.MigrantStock, a.Code).Count > 0 || Series(Indicators.EmigrantStock, a.Code).Count > 0;
        if (HasFigures(area)) return area;
        if (area.Kind is not (AreaKind.Region or AreaKind.SubRegion or AreaKind.IntermediateRegion)) return null;
        var key = AreaNames.Key(area.Name);
        return Areas.All.Where(a => a.Kind == AreaKind.Group && AreaNames.Key(a.Name) == key && HasFigures(a))
            .OrderBy(a => a.Code).FirstOrDefault();
    }

    /// <summary>Countries and areas (never aggregates) by their value in a year, largest first.</summary>
    public IReadOnlyList<Ranked> Ranking(string indicator, Sex sex, int year) => _rankings.GetOrAdd((indicator, sex, year), _ =>
    {
        var list = new List<Ranked>();
        foreach (var area in Areas.All)
        {
            if (!area.IsCountry) continue;
            foreach (var p in Series(indicator, area.Code, sex))
                if (p.Year == year) { list.Add(new Ranked(area, p.Value, p.Flag)); break; }
        }
        return list.OrderByDescending(r => r.Value).ThenBy(r => r.Area.Name, StringComparer.Ordinal).ToList();
    });

    /// <summary>
    /// The other ends of a bilateral indicator for one area in one year, largest first: its origins (or sending
    /// countries) when <paramref name="asCounterpart"/> is false, else the destinations it is an origin of.
    /// Countries only.
    /// </summary>
    public IReadOnlyList<Ranked> Partners(string indicator, int area, int year, Sex sex = Sex.Total, bool asCounterpart = false) =>
        // Memoised like rankings: a profile asks for the same lists on every view until the data changes.
        _partners.GetOrAdd((indicator, area, year, sex, asCounterpart), k => FindPartners(k.Item1, k.Item2, k.Item3, k.Item4, k.Item5));

    private readonly ConcurrentDictionary<(string, int, int, Sex, bool), IReadOnlyList<Ranked>> _partners = new();

    private List<Ranked> FindPartners(string indicator, int area, int year, Sex sex, bool asCounterpart)
    {
        var keys = asCounterpart ? _byCounterpart.GetValueOrDefault((indicator, area)) : _byArea.GetValueOrDefault((indicator, area));
        var list = new List<Ranked>();
        foreach (var k in keys ?? [])
        {
            if (k.Sex != sex) continue;
            var other = Areas.ByCode(asCounterpart ? k.Area : k.Counterpart);
            if (other is not { IsCountry: true }) continue;
            foreach (var p in _series[k])
                if (p.Year == year) { list.Add(new Ranked(other, p.Value, p.Flag)); break; }
        }
        return list.OrderByDescending(r => r.Value).ThenBy(r => r.Area.Name, StringComparer.Ordinal).ToList();
    }
}
