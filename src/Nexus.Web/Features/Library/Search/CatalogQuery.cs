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
                if (!filter.Passes(e)) continue;
                counts.Add(e);
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
                if (snapshot.Find(m.ItemId) is not { } e || (filters.Any && !filter.Passes(e))) continue;
                c.Add(e);
                n++;
                if (wanted == 0) continue;
                var score = exact.Length > 0 && Array.IndexOf(exact, m.ItemId) >= 0 ? double.PositiveInfinity : m.Score;
                var candidate = new Candidate(m.ItemId, score, e.PublishedOn.DayNumber);
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

    /// <summary>The filters turned into vocabulary ids; null when a filter names a value no item has.</summary>
    private static Filter? Compile(LibraryCatalog.Snapshot s, LibraryFilters f)
    {
        int Id(LibraryCatalog.Vocabulary v, string? code) => code is null ? -1 : v.Find(code) ?? -2;
        var filter = new Filter(f.Kind, Id(s.Themes, f.Theme), Id(s.Agencies, f.Agency), f.Year, Id(s.Languages, f.Language), Id(s.Places, f.Place));
        return filter.Theme == -2 || filter.Agency == -2 || filter.Language == -2 || filter.Place == -2 ? null : filter;
    }

    private sealed record Filter(ItemKind? Kind, int Theme, int Agency, int? Year, int Language, int Place)
    {
        public bool Passes(LibraryCatalog.Entry e) =>
            (Kind is null || e.Kind == Kind)
            && (Year is null || e.PublishedOn.Year == Year)
            && (Theme < 0 || Array.IndexOf(e.Themes, Theme) >= 0)
            && (Agency < 0 || Array.IndexOf(e.Agencies, Agency) >= 0)
            && (Language < 0 || Array.IndexOf(e.Languages, Language) >= 0)
            && (Place < 0 || Array.IndexOf(e.Places, Place) >= 0);
    }

    /// <summary>Facet counts over the items that pass the filters (drill-down counts).</summary>
    private sealed class Counts(LibraryCatalog.Snapshot s)
    {
        private readonly int[] _kinds = new int[Enum.GetValues<ItemKind>().Length];
        // Publication years are checked to lie between 1900 and 2200 (ItemInput), so an array holds their counts.
        private const int FirstYear = 1900;
        private readonly int[] _years = new int[301];
        private readonly int[] _themes = new int[s.Themes.Count];
        private readonly int[] _agencies = new int[s.Agencies.Count];
        private readonly int[] _places = new int[s.Places.Count];
        private readonly int[] _languages = new int[s.Languages.Count];

        public void Add(LibraryCatalog.Entry e)
        {
            _kinds[(int)e.Kind]++;
            _years[Math.Clamp(e.PublishedOn.Year - FirstYear, 0, 300)]++;
            foreach (var t in e.Themes) _themes[t]++;
            foreach (var a in e.Agencies) _agencies[a]++;
            foreach (var p in e.Places) _places[p]++;
            foreach (var l in e.Languages) _languages[l]++;
        }

        public void Merge(Counts other)
        {
            for (var i = 0; i < _kinds.Length; i++) _kinds[i] += other._kinds[i];
            for (var i = 0; i < _years.Length; i++) _years[i] += other._years[i];
            for (var i = 0; i < _themes.Length; i++) _themes[i] += other._themes[i];
            for (var i = 0; i < _agencies.Length; i++) _agencies[i] += other._agencies[i];
            for (var i = 0; i < _places.Length; i++) _places[i] += other._places[i];
            for (var i = 0; i < _languages.Length; i++) _languages[i] += other._languages[i];
        }

        public IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> ToFacets(LibraryCatalog.Snapshot s)
        {
            static IReadOnlyList<FacetValue> Top(IEnumerable<FacetValue> values) =>
                values.Where(v => v.Count > 0).OrderByDescending(v => v.Count).ThenBy(v => v.Value, StringComparer.Ordinal).ToList();
            return new Dictionary<string, IReadOnlyList<FacetValue>>
            {
                ["kind"] = Top(Enum.GetValues<ItemKind>().Select(k => new FacetValue(Infrastructure.Codes.Of(k), _kinds[(int)k]))),
                ["theme"] = Top(_themes.Select((c, i) => new FacetValue(s.Themes[i], c))),
                ["agency"] = Top(_agencies.Select((c, i) => new FacetValue(s.Agencies[i], c))),
                // Years read best newest first, not by count.
                ["year"] = Enumerable.Range(0, _years.Length).Reverse().Where(i => _years[i] > 0)
                    .Select(i => new FacetValue((FirstYear + i).ToString(System.Globalization.CultureInfo.InvariantCulture), _years[i])).ToList(),
                ["language"] = Top(_languages.Select((c, i) => new FacetValue(s.Languages[i], c))),
                ["place"] = Top(_places.Select((c, i) => new FacetValue(s.Places[i], c))),
            };
        }
    }
}
