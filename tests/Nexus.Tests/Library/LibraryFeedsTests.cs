using System.Net;
using System.Xml.Linq;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Web.Features.Library;
using Nexus.Web.Features.Library.Citations;

namespace Nexus.Tests.Library;

public sealed class LibraryFeedsTestsOnSqlite(SqliteApp fixture) : LibraryFeedsTests(fixture), IClassFixture<SqliteApp>;

public sealed class LibraryFeedsTestsOnPostgres(PostgresApp fixture) : LibraryFeedsTests(fixture), IClassFixture<PostgresApp>;

/// <summary>The Atom feeds of new library items, read as a feed reader would.</summary>
public abstract class LibraryFeedsTests(AppFixture fixture)
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private AppFactory App => fixture.App;

    private async Task<XElement> FeedAsync(string url, AppFactory? app = null)
    {
        var response = await (app ?? App).CreateClient().GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).Root!;
        Assert.Equal(Atom + "feed", feed.Name);
        return feed;
    }

    private static List<string> Slugs(XElement feed) =>
        feed.Elements(Atom + "entry").Select(e => e.Element(Atom + "id")!.Value.Split('/')[^1]).ToList();

    private static XElement EntryOf(XElement feed, string slug) =>
        Assert.Single(feed.Elements(Atom + "entry"), e => e.Element(Atom + "id")!.Value.EndsWith("/library/" + slug, StringComparison.Ordinal));

    [Fact]
    public async Task The_feed_lists_visible_items_most_recently_changed_first()
    {
        var now = DateTime.UtcNow;
        var older = await PublishedDocuments.AddAsync(App, title: "Older item", updatedAt: now.AddHours(-2));
        var newer = await PublishedDocuments.AddAsync(App, title: "Newer item", updatedAt: now.AddHours(-1));
        var hidden = await PublishedDocuments.AddAsync(App, title: "Unpublished item", visible: false, updatedAt: now);

        var feed = await FeedAsync("/library/feed.atom");

        var slugs = Slugs(feed);
        Assert.DoesNotContain(hidden.Slug, slugs);
        Assert.True(slugs.IndexOf(newer.Slug) is >= 0 and var n && n < slugs.IndexOf(older.Slug), string.Join(", ", slugs));
        Assert.Equal("https://localhost/library/feed.atom", feed.Element(Atom + "id")!.Value);
        Assert.NotNull(feed.Element(Atom + "updated"));
        Assert.Contains(feed.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "self");
    }

    [Fact]
    public async Task An_entry_links_to_the_item_and_names_authors_summary_and_themes()
    {
        var doc = await PublishedDocuments.AddAsync(App, title: "Diaspora bonds", authors: ["Wanjiru, Amina", "Bilal Kahn"],
            themes: ["remittances", "diaspora"], abstractText: "Bonds sold to emigrants.");

        var entry = EntryOf(await FeedAsync("/library/feed.atom"), doc.Slug);

        var url = "https://localhost/library/" + doc.Slug;
        Assert.Equal(url, entry.Element(Atom + "id")!.Value);
        Assert.Equal("Diaspora bonds", entry.Element(Atom + "title")!.Value);
        var link = entry.Element(Atom + "link")!;
        Assert.Equal(("alternate", url), ((string?)link.Attribute("rel"), (string?)link.Attribute("href")));
        Assert.Equal(["Amina Wanjiru", "Bilal Kahn"], entry.Elements(Atom + "author").Select(a => a.Element(Atom + "name")!.Value));
        Assert.Equal("Bonds sold to emigrants.", entry.Element(Atom + "summary")!.Value);
        Assert.Equal(doc.UpdatedAt, DateTime.Parse(entry.Element(Atom + "updated")!.Value, null, System.Globalization.DateTimeStyles.AdjustToUniversal));
        Assert.Equal([("remittances", "Remittances"), ("diaspora", "Diaspora and transnational communities")],
            entry.Elements(Atom + "category").Select(c => ((string?)c.Attribute("term"), (string?)c.Attribute("label"))));
    }

    [Fact]
    public async Task Agencies_are_the_authors_of_an_item_without_personal_authors()
    {
        await PublishedDocuments.AddAgencyAsync(App, "iom", "IOM", "International Organization for Migration");
        var doc = await PublishedDocuments.AddAsync(App, authors: [], agencies: ["iom"]);

        var entry = EntryOf(await FeedAsync("/library/feed.atom"), doc.Slug);

        Assert.Equal("International Organization for Migration", entry.Element(Atom + "author")!.Element(Atom + "name")!.Value);
    }

    [Fact]
    public async Task A_theme_feed_holds_only_that_theme()
    {
        var ageing = await PublishedDocuments.AddAsync(App, title: "Ageing societies", themes: ["ageing", "labour-migration"]);
        var other = await PublishedDocuments.AddAsync(App, title: "Remittance costs", themes: ["remittances"]);
        var hidden = await PublishedDocuments.AddAsync(App, title: "Hidden", themes: ["ageing"], visible: false);

        var feed = await FeedAsync("/library/themes/ageing/feed.atom");

        var slugs = Slugs(feed);
        Assert.Contains(ageing.Slug, slugs);
        Assert.DoesNotContain(other.Slug, slugs);
        Assert.DoesNotContain(hidden.Slug, slugs);
        Assert.Equal("Nexus library: Ageing", feed.Element(Atom + "title")!.Value);
        Assert.All(feed.Elements(Atom + "entry"), e => Assert.Contains(e.Elements(Atom + "category"), c => (string?)c.Attribute("term") == "ageing"));
    }

    [Theory]
    [InlineData("/library/themes/no-such-theme/feed.atom")]
    [InlineData("/library/themes/AGEING/feed.atom")]
    [InlineData("/library/themes/%2500/feed.atom")]
    [InlineData("/library/themes/..%2Fageing/feed.atom")]
    public async Task An_unknown_theme_has_no_feed(string url)
    {
        var response = await App.CreateClient().GetAsync(url, Ct);

        await response.AssertProblemAsync(404);
    }

    [Fact]
    public async Task A_theme_code_with_a_null_character_is_not_found()
    {
        var context = await App.Server.SendAsync(c => { c.Request.Method = "GET"; c.Request.Path = "/library/themes/\0/feed.atom"; }, Ct);

        Assert.Equal(404, context.Response.StatusCode);
    }

    [Fact]
    public async Task A_feed_has_at_most_fifty_entries()
    {
        for (var i = 0; i < LibraryFeeds.Size + 3; i++)
            await PublishedDocuments.AddAsync(App, title: $"Urban item {i}", themes: ["urbanisation"], updatedAt: new DateTime(2001, 1, 1).AddDays(i));

        var feed = await FeedAsync("/library/themes/urbanisation/feed.atom");

        var titles = feed.Elements(Atom + "entry").Select(e => e.Element(Atom + "title")!.Value).ToList();
        Assert.Equal(LibraryFeeds.Size, titles.Count);
        Assert.Equal($"Urban item {LibraryFeeds.Size + 2}", titles[0]);
    }

    [Fact]
    public async Task Titles_come_in_the_language_asked_for_or_the_original()
    {
        var both = await PublishedDocuments.AddAsync(App, themes: ["climate-change"], texts:
        [
            new ItemText { Language = "en", Title = "Climate and mobility" },
            new ItemText { Language = "fr", Title = "Climat et mobilité" },
        ]);
        var englishOnly = await PublishedDocuments.AddAsync(App, title: "Sea level rise", themes: ["climate-change"]);

        var feed = await FeedAsync("/library/themes/climate-change/feed.atom?lang=fr");

        Assert.Equal("Climat et mobilité", EntryOf(feed, both.Slug).Element(Atom + "title")!.Value);
        Assert.Equal("fr", (string?)EntryOf(feed, both.Slug).Element(Atom + "title")!.Attribute(XNamespace.Xml + "lang"));
        Assert.Equal("en", (string?)EntryOf(feed, englishOnly.Slug).Element(Atom + "title")!.Attribute(XNamespace.Xml + "lang"));
        Assert.Equal("Sea level rise", EntryOf(feed, englishOnly.Slug).Element(Atom + "title")!.Value);
        Assert.Equal("Changement climatique", feed.Elements(Atom + "entry").First().Element(Atom + "category")!.Attribute("label")!.Value);
        Assert.Equal("Climate and mobility", EntryOf(await FeedAsync("/library/themes/climate-change/feed.atom"), both.Slug).Element(Atom + "title")!.Value);
    }

    [Fact]
    public async Task Characters_that_XML_cannot_carry_are_dropped()
    {
        var doc = await PublishedDocuments.AddAsync(App, title: "Bad\u0001 \u000Bbytes\uFFFE and 🌍 emoji", abstractText: "Nul\0 here");

        var entry = EntryOf(await FeedAsync("/library/feed.atom"), doc.Slug);

        Assert.Equal("Bad bytes and 🌍 emoji", entry.Element(Atom + "title")!.Value);
        Assert.Equal("Nul here", entry.Element(Atom + "summary")!.Value);
    }

    [Fact]
    public async Task Feeds_are_cached_until_the_library_tag_is_evicted()
    {
        await using var app = new AppFactory(App.Provider, settings: new Dictionary<string, string?> { ["Nexus:OutputCache:Seconds"] = "300" });
        var doc = await PublishedDocuments.AddAsync(app, title: "Cached item");
        Assert.Contains(doc.Slug, Slugs(await FeedAsync("/library/feed.atom", app)));

        // A bulk update passes by SaveChanges, so nothing evicts the cached feed on its own.
        await app.Db(db => db.LibraryDocuments.Where(d => d.ItemId == doc.ItemId).ExecuteUpdateAsync(s => s.SetProperty(d => d.Visible, false), Ct));
        Assert.Contains(doc.Slug, Slugs(await FeedAsync("/library/feed.atom", app)));

        await app.Services.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(LibraryFeeds.CacheTag, Ct);
        Assert.DoesNotContain(doc.Slug, Slugs(await FeedAsync("/library/feed.atom", app)));
    }
}
