using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Nexus.Tests.Pages;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Library;
using Nexus.Web.Features.Library.Manage;
using static Nexus.Tests.Library.LibraryTestData;

namespace Nexus.Tests.Library;

/// <summary>
/// The staff pages of the library, driven like a person would: the edit form, versions, comparison, uploads,
/// and what they refuse (stale forms, hostile input, people who are not staff).
/// </summary>
public class LibraryManagePagesTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private AppFactory App => fixture.App;

    private Task<(PageSession Session, AppUser User)> StaffAsync() => PageSession.SignedInAsync(App, Roles.ProgrammeStaff);

    /// <summary>The fields of a filled-in edit form: one English text, the spare block left empty.</summary>
    private static Dictionary<string, string> Form(string title, string publish = "true", int? version = null, string @abstract = "How remittance flows held up.",
        string body = "## Findings\n\nFlows fell less than trade.", string kind = "report", string publishedOn = "2009-11-04") => new()
    {
        ["Input.Kind"] = kind,
        ["Input.Texts[0].Language"] = "en",
        ["Input.Texts[0].Title"] = title,
        ["Input.Texts[0].Abstract"] = @abstract,
        ["Input.Texts[0].Body"] = body,
        ["Input.Texts[1].Language"] = "fr",
        ["Input.Texts[1].Title"] = "",
        ["Input.Authors"] = "Amina Wanjiru\r\nJosé Ortega",
        ["Input.Agencies[0]"] = "iom",
        ["Input.Agencies[1]"] = "unitar",
        ["Input.Themes[0]"] = "remittances",
        ["Input.Places"] = "608, MEX",
        ["Input.PublishedOn"] = publishedOn,
        ["Input.Licence"] = "CC-BY-4.0",
        ["Input.EventId"] = "",
        ["Input.Version"] = version?.ToString() ?? "",
        ["publish"] = publish,
    };

    private static int IdFrom(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode}");
        var path = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/library/manage/edit/", path);
        return int.Parse(path["/library/manage/edit/".Length..].Split('#')[0]);
    }

    private async Task<int> CreateThroughFormAsync(PageSession session, string title, string publish = "true") =>
        IdFrom(await session.PostFormAsync("/library/manage/edit", Form(title, publish)));

    private Task<int> VersionCountAsync(int id) => App.Db(db => db.LibraryVersions.CountAsync(v => v.ItemId == id, Ct));
    private Task<LibraryItem> ItemAsync(int id) => App.Db(db => db.LibraryItems.AsNoTracking().FirstAsync(i => i.Id == id, Ct));

    private async Task<string> PublicTitleAsync(int id)
    {
        var response = await App.CreateClient().GetAsync($"/api/v1/library/items/{id}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string)(await response.JsonAsync())["texts"]![0]!["title"]!;
    }

    [Fact]
    public async Task Staff_create_an_item_through_the_form_and_it_is_published()
    {
        var (session, user) = await StaffAsync();
        var m = Marker();

        var id = await CreateThroughFormAsync(session, $"{m} remittances in the crisis");

        var item = await ItemAsync(id);
        Assert.Equal(ItemStatus.Published, item.Status);
        Assert.Equal(1, item.PublishedVersion);
        Assert.Equal(["Amina Wanjiru", "José Ortega"], item.Draft.Authors);
        Assert.Equal(["iom", "unitar"], item.Draft.Agencies);
        Assert.Equal(["608", "484"], item.Draft.Places);
        Assert.Single(item.Draft.Texts); // the empty French block was not a text
        Assert.Equal($"{m} remittances in the crisis", await PublicTitleAsync(id));
        var version = await App.Db(db => db.LibraryVersions.FirstAsync(v => v.ItemId == id, Ct));
        Assert.Contains(user.Email!, version.CreatedBy);

        var (page, html) = await session.GetAsync($"/library/manage/edit/{id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"{m} remittances in the crisis", html);
        Assert.Contains("Philippines", html); // places are named beside their codes
        Assert.Contains("name=\"Input.Version\" value=\"1\"", html);
        var (list, listHtml) = await session.GetAsync($"/library/manage?q={m}");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains($"/library/manage/edit/{id}", listHtml);
    }

    [Fact]
    public async Task Saving_a_draft_creates_an_unpublished_item()
    {
        var (session, _) = await StaffAsync();
        var id = await CreateThroughFormAsync(session, $"{Marker()} a draft note", publish: "false");

        var item = await ItemAsync(id);
        Assert.Equal(ItemStatus.Draft, item.Status);
        Assert.Null(item.PublishedVersion);
        Assert.Equal(HttpStatusCode.NotFound, (await App.CreateClient().GetAsync($"/api/v1/library/items/{id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Editing_twice_keeps_three_versions_and_the_public_sees_the_last_published_one()
    {
        var (session, _) = await StaffAsync();
        var m = Marker();
        var id = await CreateThroughFormAsync(session, $"{m} first title");
        var edit = $"/library/manage/edit/{id}";

        Assert.Equal(id, IdFrom(await session.PostFormAsync(edit, Form($"{m} second title", "true", version: 1))));
        Assert.Equal($"{m} second title", await PublicTitleAsync(id));
        Assert.Equal(id, IdFrom(await session.PostFormAsync(edit, Form($"{m} third title", "false", version: 2))));

        Assert.Equal(3, await VersionCountAsync(id));
        var item = await ItemAsync(id);
        Assert.Equal((3, 2), (item.CurrentVersion, item.PublishedVersion));
        Assert.Equal($"{m} third title", item.Draft.Texts[0].Title);
        Assert.Equal($"{m} second title", await PublicTitleAsync(id)); // the draft edit changed nothing in public

        var (_, list) = await session.GetAsync($"/library/manage?q={m}");
        Assert.Contains("Unpublished changes", list);
        var (_, versions) = await session.GetAsync($"/library/manage/{id}/versions");
        Assert.Contains("Compare with previous", versions);
        Assert.Contains("Restore this version", versions);
    }

    [Fact]
    public async Task The_comparison_marks_the_title_words_removed_and_added()
    {
        var (session, user) = await StaffAsync();
        var m = Marker();
        var id = await CreateThroughFormAsync(session, $"{m} remittances in the crisis");
        IdFrom(await session.PostFormAsync($"/library/manage/edit/{id}", Form($"{m} remittances after the <b>crisis</b>", "false", version: 1)));

        var (response, html) = await session.GetAsync($"/library/manage/{id}/compare?a=1&b=2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<del>in</del>", html);
        Assert.Contains("<ins>after</ins>", html);
        Assert.Contains("&lt;b&gt;", html); // content is encoded, never markup
        Assert.DoesNotContain("<b>crisis</b>", html);
        Assert.Contains(user.Email!, html);
        Assert.Contains("Unchanged fields", html); // the rest is collapsed
        // The order of the numbers does not matter, and without numbers the latest change is shown.
        Assert.Contains("<del>in</del>", (await session.GetAsync($"/library/manage/{id}/compare?a=2&b=1")).Html);
        Assert.Contains("<ins>after</ins>", (await session.GetAsync($"/library/manage/{id}/compare")).Html);
    }

    [Theory]
    [InlineData("a=1&b=99")]
    [InlineData("a=abc&b=1")]
    [InlineData("a=1&b=1")]
    [InlineData("a=-1&b=2")]
    [InlineData("a=99999999999999999999&b=1")]
    [InlineData("a=%3Cscript%3E&b=%00")]
    public async Task The_comparison_of_versions_that_do_not_exist_says_so(string query)
    {
        var (session, _) = await StaffAsync();
        var item = await App.AddItemAsync(Content($"{Marker()} compare"));

        var (response, html) = await session.GetAsync($"/library/manage/{item.Id}/compare?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Choose versions from the list", html);
        Assert.DoesNotContain("<script>", html);
    }

    [Fact]
    public async Task A_stale_form_is_refused_with_a_message_and_saves_nothing()
    {
        var (session, _) = await StaffAsync();
        var m = Marker();
        var id = await CreateThroughFormAsync(session, $"{m} original");
        // Someone else saves while this person has the form (version 1) open.
        IdFrom(await session.PostFormAsync($"/library/manage/edit/{id}", Form($"{m} someone else's edit", "true", version: 1)));

        var response = await session.PostFormAsync($"/library/manage/edit/{id}", Form($"{m} my edit", "true", version: 1));
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Someone saved a newer version (version 2)", html);
        Assert.Contains($"{m} my edit", html); // the person's changes are still in the form
        Assert.Equal(2, await VersionCountAsync(id));
        Assert.Equal($"{m} someone else's edit", (await ItemAsync(id)).Draft.Texts[0].Title);

        // A form without a version number cannot prove it is current either.
        var missing = await session.PostFormAsync($"/library/manage/edit/{id}", Form($"{m} my edit", "true", version: null));
        Assert.Contains("Someone saved a newer version", await missing.Content.ReadAsStringAsync(Ct));
        Assert.Equal(2, await VersionCountAsync(id));
    }

    public static TheoryData<string, string, string> HostileInputs => new()
    {
        { "Input.Texts[0].Title", new string('a', 10_000), "texts-0-title" },
        { "Input.Texts[0].Title", "", "texts-0-title" },
        { "Input.Texts[0].Title", "Report\u0007bell", "texts-0-title" },
        { "Input.Texts[0].Title", "Ana \u202Egnp.exe", "texts-0-title" },
        { "Input.Texts[0].Title", "line\u2028separator", "texts-0-title" },
        { "Input.Texts[0].Abstract", new string('b', 10_000), "texts-0-abstract" },
        { "Input.Texts[0].Body", "x" + new string('\u0001', 3), "texts-0-body" },
        { "Input.Texts[0].Language", "xx", "texts-0-language" },
        { "Input.Texts[0].Language", "<script>alert(1)</script>", "texts-0-language" },
        { "Input.Kind", "<script>alert(1)</script>", "kind" },
        { "Input.Authors", new string('c', 10_000), "authors" },
        { "Input.Themes[0]", "'; DROP TABLE \"LibraryItems\";--", "themes" },
        { "Input.Agencies[0]", "../../etc/passwd", "agencies" },
        { "Input.Places", "608, ZZZ, <img src=x>", "places" },
        { "Input.PublishedOn", "2009-13-45", "publishedOn" },
        { "Input.PublishedOn", "1800-01-01", "publishedOn" },
        { "Input.PublishedOn", new string('9', 10_000), "publishedOn" },
        { "Input.Licence", new string('d', 10_000), "licence" },
        { "Input.EventId", "abc", "eventId" },
        { "Input.EventId", "2147483647", "eventId" },
    };

    [Theory]
    [MemberData(nameof(HostileInputs))]
    public async Task Hostile_input_gets_the_form_back_naming_the_field_and_saves_nothing(string name, string value, string field)
    {
        var (session, _) = await StaffAsync();
        var m = Marker();
        var id = await CreateThroughFormAsync(session, $"{m} target");
        var before = await App.Db(db => db.LibraryItems.CountAsync(Ct));

        foreach (var url in new[] { "/library/manage/edit", $"/library/manage/edit/{id}" })
        {
            var fields = Form($"{m} changed", version: 1);
            fields[name] = value;
            var response = await session.PostFormAsync(url, fields);
            var html = await response.Content.ReadAsStringAsync(Ct);

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} {name}: {(int)response.StatusCode}");
            Assert.Contains($"id=\"{field}-error\"", html);
            Assert.Contains($"href=\"#{field}\"", html); // in the error summary too
            Assert.DoesNotContain("<script>alert", html);
        }
        Assert.Equal(before, await App.Db(db => db.LibraryItems.CountAsync(Ct)));
        Assert.Equal(1, await VersionCountAsync(id));
    }

    [Fact]
    public async Task An_error_in_a_translation_is_shown_on_that_block()
    {
        var (session, _) = await StaffAsync();
        var fields = Form($"{Marker()} with a translation");
        fields["Input.Texts[1].Language"] = "en"; // the same language twice
        fields["Input.Texts[1].Title"] = "A second English title";

        var response = await session.PostFormAsync("/library/manage/edit", fields);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"texts-1-language-error\"", html);
        Assert.Contains("A second English title", html);
    }

    [Fact]
    public async Task Script_in_valid_text_is_saved_as_written_and_shown_escaped()
    {
        var (session, _) = await StaffAsync();
        var title = $"{Marker()} <script>alert('x')</script> Zoë O'Brien-Nguyễn 👩🏽‍💼";
        var id = await CreateThroughFormAsync(session, title);

        Assert.Equal(title, (await ItemAsync(id)).Draft.Texts[0].Title);
        foreach (var url in new[] { $"/library/manage/edit/{id}", $"/library/manage/{id}/versions", "/library/manage" })
        {
            var (response, html) = await session.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("<script>alert", html);
        }
    }

    [Fact]
    public async Task Staff_upload_a_pdf_whose_text_is_extracted_then_remove_it_in_a_draft()
    {
        var (session, _) = await StaffAsync();
        var m = Marker();
        var id = await CreateThroughFormAsync(session, $"{m} with a file");
        var edit = $"/library/manage/edit/{id}";

        var response = await UploadAsync(session, id, SampleFiles.Pdf($"Remittance flows {m}\nheld up in 2009"), "findings.pdf", language: "en", publish: true);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var item = await ItemAsync(id);
        var fileId = Assert.Single(item.Draft.FileIds);
        Assert.Equal((2, 2), (item.CurrentVersion, item.PublishedVersion));
        var file = await App.Db(db => db.LibraryFiles.FirstAsync(f => f.Id == fileId, Ct));
        Assert.Equal(("findings.pdf", "pdf", "en"), (file.FileName, file.Format, file.Language));
        Assert.Contains(m, file.Text);
        var (_, html) = await session.GetAsync(edit);
        Assert.Contains("findings.pdf", html);
        Assert.Contains("Extracted", html);

        var removed = await session.PostFormAsync($"{edit}?handler=RemoveFile&fileId={fileId}", [], formUrl: edit);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        item = await ItemAsync(id);
        Assert.Empty(item.Draft.FileIds);
        Assert.Equal((3, 2), (item.CurrentVersion, item.PublishedVersion)); // removed in a draft; public unchanged
        var (_, compare) = await session.GetAsync($"/library/manage/{id}/compare?a=2&b=3");
        Assert.Contains("<del>findings.pdf", compare);
    }

    [Fact]
    public async Task An_upload_that_is_not_a_document_is_refused_on_the_form()
    {
        var (session, _) = await StaffAsync();
        var id = await CreateThroughFormAsync(session, $"{Marker()} no junk");

        foreach (var (bytes, language) in new[] { ("MZ this is not a document"u8.ToArray(), "en"), (Array.Empty<byte>(), "en"), (SampleFiles.Pdf("ok"), "xx") })
        {
            var response = await UploadAsync(session, id, bytes, "../../evil.exe", language, publish: false);
            var html = await response.Content.ReadAsStringAsync(Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(html.Contains("id=\"file-error\"") || html.Contains("id=\"fileLanguage-error\""), html);
        }
        Assert.Equal(1, await VersionCountAsync(id));
    }

    [Fact]
    public async Task Publish_unpublish_and_restore_work_from_the_pages()
    {
        var (session, _) = await StaffAsync();
        var m = Marker();
        var id = await CreateThroughFormAsync(session, $"{m} version one", publish: "false");
        var edit = $"/library/manage/edit/{id}";
        IdFrom(await session.PostFormAsync(edit, Form($"{m} version two", "false", version: 1)));

        Assert.Equal(HttpStatusCode.Redirect, (await session.PostFormAsync($"{edit}?handler=Publish", new() { ["version"] = "2" }, formUrl: edit)).StatusCode);
        Assert.Equal($"{m} version two", await PublicTitleAsync(id));

        var versions = $"/library/manage/{id}/versions";
        Assert.Equal(HttpStatusCode.Redirect, (await session.PostFormAsync($"{versions}?handler=Publish", new() { ["version"] = "1" }, formUrl: versions)).StatusCode);
        Assert.Equal($"{m} version one", await PublicTitleAsync(id));

        Assert.Equal(HttpStatusCode.Redirect, (await session.PostFormAsync($"{versions}?handler=Restore", new() { ["version"] = "1" }, formUrl: versions)).StatusCode);
        var item = await ItemAsync(id);
        Assert.Equal((3, 1), (item.CurrentVersion, item.PublishedVersion));
        Assert.Equal($"{m} version one", item.Draft.Texts[0].Title);

        Assert.Equal(HttpStatusCode.Redirect, (await session.PostFormAsync($"{edit}?handler=Unpublish", [], formUrl: edit)).StatusCode);
        Assert.Equal(ItemStatus.Unpublished, (await ItemAsync(id)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await App.CreateClient().GetAsync($"/api/v1/library/items/{id}", Ct)).StatusCode);

        // Versions that do not exist give a message, not an error page.
        var missing = await session.PostFormAsync($"{versions}?handler=Restore", new() { ["version"] = "99" }, formUrl: versions);
        Assert.Equal(HttpStatusCode.Redirect, missing.StatusCode);
        Assert.Equal(3, await VersionCountAsync(id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("?q=%00%01")]
    [InlineData("?q=%E2%80%AE")]
    [InlineData("?page=-1")]
    [InlineData("?page=99999999999")]
    [InlineData("?q=%27%3B+DROP+TABLE&page=abc")]
    public async Task The_list_takes_any_filter_and_page(string query)
    {
        var (session, _) = await StaffAsync();
        await App.AddItemAsync(Content($"{Marker()} listed"));

        var (response, _) = await session.GetAsync("/library/manage" + query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_list_is_paged_newest_change_first_and_filters_by_title_words()
    {
        var (session, _) = await StaffAsync();
        var m = Marker();
        var ids = new List<int>();
        for (var n = 0; n < Nexus.Web.Features.Library.Manage.IndexModel.PageSize + 3; n++)
            ids.Add((await App.AddItemAsync(Content($"{m} paged item {n}"), publish: n % 2 == 0)).Id);

        var (_, first) = await session.GetAsync($"/library/manage?q={m}+paged");
        var (_, second) = await session.GetAsync($"/library/manage?q={m}+paged&page=2");

        Assert.Contains($"{Nexus.Web.Features.Library.Manage.IndexModel.PageSize + 3} items", first);
        Assert.Contains($"/library/manage/edit/{ids[^1]}\"", first);
        Assert.DoesNotContain($"/library/manage/edit/{ids[0]}\"", first);
        Assert.True(second.Contains($"/library/manage/edit/{ids[0]}\""), second[second.IndexOf("<table")..]);
        Assert.Contains($"{Nexus.Web.Features.Library.Manage.IndexModel.PageSize + 3} items", first);
        Assert.Contains("rel=\"next\"", first);
    }

    private async Task<HttpResponseMessage> UploadAsync(PageSession session, int id, byte[] bytes, string fileName, string language, bool publish)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "file", fileName);
        content.Add(new StringContent(language), "fileLanguage");
        if (publish) content.Add(new StringContent("true"), "publishFile");
        var edit = $"/library/manage/edit/{id}";
        return await session.PostMultipartAsync($"{edit}?handler=Upload", content, edit);
    }

    // ---- who may use the pages ---------------------------------------------------------------------------

    private static string[] Pages(int id) =>
    [
        "/library/manage", "/library/manage?q=a&page=2", "/library/manage/edit", $"/library/manage/edit/{id}",
        $"/library/manage/{id}/versions", $"/library/manage/{id}/compare?a=1&b=1",
    ];

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_from_every_manage_page()
    {
        var item = await App.AddItemAsync(Content($"{Marker()} private draft"), publish: false);
        var anonymous = PageSession.Anonymous(App);
        foreach (var url in Pages(item.Id))
        {
            var (response, html) = await anonymous.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{url}: {(int)response.StatusCode}");
            Assert.StartsWith("/account/sign-in", response.Headers.Location!.PathAndQuery);
            Assert.DoesNotContain("private draft", html);
        }
    }

    [Theory]
    [InlineData(Roles.Participant)]
    [InlineData(Roles.AgencyFocalPoint)]
    public async Task Other_roles_are_refused_on_every_manage_page_and_change_nothing(string role)
    {
        var item = await App.AddItemAsync(Content($"{Marker()} private draft"), publish: true);
        var (session, _) = await PageSession.SignedInAsync(App, role);
        foreach (var url in Pages(item.Id))
        {
            var (response, html) = await session.GetAsync(url);
            var refused = response.StatusCode == HttpStatusCode.Forbidden
                          || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.PathAndQuery.StartsWith("/account/denied"));
            Assert.True(refused, $"{role} on {url}: {(int)response.StatusCode}");
            Assert.DoesNotContain("private draft", html);
        }

        // Even with a valid form token (from a page this person may see), a post changes nothing.
        var posts = new[]
        {
            $"/library/manage/edit/{item.Id}?handler=Unpublish", $"/library/manage/{item.Id}/versions?handler=Restore",
            $"/library/manage/edit/{item.Id}", "/library/manage/edit",
        };
        foreach (var url in posts)
        {
            var response = await session.PostFormAsync(url, Form("taken over", version: 1).Append(new("version", "1")).ToDictionary(), formUrl: "/accounts/manage");
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{url}: {(int)response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.Redirect) Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery);
        }
        var stored = await ItemAsync(item.Id);
        Assert.Equal((ItemStatus.Published, 1), (stored.Status, stored.CurrentVersion));
    }

    [Theory]
    [InlineData("Summary of the Ninth Coordination Meeting", "Summary of the Tenth Coordination Meeting", "Ninth", "Tenth")]
    [InlineData("one\ntwo\nthree", "one\nthree", "two", null)]
    [InlineData("", "added", null, "added")]
    public void The_diff_marks_removed_and_added_text(string before, string after, string? removed, string? added)
    {
        var diff = VersionDiff.Compare("Title", before, after);

        Assert.True(diff.Changed);
        var old = diff.OldLines.SelectMany(l => l.Segments).Where(s => s.Kind == DiffKind.Removed).Select(s => s.Text.Trim()).ToList();
        var @new = diff.NewLines.SelectMany(l => l.Segments).Where(s => s.Kind == DiffKind.Added).Select(s => s.Text.Trim()).ToList();
        if (removed is null) Assert.Empty(old); else Assert.Equal([removed], old);
        if (added is null) Assert.Empty(@new); else Assert.Equal([added], @new);
        Assert.Equal(diff.OldLines.Count, diff.NewLines.Count); // the two sides line up
        Assert.False(VersionDiff.Compare("Title", "same\r\ntext", "same\ntext").Changed);
    }
}
