using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Nexus.Web.Data;

namespace Nexus.Web.Features.Library.Search;

/// <summary>
/// tsvector index kept in <see cref="LibraryDocument"/>'s own row, under a GIN index. The text is already
/// analysed by <see cref="TextAnalyzer"/>, so it is read with the 'simple' configuration (no further stemming);
/// weights A-D follow the field order of <see cref="IndexedText"/>.
/// </summary>
public sealed partial class PostgresLibraryIndex(IConfiguration config) : ILibraryIndex
{
    private readonly int _maxScored = LibraryRanking.Configured(config);

    public const string VectorColumn = "SearchVector";
    public const string TitleVectorColumn = "TitleVector";

    public Task WriteAsync(AppDbContext db, int itemId, IndexedText t, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            UPDATE "LibraryDocuments" SET "SearchVector" =
                setweight(to_tsvector('simple', {t.Title}), 'A') ||
                setweight(to_tsvector('simple', {t.Abstract}), 'B') ||
                setweight(to_tsvector('simple', {t.Meta}), 'B') ||
                setweight(to_tsvector('simple', {t.Body}), 'C') ||
                setweight(to_tsvector('simple', {t.Files}), 'D'),
                "TitleVector" = to_tsvector('simple', {t.Title})
            WHERE "ItemId" = {itemId}
            """, ct);

    public Task RemoveAsync(AppDbContext db, int itemId, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""UPDATE "LibraryDocuments" SET "SearchVector" = NULL, "TitleVector" = NULL WHERE "ItemId" = {itemId}""", ct);

    public Task OptimizeAsync(AppDbContext db, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync("ANALYZE \"LibraryDocuments\"", ct);

    public async Task<IReadOnlyList<ScoredItem>> MatchAsync(AppDbContext db, SearchQuery query, CancellationToken ct)
    {
        var tsquery = FtsSyntax.ToTsQuery(query);
        if (tsquery is null) return [];
        var connection = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
        var close = connection.State != System.Data.ConnectionState.Open;
        if (close) await connection.OpenAsync(ct);
        try
        {
            var transaction = (Npgsql.NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
            var ids = new List<int>();
            await ReadAsync(connection, transaction, """
                SELECT d."ItemId" FROM "LibraryDocuments" d
                WHERE d."Visible" AND d."SearchVector" @@ to_tsquery('simple', $1)
                """, tsquery, r => ids.Add(r.GetInt32(0)), ct);
            // As on SQLite (see LibraryRanking): score everything when it is few, else only the title matches,
            // found and ranked through the small title vector and its own index (a weight-restricted query on the
            // full vector would have to read every matching row's vector to check weights).
            var scores = new Dictionary<int, double>();
            // ts_rank's weights are listed D, C, B, A.
            var sql = LibraryRanking.TitleOnly(ids.Count, _maxScored)
                ? """
                  SELECT d."ItemId", ts_rank(d."TitleVector", q) FROM "LibraryDocuments" d, to_tsquery('simple', $1) q
                  WHERE d."Visible" AND d."TitleVector" @@ q
                  """
                : """
                  SELECT d."ItemId", ts_rank('{0.1, 0.25, 0.5, 1.0}', d."SearchVector", q) FROM "LibraryDocuments" d, to_tsquery('simple', $1) q
                  WHERE d."Visible" AND d."SearchVector" @@ q
                  """;
            await ReadAsync(connection, transaction, sql, tsquery, r => scores[r.GetInt32(0)] = r.GetFloat(1), ct);
            return ids.Select(id => new ScoredItem(id, scores.TryGetValue(id, out var s) ? s : LibraryRanking.Unscored)).ToList();
        }
        finally
        {
            if (close) await connection.CloseAsync();
        }
    }

    private static async Task ReadAsync(Npgsql.NpgsqlConnection connection, Npgsql.NpgsqlTransaction? transaction, string sql,
        string tsquery, Action<Npgsql.NpgsqlDataReader> row, CancellationToken ct)
    {
        await using var cmd = new Npgsql.NpgsqlCommand(sql, connection, transaction);
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = tsquery });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) row(reader);
    }
}
