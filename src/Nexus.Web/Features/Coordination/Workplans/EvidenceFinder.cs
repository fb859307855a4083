using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Library;
using Nexus.Web.Features.Library.Search;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Coordination.Workplans;

/// <summary>What a piece of evidence points to, once it is known to exist.</summary>
public sealed record EvidenceTarget(EvidenceKind Kind, int? TargetId, string? Url, string Title);

public sealed record EvidenceCandidate(int Id, string Title, string? Detail);

/// <summary>Either the one target found, or the candidates to choose from when the words matched several.</summary>
public sealed record EvidenceLookup(EvidenceTarget? Found, IReadOnlyList<EvidenceCandidate> Candidates);

/// <summary>
/// Finds the evidence a focal point names: a library item or an event by its number or by words of its title, or a
/// web address. Nothing is linked that does not exist; several matches are offered for a choice instead of a guess.
/// </summary>
public static class EvidenceFinder
{
    public const int MaxCandidates = 10;

    public static async Task<EvidenceLookup> FindAsync(AppDbContext db, LibrarySearch search, string? kind, string? target, string? url,
        string? title, string uiLanguage, FieldErrors errors, CancellationToken ct)
    {
        var none = new EvidenceLookup(null, []);
        if (!Codes.TryParse<EvidenceKind>(kind, out var k))
        {
            errors.Add("evidenceKind", "Choose one of: {0}.", string.Join(", ", Codes.All<EvidenceKind>()));
            return none;
        }
        var ownTitle = errors.Text("evidenceTitle", title, WorkplanForms.MaxTitle, required: false);
        if (k == EvidenceKind.Link)
        {
            var uri = WorkplanForms.WebAddress("evidenceUrl", url, errors);
            if (uri is null || errors.Any) return none;
            return new EvidenceLookup(new EvidenceTarget(k, null, uri.AbsoluteUri.Length <= WorkplanForms.MaxUrl ? uri.AbsoluteUri : uri.OriginalString,
                ownTitle.Length > 0 ? ownTitle : Clip(uri.Host + uri.AbsolutePath.TrimEnd('/'))), []);
        }

        var text = errors.Text("evidenceTarget", target, 200, required: true);
        if (errors.Any) return none;
        var candidates = int.TryParse(text.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? await ByIdAsync(db, k, id, uiLanguage, ct)
            : k == EvidenceKind.Event ? await EventsAsync(db, text, ct) : await LibraryAsync(search, text, uiLanguage, ct);
        if (candidates.Count == 0)
        {
            errors.Add("evidenceTarget", k == EvidenceKind.Event ? "No event has that number or those words in its title."
                : "No library item has that number or those words in its title.");
            return none;
        }
        // Words that match exactly one title are taken as that one; otherwise the person chooses.
        var exact = candidates.Where(c => Contains(c.Title, text)).ToList();
        var pick = candidates.Count == 1 ? candidates[0] : exact.Count == 1 ? exact[0] : null;
        return pick is null ? new EvidenceLookup(null, candidates)
            : new EvidenceLookup(new EvidenceTarget(k, pick.Id, null, ownTitle.Length > 0 ? ownTitle : Clip(pick.Title)), []);
    }

    private static async Task<List<EvidenceCandidate>> ByIdAsync(AppDbContext db, EvidenceKind kind, int id, string uiLanguage, CancellationToken ct)
    {
        if (kind == EvidenceKind.Event)
            return await db.Events.AsNoTracking().Where(e => e.Id == id)
                .Select(e => new EvidenceCandidate(e.Id, e.Title, null)).ToListAsync(ct);
        var item = await db.LibraryItems.AsNoTracking().Where(i => i.Id == id).Select(i => new { i.Id, i.Draft }).FirstOrDefaultAsync(ct);
        return item is null ? [] : [new EvidenceCandidate(item.Id, LibraryLanguages.Pick(item.Draft.Texts, uiLanguage).Title, null)];
    }

    private static async Task<List<EvidenceCandidate>> EventsAsync(AppDbContext db, string words, CancellationToken ct)
    {
        // Events are a few hundred rows at most: matching in memory gives the same accent- and case-blind
        // comparison on SQLite and PostgreSQL.
        var events = await db.Events.AsNoTracking().OrderByDescending(e => e.StartsAt)
            .Select(e => new { e.Id, e.Title, e.StartsAt }).ToListAsync(ct);
        var terms = words.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return events.Where(e => terms.All(t => Contains(e.Title, t))).Take(MaxCandidates)
            .Select(e => new EvidenceCandidate(e.Id, e.Title, e.StartsAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).ToList();
    }

    private static async Task<List<EvidenceCandidate>> LibraryAsync(LibrarySearch search, string words, string uiLanguage, CancellationToken ct)
    {
        var result = await search.SearchAsync(new LibrarySearchRequest(words, new LibraryFilters(), LibrarySort.Relevance, 1, MaxCandidates), uiLanguage, ct);
        return result.Items.Select(h => new EvidenceCandidate(h.Id, h.Title, h.PublishedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).ToList();
    }

    private static bool Contains(string text, string part) =>
        CultureInfo.InvariantCulture.CompareInfo.IndexOf(text, part, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace) >= 0;

    private static string Clip(string s) => s.Length <= WorkplanForms.MaxTitle ? s : s[..(WorkplanForms.MaxTitle - 1)] + "…";
}
