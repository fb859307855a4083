using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Features.Library;
using static Nexus.Tests.Library.LibraryTestData;

namespace Nexus.Tests.Library;

/// <summary>Search behaviour that must hold on both databases: ranking, facets, snippets, stemming, languages.</summary>
public abstract class LibrarySearchTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private AppFactory App => fixture.App;
    private HttpClient Anonymous => App.CreateClient();

    private async Task<JsonNode> SearchAsync(string query)
    {
        var response = await Anonymous.GetAsync("/api/v1/library/search?" + query, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private static List<int> Ids(JsonNode result) => result["items"]!.AsArray().Select(i => (int)i!["id"]!).ToList();

    [Fact]
    public async Task An_exact_title_match_ranks_first()
    {
        var m = Marker();
        // The other items repeat the words far more often, so that plain term frequency would favour them.
        var noisy1 = await App.AddItemAsync(Content($"{m} remittances and development: remittances, development and crisis", @abstract: $"{m} remittances and development, remittances and development"));
        var exact = await App.AddItemAsync(Content($"{m} remittances and development", @abstract: "A short note."));
        var noisy2 = await App.AddItemAsync(Content($"Development and remittances {m} remittances", body: string.Join(' ', Enumerable.Repeat($"{m} remittances and development", 50))));

        var result = await SearchAsync("q=" + Uri.EscapeDataString($"{m} Remittances and Development"));

        Assert.Equal(exact.Id, Ids(result)[0]);
        Assert.Equal(3, (int)result["total"]!);
        Assert.Contains(noisy1.Id, Ids(result));
        Assert.Contains(noisy2.Id, Ids(result));
    }

    [Fact]
    public async Task Facet_counts_equal_the_counts_of_a_direct_query()
    {
        var m = Marker();
        var items = new List<LibraryItem>
        {
            await App.AddItemAsync(Content($"{m} one", kind: ItemKind.FactSheet, themes: ["remittances", "economic-crisis"], agencies: ["iom"], publishedOn: new(2009, 3, 1))),
            await App.AddItemAsync(Content($"{m} two", kind: ItemKind.FactSheet, themes: ["remittances"], agencies: ["iom", "unfpa"], publishedOn: new(2009, 5, 1))),
            await App.AddItemAsync(Content($"{m} three", kind: ItemKind.Report, themes: ["labour-migration"], agencies: ["ilo"], publishedOn: new(2010, 1, 1), language: "fr")),
            await App.AddItemAsync(Content($"{m} four", kind: ItemKind.PolicyBrief, themes: ["remittances", "diaspora"], agencies: ["unitar"], publishedOn: new(2008, 1, 1), places: ["002", "404"])),
        };
        // A draft must not count anywhere.
        await App.AddItemAsync(Content($"{m} draft", themes: ["remittances"]), publish: false);

        var result = await SearchAsync("q=" + m);

        var ids = items.Select(i => i.Id).ToList();
        var docs = await App.Db(db => db.LibraryDocuments.AsNoTracking().Where(d => ids.Contains(d.ItemId) && d.Visible).ToListAsync(Ct));
        Assert.Equal(docs.Count, (int)result["total"]!);
        var facets = result["facets"]!.AsObject();
        void Check(string dimension, Func<LibraryDocument, IEnumerable<string>> values)
        {
            var expected = docs.SelectMany(values).GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
            var actual = facets[dimension]!.AsArray().ToDictionary(v => (string)v!["value"]!, v => (int)v!["count"]!);
            Assert.Equal(expected.OrderBy(e => e.Key), actual.OrderBy(e => e.Key));
        }
        Check("kind", d => [Web.Infrastructure.Codes.Of(d.Kind)]);
        Check("theme", d => d.Themes);
        Check("agency", d => d.Agencies);
        Check("year", d => [d.PublishedOn.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Check("language", d => d.Languages);
        Check("place", d => d.Places);

        // Narrowing by a facet value gives exactly the number the facet announced.
        var narrowed = await SearchAsync($"q={m}&theme=remittances");
        Assert.Equal(docs.Count(d => d.Themes.Contains("remittances")), (int)narrowed["total"]!);
        var narrowedTwice = await SearchAsync($"q={m}&theme=remittances&agency=iom&year=2009");
        Assert.Equal(2, (int)narrowedTwice["total"]!);
    }

    [Fact]
    public async Task Snippets_highlight_the_terms_found()
    {
        var m = Marker();
        await App.AddItemAsync(Content($"{m} crisis note", @abstract: "Remittances to the Philippines fell less than expected, while <script>alert(1)</script> stays text."));

        var result = await SearchAsync($"q={m}+philippines");

        var snippet = (string)result["items"]![0]!["snippet"]!;
        Assert.Contains("<mark>Philippines</mark>", snippet);
        Assert.DoesNotContain("<script>", snippet);
    }

    [Fact]
    public async Task A_singular_query_finds_the_plural()
    {
        var m = Marker();
        var item = await App.AddItemAsync(Content($"{m} flows", @abstract: "Migrant workers send remittances to their countries of origin."));

        Assert.Contains(item.Id, Ids(await SearchAsync($"q={m}+remittance")));
        Assert.Contains(item.Id, Ids(await SearchAsync($"q={m}+country+worker")));
    }

    [Fact]
    public async Task A_French_query_finds_French_items()
    {
        var m = Marker();
        var fr = await App.AddItemAsync(Content($"{m} Les travailleurs migrants et la crise", language: "fr",
            @abstract: "Les envois de fonds des travailleurs migrants vers leurs pays d'origine ont diminué pendant la crise économique."));
        var en = await App.AddItemAsync(Content($"{m} Health workers", @abstract: "Nurses and doctors who migrate."));

        var result = await SearchAsync($"q={m}+travailleur+migrant+économiques");

        Assert.Equal([fr.Id], Ids(result));
        Assert.DoesNotContain(en.Id, Ids(result));
        Assert.Equal([fr.Id], Ids(await SearchAsync($"q={m}&lang=fr")));
    }

    [Fact]
    public async Task An_unpublished_item_disappears_from_search_and_comes_back_when_republished()
    {
        var m = Marker();
        var item = await App.AddItemAsync(Content($"{m} withdrawn"));
        var token = await App.StaffTokenAsync();
        var staff = App.ClientWithToken(token);

        (await staff.PostAsync($"/api/v1/library/items/{item.Id}/unpublish", null, Ct)).EnsureSuccessStatusCode();
        Assert.Empty(Ids(await SearchAsync($"q={m}")));
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous.GetAsync($"/api/v1/library/items/{item.Id}", Ct)).StatusCode);

        (await staff.PostAsync($"/api/v1/library/items/{item.Id}/publish", null, Ct)).EnsureSuccessStatusCode();
        Assert.Equal([item.Id], Ids(await SearchAsync($"q={m}")));
    }

    [Fact]
    public async Task Text_inside_an_uploaded_PDF_and_DOCX_is_found()
    {
        var m = Marker();
        var item = await App.AddItemAsync(Content($"{m} annexes", @abstract: "Annexes in separate files."));
        var staff = App.ClientWithToken(await App.StaffTokenAsync());
        async Task UploadAsync(byte[] file, string name)
        {
            using var form = new MultipartFormDataContent { { new ByteArrayContent(file), "file", name } };
            var response = await staff.PostAsync($"/api/v1/library/items/{item.Id}/files", form, Ct);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        await UploadAsync(SampleFiles.Pdf("Seasonal agricultural workers", "Caregivers and bilateral recruitment agreements"), "annex.pdf");
        await UploadAsync(SampleFiles.Docx("Pension portability between regions", "Diaspora bonds"), "annex.docx");

        var pdf = await SearchAsync($"q={m}+recruitment+agreement");
        var docx = await SearchAsync($"q={m}+portable+pensions");

        Assert.Equal([item.Id], Ids(pdf));
        Assert.Contains("<mark>", (string)pdf["items"]![0]!["snippet"]!);
        Assert.Equal([item.Id], Ids(docx));
        Assert.Contains("<mark>Pension</mark>", (string)docx["items"]![0]!["snippet"]!);
        // The files are downloadable from the item's public record.
        var record = await (await Anonymous.GetAsync($"/api/v1/library/items/{item.Id}", Ct)).JsonAsync();
        var url = (string)record["files"]![0]!["url"]!;
        var download = await Anonymous.GetAsync(new Uri(url).PathAndQuery, Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Editing_twice_keeps_three_versions_and_the_public_sees_the_latest_published_one()
    {
        var m = Marker();
        var staff = App.ClientWithToken(await App.StaffTokenAsync());
        var created = await (await staff.PostJsonAsync("/api/v1/library/items", Body(title: $"{m} first title"))).JsonAsync();
        var id = (int)created["id"]!;

        var second = await staff.PutJsonAsync($"/api/v1/library/items/{id}", Body(title: $"{m} second title"), ifMatch: "1");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var third = await staff.PutJsonAsync($"/api/v1/library/items/{id}", Body(title: $"{m} third title", publish: false), ifMatch: "2");
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        var stale = await staff.PutJsonAsync($"/api/v1/library/items/{id}", Body(title: $"{m} lost edit"), ifMatch: "2");
        await stale.AssertProblemAsync(412);

        var versions = (await (await staff.GetAsync($"/api/v1/library/items/{id}/versions", Ct)).JsonAsync()).AsArray();
        Assert.Equal([3, 2, 1], versions.Select(v => (int)v!["number"]!));
        Assert.Equal([false, true, false], versions.Select(v => (bool)v!["published"]!));
        var pub = await (await Anonymous.GetAsync($"/api/v1/library/items/{id}", Ct)).JsonAsync();
        Assert.Equal($"{m} second title", (string?)pub["texts"]![0]!["title"]);
        Assert.Equal(2, (int)pub["version"]!);
        Assert.Equal(1, (int)(await SearchAsync($"q={m}+second"))["total"]!);
        Assert.Equal(0, (int)(await SearchAsync($"q={m}+third"))["total"]!);
    }

    [Fact]
    public async Task Results_page_through_in_a_stable_order()
    {
        var m = Marker();
        for (var i = 0; i < 7; i++) await App.AddItemAsync(Content($"{m} part {i}", publishedOn: new DateOnly(2000 + i, 1, 1)));

        var pages = new List<int>();
        for (var p = 1; p <= 3; p++) pages.AddRange(Ids(await SearchAsync($"q={m}&sort=newest&pageSize=3&page={p}")));

        Assert.Equal(7, pages.Distinct().Count());
        var oldest = Ids(await SearchAsync($"q={m}&sort=oldest&pageSize=7"));
        Assert.Equal(pages, oldest.AsEnumerable().Reverse());
    }
}

public class SqliteLibrarySearchTests(SqliteApp fixture) : LibrarySearchTests(fixture), IClassFixture<SqliteApp>;

public class PostgresLibrarySearchTests(PostgresApp fixture) : LibrarySearchTests(fixture), IClassFixture<PostgresApp>;
