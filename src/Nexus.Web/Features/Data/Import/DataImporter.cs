using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Data.Areas;

namespace Nexus.Web.Features.Data.Import;

/// <summary>How far an import has got, for the command line and the upload page.</summary>
public sealed record ImportProgress(string Step, int Done, int Total);

/// <summary>The outcome of an import: the release stored, or the one already holding this very file.</summary>
public sealed record ImportResult(DataRelease Release, bool Unchanged, string Format);

/// <summary>
/// The one way figures enter Nexus. A file is recognised by its layout, read whole and checked (every area known,
/// no figure twice) before anything is written; then the release, its areas and its figures are written in one
/// transaction, so an error or a crash at any point leaves the database as it was. The same file twice (by SHA-256)
/// is recognised and changes nothing. A newer edition of a dataset becomes current; older ones stay queryable.
/// </summary>
public sealed class DataImporter(AppDbContext db, IEnumerable<IDataFormat> formats, TimeProvider clock, DataStore store)
{
    /// <summary>For tests: called after each batch of figures is written, inside the transaction.</summary>
    internal Action<int>? AfterBatch { get; set; }

    public IReadOnlyList<IDataFormat> Formats { get; } = formats.ToList();

    public async Task<ImportResult> ImportAsync(DataFile file, string importedBy, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        // The file is read while the database is asked whether it holds it already: in a fresh process the first
        // query costs as much as reading a workbook. A duplicate wastes one read of a file of bounded size.
        var reading = Task.Run(() =>
        {
            var format = Formats.FirstOrDefault(f => f.Recognizes(file)) ?? throw new DataImportException(
                "Nexus does not recognise this file's layout. It reads: " + string.Join("; ", Formats.Select(f => f.Name)) + ".");
            progress?.Report(new ImportProgress($"Reading {format.Name}", 0, 0));
            return (Format: format, Parsed: format.Read(file, ct));
        }, ct);
        var existing = await db.DataReleases.AsNoTracking().FirstOrDefaultAsync(r => r.Sha256 == file.Sha256, ct);
        if (existing is not null)
        {
            // Not awaited for its result; observed so that a refusal of a known file is not an unobserved exception.
            _ = reading.ContinueWith(t => t.Exception, TaskScheduler.Default);
            return new ImportResult(existing, true, "");
        }
        var (format, parsed) = await reading;
        var info = Datasets.Get(parsed.Dataset);

        // Areas first: an area list (M49, UN DESA's groups) defines the areas its own figures and later files use.
        var known = await db.Areas.AsNoTracking().ToDictionaryAsync(a => a.Code, ct);
        foreach (var a in parsed.Areas) if (parsed.DefinesAreas || !known.ContainsKey(a.Code)) known[a.Code] = a;
        var directory = new AreaDirectory(known.Values, AreaDirectory.Aliases);
        var rows = Resolve(parsed, directory);
        var areaCount = rows.Select(o => o.Area).Distinct().Count();

        var strategy = db.Database.CreateExecutionStrategy();
        var release = await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var release = new DataRelease
            {
                Dataset = parsed.Dataset,
                Title = Truncate(parsed.Title ?? info.Title, 300),
                Publisher = info.Publisher,
                Edition = parsed.Edition,
                EditionDate = parsed.EditionDate,
                Licence = info.Licence,
                FileName = Truncate(file.Name, 260),
                Sha256 = file.Sha256,
                ImportedAt = clock.GetUtcNow().UtcDateTime,
                ImportedBy = Truncate(importedBy, 200),
                Observations = rows.Count,
                Areas = parsed.Areas.Count > 0 ? parsed.Areas.Count : areaCount,
                Notes = Truncate(string.Join("\n", parsed.Skipped.OrderBy(s => s.Key).Select(s => $"{s.Value} rows not stored: {s.Key}")), 4000),
            };
            db.DataReleases.Add(release);
            await db.SaveChangesAsync(ct);
            if (parsed.Areas.Count > 0) await WriteAreasAsync(parsed, ct);
            await ObservationWriter.WriteAsync(db, release.Id, rows, (done, total) =>
            {
                progress?.Report(new ImportProgress("Writing figures", done, total));
                AfterBatch?.Invoke(done);
            }, ct);
            await MakeCurrentAsync(parsed.Dataset, ct);
            await tx.CommitAsync(ct);
            return release;
        });
        store.Invalidate();
        release.Current = await db.DataReleases.Where(r => r.Id == release.Id).Select(r => r.Current).SingleAsync(ct);
        return new ImportResult(release, false, format.Name);
    }

    /// <summary>Every figure with its areas resolved; refuses the file at the first unknown area or repeated figure.</summary>
    private static List<Observation> Resolve(ParsedRelease parsed, AreaDirectory directory)
    {
        var rows = new List<Observation>(parsed.Observations.Count);
        var seen = new HashSet<(string, int, int, Sex, int)>();
        // A file names the same few hundred areas on thousands of rows: resolve each spelling once.
        var resolved = new Dictionary<(int?, string?, string), Area>();
        foreach (var o in parsed.Observations)
        {
            var area = Area(o.Area);
            var counterpart = o.Counterpart is null ? 0 : Area(o.Counterpart).Code;
            if (!double.IsFinite(o.Value)) throw new DataImportException("The figure is not a finite number.", o.Area.At);
            if (!seen.Add((o.Indicator, area.Code, counterpart, o.Sex, o.Year)))
                throw new DataImportException($"The file gives a second figure for {area.Name}, {o.Year} ({o.Indicator}).", o.Area.At);
            rows.Add(new Observation
            {
                Indicator = o.Indicator, Area = area.Code, Counterpart = counterpart, Sex = o.Sex, Year = o.Year, Value = o.Value,
                Flag = o.Flag is { Length: > 0 } f ? Truncate(f, 8) : null, Note = o.Note is { Length: > 0 } n ? Truncate(n, 200) : null,
            });
        }
        // In (nearly) key order, so that inserts append to the primary key's B-tree instead of splitting pages at random.
        rows.Sort(static (a, b) =>
        {
            var c = string.CompareOrdinal(a.Indicator, b.Indicator);
            if (c == 0) c = a.Area.CompareTo(b.Area);
            if (c == 0) c = a.Counterpart.CompareTo(b.Counterpart);
            if (c == 0) c = a.Sex.CompareTo(b.Sex);
            return c != 0 ? c : a.Year.CompareTo(b.Year);
        });
        return rows;

        Area Area(AreaRef r)
        {
            if (resolved.TryGetValue((r.M49, r.Iso3, r.Name), out var known)) return known;
            return resolved[(r.M49, r.Iso3, r.Name)] = Lookup(r);
        }

        Area Lookup(AreaRef r) => directory.Resolve(r) ?? throw new DataImportException(
            r.M49 is { } code ? $"Area code {code} ({r.Name}) is not a UN M49 area or UN DESA aggregate known to Nexus."
            : r.Iso3 is { } iso ? $"ISO code {iso} ({r.Name}) is not a country or area known to Nexus."
            : $"\"{r.Name}\" is not a country or area name Nexus knows; add its spelling to area-aliases.csv if it is one.", r.At);
    }

    private async Task WriteAreasAsync(ParsedRelease parsed, CancellationToken ct)
    {
        var codes = parsed.Areas.Select(a => a.Code).ToList();
        var stored = await db.Areas.Where(a => codes.Contains(a.Code)).ToDictionaryAsync(a => a.Code, ct);
        foreach (var a in parsed.Areas)
        {
            if (stored.TryGetValue(a.Code, out var s))
            {
                if (!parsed.DefinesAreas) continue;
                s.Name = a.Name; s.Iso2 = a.Iso2; s.Iso3 = a.Iso3; s.Kind = a.Kind; s.ParentCode = a.ParentCode;
                s.Ldc = a.Ldc; s.Lldc = a.Lldc; s.Sids = a.Sids;
            }
            else db.Areas.Add(new Area
            {
                Code = a.Code, Name = a.Name, Iso2 = a.Iso2, Iso3 = a.Iso3, Kind = a.Kind, ParentCode = a.ParentCode,
                Ldc = a.Ldc, Lldc = a.Lldc, Sids = a.Sids,
            });
        }
        // A file that lists a group's members replaces that group's membership.
        var groups = parsed.Members.Select(m => m.GroupCode).Distinct().ToList();
        if (groups.Count > 0) await db.AreaMembers.Where(m => groups.Contains(m.GroupCode)).ExecuteDeleteAsync(ct);
        await db.SaveChangesAsync(ct);
        // Thousands of (group, member) pairs: one statement, not one tracked entity each (EF Core took 60 ms here).
        var pairs = parsed.Members.DistinctBy(m => (m.GroupCode, m.MemberCode)).ToList();
        if (pairs.Count == 0) return;
        if (db.Database.IsNpgsql())
        {
            var groupCodes = pairs.Select(m => m.GroupCode).ToArray();
            var memberCodes = pairs.Select(m => m.MemberCode).ToArray();
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"""INSERT INTO "AreaMembers" ("GroupCode", "MemberCode") SELECT * FROM unnest({groupCodes}, {memberCodes})""", ct);
        }
        else
        {
            var json = System.Text.Json.JsonSerializer.Serialize(pairs.Select(m => new[] { m.GroupCode, m.MemberCode }));
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"""INSERT INTO "AreaMembers" ("GroupCode", "MemberCode") SELECT value ->> 0, value ->> 1 FROM jsonb_each({json})""", ct);
        }
    }

    /// <summary>
    /// Removes a release and its figures, and makes the dataset's latest remaining edition current. Only the benchmark
    /// (<c>data import --repeat</c>) uses it: releases are otherwise kept, superseded but queryable.
    /// </summary>
    internal async Task RemoveAsync(int releaseId, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var dataset = await db.DataReleases.Where(r => r.Id == releaseId).Select(r => r.Dataset).SingleAsync(ct);
        await db.Observations.Where(o => o.ReleaseId == releaseId).ExecuteDeleteAsync(ct);
        await db.DataReleases.Where(r => r.Id == releaseId).ExecuteDeleteAsync(ct);
        if (await db.DataReleases.AnyAsync(r => r.Dataset == dataset, ct)) await MakeCurrentAsync(dataset, ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        store.Invalidate();
    }

    /// <summary>The latest edition of a dataset is current (the latest import of it breaks a tie).</summary>
    private async Task MakeCurrentAsync(string dataset, CancellationToken ct)
    {
        var latest = await db.DataReleases.Where(r => r.Dataset == dataset)
            .OrderByDescending(r => r.EditionDate).ThenByDescending(r => r.Id).Select(r => r.Id).FirstAsync(ct);
        await db.DataReleases.Where(r => r.Dataset == dataset).ExecuteUpdateAsync(s => s.SetProperty(r => r.Current, r => r.Id == latest), ct);
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
