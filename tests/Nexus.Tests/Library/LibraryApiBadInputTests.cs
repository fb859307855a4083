using Microsoft.EntityFrameworkCore;
using System.Text.Json.Nodes;
using static Nexus.Tests.Library.LibraryTestData;

namespace Nexus.Tests.Library;

/// <summary>The library's write API refuses bad input with a problem that names the field, and keeps what was stored.</summary>
public class LibraryApiBadInputTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private AppFactory App => fixture.App;

    [Fact]
    public async Task An_invalid_item_names_each_bad_field_and_creates_nothing()
    {
        var staff = App.ClientWithToken(await App.StaffTokenAsync());
        var before = await App.Db(db => db.LibraryItems.CountAsync(Ct));
        var body = Body(title: "");
        body["kind"] = "poem";
        body["publishedOn"] = "04/11/2009";
        body["themes"] = new JsonArray("remittances", "<script>");
        body["places"] = new JsonArray("ZZZ");

        var response = await staff.PostJsonAsync("/api/v1/library/items", body);

        await response.AssertProblemAsync(400, "kind", "texts[0].title", "publishedOn", "themes", "places");
        Assert.Equal(before, await App.Db(db => db.LibraryItems.CountAsync(Ct)));
    }

    [Fact]
    public async Task Bad_uploads_are_refused_and_the_item_keeps_its_version()
    {
        var item = await App.AddItemAsync(Content($"{Marker()} uploads"));
        var staff = App.ClientWithToken(await App.StaffTokenAsync());
        var url = $"/api/v1/library/items/{item.Id}/files";

        await (await staff.PostRawAsync(url, "{}")).AssertProblemAsync(400, "file");
        using var empty = new MultipartFormDataContent { { new ByteArrayContent([]), "file", "empty.pdf" } };
        await (await staff.PostAsync(url, empty, Ct)).AssertProblemAsync(400, "file");
        using var garbage = new MultipartFormDataContent { { new ByteArrayContent(new byte[] { 1, 2, 3, 4, 5, 6 }), "file", "../../etc/passwd.pdf" } };
        await (await staff.PostAsync(url, garbage, Ct)).AssertProblemAsync(400, "file");
        using var language = new MultipartFormDataContent { { new ByteArrayContent(SampleFiles.Pdf("x")), "file", "a.pdf" }, { new StringContent("xx"), "language" } };
        await (await staff.PostAsync(url, language, Ct)).AssertProblemAsync(400, "language");

        Assert.Equal(1, await App.Db(db => db.LibraryItems.Where(i => i.Id == item.Id).Select(i => i.CurrentVersion).SingleAsync(Ct)));
        Assert.Equal(0, await App.Db(db => db.LibraryFiles.CountAsync(f => f.ItemId == item.Id, Ct)));
    }

    [Fact]
    public async Task A_malformed_If_Match_is_a_field_error()
    {
        var item = await App.AddItemAsync(Content($"{Marker()} etag"));
        var staff = App.ClientWithToken(await App.StaffTokenAsync());

        var response = await staff.PutJsonAsync($"/api/v1/library/items/{item.Id}", Body(), ifMatch: "v-one");

        await response.AssertProblemAsync(400, "If-Match");
    }

    [Theory]
    [InlineData("kind=poem", "kind")]
    [InlineData("year=20x9", "year")]
    [InlineData("lang=de", "lang")]
    [InlineData("place=Philippines", "place")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=100000", "pageSize")]
    [InlineData("sort=random", "sort")]
    [InlineData("theme=%3Cscript%3E", "theme")]
    public async Task Bad_search_filters_name_the_parameter(string query, string field)
    {
        var response = await App.CreateClient().GetAsync("/api/v1/library/search?q=migration&" + query, Ct);

        await response.AssertProblemAsync(400, field);
    }
}
