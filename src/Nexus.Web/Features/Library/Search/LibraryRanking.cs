namespace Nexus.Web.Features.Library.Search;

/// <summary>
/// How much of a result set is scored. Relevance functions (FTS5's bm25(), PostgreSQL's ts_rank) cost far more
/// per row than finding the rows, and a broad query on a large library matches tens of thousands of items of
/// which a reader sees twenty. So both indexes find every match (for the total and the facets), score all of
/// them when there are at most <see cref="MaxScored"/>, and otherwise score only the matches in the title (the
/// field weighted highest, and short, so few items match there). Unscored matches rank after every scored one,
/// newest first. Exact title matches still come first (<see cref="CatalogQuery"/>).
/// </summary>
public static class LibraryRanking
{
    /// <summary>Default of Nexus:Library:MaxScored.</summary>
    public const int MaxScored = 4000;

    public static int Configured(IConfiguration config) => Math.Max(1, config.GetValue("Nexus:Library:MaxScored", MaxScored));

    /// <summary>Below any real score (FTS5's flipped bm25 and ts_rank are both above -1e6).</summary>
    public const double Unscored = -1e9;

    /// <summary>Whether a result set is scored whole, or only its title matches.</summary>
    public static bool TitleOnly(int matches, int maxScored = MaxScored) => matches > maxScored;
}
