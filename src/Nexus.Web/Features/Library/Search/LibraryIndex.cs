using Nexus.Web.Data;
using System.Text;

namespace Nexus.Web.Features.Library.Search;

/// <summary>
/// The full-text index of published items. SQLite keeps it in an FTS5 table, PostgreSQL in a tsvector column
/// with a GIN index; both index the same analysed text (<see cref="TextAnalyzer"/>), so stemming, folding and
/// query syntax behave the same on both, and only ranking formulas differ (BM25 in FTS5, ts_rank on PostgreSQL).
/// Writes happen inside the caller's transaction, so the index never disagrees with the documents.
/// </summary>
public interface ILibraryIndex
{
    /// <summary>Replaces the indexed text of one item.</summary>
    Task WriteAsync(AppDbContext db, int itemId, IndexedText text, CancellationToken ct);

    /// <summary>Removes an item from the index (it stays as an invisible document).</summary>
    Task RemoveAsync(AppDbContext db, int itemId, CancellationToken ct);

    /// <summary>Compacts the index after many writes (FTS5 segment merge, PostgreSQL statistics).</summary>
    Task OptimizeAsync(AppDbContext db, CancellationToken ct);

    /// <summary>Every visible item matching the query, with a score where higher is better.</summary>
    Task<IReadOnlyList<ScoredItem>> MatchAsync(AppDbContext db, SearchQuery query, CancellationToken ct);
}

public readonly record struct ScoredItem(int ItemId, double Score);

/// <summary>Analysed text of one item, field by field; fields are weighted in that order, title highest.</summary>
public sealed record IndexedText(string Title, string Abstract, string Meta, string Body, string Files)
{
    /// <summary>
    /// Caps the analysed file text: PostgreSQL refuses a tsvector over 1 MB, and past a few hundred kilobytes more
    /// text adds little to recall. Both providers apply the same cap so that they find the same items.
    /// </summary>
    public const int MaxFieldLength = 400_000;

    public static IndexedText From(LibraryDocument d, IEnumerable<(string Text, string? Language)> files,
        IEnumerable<(string Text, string Language)> labels)
    {
        string Join(IEnumerable<string> parts)
        {
            var sb = new StringBuilder();
            foreach (var p in parts)
            {
                if (p.Length == 0) continue;
                if (sb.Length + p.Length + 1 > MaxFieldLength) { sb.Append(' ').Append(p.AsSpan(0, Math.Max(0, MaxFieldLength - sb.Length - 1))); break; }
                if (sb.Length > 0) sb.Append(' ');
                sb.Append(p);
            }
            var s = sb.ToString();
            // Never cut a term in half.
            return s.Length >= MaxFieldLength && s.LastIndexOf(' ') is var cut and > 0 ? s[..cut] : s;
        }
        var first = d.Texts.FirstOrDefault()?.Language;
        return new IndexedText(
            Join(d.Texts.Select(t => TextAnalyzer.IndexText(t.Title, t.Language))),
            Join(d.Texts.Select(t => TextAnalyzer.IndexText(t.Abstract, t.Language))),
            Join(d.Authors.Select(a => TextAnalyzer.IndexText(a, first))
                .Concat(labels.Select(l => TextAnalyzer.IndexText(l.Text, l.Language)))),
            Join(d.Texts.Select(t => TextAnalyzer.IndexText(t.Body, t.Language))),
            Join(files.Select(f => TextAnalyzer.IndexText(f.Text, f.Language ?? first))));
    }
}
