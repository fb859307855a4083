using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Nexus.Web.Data;
using Nexus.Web.Features.Data.Areas;

namespace Nexus.Web.Features.Data.Import;

/// <summary>How far an import has got, for the command line and the upload page.</summary>
public sealed record ImportProgress(string Step, int Done, int Total);

/// <summary>One series of a file as the importer gathers it: its key, and its points (oldest first once resolved).</summary>
public sealed class ResolvedSeries(SeriesKey key)
{
    public SeriesKey Key { get; } = key;
    public List<Point> Points { get; } = [];
}

/// <summary>A file's figures ready to store: its series in key order, how many figures, and how many areas they cover.</summary>
public sealed record ResolvedFigures(ResolvedSeries[] Series, int Count, int Areas);

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

    /// <summary>The import's transaction while it is open.</summary>
    private System.Data.Common.DbTransaction? _transaction;

    public async Task<ImportResult> ImportAsync(DataFile file, string importedBy, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        // The file is read on another thread while the database is asked whether it holds the file already and the
        // stored areas are loaded: in a fresh process the first query costs as much as reading a workbook. A
        // duplicate wastes one read of a file of bounded size.
        var reading = Task.Run(() =>
        {
            var format = Formats.FirstOrDefault(f => f.Recognizes(file)) ?? throw new DataImportException(
                "Nexus does not recognise this file's layout. It reads: " + string.Join("; ", Formats.Select(f => f.Name)) + ".");
            progress?.Report(new ImportProgress($"Reading {format.Name}", 0, 0));
            return new Reading(format, format.Read(file, ct));
        }, ct);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (await ScalarAsync("""SELECT "Id" FROM "DataReleases" WHERE "Sha256" = @p0""", [file.Sha256], ct) is { } existingId)
            {
                // Not awaited for its result; observed so that a refusal of a known file is not an unobserved exception.
                _ = reading.ContinueWith(t => t.Exception, TaskScheduler.Default);
                var id = Convert.ToInt32(existingId);
                var existing = await db.DataReleases.AsNoTracking().SingleAsync(r => r.Id == id, ct);
                return new ImportResult(existing, true, "");
            }
            var known = await LoadAreasAsync(ct);
            // The directory is built while the file is still being read. An area list is read by now and names no
            // areas to resolve: building its directory would take longer than reading the M49 list.
            var directory = reading.IsCompletedSuccessfully && reading.Result.Parsed.Observations.Count == 0
                ? null : new AreaDirectory(known.Values, AreaDirectory.Aliases);
            var (format, parsed) = await reading;
            var info = Datasets.Get(parsed.Dataset);

            // An area list (M49, UN DESA's groups) defines the areas its own figures and later files use. Only the
            // areas it adds or changes are written: a list imported again over itself writes none.
            var changedAreas = new List<Area>();
            var listed = new Dictionary<int, Area>();
            foreach (var a in parsed.Areas)
                if (listed.TryAdd(a.Code, a) && (!known.TryGetValue(a.Code, out var stored) || (parsed.DefinesAreas && !SameArea(stored, a))))
                {
                    changedAreas.Add(a);
                    known[a.Code] = a;
                }
            if (parsed.Observations.Count > 0 && (directory is null || changedAreas.Count > 0)) directory = new AreaDirectory(known.Values, AreaDirectory.Aliases);
            var figures = directory is null ? new ResolvedFigures([], 0, 0) : Resolve(parsed, directory);

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
                Observations = figures.Count,
                Areas = parsed.Areas.Count > 0 ? parsed.Areas.Count : figures.Areas,
                Notes = Truncate(SkippedNotes(parsed.Skipped), 4000),
            };
            // The connection's own transaction: nothing in it goes through EF Core.
            await using (var tx = _transaction = await db.Database.GetDbConnection().BeginTransactionAsync(ct))
            {
                release.Id = await InsertReleaseAsync(release, ct);
                await WriteAreasAsync(parsed, changedAreas, ct);
                await SeriesWriter.WriteAsync(tx, release.Id, figures, (done, total) =>
                {
                    progress?.Report(new ImportProgress("Writing figures", done, total));
                    AfterBatch?.Invoke(done);
                }, ct);
                await MakeCurrentAsync(parsed.Dataset, ct);
                await tx.CommitAsync(ct);
            }
            _transaction = null;
            store.Invalidate();
            release.Current = Convert.ToBoolean(await ScalarAsync("""SELECT "Current" FROM "DataReleases" WHERE "Id" = @p0""", [release.Id], ct));
            return new ImportResult(release, false, format.Name);
        }
        finally
        {
            _transaction = null;
            await db.Database.CloseConnectionAsync();
        }
    }

    private sealed record Reading(IDataFormat Format, ParsedRelease Parsed);

    /// <summary>
    /// The series gathered so far, by key. A Dictionary keyed by <see cref="SeriesKey"/> itself would be the plain
    /// choice, but ReadyToRun cannot precompile the framework's generic code over a struct of ours, and in a one-shot
    /// <c>data import</c> compiling that code (and LINQ over tuples) took longer than reading a KNOMAD workbook (the
    /// JIT figures `data import` prints). Keyed by an object compared field by field, the dictionary runs the
    /// framework's shared code for reference types, compiled ahead of time.
    /// </summary>
    private sealed class SeriesIndex : IEqualityComparer<SeriesIndex.Box>
    {
        internal sealed class Box(SeriesKey key)
        {
            public SeriesKey Key = key;
        }

        private readonly Dictionary<Box, ResolvedSeries> _series;
        private readonly Box _probe = new(default);

        public SeriesIndex() => _series = new Dictionary<Box, ResolvedSeries>(this);

        public ResolvedSeries? Find(SeriesKey key)
        {
            _probe.Key = key;
            return _series.TryGetValue(_probe, out var found) ? found : null;
        }

        public void Add(ResolvedSeries series) => _series.Add(new Box(series.Key), series);

        public static bool Same(SeriesKey a, SeriesKey b) =>
            a.Area == b.Area && a.Counterpart == b.Counterpart && a.Sex == b.Sex && string.Equals(a.Indicator, b.Indicator);

        bool IEqualityComparer<Box>.Equals(Box? a, Box? b) => a is not null && b is not null && Same(a.Key, b.Key);

        int IEqualityComparer<Box>.GetHashCode(Box box)
        {
            var k = box.Key;
            return ((k.Indicator.GetHashCode() * 31 + k.Area) * 31 + k.Counterpart) * 31 + (int)k.Sex;
        }
    }

    private static string SkippedNotes(Dictionary<string, int> skipped)
    {
        var reasons = new List<string>(skipped.Keys);
        reasons.Sort();
        var notes = new System.Text.StringBuilder();
        foreach (var reason in reasons)
            notes.Append(notes.Length > 0 ? "\n" : "").Append(skipped[reason]).Append(" rows not stored: ").Append(reason);
        return notes.ToString();
    }

    /// <summary>
    /// Every figure with its areas resolved, gathered into its series (in key order, points oldest first); refuses the
    /// file at the first unknown area, figure that is not a finite number, or figure given twice.
    /// </summary>
    private static ResolvedFigures Resolve(ParsedRelease parsed, AreaDirectory directory)
    {
        // A file names the same few hundred areas on thousands of rows: resolve each spelling once. The readers hand
        // over one AreaRef per row (or per column) for all of its figures, so most lookups end at the reference.
        var resolved = new Dictionary<string, Area>(StringComparer.Ordinal);
        var byReference = new Dictionary<AreaRef, Area>(ReferenceEqualityComparer.Instance);
        // Files give a series' figures one after another (a row of years, or a column of them), so the series of the
        // previous figure is tried before the index.
        var index = new SeriesIndex();
        var series = new List<ResolvedSeries>();
        var areas = new Dictionary<int, Area>();
        ResolvedSeries? last = null;
        foreach (var o in parsed.Observations)
        {
            var area = Area(o.Area);
            var counterpart = o.Counterpart is null ? 0 : Area(o.Counterpart).Code;
            if (!double.IsFinite(o.Value)) throw new DataImportException("The figure is not a finite number.", o.Area.At);
            var key = new SeriesKey(o.Indicator, area.Code, counterpart, o.Sex);
            if (last is null || !SeriesIndex.Same(key, last.Key))
            {
                last = index.Find(key);
                if (last is null)
                {
                    series.Add(last = new ResolvedSeries(key));
                    index.Add(last);
                    areas.TryAdd(area.Code, area);
                }
            }
            last.Points.Add(new Point(o.Year, o.Value, o.Flag is { Length: > 0 } f ? Truncate(f, 8) : null, o.Note is { Length: > 0 } n ? Truncate(n, 200) : null));
        }

        // Points oldest first; a year given twice sits next to its twin once they are in order.
        var count = 0;
        foreach (var s in series)
        {
            var key = s.Key;
            var points = s.Points;
            count += points.Count;
            for (var i = 1; i < points.Count; i++)
                if (points[i - 1].Year >= points[i].Year)
                {
                    points.Sort(static (a, b) => a.Year.CompareTo(b.Year));
                    break;
                }
            for (var i = 1; i < points.Count; i++)
                if (points[i - 1].Year == points[i].Year) throw Repeated(key, points[i].Year);
        }
        // Series in key order, so that inserts append to the primary key's B-tree.
        var ordered = series.ToArray();
        Array.Sort(ordered, static (a, b) =>
        {
            var c = string.CompareOrdinal(a.Key.Indicator, b.Key.Indicator);
            if (c == 0) c = a.Key.Area.CompareTo(b.Key.Area);
            if (c == 0) c = a.Key.Counterpart.CompareTo(b.Key.Counterpart);
            return c != 0 ? c : ((int)a.Key.Sex).CompareTo((int)b.Key.Sex);
        });
        return new ResolvedFigures(ordered, count, areas.Count);

        // The place of the figure's second occurrence in the file, for the message.
        DataImportException Repeated(SeriesKey key, int year)
        {
            var seen = 0;
            foreach (var o in parsed.Observations)
                if (o.Indicator == key.Indicator && o.Sex == key.Sex && o.Year == year && Area(o.Area).Code == key.Area
                    && (o.Counterpart is null ? 0 : Area(o.Counterpart).Code) == key.Counterpart && ++seen == 2)
                    return new DataImportException($"The file gives a second figure for {Area(o.Area).Name}, {o.Year} ({o.Indicator}).", o.Area.At);
            return new DataImportException($"The file gives a second figure for area {key.Area}, {year} ({key.Indicator}).");
        }

        Area Area(AreaRef r)
        {
            if (byReference.TryGetValue(r, out var area)) return area;
            var key = $"{r.M49}|{r.Iso3}|{r.Name}";
            if (!resolved.TryGetValue(key, out area)) resolved[key] = area = Lookup(r);
            return byReference[r] = area;
        }

        Area Lookup(AreaRef r) => directory.Resolve(r) ?? throw new DataImportException(
            r.M49 is { } code ? $"Area code {code} ({r.Name}) is not a UN M49 area or UN DESA aggregate known to Nexus."
            : r.Iso3 is { } iso ? $"ISO code {iso} ({r.Name}) is not a country or area known to Nexus."
            : $"\"{r.Name}\" is not a country or area name Nexus knows; add its spelling to area-aliases.csv if it is one.", r.At);
    }

    // The import's own statements are plain SQL on the context's connection, in its transaction. Through LINQ and
    // SaveChanges each would be compiled on first use, which in a one-shot `data import` cost 0.15-0.2 s, more than
    // reading most of the official files (bench/RESULTS.md, 2026-11-24). The SQL is the same on SQLite and
    // PostgreSQL (both have RETURNING, ON CONFLICT and "excluded"); the identifiers are the model's.

    private async Task<Dictionary<int, Area>> LoadAreasAsync(CancellationToken ct)
    {
        var areas = new Dictionary<int, Area>();
        await using var cmd = Command("""SELECT "Code", "Name", "Iso2", "Iso3", "Kind", "ParentCode", "Ldc", "Lldc", "Sids" FROM "Areas" """, []);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var a = new Area
            {
                Code = reader.GetInt32(0), Name = reader.GetString(1),
                Iso2 = reader.IsDBNull(2) ? null : reader.GetString(2), Iso3 = reader.IsDBNull(3) ? null : reader.GetString(3),
                Kind = Kind(reader.GetString(4)), ParentCode = reader.IsDBNull(5) ? null : reader.GetInt32(5),
                Ldc = reader.GetBoolean(6), Lldc = reader.GetBoolean(7), Sids = reader.GetBoolean(8),
            };
            areas[a.Code] = a;
        }
        return areas;
    }

    /// <summary>An area's kind as stored (its name): a switch, as Enum.Parse goes through reflection for every row.</summary>
    private static AreaKind Kind(string name) => name switch
    {
        nameof(AreaKind.Country) => AreaKind.Country,
        nameof(AreaKind.Region) => AreaKind.Region,
        nameof(AreaKind.SubRegion) => AreaKind.SubRegion,
        nameof(AreaKind.IntermediateRegion) => AreaKind.IntermediateRegion,
        nameof(AreaKind.Group) => AreaKind.Group,
        nameof(AreaKind.World) => AreaKind.World,
        _ => (AreaKind)Enum.Parse(typeof(AreaKind), name),
    };

    private async Task<int> InsertReleaseAsync(DataRelease r, CancellationToken ct)
    {
        var id = await ScalarAsync("""
            INSERT INTO "DataReleases" ("Dataset", "Title", "Publisher", "Edition", "EditionDate", "Licence", "FileName", "Sha256",
                "ImportedAt", "ImportedBy", "Observations", "Areas", "Notes", "Current")
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13)
            RETURNING "Id"
            """, [r.Dataset, r.Title, r.Publisher, r.Edition, r.EditionDate, r.Licence, r.FileName, r.Sha256,
                r.ImportedAt, r.ImportedBy, r.Observations, r.Areas, r.Notes, false], ct);
        return Convert.ToInt32(id);
    }

    private static bool SameArea(Area a, Area b) =>
        a.Name == b.Name && a.Iso2 == b.Iso2 && a.Iso3 == b.Iso3 && a.Kind == b.Kind && a.ParentCode == b.ParentCode
        && a.Ldc == b.Ldc && a.Lldc == b.Lldc && a.Sids == b.Sids;

    private async Task WriteAreasAsync(ParsedRelease parsed, List<Area> areas, CancellationToken ct)
    {
        // An area list replaces what is stored of the areas it lists; a data file only adds the aggregates it uses
        // that are not yet known. The conflict clause still guards against an area stored by another import since
        // the areas were loaded.
        if (areas.Count > 0) await UpsertAreasAsync(parsed.DefinesAreas, areas, ct);
        await ReplaceMembersAsync(parsed.Members, ct);
    }

    private async Task UpsertAreasAsync(bool definesAreas, List<Area> areas, CancellationToken ct)
    {
        var onConflict = definesAreas
            ? """
              DO UPDATE SET "Name" = excluded."Name", "Iso2" = excluded."Iso2", "Iso3" = excluded."Iso3", "Kind" = excluded."Kind",
                  "ParentCode" = excluded."ParentCode", "Ldc" = excluded."Ldc", "Lldc" = excluded."Lldc", "Sids" = excluded."Sids"
              """
            : "DO NOTHING";
        const string columns = """ "Code", "Name", "Iso2", "Iso3", "Kind", "ParentCode", "Ldc", "Lldc", "Sids" """;
        if (db.Database.IsNpgsql())
        {
            await ExecuteAsync($"""
                INSERT INTO "Areas" ({columns}) SELECT * FROM unnest(@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8)
                ON CONFLICT ("Code") {onConflict}
                """, [areas.Select(a => a.Code).ToArray(), areas.Select(a => a.Name).ToArray(), areas.Select(a => a.Iso2).ToArray(),
                    areas.Select(a => a.Iso3).ToArray(), areas.Select(a => a.Kind.ToString()).ToArray(), areas.Select(a => a.ParentCode).ToArray(),
                    areas.Select(a => a.Ldc).ToArray(), areas.Select(a => a.Lldc).ToArray(), areas.Select(a => a.Sids).ToArray()], ct);
        }
        else
        {
            // A few hundred rows: one statement executed per area, which SQLite prepares once and runs in-process.
            await using var cmd = Command($"""
                INSERT INTO "Areas" ({columns}) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8) ON CONFLICT ("Code") {onConflict}
                """, new object?[9]);
            foreach (var a in areas)
            {
                object?[] values = [a.Code, a.Name, a.Iso2, a.Iso3, a.Kind.ToString(), a.ParentCode, a.Ldc, a.Lldc, a.Sids];
                for (var i = 0; i < values.Length; i++) cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
                await cmd.ExecuteNonQueryAsync(ct);
            }
        }

    }

    private async Task ReplaceMembersAsync(List<AreaMember> members, CancellationToken ct)
    {
        // A file that lists a group's members replaces that group's membership: thousands of (group, member) pairs,
        // in two statements. Pairs are sorted so that repeats sit together (no LINQ over tuples: see SeriesIndex).
        if (members.Count == 0) return;
        var sorted = members.ToArray();
        Array.Sort(sorted, static (a, b) => a.GroupCode != b.GroupCode ? a.GroupCode.CompareTo(b.GroupCode) : a.MemberCode.CompareTo(b.MemberCode));
        var pairs = new List<AreaMember>(sorted.Length);
        var groupList = new List<int>();
        foreach (var m in sorted)
        {
            if (pairs.Count > 0 && pairs[^1].GroupCode == m.GroupCode && pairs[^1].MemberCode == m.MemberCode) continue;
            if (pairs.Count == 0 || pairs[^1].GroupCode != m.GroupCode) groupList.Add(m.GroupCode);
            pairs.Add(m);
        }
        var groups = groupList.ToArray();
        if (db.Database.IsNpgsql())
        {
            await ExecuteAsync("""DELETE FROM "AreaMembers" WHERE "GroupCode" = ANY(@p0)""", [groups], ct);
            await ExecuteAsync("""INSERT INTO "AreaMembers" ("GroupCode", "MemberCode") SELECT * FROM unnest(@p0, @p1)""",
                [pairs.Select(m => m.GroupCode).ToArray(), pairs.Select(m => m.MemberCode).ToArray()], ct);
        }
        else
        {
            await ExecuteAsync("""DELETE FROM "AreaMembers" WHERE "GroupCode" IN (SELECT value FROM json_each(@p0))""",
                [System.Text.Json.JsonSerializer.Serialize(groups)], ct);
            await ExecuteAsync("""INSERT INTO "AreaMembers" ("GroupCode", "MemberCode") SELECT value ->> 0, value ->> 1 FROM json_each(@p0)""",
                [System.Text.Json.JsonSerializer.Serialize(pairs.Select(m => new[] { m.GroupCode, m.MemberCode }))], ct);
        }
    }

    /// <summary>The latest edition of a dataset is current (the latest import of it breaks a tie).</summary>
    private Task MakeCurrentAsync(string dataset, CancellationToken ct) => ExecuteAsync("""
        UPDATE "DataReleases" SET "Current" = ("Id" = (
            SELECT "Id" FROM "DataReleases" WHERE "Dataset" = @p0 ORDER BY "EditionDate" DESC, "Id" DESC LIMIT 1))
        WHERE "Dataset" = @p0
        """, [dataset], ct);

    private System.Data.Common.DbCommand Command(string sql, object?[] args)
    {
        var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = _transaction ?? db.Database.CurrentTransaction?.GetDbTransaction();
        for (var i = 0; i < args.Length; i++)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = "@p" + i;
            p.Value = args[i] ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    private async Task<object?> ScalarAsync(string sql, object?[] args, CancellationToken ct)
    {
        await using var cmd = Command(sql, args);
        var value = await cmd.ExecuteScalarAsync(ct);
        return value is DBNull ? null : value;
    }

    private async Task ExecuteAsync(string sql, object?[] args, CancellationToken ct)
    {
        await using var cmd = Command(sql, args);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Removes a release and its figures, and makes the dataset's latest remaining edition current. Only the benchmark
    /// (<c>data import --repeat</c>) uses it: releases are otherwise kept, superseded but queryable.
    /// </summary>
    internal async Task RemoveAsync(int releaseId, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var dataset = await db.DataReleases.Where(r => r.Id == releaseId).Select(r => r.Dataset).SingleAsync(ct);
        await db.DataSeries.Where(o => o.ReleaseId == releaseId).ExecuteDeleteAsync(ct);
        await db.DataReleases.Where(r => r.Id == releaseId).ExecuteDeleteAsync(ct);
        if (await db.DataReleases.AnyAsync(r => r.Dataset == dataset, ct)) await MakeCurrentAsync(dataset, ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        store.Invalidate();
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
