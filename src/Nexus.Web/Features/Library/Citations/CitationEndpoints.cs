using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Infrastructure;
using Nexus.Web.Infrastructure.Caching;
using Nexus.Web.Infrastructure.Security;

namespace Nexus.Web.Features.Library.Citations;

/// <summary>Downloads of an item's citation for reference managers: BibTeX and RIS.</summary>
public static partial class CitationEndpoints
{
    public static IEndpointRouteBuilder MapCitations(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/library/{slug}").WithTags("Library")
            .RequireRateLimiting(RateLimitPolicies.Api).CacheOutput(PublicCache.Policy).ExcludeFromDescription();
        group.MapGet("/cite.bib", (string slug, string? lang, AppDbContext db, Links links, HttpContext http, CancellationToken ct) =>
            Cite(slug, lang, db, links, http, Citation.BibTeX, "application/x-bibtex; charset=utf-8", ".bib", ct));
        group.MapGet("/cite.ris", (string slug, string? lang, AppDbContext db, Links links, HttpContext http, CancellationToken ct) =>
            Cite(slug, lang, db, links, http, Citation.Ris, "application/x-research-info-systems; charset=utf-8", ".ris", ct));
        return routes;
    }

    /// <summary>What an item slug can be: lower-case letters, digits and hyphens, at most 200 characters.</summary>
    public static bool IsSlug(string? slug) => slug is not null && Slug().IsMatch(slug);

    [GeneratedRegex("^[a-z0-9-]{1,200}$", RegexOptions.CultureInvariant)]
    private static partial Regex Slug();

    /// <summary>The public (visible) document with this slug, or null; never throws on a malformed slug.</summary>
    public static async Task<CitationSource?> FindAsync(AppDbContext db, Links links, string slug, string? lang, CancellationToken ct)
    {
        if (!IsSlug(slug)) return null;
        var doc = await db.LibraryDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Slug == slug && d.Visible, ct);
        if (doc is null) return null;
        var agencies = await db.Agencies.AsNoTracking().Where(a => doc.Agencies.Contains(a.Code)).ToDictionaryAsync(a => a.Code, ct);
        var themes = await db.LibraryThemes.AsNoTracking().Where(t => doc.Themes.Contains(t.Code)).ToDictionaryAsync(t => t.Code, ct);
        return CitationSource.From(doc, agencies, links, lang, themes);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Cite(string slug, string? lang, AppDbContext db,
        Links links, HttpContext http, Func<CitationSource, string> format, string contentType, string extension, CancellationToken ct)
    {
        var source = await FindAsync(db, links, slug, lang, ct);
        if (source is null)
            return TypedResults.Problem(statusCode: 404, title: "Not found", detail: "There is no published library item at this address.");
        LibraryFeeds.TagForEviction(http);
        return TypedResults.File(Encoding.UTF8.GetBytes(format(source)), contentType, slug + extension);
    }
}
