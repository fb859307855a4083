using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Nexus.Web.Features.Library.Search;

/// <summary>
/// Shows where a query matched: an HTML excerpt around the densest group of matching words, or a title with its
/// matches marked. A word matches when the analyzer gives it a term the query would search for, so what is marked
/// is what the index found. The output is HTML: every piece of the text is encoded, only &lt;mark&gt; is added.
/// </summary>
public static class Highlighter
{
    public const int MaxScannedChars = 200_000;

    private const string Ellipsis = "…";

    // Encodes markup characters but leaves letters of every script readable in the page source.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly record struct Match(int Start, int End, string Term);

    /// <summary>An excerpt of about <paramref name="maxChars"/> characters with the matches in &lt;mark&gt;.</summary>
    public static string Snippet(string? text, string? language, SearchQuery q, int maxChars = 260)
    {
        if (string.IsNullOrEmpty(text)) return "";
        maxChars = Math.Clamp(maxChars, 40, 100_000);
        var matches = FindMatches(text, language, q);

        int start, end;
        if (matches.Count == 0)
        {
            start = 0;
            end = SnapEnd(text, Math.Min(text.Length, maxChars), start);
        }
        else
        {
            var (first, last) = BestWindow(matches, maxChars);
            // Put the matched stretch a third of the way in, keeping some text before it for context.
            var slack = maxChars - (matches[last].End - matches[first].Start);
            start = Math.Max(0, matches[first].Start - Math.Max(0, slack / 3));
            end = Math.Min(text.Length, start + maxChars);
            if (end == text.Length) start = Math.Max(0, Math.Min(start, end - maxChars));
            start = SnapStart(text, start, matches[first].Start);
            end = Math.Max(SnapEnd(text, end, start), Math.Min(text.Length, matches[last].End));
        }

        var html = new StringBuilder(maxChars + 64);
        if (start > 0) html.Append(Ellipsis);
        AppendMarked(html, text, start, end, matches, collapseSpaces: true);
        while (html.Length > 0 && html[^1] == ' ') html.Length--;
        if (end < text.Length) html.Append(Ellipsis);
        return html.ToString();
    }

    /// <summary>The whole text (meant for a title) with every match in &lt;mark&gt;.</summary>
    public static string Highlight(string? text, string? language, SearchQuery q)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var html = new StringBuilder(text.Length + 32);
        AppendMarked(html, text, 0, text.Length, FindMatches(text, language, q), collapseSpaces: false);
        return html.ToString();
    }

    /// <summary>The character ranges of matching words in the first <see cref="MaxScannedChars"/>, in order.</summary>
    private static List<Match> FindMatches(string text, string? language, SearchQuery q)
    {
        var matches = new List<Match>();
        var wanted = QueryTerms(q);
        if (wanted.Count == 0) return matches;

        var analyzerLanguage = TextAnalyzer.ParseLanguage(language);
        var prefixes = Prefixes(wanted);
        var terms = new List<string>();
        foreach (var span in TextAnalyzer.Spans(text, MaxScannedChars))
        {
            if (!span.IsCjk && CannotMatch(text, span.Start, span.Length, prefixes)) continue;
            if (span.IsCjk)
            {
                // Mark the characters of each matching bigram; overlapping bigrams merge into one mark.
                var units = TextAnalyzer.CjkUnits(text, span);
                if (units.Count == 1 && wanted.Contains(units[0].Text))
                    Add(matches, units[0].Start, units[0].Start + units[0].Length, units[0].Text);
                for (var i = 0; i + 1 < units.Count; i++)
                {
                    var bigram = units[i].Text + units[i + 1].Text;
                    if (wanted.Contains(bigram)) Add(matches, units[i].Start, units[i + 1].Start + units[i + 1].Length, bigram);
                }
                continue;
            }
            terms.Clear();
            TextAnalyzer.AnalyzeWord(text.AsSpan(span.Start, span.Length), analyzerLanguage, stem: true, terms);
            foreach (var term in terms)
            {
                if (!wanted.Contains(term)) continue;
                Add(matches, span.Start, span.End, term);
                break;
            }
        }
        return matches;
    }

    /// <summary>The first two letters of each wanted term (single-letter terms as they are).</summary>
    private static HashSet<string> Prefixes(HashSet<string> wanted) =>
        wanted.Select(t => t.Length >= 2 ? t[..2] : t).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// A cheap test that skips the full analysis of most words: stemming and folding never change the first two
    /// letters of a plain ASCII word, so one whose lower-cased start begins no wanted term cannot match. Anything
    /// else (accents, other scripts, apostrophes of elisions) goes through the analyzer.
    /// </summary>
    private static bool CannotMatch(string text, int start, int length, HashSet<string> prefixes)
    {
        if (length < 2 || !char.IsAsciiLetterOrDigit(text[start]) || !char.IsAsciiLetterOrDigit(text[start + 1])) return false;
        if (length >= 3 && !char.IsAsciiLetterOrDigit(text[start + 2])) return false;
        Span<char> key = [char.ToLowerInvariant(text[start]), char.ToLowerInvariant(text[start + 1])];
        foreach (var p in prefixes)
            if (p.Length == 2 ? key.SequenceEqual(p) : length == 1) return false;
        return true;
    }

    private static void Add(List<Match> matches, int start, int end, string term)
    {
        if (matches.Count > 0 && matches[^1].End >= start)
            matches[^1] = matches[^1] with { End = Math.Max(matches[^1].End, end) };
        else matches.Add(new Match(start, end, term));
    }

    private static HashSet<string> QueryTerms(SearchQuery q)
    {
        // Phrases are marked word by word: showing each word is enough to see why a document matched.
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var clause in q.Clauses.Where(clause => !clause.Excluded))
            foreach (var word in clause.Words)
                wanted.UnionWith(TextAnalyzer.Variants(word));
        return wanted;
    }

    /// <summary>
    /// The run of matches that fits in one excerpt with the most different terms, then the most matches.
    /// Only the first few thousand matches are weighed: further on there is rarely a better excerpt.
    /// </summary>
    private static (int First, int Last) BestWindow(List<Match> matches, int maxChars)
    {
        var count = Math.Min(matches.Count, 5_000);
        var best = (First: 0, Last: 0);
        var bestScore = -1L;
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        for (var first = 0; first < count; first++)
        {
            distinct.Clear();
            var last = first;
            for (var j = first; j < count && matches[j].End - matches[first].Start <= maxChars; j++)
            {
                distinct.Add(matches[j].Term);
                last = j;
            }
            var score = distinct.Count * 100_000L + (last - first + 1);
            if (score > bestScore) (bestScore, best) = (score, (first, last));
        }
        return best;
    }

    /// <summary>Moves a cut forward to the start of a word, unless that would pass the first match.</summary>
    private static int SnapStart(string text, int start, int limit)
    {
        if (start <= 0) return 0;
        var i = start;
        while (i < limit && !char.IsWhiteSpace(text[i - 1])) i++;
        if (i >= limit) i = start;
        return char.IsLowSurrogate(text[i]) ? i + 1 : i;
    }

    /// <summary>Moves a cut back to the end of a word, unless that would leave too little.</summary>
    private static int SnapEnd(string text, int end, int start)
    {
        if (end >= text.Length) return text.Length;
        var i = end;
        while (i > start && !char.IsWhiteSpace(text[i])) i--;
        if (i <= start + (end - start) / 2) i = end;
        return i > 0 && char.IsHighSurrogate(text[i - 1]) ? i - 1 : i;
    }

    private static void AppendMarked(StringBuilder html, string text, int start, int end, List<Match> matches, bool collapseSpaces)
    {
        var position = start;
        foreach (var match in matches)
        {
            if (match.Start < position) continue;
            if (match.End > end) break;
            AppendEncoded(html, text, position, match.Start, collapseSpaces);
            html.Append("<mark>");
            AppendEncoded(html, text, match.Start, match.End, collapseSpaces);
            html.Append("</mark>");
            position = match.End;
        }
        AppendEncoded(html, text, position, end, collapseSpaces);
    }

    private static void AppendEncoded(StringBuilder html, string text, int from, int to, bool collapseSpaces)
    {
        if (to <= from) return;
        var part = text.AsSpan(from, to - from);
        if (!collapseSpaces)
        {
            html.Append(Encoder.Encode(part.ToString()));
            return;
        }
        // Excerpts come from extracted document text full of line breaks and runs of spaces: show single spaces.
        var plain = new StringBuilder(part.Length);
        var afterSpace = html.Length == 0 || html[^1] is ' ' or '…';
        foreach (var c in part)
        {
            var space = char.IsWhiteSpace(c) || char.IsControl(c);
            if (!space) plain.Append(c);
            else if (!afterSpace) plain.Append(' ');
            afterSpace = space;
        }
        html.Append(Encoder.Encode(plain.ToString()));
    }
}
