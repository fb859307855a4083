using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Nexus.Web.Data;

namespace Nexus.Web.Features.Library.Search;

/// <summary>
/// FTS5 index. The table is contentless: it stores only the index, not a second copy of the text, since
/// snippets are cut from the documents themselves. It is derived data, so it is created when the database is
/// migrated (EF migrations cannot describe virtual tables) and can be rebuilt from the documents at any time.
/// </summary>
public sealed class SqliteLibraryIndex(IConfiguration config) : ILibraryIndex
{
    private readonly int _maxScored = LibraryRanking.Configured(config);

    public const string Table = "LibrarySearch";

    /// <summary>Titles alone, to rank broad queries by their title matches cheaply (see LibraryRanking).</summary>
    public const string TitleTable = "LibraryTitles";

    // Column weights for bm25(): a title hit counts ten times a body hit.
    private const string Rank = $"bm25(\"{Table}\", 10.0, 4.0, 3.0, 1.0, 0.6)";

    public static async Task EnsureTableAsync(AppDbContext db, CancellationToken ct)
    {
        // remove_diacritics 0: the analyser has already folded the text; unicode61 only splits on the spaces.
        await db.Database.ExecuteSqlRawAsync(
            $"CREATE VIRTUAL TABLE IF NOT EXISTS \"{Table}\" USING fts5(title, abstract, meta, body, files, " +
            "content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')", ct);
        await db.Database.ExecuteSqlRawAsync(
            $"CREATE VIRTUAL TABLE IF NOT EXISTS \"{TitleTable}\" USING fts5(title, " +
            "content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')", ct);
    }

    public async Task WriteAsync(AppDbContext db, int itemId, IndexedText t, CancellationToken ct)
    {
        await RemoveAsync(db, itemId, ct);
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO \"LibrarySearch\" (rowid, title, abstract, meta, body, files) VALUES ({itemId}, {t.Title}, {t.Abstract}, {t.Meta}, {t.Body}, {t.Files})", ct);
        await db.Database.ExecuteSqlAsync($"INSERT INTO \"LibraryTitles\" (rowid, title) VALUES ({itemId}, {t.Title})", ct);
    }

    public async Task RemoveAsync(AppDbContext db, int itemId, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync($"DELETE FROM \"LibrarySearch\" WHERE rowid = {itemId}", ct);
        await db.Database.ExecuteSqlAsync($"DELETE FROM \"LibraryTitles\" WHERE rowid = {itemId}", ct);
    }

    public async Task OptimizeAsync(AppDbContext db, CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync($"INSERT INTO \"{Table}\" (\"{Table}\") VALUES ('optimize')", ct);
        await db.Database.ExecuteSqlRawAsync($"INSERT INTO \"{TitleTable}\" (\"{TitleTable}\") VALUES ('optimize')", ct);
    }

    public async Task<IReadOnlyList<ScoredItem>> MatchAsync(AppDbContext db, SearchQuery query, CancellationToken ct)
    {
        var match = FtsSyntax.ToFts5(query);
        if (match is null) return [];
        // The connection is read directly: materialising 10^4..10^5 rows through EF would cost more than the search.
        var connection = db.Database.GetDbConnection();
        var close = connection.State != System.Data.ConnectionState.Open;
        if (close) await connection.OpenAsync(ct);
        try
        {
            var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            // Every match, without scores: this is what the total and the facets need. The ids come back as one
            // comma-separated value: FTS5 finds 50,000 matches in about 4 ms, but stepping through them one row at a
            // time from .NET costs as much again.
            var all = await ScalarAsync(connection, transaction,
                $"SELECT group_concat(rowid) FROM \"{Table}\" WHERE \"{Table}\" MATCH $q", match, ct);
            var ids = ParseIds(all as string);
            // bm25() costs about five times the match itself per row. For broad queries it is computed only for the
            // items matching in their title; the others rank after them, newest first. See LibraryRanking.
            var sql = LibraryRanking.TitleOnly(ids.Length, _maxScored)
                ? $"SELECT rowid, bm25(\"{TitleTable}\") FROM \"{TitleTable}\" WHERE \"{TitleTable}\" MATCH $q"
                : $"SELECT rowid, {Rank} FROM \"{Table}\" WHERE \"{Table}\" MATCH $q";
            var result = new ScoredItem[ids.Length];
            for (var i = 0; i < ids.Length; i++) result[i] = new ScoredItem(ids[i], LibraryRanking.Unscored);
            // bm25() is negative, lower is better; flipped so that higher is better on both providers.
            await ReadAsync(connection, transaction, sql, match, r =>
            {
                if (Array.BinarySearch(ids, r.GetInt32(0)) is var at and >= 0) result[at] = new ScoredItem(ids[at], -r.GetDouble(1));
            }, ct);
            return result;
        }
        finally
        {
            if (close) await connection.CloseAsync();
        }
    }

    /// <summary>The ids of a group_concat(rowid), sorted (FTS5 yields rowids in order, but SQL does not promise it).</summary>
    internal static int[] ParseIds(string? list)
    {
        if (string.IsNullOrEmpty(list)) return [];
        var ids = new List<int>(list.Length / 6 + 1);
        var value = 0;
        var sorted = true;
        foreach (var c in list)
        {
            if (c == ',') { Add(value); value = 0; }
            else value = value * 10 + (c - '0');
        }
        Add(value);
        void Add(int id)
        {
            if (ids.Count > 0 && ids[^1] >= id) sorted = false;
            ids.Add(id);
        }
        var result = ids.ToArray();
        if (!sorted) Array.Sort(result);
        return result;
    }

    private static async Task<object?> ScalarAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction,
        string sql, string match, CancellationToken ct)
    {
        await using var cmd = Command(connection, transaction, sql, match);
        return await cmd.ExecuteScalarAsync(ct);
    }

    private static async Task ReadAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction,
        string sql, string match, Action<System.Data.Common.DbDataReader> row, CancellationToken ct)
    {
        await using var cmd = Command(connection, transaction, sql, match);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        // Microsoft.Data.Sqlite reads synchronously in any case; ReadAsync would only add a task per row.
        while (reader.Read()) row(reader);
    }

    private static System.Data.Common.DbCommand Command(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction,
        string sql, string match)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = transaction;
        var p = cmd.CreateParameter();
        p.ParameterName = "$q";
        p.Value = match;
        cmd.Parameters.Add(p);
        return cmd;
    }
}
