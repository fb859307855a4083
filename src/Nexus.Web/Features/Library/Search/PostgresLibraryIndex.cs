using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Nexus.Web.Data;

namespace Nexus.Web.Features.Library.Search;

/// <summary>
/// tsvector index kept in <see cref="LibraryDocument"/>'s own row, under a GIN index. The text is already
/// analysed by <see cref="TextAnalyzer"/>, so it is read with the 'simple' configuration (no further stemming);
/// weights A-D follow the field order of <see cref="IndexedText"/>.
/// </summary>
public sealed partial class PostgresLibraryIndex : ILibraryIndex
{
    public const string VectorColumn = "SearchVector";

    public Task WriteAsync(AppDbContext db, int itemId, IndexedText t, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            UPDATE "LibraryDocuments" SET "SearchVector" =
                setweight(to_tsvector('simple', {t.Title}), 'A') ||
                setweight(to_tsvector('simple', {t.Abstract}), 'B') ||
                setweight(to_tsvector('simple', {t.Meta}), 'B') ||
                setweight(to_tsvector('simple', {t.Body}), 'C') ||
                setweight(to_tsvector('simple', {t.Files}), 'D')
            WHERE "ItemId" = {itemId}
            """, ct);

    public Task RemoveAsync(AppDbContext db, int itemId, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""UPDATE "LibraryDocuments" SET "SearchVector" = NULL WHERE "ItemId" = {itemId}""", ct);

    public Task OptimizeAsync(AppDbContext db, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync("ANALYZE \"LibraryDocuments\"", ct);

    public async Task<List<ScoredItem>> MatchAsync(AppDbContext db, SearchQuery query, CancellationToken ct)
    {
        var tsquery = FtsSyntax.ToTsQuery(query);
        if (tsquery is null) return [];
        var connection = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
        var close = connection.State != System.Data.ConnectionState.Open;
        if (close) await connection.OpenAsync(ct);
        try
        {
            // ts_rank's weights are listed D, C, B, A.
            await using var cmd = new Npgsql.NpgsqlCommand("""
                SELECT d."ItemId", ts_rank('{0.1, 0.25, 0.5, 1.0}', d."SearchVector", q)
                FROM "LibraryDocuments" d, to_tsquery('simple', $1) q
                WHERE d."Visible" AND d."SearchVector" @@ q
                """, connection);
            cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = tsquery });
            if (db.Database.CurrentTransaction is { } tx) cmd.Transaction = (Npgsql.NpgsqlTransaction)tx.GetDbTransaction();
            var list = new List<ScoredItem>();
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) list.Add(new ScoredItem(reader.GetInt32(0), reader.GetFloat(1)));
            return list;
        }
        finally
        {
            if (close) await connection.CloseAsync();
        }
    }
}
