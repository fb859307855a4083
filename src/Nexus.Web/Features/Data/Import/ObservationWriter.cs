using SQLitePCL;

namespace Nexus.Web.Features.Data.Import;

/// <summary>
/// Writes a release's figures inside the caller's transaction, in bulk: one prepared INSERT stepped per row on SQLite,
/// binary COPY on PostgreSQL. Change tracking a few hundred thousand entities would take longer than reading the file.
/// </summary>
public static class ObservationWriter
{
    public const int Batch = 10_000;

    public static async Task WriteAsync(System.Data.Common.DbTransaction transaction, int releaseId, IReadOnlyList<Observation> rows,
        Action<int, int> progress, CancellationToken ct)
    {
        if (transaction.Connection is Npgsql.NpgsqlConnection npgsql) await CopyAsync(npgsql, releaseId, rows, progress, ct);
        else Insert(transaction, releaseId, rows, progress, ct);
    }

    private static void Insert(System.Data.Common.DbTransaction transaction, int releaseId, IReadOnlyList<Observation> rows,
        Action<int, int> progress, CancellationToken ct)
    {
        // One prepared INSERT, stepped once per figure through SQLite's own API (SQLitePCLRaw, which
        // Microsoft.Data.Sqlite is built on), binding by position inside the import's transaction. Through
        // SqliteCommand each execution binds its parameters by name and sets up a data reader, which cost more than
        // SQLite's insert itself; a JSON array unpacked by jsonb_each in batches spent more than half its time
        // extracting fields. Measured on the official files, 2026-11-24 (bench/RESULTS.md).
        var connection = (Microsoft.Data.Sqlite.SqliteConnection)transaction.Connection!;
        var handle = connection.Handle!;
        const string sql = """
            INSERT INTO "Observations" ("ReleaseId", "Indicator", "Area", "Counterpart", "Sex", "Year", "Value", "Flag", "Note")
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
            """;
        Check(raw.sqlite3_prepare_v2(handle, sql, out var statement), handle);
        using (statement)
        {
            // Indicator ids and sexes repeat on every row: encode each once.
            var utf8 = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            byte[] Utf8(string text) => utf8.TryGetValue(text, out var bytes) ? bytes : utf8[text] = System.Text.Encoding.UTF8.GetBytes(text);
            var sexes = Enum.GetValues<Sex>().ToDictionary(x => x, x => System.Text.Encoding.UTF8.GetBytes(x.ToString()));
            Check(raw.sqlite3_bind_int(statement, 1, releaseId), handle);
            for (var i = 0; i < rows.Count; i++)
            {
                var o = rows[i];
                Check(raw.sqlite3_bind_text(statement, 2, Utf8(o.Indicator)), handle);
                Check(raw.sqlite3_bind_int(statement, 3, o.Area), handle);
                Check(raw.sqlite3_bind_int(statement, 4, o.Counterpart), handle);
                Check(raw.sqlite3_bind_text(statement, 5, sexes[o.Sex]), handle);
                Check(raw.sqlite3_bind_int(statement, 6, o.Year), handle);
                Check(raw.sqlite3_bind_double(statement, 7, o.Value), handle);
                Check(o.Flag is null ? raw.sqlite3_bind_null(statement, 8) : raw.sqlite3_bind_text(statement, 8, o.Flag), handle);
                Check(o.Note is null ? raw.sqlite3_bind_null(statement, 9) : raw.sqlite3_bind_text(statement, 9, o.Note), handle);
                var rc = raw.sqlite3_step(statement);
                if (rc != raw.SQLITE_DONE) Check(rc, handle);
                raw.sqlite3_reset(statement);
                if ((i + 1) % Batch == 0)
                {
                    ct.ThrowIfCancellationRequested();
                    progress(i + 1, rows.Count);
                }
            }
        }
        progress(rows.Count, rows.Count);
    }

    private static void Check(int rc, SQLitePCL.sqlite3 handle)
    {
        if (rc != raw.SQLITE_OK) Microsoft.Data.Sqlite.SqliteException.ThrowExceptionForRC(rc, handle);
    }

    private static async Task CopyAsync(Npgsql.NpgsqlConnection connection, int releaseId, IReadOnlyList<Observation> rows,
        Action<int, int> progress, CancellationToken ct)
    {
        await using (var writer = await connection.BeginBinaryImportAsync(
            """COPY "Observations" ("ReleaseId", "Indicator", "Area", "Counterpart", "Sex", "Year", "Value", "Flag", "Note") FROM STDIN (FORMAT BINARY)""", ct))
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var o = rows[i];
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(releaseId, NpgsqlTypes.NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(o.Indicator, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(o.Area, NpgsqlTypes.NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(o.Counterpart, NpgsqlTypes.NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(o.Sex.ToString(), NpgsqlTypes.NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(o.Year, NpgsqlTypes.NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(o.Value, NpgsqlTypes.NpgsqlDbType.Double, ct);
                if (o.Flag is null) await writer.WriteNullAsync(ct); else await writer.WriteAsync(o.Flag, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
                if (o.Note is null) await writer.WriteNullAsync(ct); else await writer.WriteAsync(o.Note, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
                if ((i + 1) % Batch == 0) progress(i + 1, rows.Count);
            }
            await writer.CompleteAsync(ct);
        }
        progress(rows.Count, rows.Count);
    }
}
