using Nexus.Web.Features.Library;
using Nexus.Web.Features.Library.Search;

namespace Nexus.Tests.Library;

public class LibraryRankingTests
{
    [Fact]
    public void Small_result_sets_are_scored_whole_and_large_ones_by_their_title_matches()
    {
        Assert.False(LibraryRanking.TitleOnly(LibraryRanking.MaxScored));
        Assert.True(LibraryRanking.TitleOnly(LibraryRanking.MaxScored + 1));
    }

    [Fact]
    public void Unscored_matches_rank_after_scored_ones_newest_first()
    {
        var old = Entry(1, new DateOnly(2001, 1, 1));
        var recent = Entry(2, new DateOnly(2020, 1, 1));
        var scored = Entry(3, new DateOnly(1999, 1, 1));
        var snapshot = Snapshot(old, recent, scored);

        var result = CatalogQuery.Run(snapshot, [new(1, LibraryRanking.Unscored), new(2, LibraryRanking.Unscored), new(3, 0.5)],
            new LibraryFilters(), LibrarySort.Relevance, 0, 10);

        Assert.Equal([3, 2, 1], result.Page.Select(p => p.ItemId));
    }

    [Fact]
    public void A_large_result_set_scanned_in_parts_gives_the_same_page_and_counts_as_a_direct_computation()
    {
        var random = new Random(7);
        var entries = Enumerable.Range(1, 40_000).Select(i => new LibraryCatalog.Entry(i, (Web.Features.Library.ItemKind)(i % 8),
            new DateOnly(1990, 1, 1).AddDays(random.Next(12_000)), [], [], [], [], [])).ToArray();
        var snapshot = Snapshot(entries);
        var matches = entries.Where(e => e.ItemId % 3 != 0)
            .Select(e => new ScoredItem(e.ItemId, random.Next(5) == 0 ? LibraryRanking.Unscored : random.NextDouble())).ToList();

        var result = CatalogQuery.Run(snapshot, matches, new LibraryFilters(), LibrarySort.Relevance, 40, 20);

        var byId = entries.ToDictionary(e => e.ItemId);
        var expected = matches.OrderByDescending(m => m.Score).ThenByDescending(m => byId[m.ItemId].PublishedOn).ThenByDescending(m => m.ItemId)
            .Skip(40).Take(20).Select(m => m.ItemId);
        Assert.Equal(expected, result.Page.Select(p => p.ItemId));
        Assert.Equal(matches.Count, result.Total);
        Assert.Equal(matches.Count(m => byId[m.ItemId].Kind == Web.Features.Library.ItemKind.Report),
            result.Facets["kind"].Single(f => f.Value == "report").Count);
        Assert.Equal(matches.Count, result.Facets["year"].Sum(f => f.Count));
    }

    [Fact]
    public void Filters_and_facets_read_the_flat_slots_and_agree_with_the_entries()
    {
        // Rows with codes, loaded in two steps so the vocabularies grow between snapshots.
        var first = new[]
        {
            Row(1, ItemKind.Report, 2009, ["remittances"], ["ilo"], ["608"]),
            Row(2, ItemKind.FactSheet, 2010, ["remittances", "labour-migration"], ["iom", "ilo"], ["484"]),
        };
        var second = new[]
        {
            Row(3, ItemKind.FactSheet, 2009, ["climate-change"], ["unhcr"], ["608", "142"]),
            Row(2, ItemKind.FactSheet, 2010, ["labour-migration"], ["iom"], ["484"]), // item 2 edited: no longer remittances
        };
        var snapshot = LibraryCatalog.Snapshot.Empty.With([.. first], 2).With([.. second], 4);
        ScoredItem[] all = [new(1, 1), new(2, 1), new(3, 1), new(99, 1)]; // 99 is not a visible item

        var everything = CatalogQuery.Run(snapshot, all, new LibraryFilters(), LibrarySort.Relevance, 0, 10);
        Assert.Equal(3, everything.Total);
        Assert.Equal(1, Count(everything, "theme", "remittances"));
        Assert.Equal(2, Count(everything, "place", "608"));
        Assert.Equal(2, Count(everything, "year", "2009"));
        Assert.Equal(2, Count(everything, "kind", "fact-sheet"));
        Assert.Equal(1, Count(everything, "agency", "ilo"));

        var narrowed = CatalogQuery.Run(snapshot, all, new LibraryFilters(Kind: ItemKind.FactSheet, Year: 2009, Place: "608"), LibrarySort.Relevance, 0, 10);
        Assert.Equal([3], narrowed.Page.Select(p => p.ItemId));
        Assert.Equal(1, Count(narrowed, "agency", "unhcr"));
        Assert.Equal(0, Count(narrowed, "agency", "iom"));

        Assert.Equal(0, CatalogQuery.Run(snapshot, all, new LibraryFilters(Theme: "no-such-theme"), LibrarySort.Relevance, 0, 10).Total);
        Assert.Equal(0, CatalogQuery.Run(snapshot, all, new LibraryFilters(Year: 1950), LibrarySort.Relevance, 0, 10).Total);
    }

    [Theory]
    [InlineData("", new int[0])]
    [InlineData("42", new[] { 42 })]
    [InlineData("3,17,2000000", new[] { 3, 17, 2000000 })]
    [InlineData("9,1,5", new[] { 1, 5, 9 })]
    public void Match_ids_read_from_one_value_come_back_sorted(string list, int[] expected) =>
        Assert.Equal(expected, SqliteLibraryIndex.ParseIds(list));

    private static int Count(CatalogResult result, string dimension, string value) =>
        result.Facets[dimension].SingleOrDefault(f => f.Value == value)?.Count ?? 0;

    private static LibraryCatalog.Row Row(int id, ItemKind kind, int year, List<string> themes, List<string> agencies, List<string> places) =>
        new(id, true, id, kind, new DateOnly(year, 6, 1), [new ItemText { Language = "en", Title = "t" + id }], themes, agencies, places, ["en"]);

    private static LibraryCatalog.Entry Entry(int id, DateOnly publishedOn) =>
        new(id, ItemKind.Report, publishedOn, [], [], [], [], []);

    private static LibraryCatalog.Snapshot Snapshot(params LibraryCatalog.Entry[] entries)
    {
        var rows = entries.Select((e, i) => new LibraryCatalog.Row(e.ItemId, true, i + 1, e.Kind, e.PublishedOn,
            [new Web.Features.Library.ItemText { Language = "en", Title = "t" + e.ItemId }], [], [], [], ["en"])).ToList();
        return LibraryCatalog.Snapshot.Empty.With(rows, rows.Count);
    }
}
