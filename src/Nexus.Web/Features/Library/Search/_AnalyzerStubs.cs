// TEMPORARY: replaced by the analysis layer being written in parallel.
namespace Nexus.Web.Features.Library.Search;

public static class TextAnalyzer
{
    public static IEnumerable<string> Terms(string? text, string? language) =>
        (text ?? "").ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => new string(w.Where(char.IsLetterOrDigit).ToArray())).Where(w => w.Length > 0);
    public static string IndexText(string? text, string? language) => string.Join(' ', Terms(text, language));
    public static string Normalize(string? text) => IndexText(text, null);
}

public sealed record QueryClause(IReadOnlyList<string> Words, bool IsPhrase, bool Excluded);

public sealed record SearchQuery(IReadOnlyList<QueryClause> Clauses)
{
    public bool IsEmpty => !Clauses.Any(c => !c.Excluded);
    public static SearchQuery Parse(string? input) =>
        new(TextAnalyzer.Terms(input, null).Take(12).Select(w => new QueryClause([w], false, false)).ToList());
}

public static class FtsSyntax
{
    public static string? ToFts5(SearchQuery q) => q.IsEmpty ? null : string.Join(" AND ", q.Clauses.Select(c => $"\"{c.Words[0]}\""));
    public static string? ToTsQuery(SearchQuery q) => q.IsEmpty ? null : string.Join(" & ", q.Clauses.Select(c => $"'{c.Words[0]}'"));
}

public static class Highlighter
{
    public static string Snippet(string? text, string? language, SearchQuery q, int maxChars = 260) =>
        System.Net.WebUtility.HtmlEncode((text ?? "").Length > maxChars ? text![..maxChars] : text ?? "");
    public static string Highlight(string? text, string? language, SearchQuery q) => System.Net.WebUtility.HtmlEncode(text ?? "");
}
