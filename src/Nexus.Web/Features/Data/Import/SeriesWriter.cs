using SQLitePCL;

namespace Nexus.Web.Features.Data.Import;

/// <summary>
/// Writes a release's figures inside the caller's transaction, a series to a row (<see cref="DataSeries"/>): one
/// prepared INSERT stepped per series on SQLite, binary COPY on PostgreSQL.
/// </summary>
public static class SeriesWriter
{
    /// <summary>Progress (and, in tests, an abort) is reported each time this many more figures are written.</summary>
    public const int Batch = 10_000;

    public static async Task WriteAsync(System.Data.Common.DbTransaction transaction, int releaseId, ResolvedFigures figures,
        Action<int, int> progress, CancellationToken ct)
    {
        if (transaction.Connection is Npgsql.NpgsqlConnection npgsql) await CopyAsync(npgsql, releaseId, figures, progress, ct);
        else Insert(transaction, releaseId, figures, progress, ct);
        progress(figures.Count, figures.Count);
    }

    private static void Points(SeriesPoints.Writer writer, List<Point> points)
    {
        writer.Start();
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            writer.Add(p.Year, p.Value, p.Flag, p.Note);
        }
    }

    /// <summary>Reports progress when the figures written so far crossed a multiple of <see cref="Batch"/>.</summary>
    private static void Crossed(int before, int after, int total, Action<int, int> progress, CancellationToken ct)
    {
        if (before / Batch == after / Batch) return;
        ct.ThrowIfCancellationRequested();
        progress(after, total);
    }

    private static void Insert(System.Data.Common.DbTransaction transaction, int releaseId, ResolvedFigures figures,
        Action<int, int> progress, CancellationToken ct)
    {
        // One prepared INSERT, stepped once per series through SQLite's own API (SQLitePCLRaw, which
        // Microsoft.Data.Sqlite is built on), binding by position inside the import's transaction; the points are
        // bound as the UTF-8 bytes the JSON writer produced. Through SqliteCommand each execution binds its
        // parameters by name and sets up a data reader, which cost more than SQLite's insert itself (bench/RESULTS.md).
        var connection = (Microsoft.Data.Sqlite.SqliteConnection)transaction.Connection!;
        var handle = connection.Handle!;
        const string sql = """
            INSERT INTO "DataSeries" ("ReleaseId", "Indicator", "Area", "Counterpart", "Sex", "Points") VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            """;
        Check(raw.sqlite3_prepare_v2(handle, sql, out var statement), handle);
        using (statement)
        using (var points = new SeriesPoints.Writer())
        {
            // Indicator ids and sexes repeat on every series: encode each once.
            var utf8 = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            byte[] Utf8(string text) => utf8.TryGetValue(text, out var bytes) ? bytes : utf8[text] = System.Text.Encoding.UTF8.GetBytes(text);
            Check(raw.sqlite3_bind_int(statement, 1, releaseId), handle);
            var done = 0;
            foreach (var series in figures.Series)
            {
                var key = series.Key;
                Points(points, series.Points);
                Check(raw.sqlite3_bind_text(statement, 2, Utf8(key.Indicator)), handle);
                Check(raw.sqlite3_bind_int(statement, 3, key.Area), handle);
                Check(raw.sqlite3_bind_int(statement, 4, key.Counterpart), handle);
                Check(raw.sqlite3_bind_text(statement, 5, Utf8(SexName(key.Sex))), handle);
                Check(raw.sqlite3_bind_text(statement, 6, points.End()), handle);
                var rc = raw.sqlite3_step(statement);
                if (rc != raw.SQLITE_DONE) Check(rc, handle);
                raw.sqlite3_reset(statement);
                Crossed(done, done += series.Points.Count, figures.Count, progress, ct);
            }
        }
    }

    /// <summary>How the model stores <see cref="Sex"/> (its name, as EF Core's string conversion writes it).</summary>
    private static string SexName(Sex sex) => sex switch
    {
        Sex.Total => nameof(Sex.Total),
        Sex.Male => nameof(Sex.Male),
        Sex.Female => nameof(Sex.Female),
        _ => throw new ArgumentOutOfRangeException(nameof(sex), sex, null),
    };

    private static void Check(int rc, SQLitePCL.sqlite3 handle)
    {
        if (rc != raw.SQLITE_OK) Microsoft.Data.Sqlite.SqliteException.ThrowExceptionForRC(rc, handle);
    }

    private static async Task CopyAsync(Npgsql.NpgsqlConnection connection, int releaseId, ResolvedFigures figures,
        Action<int, int> progress, CancellationToken ct)
    {
        using var points = new SeriesPoints.Writer();
        await using var writer = await connection.BeginBinaryImportAsync(
            """COPY "DataSeries" ("ReleaseId", "Indicator", "Area", "Counterpart", "Sex", "Points") FROM STDIN (FORMAT BINARY)""", ct);
        var done = 0;
        foreach (var series in figures.Series)
        {
            var key = series.Key;
            Points(points, series.Points);
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(releaseId, NpgsqlTypes.NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(key.Indicator, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(key.Area, NpgsqlTypes.NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(key.Counterpart, NpgsqlTypes.NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(SexName(key.Sex), NpgsqlTypes.NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(System.Text.Encoding.UTF8.GetString(points.End()), NpgsqlTypes.NpgsqlDbType.Text, ct);
            Crossed(done, done += series.Points.Count, figures.Count, progress, ct);
        }
        await writer.CompleteAsync(ct);
    }
}
