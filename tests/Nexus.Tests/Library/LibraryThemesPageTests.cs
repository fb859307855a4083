using System.Net;
using Microsoft.EntityFrameworkCore;
using Nexus.Tests.Pages;
using Nexus.Web.Features.Accounts;
using static Nexus.Tests.Library.LibraryTestData;

namespace Nexus.Tests.Library;

/// <summary>The managed theme vocabulary: staff add and rename themes; a new name is searchable at once.</summary>
public class LibraryThemesPageTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private AppFactory App => fixture.App;

    private static Dictionary<string, string> Form(string code, string en, string fr = "", string es = "") => new()
    {
        ["Input.Code"] = code, ["Input.Names[en]"] = en, ["Input.Names[fr]"] = fr, ["Input.Names[es]"] = es,
    };

    [Fact]
    public async Task Staff_add_a_theme_and_items_can_use_it()
    {
        var (session, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var code = "return-" + Marker();

        var response = await session.PostFormAsync("/library/manage/themes", Form(code, "Return and reintegration", "Retour et réintégration"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var theme = await App.Db(db => db.LibraryThemes.FindAsync([code], Ct).AsTask());
        Assert.Equal("Retour et réintégration", theme!.Names["fr"]);
        var item = await App.AddItemAsync(Content($"{Marker()} returnees", themes: [code]));
        var page = await App.CreateClient().GetStringAsync($"/library/themes/{code}", Ct);
        Assert.Contains("Return and reintegration", page);
        Assert.Contains($"/library/{item.Slug}", page);
    }

    [Fact]
    public async Task Renaming_a_theme_makes_its_new_name_find_the_items()
    {
        var (session, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var code = "t-" + Marker();
        var newWord = Marker();
        await session.PostFormAsync("/library/manage/themes", Form(code, "Old name"));
        var item = await App.AddItemAsync(Content($"{Marker()} an item", themes: [code]));

        await session.PostFormAsync("/library/manage/themes", Form(code, $"Circular migration {newWord}"));

        var found = await (await App.CreateClient().GetAsync($"/api/v1/library/search?q={newWord}", Ct)).JsonAsync();
        Assert.Equal(item.Id, (int)found["items"]![0]!["id"]!);
    }

    [Theory]
    [InlineData("", "Name", "code")]
    [InlineData("Bad Code!", "Name", "code")]
    [InlineData("fine-code", "", "names-en")]
    [InlineData("fine-code", "<script>alert(1)</script>\u0007", "names-en")]
    public async Task Bad_input_is_named_in_the_form_and_nothing_is_saved(string code, string en, string field)
    {
        var (session, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var before = await App.Db(db => db.LibraryThemes.CountAsync(Ct));

        var response = await session.PostFormAsync("/library/manage/themes", Form(code, en));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"href=\"#{field}\"", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(before, await App.Db(db => db.LibraryThemes.CountAsync(Ct)));
    }

    [Fact]
    public async Task Participants_cannot_manage_themes()
    {
        var (session, _) = await PageSession.SignedInAsync(App, Roles.Participant);

        var response = await session.Client.GetAsync("/library/manage/themes", Ct);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}
