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
        await using var cmd = transaction.Connection!.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = """
            INSERT INTO "Observations" ("ReleaseId", "Indicator", "Area", "Counterpart", "Sex", "Year", "Value", "Flag", "Note")
            VALUES ($r, $i, $a, $c, $s, $y, $v, $f, $n)
            """;
        var p = new[] { "$r", "$i", "$a", "$c", "$s", "$y", "$v", "$f", "$n" }.Select(name =>
        {
            var parameter = cmd.CreateParameter();
            parameter.ParameterName = name;
            cmd.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        p[0].Value = releaseId;
        await cmd.PrepareAsync(ct);
        for (var i = 0; i < rows.Count; i++)
        {
            var o = rows[i];
            p[1].Value = o.Indicator;
            p[2].Value = o.Area;
            p[3].Value = o.Counterpart;
            p[4].Value = o.Sex.ToString();
            p[5].Value = o.Year;
            p[6].Value = o.Value;
            p[7].Value = (object?)o.Flag ?? DBNull.Value;
            p[8].Value = (object?)o.Note ?? DBNull.Value;
            await cmd.ExecuteNonQueryAsync(ct);
            if ((i + 1) % Batch == 0 || i + 1 == rows.Count) progress(i + 1, rows.Count);
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
