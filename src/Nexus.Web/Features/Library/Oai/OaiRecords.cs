using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Library.Oai;

/// <summary>The columns of a <see cref="LibraryDocument"/> that a header needs.</summary>
public sealed record OaiHeader(int ItemId, string Slug, bool Visible, DateTime UpdatedAt, ItemKind Kind, List<string> Themes);

/// <summary>The columns a whole record needs.</summary>
public sealed record OaiRecord(
    OaiHeader Header, DateOnly PublishedOn, List<ItemText> Texts, List<string> Authors,
    List<string> Agencies, List<string> Places, List<string> Languages, string Licence);

/// <summary>
/// Sets: one per theme of the vocabulary ("theme:remittances") and one per kind of item in use ("kind:fact-sheet"),
/// under the parents "theme" and "kind" (a colon marks the hierarchy, section 4.6).
/// </summary>
public static class OaiSets
{
    public const string Theme = "theme", Kind = "kind";

    public static IEnumerable<string> Of(OaiHeader h) =>
        h.Themes.Select(t => $"{Theme}:{t}").Append($"{Kind}:{Codes.Of(h.Kind)}");

    /// <summary>Documents in a set; an unknown or malformed set matches nothing.</summary>
    public static IQueryable<LibraryDocument> Filter(IQueryable<LibraryDocument> documents, string set)
    {
        if (set == Theme) return documents.Where(d => d.Themes.Count > 0);
        if (set == Kind) return documents;
        if (set.StartsWith(Theme + ":", StringComparison.Ordinal))
        {
            var code = set[(Theme.Length + 1)..];
            return documents.Where(d => d.Themes.Contains(code));
        }
        if (set.StartsWith(Kind + ":", StringComparison.Ordinal))
        {
            var code = set[(Kind.Length + 1)..];
            // TryParse ignores case and spaces; a set spec is matched exactly.
            if (Codes.TryParse<ItemKind>(code, out var kind) && Codes.Of(kind) == code) return documents.Where(d => d.Kind == kind);
        }
        return documents.Where(d => false);
    }

    /// <summary>Every set as (spec, English name), parents first; empty when the repository has no set hierarchy.</summary>
    public static async Task<List<(string Spec, string Name)>> AllAsync(AppDbContext db, CancellationToken ct)
    {
        var themes = await db.LibraryThemes.AsNoTracking().OrderBy(t => t.Order).ThenBy(t => t.Code).ToListAsync(ct);
        var kinds = await db.LibraryDocuments.AsNoTracking().Select(d => d.Kind).Distinct().ToListAsync(ct);
        var sets = new List<(string, string)>();
        if (themes.Count > 0)
        {
            sets.Add((Theme, "Themes"));
            sets.AddRange(themes.Select(t => ($"{Theme}:{t.Code}", t.NameIn("en"))));
        }
        if (kinds.Count > 0)
        {
            sets.Add((Kind, "Kinds of item"));
            sets.AddRange(kinds.Order().Select(k => ($"{Kind}:{Codes.Of(k)}", KindName(k))));
        }
        return sets;
    }

    /// <summary>Whether any set exists, without listing them: the vocabulary has a term or the library an item.</summary>
    public static async Task<bool> AnyAsync(AppDbContext db, CancellationToken ct) =>
        await db.LibraryThemes.AnyAsync(ct) || await db.LibraryDocuments.AnyAsync(ct);

    private static string KindName(ItemKind kind) => kind switch
    {
        ItemKind.FactSheet => "Fact sheets",
        ItemKind.SeminarFindings => "Seminar findings",
        ItemKind.Report => "Reports",
        ItemKind.PolicyBrief => "Policy briefs",
        ItemKind.JointStatement => "Joint statements",
        ItemKind.CourseMaterial => "Course materials",
        ItemKind.Presentation => "Presentations",
        ItemKind.DataNote => "Data notes",
        _ => Codes.Of(kind),
    };
}
