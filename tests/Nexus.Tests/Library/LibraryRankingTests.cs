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
        var old = new LibraryCatalog.Entry(1, Web.Features.Library.ItemKind.Report, new DateOnly(2001, 1, 1), [], [], [], [], []);
        var recent = old with { ItemId = 2, PublishedOn = new DateOnly(2020, 1, 1) };
        var scored = old with { ItemId = 3, PublishedOn = new DateOnly(1999, 1, 1) };
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

    private static LibraryCatalog.Snapshot Snapshot(params LibraryCatalog.Entry[] entries)
    {
        var rows = entries.Select((e, i) => new LibraryCatalog.Row(e.ItemId, true, i + 1, e.Kind, e.PublishedOn,
            [new Web.Features.Library.ItemText { Language = "en", Title = "t" + e.ItemId }], [], [], [], ["en"])).ToList();
        return LibraryCatalog.Snapshot.Empty.With(rows, rows.Count);
    }
}
