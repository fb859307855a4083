namespace Nexus.Web.Features.Library.Search;

public enum LibrarySort { Relevance, Newest, Oldest }

/// <summary>What a search is narrowed by; null means any. Codes as in the data (theme, agency, M49 place).</summary>
public sealed record LibraryFilters(ItemKind? Kind = null, string? Theme = null, string? Agency = null, int? Year = null,
    string? Language = null, string? Place = null)
{
    public bool Any => Kind is not null || Theme is not null || Agency is not null || Year is not null || Language is not null || Place is not null;
}

public sealed record FacetValue(string Value, int Count);

public sealed record CatalogResult(int Total, IReadOnlyList<ScoredItem> Page, IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets);

/// <summary>
/// Filters, counts and orders candidate items against a catalog snapshot. Pure and allocation-light: it runs on
/// every search, over up to every visible item.
/// </summary>
public static class CatalogQuery
{
    /// <param name="matches">Full-text matches, or null to browse every visible item.</param>
    /// <param name="normalizedQuery">The query as <see cref="TextAnalyzer.Normalize"/> gives it; an item whose
    /// title is exactly that comes first whatever its score.</param>
    public static CatalogResult Run(LibraryCatalog.Snapshot snapshot, IReadOnlyList<ScoredItem>? matches, LibraryFilters filters,
        LibrarySort sort, int offset, int count, string? normalizedQuery = null)
    {
        var filter = Compile(snapshot, filters);
        var counts = new Counts(snapshot);
        if (filter is null) return new CatalogResult(0, [], counts.ToFacets(snapshot));

        var exact = normalizedQuery is { Length: > 0 } && snapshot.Titles.TryGetValue(normalizedQuery, out var ids) ? ids : [];
        var wanted = Math.Max(0, offset) + Math.Max(0, count);
        var total = 0;

        if (matches is null)
        {
            // Browsing: the snapshot is already in date order, so a page is a slice of the passing items.
            var page = new List<ScoredItem>(Math.Min(count, 100));
            var source = snapshot.ByDate;
            for (var i = 0; i < source.Length; i++)
            {
                var e = sort == LibrarySort.Oldest ? source[source.Length - 1 - i] : source[i];
                if (!filter.Passes(e.Slots)) continue;
                counts.Add(e.Slots);
                if (total >= offset && total < wanted) page.Add(new ScoredItem(e.ItemId, 0));
                total++;
            }
            return new CatalogResult(total, page, counts.ToFacets(snapshot));
        }

        // Searching: each part of the matches keeps its best `wanted` candidates in a heap whose root is the worst
        // of them, and its own facet counts. Large result sets are split in two parts run on two threads: the
        // scan is a tight loop over memory, so it halves the time of a broad search on an otherwise idle core.
        var order = new WorstFirst(sort);
        var parts = matches.Count >= ParallelFrom ? 2 : 1;
        var heaps = new PriorityQueue<Candidate, Candidate>[parts];
        var partCounts = new Counts[parts];
        var totals = new int[parts];
        partCounts[0] = counts;
        for (var i = 1; i < parts; i++) partCounts[i] = new Counts(snapshot);
        void Scan(int part)
        {
            var heap = heaps[part] = new PriorityQueue<Candidate, Candidate>(Math.Min(wanted, 1024) + 1, order);
            var c = partCounts[part];
            var n = 0;
            var from = matches.Count * part / parts;
            var to = matches.Count * (part + 1) / parts;
            for (var i = from; i < to; i++)
            {
                var m = matches[i];
                var slots = snapshot.SlotsOf(m.ItemId);
                if (slots.IsEmpty || !filter.Passes(slots)) continue;
                c.Add(slots);
                n++;
                if (wanted == 0) continue;
                var score = exact.Length > 0 && Array.IndexOf(exact, m.ItemId) >= 0 ? double.PositiveInfinity : m.Score;
                var candidate = new Candidate(m.ItemId, score, snapshot.Days[m.ItemId]);
                if (heap.Count < wanted) heap.Enqueue(candidate, candidate);
                else if (order.Compare(candidate, heap.Peek()) > 0) heap.EnqueueDequeue(candidate, candidate);
            }
            totals[part] = n;
        }
        if (parts == 1) Scan(0);
        else Parallel.For(0, parts, Scan);
        for (var i = 1; i < parts; i++) counts.Merge(partCounts[i]);
        total = totals.Sum();
        var best = heaps.SelectMany(h => h.UnorderedItems.Select(x => x.Element)).ToList();
        best.Sort((a, b) => order.Compare(b, a)); // best first
        var result = best.Take(wanted).Skip(offset)
            .Select(c => new ScoredItem(c.ItemId, double.IsPositiveInfinity(c.Score) ? double.MaxValue : c.Score)).ToList();
        return new CatalogResult(total, result, counts.ToFacets(snapshot));
    }

    /// <summary>Result sets at least this large are scanned on two threads.</summary>
    private const int ParallelFrom = 16_000;

    private readonly record struct Candidate(int ItemId, double Score, int Day);

    /// <summary>Orders candidates from worst to best, so that the heap's root is the one to drop.</summary>
    private sealed class WorstFirst(LibrarySort sort) : IComparer<Candidate>
    {
        public int Compare(Candidate a, Candidate b)
        {
            var c = sort switch
            {
                LibrarySort.Relevance => a.Score.CompareTo(b.Score) is var s and not 0 ? s : a.Day.CompareTo(b.Day),
                LibrarySort.Newest => a.Day.CompareTo(b.Day),
                _ => b.Day.CompareTo(a.Day),
            };
            return c != 0 ? c : a.ItemId.CompareTo(b.ItemId);
        }
    }

    /// <summary>The filters turned into the facet slots an item must have; null when a filter names a value no
    /// item has.</summary>
    private static Filter? Compile(LibraryCatalog.Snapshot s, LibraryFilters f)
    {
        var required = new List<int>();
        if (f.Kind is { } kind) required.Add(LibraryCatalog.Slots.Kind(kind));
        if (f.Year is { } year) required.Add(LibraryCatalog.Slots.Year(year));
        foreach (var (vocabulary, dimension, code) in new[]
        {
            (s.Themes, LibraryCatalog.Slots.Theme, f.Theme), (s.Agencies, LibraryCatalog.Slots.Agency, f.Agency),
            (s.Languages, LibraryCatalog.Slots.Language, f.Language), (s.Places, LibraryCatalog.Slots.Place, f.Place),
        })
        {
            if (code is null) continue;
            if (vocabulary.Find(code) is not { } id) return null;
            required.Add(LibraryCatalog.Slots.Of(dimension, id));
        }
        return new Filter([.. required]);
    }

    private sealed class Filter(int[] required)
    {
        public bool Passes(ReadOnlySpan<int> slots)
        {
            foreach (var r in required) if (!slots.Contains(r)) return false;
            return true;
        }
    }

    /// <summary>Facet counts over the items that pass the filters (drill-down counts), one counter per
    /// <see cref="LibraryCatalog.Slots"/> position, so adding an item is one loop over one small array.</summary>
    private sealed class Counts(LibraryCatalog.Snapshot s)
    {
        private readonly int[] _slots = new int[LibraryCatalog.Slots.Size(s)];

        public void Add(ReadOnlySpan<int> slots)
        {
            foreach (var slot in slots) _slots[slot]++;
        }

        public void Merge(Counts other)
        {
            for (var i = 0; i < _slots.Length; i++) _slots[i] += other._slots[i];
        }

        public IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> ToFacets(LibraryCatalog.Snapshot s)
        {
            static IReadOnlyList<FacetValue> Top(IEnumerable<FacetValue> values) =>
                values.Where(v => v.Count > 0).OrderByDescending(v => v.Count).ThenBy(v => v.Value, StringComparer.Ordinal).ToList();
            IEnumerable<FacetValue> Of(LibraryCatalog.Vocabulary v, int dimension) =>
                Enumerable.Range(0, v.Count).Select(id => new FacetValue(v[id], _slots[LibraryCatalog.Slots.Of(dimension, id)]));
            return new Dictionary<string, IReadOnlyList<FacetValue>>
            {
                ["kind"] = Top(Enum.GetValues<ItemKind>().Select(k => new FacetValue(Infrastructure.Codes.Of(k), _slots[LibraryCatalog.Slots.Kind(k)]))),
                ["theme"] = Top(Of(s.Themes, LibraryCatalog.Slots.Theme)),
                ["agency"] = Top(Of(s.Agencies, LibraryCatalog.Slots.Agency)),
                // Years read best newest first, not by count.
                ["year"] = Enumerable.Range(LibraryCatalog.Slots.FirstYear, LibraryCatalog.Slots.Years).Reverse()
                    .Select(y => new FacetValue(y.ToString(System.Globalization.CultureInfo.InvariantCulture), _slots[LibraryCatalog.Slots.Year(y)]))
                    .Where(v => v.Count > 0).ToList(),
                ["language"] = Top(Of(s.Languages, LibraryCatalog.Slots.Language)),
                ["place"] = Top(Of(s.Places, LibraryCatalog.Slots.Place)),
            };
        }
    }
}
