using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Nexus.Web.Data;

namespace Nexus.Web.Features.Data.Import;

/// <summary>
/// Writes a release's figures inside the caller's transaction, in bulk: one prepared INSERT reused per row on SQLite,
/// binary COPY on PostgreSQL. Change tracking a few hundred thousand entities would take longer than reading the file.
/// </summary>
public static class ObservationWriter
{
    public const int Batch = 10_000;

    public static async Task WriteAsync(AppDbContext db, int releaseId, IReadOnlyList<Observation> rows, Action<int, int> progress, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Figures are written inside the import's transaction.");
        if (db.Database.IsNpgsql()) await CopyAsync((Npgsql.NpgsqlConnection)transaction.Connection!, releaseId, rows, progress, ct);
        else await InsertAsync(transaction, releaseId, rows, progress, ct);
    }

    private static async Task InsertAsync(System.Data.Common.DbTransaction transaction, int releaseId, IReadOnlyList<Observation> rows,
        Action<int, int> progress, CancellationToken ct)
    {
        // Each batch goes to SQLite as one JSON array that SQLite itself unpacks: one statement per 10,000 figures
        // instead of one per figure, since binding nine parameters per row from .NET costs more than SQLite's insert
        // itself (a 250-row multi-VALUES statement with bound parameters was 7x slower than this). jsonb_each hands
        // each row over as binary JSON, so the eight ->> lookups per row do not parse its text again: about a quarter
        // less time than json_each (bench/RESULTS.md, 2026-11-24).
        await using var cmd = transaction.Connection!.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = """
            INSERT INTO "Observations" ("ReleaseId", "Indicator", "Area", "Counterpart", "Sex", "Year", "Value", "Flag", "Note")
            SELECT $r, r.value ->> 0, r.value ->> 1, r.value ->> 2, r.value ->> 3, r.value ->> 4, r.value ->> 5, r.value ->> 6, r.value ->> 7
            FROM jsonb_each($rows) AS r
            """;
        var release = cmd.CreateParameter();
        release.ParameterName = "$r";
        release.Value = releaseId;
        cmd.Parameters.Add(release);
        var batch = cmd.CreateParameter();
        batch.ParameterName = "$rows";
        cmd.Parameters.Add(batch);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1 << 20);
        for (var start = 0; start < rows.Count; start += Batch)
        {
            ct.ThrowIfCancellationRequested();
            buffer.ResetWrittenCount();
            using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
            {
                json.WriteStartArray();
                for (var i = start; i < Math.Min(rows.Count, start + Batch); i++)
                {
                    var o = rows[i];
                    json.WriteStartArray();
                    json.WriteStringValue(o.Indicator);
                    json.WriteNumberValue(o.Area);
                    json.WriteNumberValue(o.Counterpart);
                    json.WriteStringValue(o.Sex.ToString());
                    json.WriteNumberValue(o.Year);
                    json.WriteNumberValue(o.Value); // shortest round-trip form: the stored double is the one read
                    if (o.Flag is null) json.WriteNullValue(); else json.WriteStringValue(o.Flag);
                    if (o.Note is null) json.WriteNullValue(); else json.WriteStringValue(o.Note);
                    json.WriteEndArray();
                }
                json.WriteEndArray();
            }
            batch.Value = System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
            cmd.ExecuteNonQuery();
            progress(Math.Min(rows.Count, start + Batch), rows.Count);
        }
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
