using System.Text;

namespace Nexus.Web.Features.Library.Search;

/// <summary>
/// Writes a parsed query in the two full-text dialects. Only analyzer terms reach the output, each quoted, so the
/// user's text can never become FTS5 or tsquery syntax; the operators come from here alone. The language of a
/// query is unknown, so each word matches any of its English, French and Spanish stems.
/// </summary>
public static class FtsSyntax
{
    /// <summary>An SQLite FTS5 MATCH expression, or null when there is nothing to search for.</summary>
    public static string? ToFts5(SearchQuery q) =>
        Build(q, Fts5Alternative, orSeparator: " OR ", andSeparator: " AND ",
            (positive, excluded) => excluded is null ? positive : $"{positive} NOT {excluded}");

    /// <summary>Text for PostgreSQL to_tsquery('simple', …), or null when there is nothing to search for.</summary>
    public static string? ToTsQuery(SearchQuery q) =>
        Build(q, TsQueryAlternative, orSeparator: " | ", andSeparator: " & ",
            (positive, excluded) => excluded is null ? positive : $"{positive} & !{excluded}");

    private static string? Build(SearchQuery q, Func<IReadOnlyList<string>, string> alternative,
        string orSeparator, string andSeparator, Func<string, string?, string> combine)
    {
        var positive = new List<string>();
        var excluded = new List<string>();
        foreach (var clause in q.Clauses)
        {
            var alternatives = TextAnalyzer.Alternatives(clause.Words)
                .Select(terms => terms.Where(IsSafeTerm).ToList())
                .Where(terms => terms.Count > 0)
                .Select(alternative)
                .Distinct()
                .ToList();
            if (alternatives.Count == 0) continue;
            var rendered = alternatives.Count == 1 ? alternatives[0] : $"({string.Join(orSeparator, alternatives)})";
            (clause.Excluded ? excluded : positive).Add(rendered);
        }
        if (positive.Count == 0) return null;
        return combine(Group(positive, andSeparator), excluded.Count == 0 ? null : Group(excluded, orSeparator));
    }

    // A single clause is already a quoted token or bracketed, so only a list needs brackets around it.
    private static string Group(List<string> clauses, string separator) =>
        clauses.Count == 1 ? clauses[0] : $"({string.Join(separator, clauses)})";

    // Several terms form an FTS5 phrase: one string, tokenised by the table's tokenizer into consecutive tokens.
    private static string Fts5Alternative(IReadOnlyList<string> terms) => $"\"{string.Join(' ', terms)}\"";

    private static string TsQueryAlternative(IReadOnlyList<string> terms) =>
        terms.Count == 1 ? $"'{terms[0]}'" : $"({string.Join(" <-> ", terms.Select(term => $"'{term}'"))})";

    /// <summary>
    /// Analyzer terms are letters and digits only, which is what makes quoting them without escaping safe.
    /// A term that is not would be an analyzer bug (the tests look for one); it is left out rather than quoted.
    /// </summary>
    internal static bool IsSafeTerm(string term)
    {
        var safe = term.Length > 0;
        foreach (var rune in term.EnumerateRunes())
            safe &= Rune.IsLetterOrDigit(rune);
        return safe;
    }
}
