using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Library.Search;

/// <summary>A search as asked for: the query text exactly as typed, and checked filters.</summary>
public sealed record LibrarySearchRequest(string? Q, LibraryFilters Filters, LibrarySort Sort, int Page, int PageSize)
{
    public const int MaxPage = 1000;
    public const int MaxPageSize = 100;

    /// <summary>
    /// Checks the filter parameters (the query text itself is always accepted). Unknown but well-formed codes
    /// are allowed and simply match nothing, as a search engine would.
    /// </summary>
    public static (LibrarySearchRequest Request, FieldErrors Errors) From(string? q, string? kind, string? theme, string? agency,
        string? year, string? lang, string? place, string? sort, string? page, string? pageSize)
    {
        var errors = new FieldErrors();
        ItemKind? k = null;
        if (!string.IsNullOrWhiteSpace(kind))
        {
            if (Codes.TryParse<ItemKind>(kind, out var parsed)) k = parsed;
            else errors.Add("kind", "Choose one of: {0}.", string.Join(", ", Codes.All<ItemKind>()));
        }
        string? Code(string field, string? value)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            var v = value.Trim().ToLowerInvariant();
            if (v.Length <= 60 && v.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')) return v;
            errors.Add(field, "Give a code of lower-case letters, digits and hyphens.");
            return null;
        }
        int? y = null;
        if (!string.IsNullOrWhiteSpace(year))
        {
            if (int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var yy) && yy is >= 1900 and <= 2200) y = yy;
            else errors.Add("year", "Give a year between 1900 and 2200.");
        }
        string? language = null;
        if (!string.IsNullOrWhiteSpace(lang))
        {
            language = lang.Trim().ToLowerInvariant();
            if (!LibraryLanguages.All.Contains(language)) { errors.Add("lang", "Choose one of: {0}.", string.Join(", ", LibraryLanguages.All)); language = null; }
        }
        string? m49 = null;
        if (!string.IsNullOrWhiteSpace(place))
        {
            m49 = place.Trim();
            if (m49.Length != 3 || !m49.All(char.IsAsciiDigit)) { errors.Add("place", "Give a three-digit UN M49 code, e.g. 608."); m49 = null; }
        }
        var order = string.IsNullOrWhiteSpace(q) ? LibrarySort.Newest : LibrarySort.Relevance;
        if (!string.IsNullOrWhiteSpace(sort) && !Codes.TryParse(sort, out order))
            errors.Add("sort", "Choose one of: {0}.", string.Join(", ", Codes.All<LibrarySort>()));
        var p = Number("page", page, 1, MaxPage, 1);
        var size = Number("pageSize", pageSize, 1, MaxPageSize, 20);
        int Number(string field, string? value, int min, int max, int fallback)
        {
            if (string.IsNullOrWhiteSpace(value)) return fallback;
            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max) return n;
            errors.Add(field, "Give a whole number from {0} to {1}.", min, max);
            return fallback;
        }
        var filters = new LibraryFilters(k, Code("theme", theme), Code("agency", agency), y, language, m49);
        return (new LibrarySearchRequest(q, filters, order, p, size), errors);
    }
}

public sealed record LibraryHit(int Id, string Slug, ItemKind Kind, DateOnly PublishedOn, string Language, string Title,
    string TitleHtml, string SnippetHtml, IReadOnlyList<string> Themes, IReadOnlyList<string> Agencies, double Score);

public sealed record LibrarySearchResult(int Total, int Page, int PageSize, IReadOnlyList<LibraryHit> Items,
    IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets, SearchQuery Query)
{
    /// <summary>Milliseconds spent in each step, reported in the Server-Timing header.</summary>
    public (double Catalog, double Match, double Rank, double Hits) Timings { get; init; }

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// Runs a search: the index finds the matches, the catalog filters, counts and orders them, and only the page
/// shown is loaded, with snippets cut around the terms found.
/// </summary>
public sealed class LibrarySearch(AppDbContext db, ILibraryIndex index, LibraryCatalog catalog)
{
    public async Task<LibrarySearchResult> SearchAsync(LibrarySearchRequest request, string uiLanguage, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var query = SearchQuery.Parse(request.Q);
        var snapshot = await catalog.CurrentAsync(db, ct);
        var catalogMs = clock.Elapsed.TotalMilliseconds;
        var matches = query.IsEmpty ? null : await index.MatchAsync(db, query, ct);
        var matchMs = clock.Elapsed.TotalMilliseconds;
        var sort = query.IsEmpty && request.Sort == LibrarySort.Relevance ? LibrarySort.Newest : request.Sort;
        var offset = (request.Page - 1) * request.PageSize;
        var result = CatalogQuery.Run(snapshot, matches, request.Filters, sort, offset, request.PageSize,
            query.IsEmpty ? null : TextAnalyzer.Normalize(request.Q));
        var rankMs = clock.Elapsed.TotalMilliseconds;
        var hits = await LoadHitsAsync(result.Page, query, uiLanguage, ct);
        return new LibrarySearchResult(result.Total, request.Page, request.PageSize, hits, result.Facets, query)
        {
            Timings = (catalogMs, matchMs - catalogMs, rankMs - matchMs, clock.Elapsed.TotalMilliseconds - rankMs),
        };
    }

    private async Task<List<LibraryHit>> LoadHitsAsync(IReadOnlyList<ScoredItem> page, SearchQuery query, string uiLanguage, CancellationToken ct)
    {
        if (page.Count == 0) return [];
        var ids = page.Select(p => p.ItemId).ToList();
        var docs = await db.LibraryDocuments.AsNoTracking().Where(d => ids.Contains(d.ItemId))
            .Select(d => new { d.ItemId, d.Slug, d.Kind, d.PublishedOn, d.Texts, d.Themes, d.Agencies, d.FileIds })
            .ToDictionaryAsync(d => d.ItemId, ct);
        var hits = new List<LibraryHit>(page.Count);
        var needFileText = new Dictionary<int, (int Index, string? Language)>();
        foreach (var p in page)
        {
            if (!docs.TryGetValue(p.ItemId, out var d)) continue; // unpublished between the two reads
            var text = LibraryLanguages.Pick(d.Texts, uiLanguage);
            var snippet = "";
            if (!query.IsEmpty)
            {
                snippet = Marked(Highlighter.Snippet(Head(text.Abstract), text.Language, query))
                    ?? Marked(Highlighter.Snippet(Head(Infrastructure.Markdown.ToPlainText(text.Body)), text.Language, query))
                    ?? "";
                if (snippet.Length == 0 && d.FileIds.Count > 0) needFileText[p.ItemId] = (hits.Count, text.Language);
            }
            if (snippet.Length == 0) snippet = Highlighter.Snippet(Head(text.Abstract.Length > 0 ? text.Abstract : Infrastructure.Markdown.ToPlainText(text.Body)), text.Language, query);
            hits.Add(new LibraryHit(d.ItemId, d.Slug, d.Kind, d.PublishedOn, text.Language, text.Title,
                Highlighter.Highlight(text.Title, text.Language, query), snippet, d.Themes, d.Agencies, p.Score));
        }
        if (needFileText.Count > 0)
        {
            // Only items found through their files need the (long) file text, and only their page's worth.
            var fileIds = needFileText.Keys.SelectMany(id => docs[id].FileIds).ToList();
            var files = await db.LibraryFiles.AsNoTracking().Where(f => fileIds.Contains(f.Id))
                .Select(f => new { f.Id, f.ItemId, f.Text, f.Language }).ToListAsync(ct);
            foreach (var (itemId, (i, language)) in needFileText)
                foreach (var f in files.Where(f => f.ItemId == itemId))
                    if (Marked(Highlighter.Snippet(Head(f.Text), f.Language ?? language, query)) is { } s) { hits[i] = hits[i] with { SnippetHtml = s }; break; }
        }
        return hits;
    }

    /// <summary>
    /// Snippets are cut from the first part of long texts only: highlighting analyses every word it scans, and a
    /// page of twenty hits must stay fast however long their files are.
    /// </summary>
    private const int SnippetScan = 20_000;

    private static string Head(string text) => text.Length <= SnippetScan ? text : text[..SnippetScan];

    private static string? Marked(string snippet) => snippet.Contains("<mark>", StringComparison.Ordinal) ? snippet : null;
}
