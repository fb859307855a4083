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

    private static LibraryCatalog.Snapshot Snapshot(params LibraryCatalog.Entry[] entries)
    {
        var rows = entries.Select((e, i) => new LibraryCatalog.Row(e.ItemId, true, i + 1, e.Kind, e.PublishedOn,
            [new Web.Features.Library.ItemText { Language = "en", Title = "t" + e.ItemId }], [], [], [], ["en"])).ToList();
        return LibraryCatalog.Snapshot.Empty.With(rows, rows.Count);
    }
}
