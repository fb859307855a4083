namespace Nexus.Web.Features.Library.Search;

/// <summary>
/// One part of a query: a word, or a phrase whose words must appear in order. Excluded clauses remove matches.
/// Words are the words as typed (only letters, digits and inner apostrophes), not yet analysed.
/// </summary>
public sealed record QueryClause(IReadOnlyList<string> Words, bool IsPhrase, bool Excluded);

/// <summary>
/// What a person typed into a search box, reduced to clauses that must all match (AND), "quoted phrases" and
/// -excluded words or phrases. Anything else (operators, brackets, column filters, symbols) is read as plain text
/// or dropped, so no input can reach the database as query syntax. Parsing never throws.
/// </summary>
public sealed record SearchQuery(IReadOnlyList<QueryClause> Clauses)
{
    public const int MaxInputLength = 1_000;
    public const int MaxClauses = 12;
    public const int MaxPhraseWords = 8;

    // Long enough for a Chinese query written without spaces, short enough to keep the bigram phrase small.
    private const int MaxCjkWordLength = 30;

    // Upper-case operator words are what people paste from other search engines; they are not search terms.
    private static readonly HashSet<string> OperatorWords = new(StringComparer.Ordinal) { "AND", "OR", "NOT", "NEAR" };

    public static SearchQuery Empty { get; } = new([]);

    /// <summary>True when nothing must match: no clause, or only exclusions.</summary>
    public bool IsEmpty => !Clauses.Any(clause => !clause.Excluded);

    public static SearchQuery Parse(string? input)
    {
        if (string.IsNullOrEmpty(input)) return Empty;
        var text = Truncate(input);
        var clauses = new List<QueryClause>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        void Add(List<string> words, bool isPhrase, bool excluded)
        {
            if (words.Count == 0 || clauses.Count >= MaxClauses) return;
            if (words.Count > MaxPhraseWords) words = words[..MaxPhraseWords];
            isPhrase = isPhrase && words.Count > 1;
            // The same word twice adds nothing to an AND query; it would only lengthen the SQL.
            var key = $"{isPhrase}|{excluded}|{TextAnalyzer.Normalize(string.Join(' ', words))}";
            if (seen.Add(key)) clauses.Add(new QueryClause(words, isPhrase, excluded));
        }

        var i = 0;
        while (i < text.Length && clauses.Count < MaxClauses)
        {
            if (char.IsWhiteSpace(text[i])) { i++; continue; }

            // A minus only excludes at the start of a term: "-visa", -"work permit"; "covid-19" is a word.
            var excluded = false;
            if (IsMinus(text[i]))
            {
                while (i < text.Length && IsMinus(text[i])) i++;
                // A lone minus is punctuation, not an exclusion of the next term.
                if (i >= text.Length || char.IsWhiteSpace(text[i])) continue;
                excluded = true;
            }

            if (IsQuote(text[i]))
            {
                // An unclosed quote runs to the end of the input rather than being an error.
                var close = i + 1;
                while (close < text.Length && !IsQuote(text[close])) close++;
                Add(Words(text, i + 1, close, inPhrase: true).SelectMany(group => group).ToList(), isPhrase: true, excluded);
                i = Math.Min(close + 1, text.Length);
                continue;
            }

            var end = i;
            while (end < text.Length && !char.IsWhiteSpace(text[end]) && !IsQuote(text[end])) end++;
            foreach (var group in Words(text, i, end, inPhrase: false))
            {
                if (group.Count == 1 && OperatorWords.Contains(group[0])) continue;
                Add(group, isPhrase: group.Count > 1, excluded);
            }
            i = end;
        }
        return new SearchQuery(clauses);
    }

    /// <summary>
    /// The words between two positions, grouped: words joined only by hyphens ("covid-19", "2007-2008") form
    /// one group to be matched as a phrase; any other separator starts a new group.
    /// </summary>
    private static List<List<string>> Words(string text, int start, int end, bool inPhrase)
    {
        var groups = new List<List<string>>();
        var previousEnd = -1;
        foreach (var span in TextAnalyzer.Spans(text[start..end], int.MaxValue))
        {
            if (!span.IsCjk && span.Length > TextAnalyzer.MaxWordLength) { previousEnd = -1; continue; }
            var word = text.Substring(start + span.Start, span.Length);
            if (span.IsCjk && word.Length > MaxCjkWordLength)
                word = word[..(char.IsHighSurrogate(word[MaxCjkWordLength - 1]) ? MaxCjkWordLength - 1 : MaxCjkWordLength)];

            var joined = !inPhrase && previousEnd >= 0 && OnlyHyphens(text, start + previousEnd, start + span.Start);
            if (joined) groups[^1].Add(word);
            else groups.Add([word]);
            previousEnd = span.End;
        }
        return groups;
    }

    private static bool OnlyHyphens(string text, int from, int to)
    {
        if (to <= from) return false;
        for (var i = from; i < to; i++)
            if (text[i] is not ('-' or '\u2010' or '\u2011' or '\u2013')) return false;
        return true;
    }

    /// <summary>The first characters of the input, never ending inside a surrogate pair.</summary>
    private static string Truncate(string input)
    {
        if (input.Length <= MaxInputLength) return input;
        var length = char.IsHighSurrogate(input[MaxInputLength - 1]) ? MaxInputLength - 1 : MaxInputLength;
        return input[..length];
    }

    private static bool IsMinus(char c) => c is '-' or '\u2212' or '\u2013';

    private static bool IsQuote(char c) => c is '"' or '\u201C' or '\u201D' or '\u201E' or '\u00AB' or '\u00BB' or '\uFF02';
}
