using System.Net;
using Nexus.Web.Features.Library;

namespace Nexus.Tests.Library;

public sealed class CitationEndpointsTestsOnSqlite(SqliteApp fixture) : CitationEndpointsTests(fixture), IClassFixture<SqliteApp>;

public sealed class CitationEndpointsTestsOnPostgres(PostgresApp fixture) : CitationEndpointsTests(fixture), IClassFixture<PostgresApp>;

/// <summary>Citation downloads for reference managers, and what happens with addresses that name no item.</summary>
public abstract class CitationEndpointsTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private AppFactory App => fixture.App;
    private HttpClient Anonymous => App.CreateClient();

    [Fact]
    public async Task BibTeX_downloads_as_a_file_named_after_the_item()
    {
        await PublishedDocuments.AddAgencyAsync(App, "unitar", "UNITAR", "United Nations Institute for Training and Research");
        var doc = await PublishedDocuments.AddAsync(App, title: "Migration & development: 100% {special}_chars",
            authors: [], agencies: ["unitar"], kind: ItemKind.PolicyBrief);

        var response = await Anonymous.GetAsync($"/library/{doc.Slug}/cite.bib", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-bibtex", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(doc.Slug + ".bib", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bib = await response.Content.ReadAsStringAsync(Ct);
        Assert.StartsWith("@techreport{unitar2009migration,", bib);
        Assert.Contains(@"title = {Migration \& development: 100\% \{special\}\_chars}", bib);
        Assert.Contains("author = {{United Nations Institute for Training and Research}}", bib);
        Assert.Contains($"url = {{https://localhost/library/{doc.Slug}}}", bib);
    }

    [Fact]
    public async Task RIS_downloads_with_CRLF_lines_ending_in_ER()
    {
        var doc = await PublishedDocuments.AddAsync(App, title: "Health workers abroad", authors: ["Amina Wanjiru"],
            themes: ["brain-drain-health-workers"], kind: ItemKind.FactSheet);

        var response = await Anonymous.GetAsync($"/library/{doc.Slug}/cite.ris", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-research-info-systems", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(doc.Slug + ".ris", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var ris = await response.Content.ReadAsStringAsync(Ct);
        Assert.StartsWith("TY  - PAMP\r\nTI  - Health workers abroad\r\nAU  - Wanjiru, Amina\r\n", ris);
        Assert.Contains("\r\nKW  - Brain drain and health workers\r\n", ris);
        Assert.EndsWith("\r\nER  - \r\n", ris);
    }

    [Fact]
    public async Task A_citation_comes_in_the_language_asked_for()
    {
        var doc = await PublishedDocuments.AddAsync(App, texts:
        [
            new ItemText { Language = "en", Title = "Integration policies" },
            new ItemText { Language = "es", Title = "Políticas de integración" },
        ]);

        var ris = await Anonymous.GetStringAsync($"/library/{doc.Slug}/cite.ris?lang=es", Ct);

        Assert.Contains("\r\nTI  - Políticas de integración\r\n", ris);
        Assert.Contains("\r\nLA  - es\r\n", ris);
    }

    [Theory]
    [InlineData("cite.bib")]
    [InlineData("cite.ris")]
    public async Task An_unpublished_item_has_no_citation(string file)
    {
        var hidden = await PublishedDocuments.AddAsync(App, visible: false);

        await (await Anonymous.GetAsync($"/library/{hidden.Slug}/{file}", Ct)).AssertProblemAsync(404);
        await (await Anonymous.GetAsync($"/library/no-such-item/{file}", Ct)).AssertProblemAsync(404);
    }

    [Theory]
    [InlineData("%2500")]
    [InlineData("..%2Fetc")]
    [InlineData("..%5Cetc")]
    [InlineData("Upper-Case")]
    [InlineData("a%20b")]
    [InlineData("%C3%A9t%C3%A9")]
    [InlineData("'%20or%201=1--")]
    public async Task A_malformed_slug_is_not_found(string slug)
    {
        var response = await Anonymous.GetAsync($"/library/{slug}/cite.bib", Ct);

        await response.AssertProblemAsync(404);
    }

    [Theory]
    [InlineData("/library/\0/cite.bib")]
    [InlineData("/library/a\0b/cite.ris")]
    public async Task A_slug_with_a_null_character_is_not_found(string path)
    {
        // Kestrel refuses %00 in a path before the app sees it; the test client cannot send one, so set the decoded path.
        var context = await App.Server.SendAsync(c => { c.Request.Method = "GET"; c.Request.Path = path; }, Ct);

        Assert.Equal(404, context.Response.StatusCode);
    }

    [Fact]
    public async Task A_slug_longer_than_any_item_is_not_found()
    {
        var response = await Anonymous.GetAsync($"/library/{new string('a', 10_000)}/cite.ris", Ct);

        await response.AssertProblemAsync(404);
    }

    [Fact]
    public async Task Dot_segments_never_reach_anything_but_a_not_found()
    {
        foreach (var url in new[] { "/library/../etc/cite.bib", "/library/./cite.bib", "/library//cite.bib", "/library/a/b/cite.ris" })
        {
            var response = await Anonymous.GetAsync(url, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url}: {(int)response.StatusCode}");
        }
    }
}
