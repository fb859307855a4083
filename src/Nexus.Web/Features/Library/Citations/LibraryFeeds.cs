using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Agencies;
using Nexus.Web.Infrastructure;
using Nexus.Web.Infrastructure.Caching;
using Nexus.Web.Infrastructure.Security;

namespace Nexus.Web.Features.Library.Citations;

/// <summary>
/// Atom 1.0 feeds of the newest library items, all of them or one theme's. Entries are ordered by their last
/// public change, so a corrected item comes back to the top; entry ids are the item's address, which never changes.
/// </summary>
public static partial class LibraryFeeds
{
    /// <summary>Output-cache tag of the library's public answers (feeds, citations): evict it after publishing.</summary>
    public const string CacheTag = "library";
    public const int Size = 50;

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public static IEndpointRouteBuilder MapLibraryFeeds(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/library").WithTags("Library")
            .RequireRateLimiting(RateLimitPolicies.Api).CacheOutput(PublicCache.Policy).ExcludeFromDescription();
        group.MapGet("/feed.atom", All);
        group.MapGet("/themes/{code}/feed.atom", ByTheme);
        return routes;
    }

    /// <summary>
    /// Adds <see cref="CacheTag"/> to the answer being cached, besides the public policy's own tag, so that the
    /// library can drop its cached answers without dropping the whole programme's.
    /// </summary>
    public static void TagForEviction(HttpContext http) => http.Features.Get<IOutputCacheFeature>()?.Context.Tags.Add(CacheTag);

    private static async Task<FileContentHttpResult> All(string? lang, AppDbContext db, Links links, TimeProvider clock,
        HttpContext http, CancellationToken ct)
    {
        lang = Language(lang);
        var themes = await db.LibraryThemes.AsNoTracking().ToDictionaryAsync(t => t.Code, ct);
        var docs = await Newest(db.LibraryDocuments.AsNoTracking().Where(d => d.Visible), ct);
        return await WriteAsync(http, Feed("Nexus library", "/library/feed.atom", lang, docs, themes, await AgenciesAsync(db, ct), links, clock));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ByTheme(string code, string? lang, AppDbContext db,
        Links links, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        lang = Language(lang);
        var themes = await db.LibraryThemes.AsNoTracking().ToDictionaryAsync(t => t.Code, ct);
        if (!ThemeCode().IsMatch(code) || !themes.TryGetValue(code, out var theme))
            return TypedResults.Problem(statusCode: 404, title: "Not found", detail: "There is no library theme with this code.");
        var docs = await Newest(db.LibraryDocuments.AsNoTracking().Where(d => d.Visible && d.Themes.Contains(code)), ct);
        var title = "Nexus library: " + theme.NameIn(lang ?? "en");
        return await WriteAsync(http, Feed(title, $"/library/themes/{code}/feed.atom", lang, docs, themes, await AgenciesAsync(db, ct), links, clock));
    }

    private static Task<List<LibraryDocument>> Newest(IQueryable<LibraryDocument> docs, CancellationToken ct) =>
        docs.OrderByDescending(d => d.UpdatedAt).ThenByDescending(d => d.ItemId).Take(Size).ToListAsync(ct);

    private static Task<Dictionary<string, Agency>> AgenciesAsync(AppDbContext db, CancellationToken ct) =>
        db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Code, ct);

    /// <summary>A language code as asked for in ?lang=, or null.</summary>
    private static string? Language(string? lang) =>
        lang is not null && LanguageCode().IsMatch(lang) ? lang : null;

    [GeneratedRegex("^[a-z]{2,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageCode();

    [GeneratedRegex("^[a-z0-9-]{1,60}$", RegexOptions.CultureInvariant)]
    private static partial Regex ThemeCode();

    public static XDocument Feed(string title, string path, string? lang, IReadOnlyList<LibraryDocument> docs,
        IReadOnlyDictionary<string, LibraryTheme> themes, IReadOnlyDictionary<string, Agency> agencies, Links links, TimeProvider clock)
    {
        var self = links.To(path) + (lang is null ? "" : "?lang=" + lang);
        var updated = docs.Count > 0 ? docs.Max(d => d.UpdatedAt) : clock.GetUtcNow().UtcDateTime;
        var feed = new XElement(Atom + "feed",
            lang is null ? null : new XAttribute(XNamespace.Xml + "lang", lang),
            new XElement(Atom + "id", self),
            new XElement(Atom + "title", Clean(title)),
            new XElement(Atom + "updated", Time(updated)),
            new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("type", "application/atom+xml"), new XAttribute("href", self)),
            new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "text/html"), new XAttribute("href", links.To("/library"))),
            new XElement(Atom + "author", new XElement(Atom + "name", "Nexus")),
            new XElement(Atom + "generator", "Nexus"),
            docs.Select(d => Entry(d, lang, themes, agencies, links)));
        return new XDocument(feed);
    }

    private static XElement Entry(LibraryDocument d, string? lang, IReadOnlyDictionary<string, LibraryTheme> themes,
        IReadOnlyDictionary<string, Agency> agencies, Links links)
    {
        // As on the site: the reader's language, else English, French or Spanish, else the original.
        var source = CitationSource.From(d, agencies, links, LibraryLanguages.Pick(d.Texts, lang).Language, themes);
        var authors = d.Authors.Count > 0
            ? d.Authors.Select(Citation.ParseName).Select(p => p.Given.Length > 0 ? $"{p.Given} {p.Family}" : p.Family)
            : source.Agencies.Select(a => a.Name);
        // The text's language is marked on the text only: theme labels are in the feed's language.
        var textLanguage = new XAttribute(XNamespace.Xml + "lang", source.Language);
        return new XElement(Atom + "entry",
            new XElement(Atom + "id", source.Url),
            new XElement(Atom + "title", textLanguage, Clean(source.Title)),
            new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "text/html"),
                new XAttribute("hreflang", source.Language), new XAttribute("href", source.Url)),
            d.FirstPublishedAt == default ? null : new XElement(Atom + "published", Time(d.FirstPublishedAt)),
            new XElement(Atom + "updated", Time(d.UpdatedAt)),
            authors.Select(name => new XElement(Atom + "author", new XElement(Atom + "name", Clean(name)))),
            string.IsNullOrWhiteSpace(source.Abstract) ? null : new XElement(Atom + "summary", new XAttribute("type", "text"), textLanguage, Clean(source.Abstract)),
            source.Themes.Select(t => new XElement(Atom + "category", new XAttribute("term", t.Code),
                new XAttribute("label", Clean(themes.TryGetValue(t.Code, out var theme) ? theme.NameIn(lang ?? source.Language) : t.Name)),
                new XAttribute("scheme", links.To("/library/themes/")))));
    }

    private static string Time(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Drops characters XML 1.0 cannot carry (most control characters, lone surrogates).</summary>
    public static string Clean(string s)
    {
        StringBuilder? sb = null;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]);
            var ok = pair || XmlConvert.IsXmlChar(c);
            if (!ok) sb ??= new StringBuilder(s, 0, i, s.Length);
            else if (pair) sb?.Append(c).Append(s[i + 1]);
            else sb?.Append(c);
            if (pair) i++;
        }
        return sb?.ToString() ?? s;
    }

    private static async Task<FileContentHttpResult> WriteAsync(HttpContext http, XDocument feed)
    {
        using var buffer = new MemoryStream();
        await using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Async = true }))
            await feed.SaveAsync(writer, http.RequestAborted);
        TagForEviction(http);
        return TypedResults.Bytes(buffer.ToArray(), "application/atom+xml; charset=utf-8");
    }
}
