using Nexus.Web.Features.Library.Search;

namespace Nexus.Tests.Library;

/// <summary>Excerpts and titles with the matches marked, always as safe HTML.</summary>
public class HighlighterTests
{
    private static readonly string LongText =
        string.Join(' ', Enumerable.Repeat("The seminar discussed many things over the years in New York.", 20))
        + " Remittances sent by migrant workers grew in 2009. "
        + string.Join(' ', Enumerable.Repeat("Participants came from agencies and permanent missions.", 20));

    [Fact]
    public void Snippet_marks_the_plural_of_a_singular_query() =>
        Assert.Equal("<mark>Remittances</mark> grew in 2009.",
            Highlighter.Snippet("Remittances grew in 2009.", "en", SearchQuery.Parse("remittance")));

    [Fact]
    public void Snippet_encodes_markup_in_the_text()
    {
        var snippet = Highlighter.Snippet("<script>alert('x')</script> migration & policy", "en", SearchQuery.Parse("migration"));
        Assert.DoesNotContain("<script", snippet);
        Assert.Contains("&lt;script&gt;", snippet);
        Assert.Contains("<mark>migration</mark> &amp; policy", snippet);
    }

    [Fact]
    public void Snippet_encodes_markup_in_a_matching_word_of_the_query()
    {
        var snippet = Highlighter.Snippet("a <script> tag", "en", SearchQuery.Parse("<script>"));
        Assert.Equal("a &lt;<mark>script</mark>&gt; tag", snippet);
    }

    [Fact]
    public void Snippet_of_a_long_text_is_cut_around_the_matches()
    {
        var snippet = Highlighter.Snippet(LongText, "en", SearchQuery.Parse("remittance migrants"), maxChars: 120);
        Assert.StartsWith("…", snippet);
        Assert.EndsWith("…", snippet);
        Assert.Contains("<mark>Remittances</mark> sent by <mark>migrant</mark> workers", snippet);
        var visible = snippet.Replace("<mark>", "").Replace("</mark>", "");
        Assert.InRange(visible.Length, 60, 122);
    }

    [Fact]
    public void Snippet_prefers_the_window_with_the_most_different_terms()
    {
        var text = "Migrants migrants migrants. " + new string('x', 10) + " " + string.Join(' ', Enumerable.Repeat("filler", 80))
                   + " Remittances from migrants.";
        var snippet = Highlighter.Snippet(text, "en", SearchQuery.Parse("migrant remittance"), maxChars: 80);
        Assert.Contains("<mark>Remittances</mark> from <mark>migrants</mark>", snippet);
    }

    [Fact]
    public void Snippet_without_a_match_is_the_start_of_the_text()
    {
        var snippet = Highlighter.Snippet(LongText, "en", SearchQuery.Parse("visa"), maxChars: 60);
        Assert.StartsWith("The seminar discussed", snippet);
        Assert.EndsWith("…", snippet);
        Assert.DoesNotContain("<mark>", snippet);
    }

    [Fact]
    public void Snippet_collapses_line_breaks_and_runs_of_spaces() =>
        Assert.Equal("Report on <mark>remittances</mark> 2009",
            Highlighter.Snippet("\n\n  Report on\r\n\tremittances    2009 \n", "en", SearchQuery.Parse("remittance")));

    [Fact]
    public void Snippet_marks_phrase_words_and_not_excluded_ones() =>
        Assert.Equal("<mark>Migrant</mark> <mark>workers</mark> and their permits",
            Highlighter.Snippet("Migrant workers and their permits", "en", SearchQuery.Parse("\"migrant worker\" -permit")));

    [Fact]
    public void Snippet_marks_French_words_typed_without_accents() =>
        Assert.Equal("<mark>L&#x27;intégration</mark> des <mark>travailleurs</mark> migrants",
            Highlighter.Snippet("L'intégration des travailleurs migrants", "fr", SearchQuery.Parse("integration travailleur")));

    [Fact]
    public void Highlight_marks_every_match_in_a_title() =>
        Assert.Equal("<mark>Migrants</mark> &amp; <mark>Remittances</mark>: the <mark>migrant</mark>  view",
            Highlighter.Highlight("Migrants & Remittances: the migrant  view", "en", SearchQuery.Parse("migrant remittance")));

    [Fact]
    public void Highlight_marks_Chinese_bigrams() =>
        Assert.Equal("国际<mark>移民</mark>报告", Highlighter.Highlight("国际移民报告", "zh", SearchQuery.Parse("移民")));

    [Fact]
    public void Highlight_merges_overlapping_Chinese_bigrams() =>
        Assert.Equal("国际<mark>移民报告</mark>", Highlighter.Highlight("国际移民报告", "zh", SearchQuery.Parse("移民报告")));

    [Fact]
    public void Highlight_of_empty_text_or_query_is_harmless()
    {
        Assert.Equal("", Highlighter.Highlight(null, "en", SearchQuery.Parse("x")));
        Assert.Equal("a &lt;b&gt;", Highlighter.Highlight("a <b>", "en", SearchQuery.Parse(null)));
        Assert.Equal("", Highlighter.Snippet("", "en", SearchQuery.Parse("x")));
    }

    [Fact]
    public void Snippet_of_a_huge_text_stays_fast_and_bounded()
    {
        var text = string.Concat(Enumerable.Repeat("migrant remittance ", 300_000));
        var started = System.Diagnostics.Stopwatch.StartNew();
        var snippet = Highlighter.Snippet(text, "en", SearchQuery.Parse("migrant remittance"));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"took {started.Elapsed}");
        Assert.InRange(snippet.Length, 100, 1_000);
    }
}
