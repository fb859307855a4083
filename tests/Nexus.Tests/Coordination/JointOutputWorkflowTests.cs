using System.Net;
using Microsoft.EntityFrameworkCore;
using Nexus.Tests.Pages;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Coordination;
using Nexus.Web.Features.Coordination.Outputs;
using Nexus.Web.Features.Library;
using static Nexus.Tests.Coordination.JointOutputTestData;

namespace Nexus.Tests.Coordination;

/// <summary>
/// A joint output from draft to the library through the pages: circulation asks every member and emails their focal
/// points, answers and comments are recorded, publication waits for every agency or the deadline, and lands in the
/// library as a published item naming the endorsing agencies.
/// </summary>
public class JointOutputWorkflowTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private AppFactory App => fixture.App;

    private async Task<PageSession> StaffAsync() => (await PageSession.SignedInAsync(App, Roles.ProgrammeStaff)).Session;

    private Task<int> MemberCountAsync() => App.Db(async db =>
    {
        var today = Today(App);
        return (await db.Agencies.AsNoTracking().ToListAsync()).Count(a => a.IsMemberOn(today));
    });

    [Fact]
    public async Task Circulation_asks_every_member_and_emails_their_focal_points()
    {
        var (iom, iomUser) = await GroupTestData.FocalPointAsync(App, "iom");
        var (_, macarthurUser) = await GroupTestData.FocalPointAsync(App, "macarthur");
        var id = await CirculatedAsync(App, await StaffAsync(), Draft(title: "Statement on remittances"));

        var output = await LoadAsync(App, id);
        Assert.Equal(JointOutputStatus.Circulated, output.Status);
        Assert.NotNull(output.CirculatedAt);
        Assert.Equal((Today(App).AddDays(7), Today(App).AddDays(14)), (output.CommentsDue!.Value, output.NoObjectionDeadline!.Value));
        Assert.Equal(await MemberCountAsync(), output.SignOffs.Count);
        Assert.All(output.SignOffs, s => Assert.Equal(SignOffDecision.Pending, s.Decision));
        Assert.DoesNotContain(output.SignOffs, s => s.AgencyCode == "macarthur");

        var mail = await App.Db(db => db.Outbox.AsNoTracking().SingleAsync(m => m.To == iomUser.Email && m.Kind == JointOutputEmails.CirculatedKind));
        Assert.Contains("Statement on remittances", mail.Subject);
        Assert.Contains($"/coordination/space/outputs/{id}", mail.TextBody);
        Assert.Contains("IOM", mail.TextBody);
        Assert.False(await App.Db(db => db.Outbox.AnyAsync(m => m.To == macarthurUser.Email)));

        // The focal point finds it among those waiting for their agency.
        var (_, html) = await iom.GetAsync("/coordination/space/outputs?awaiting=mine");
        Assert.Contains("Statement on remittances", html);
        await AnswerAsync(App, iom, id, "endorsed");
        (_, html) = await iom.GetAsync("/coordination/space/outputs?awaiting=mine");
        Assert.DoesNotContain("Statement on remittances", html);
    }

    [Fact]
    public async Task A_missing_sign_off_blocks_publication_and_the_page_names_the_agency()
    {
        var staff = await StaffAsync();
        var id = await CirculatedAsync(App, staff);
        await EndorseAllButAsync(App, id, "unfpa");

        var response = await staff.PostFormAsync($"{Page(id)}?handler=Publish", []);
        var html = await response.HtmlAsync();
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("id=\"publish-blocked\"", html);
        Assert.Contains("UNFPA: has not answered", html);
        var output = await LoadAsync(App, id);
        Assert.Equal((JointOutputStatus.Circulated, (int?)null), (output.Status, output.LibraryItemId));

        // The last agency endorses: the output is agreed, then published.
        var (unfpa, _) = await GroupTestData.FocalPointAsync(App, "unfpa");
        Assert.Equal(HttpStatusCode.Redirect, (await AnswerAsync(App, unfpa, id, "endorsed")).StatusCode);
        output = await LoadAsync(App, id);
        Assert.Equal(JointOutputStatus.Agreed, output.Status);
        Assert.NotNull(output.AgreedAt);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"{Page(id)}?handler=Publish", [])).StatusCode);
        Assert.Equal(JointOutputStatus.Published, (await LoadAsync(App, id)).Status);
    }

    [Fact]
    public async Task An_objection_needs_a_reason_and_blocks_until_withdrawn_even_after_the_deadline()
    {
        var staff = await StaffAsync();
        var id = await CirculatedAsync(App, staff);
        await EndorseAllButAsync(App, id, "ohchr");
        var (ohchr, _) = await GroupTestData.FocalPointAsync(App, "ohchr");

        var refused = await AnswerAsync(App, ohchr, id, "objected");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("id=\"note-error\"", await refused.HtmlAsync());
        Assert.Equal(SignOffDecision.Pending, (await LoadAsync(App, id)).SignOffs.Single(s => s.AgencyCode == "ohchr").Decision);

        await AnswerAsync(App, ohchr, id, "objected", "The rights of migrants need a paragraph of their own.");
        await SetDeadlineAsync(App, id, Today(App).AddDays(-30));
        var blocked = await staff.PostFormAsync($"{Page(id)}?handler=Publish", []);
        var html = await blocked.HtmlAsync();
        Assert.Contains("OHCHR: has objected", html);
        Assert.Contains("The rights of migrants need a paragraph of their own.", html);
        Assert.Equal(JointOutputStatus.Circulated, (await LoadAsync(App, id)).Status);

        await AnswerAsync(App, ohchr, id, "endorsed");
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"{Page(id)}?handler=Publish", [])).StatusCode);
        Assert.Equal(JointOutputStatus.Published, (await LoadAsync(App, id)).Status);
    }

    [Fact]
    public async Task Silence_is_recorded_as_no_objection_only_once_the_deadline_has_passed()
    {
        var staff = await StaffAsync();
        var id = await CirculatedAsync(App, staff);
        await EndorseAllButAsync(App, id, "ilo", "undp");

        var early = await staff.PostFormAsync($"{Page(id)}?handler=NoObjection", []);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("has not passed yet", await early.HtmlAsync());
        Assert.Equal(2, (await LoadAsync(App, id)).SignOffs.Count(s => s.Decision == SignOffDecision.Pending));

        // On the deadline day itself the agencies still have time.
        await SetDeadlineAsync(App, id, Today(App));
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostFormAsync($"{Page(id)}?handler=NoObjection", [])).StatusCode);

        await SetDeadlineAsync(App, id, Today(App).AddDays(-1));
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"{Page(id)}?handler=NoObjection", [])).StatusCode);
        var output = await LoadAsync(App, id);
        Assert.Equal(JointOutputStatus.Agreed, output.Status);
        Assert.All(output.SignOffs.Where(s => s.AgencyCode is "ilo" or "undp"), s =>
        {
            Assert.Equal(SignOffDecision.NoObjection, s.Decision);
            Assert.NotNull(s.At);
        });
        var (_, html) = await staff.GetAsync(Page(id));
        Assert.Contains("No objection", html);
        Assert.Contains("Recorded after the deadline", html);
    }

    [Fact]
    public async Task Publishing_puts_a_published_library_item_naming_the_endorsing_agencies()
    {
        var staff = await StaffAsync();
        var id = await CirculatedAsync(App, staff, Draft(title: "Fact-sheets on the crisis, second series", kind: "fact-sheet-series", lead: "unfpa",
            summary: "Short notes on the crisis.", body: "Fourteen *sheets*."));
        await EndorseAllButAsync(App, id, "unicef");
        await SetDeadlineAsync(App, id, Today(App).AddDays(-1));

        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"{Page(id)}?handler=Publish", [])).StatusCode);
        var output = await LoadAsync(App, id);
        Assert.Equal(JointOutputStatus.Published, output.Status);
        Assert.NotNull(output.PublishedAt);
        Assert.Equal(SignOffDecision.NoObjection, output.SignOffs.Single(s => s.AgencyCode == "unicef").Decision);

        var item = await App.Db(db => db.LibraryItems.AsNoTracking().SingleAsync(i => i.Id == output.LibraryItemId));
        Assert.Equal((ItemStatus.Published, (int?)1, ItemKind.FactSheet), (item.Status, item.PublishedVersion, item.Draft.Kind));
        var endorsing = output.SignOffs.Where(s => s.Decision == SignOffDecision.Endorsed).Select(s => s.AgencyCode).Order().ToList();
        Assert.Equal(endorsing, item.Draft.Agencies.Order().ToList());
        Assert.DoesNotContain("unicef", item.Draft.Agencies);
        var text = Assert.Single(item.Draft.Texts);
        Assert.Equal(("Fact-sheets on the crisis, second series", "Short notes on the crisis."), (text.Title, text.Abstract));
        Assert.Contains("Endorsed by ", text.Body);
        Assert.Contains("UNFPA", text.Body);
        Assert.Contains("Did not object by the deadline: UNICEF.", text.Body);

        // The public library shows it, and the output's page links to it.
        var (publicPage, publicHtml) = await PageSession.Anonymous(App).GetAsync($"/library/{item.Slug}");
        Assert.Equal(HttpStatusCode.OK, publicPage.StatusCode);
        Assert.Contains("Fact-sheets on the crisis, second series", publicHtml);
        var (_, html) = await staff.GetAsync(Page(id));
        Assert.Contains($"href=\"/library/{item.Slug}\"", html);

        // Publishing again changes nothing.
        var again = await staff.PostFormAsync($"{Page(id)}?handler=Publish", []);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(1, await App.Db(db => db.LibraryItems.CountAsync(i => i.Slug.StartsWith("fact-sheets-on-the-crisis-second-series"))));
    }

    [Fact]
    public async Task Editing_a_circulated_output_sends_it_back_to_draft_and_clears_the_sign_offs()
    {
        var staff = await StaffAsync();
        var id = await CirculatedAsync(App, staff, Draft(title: "Before the edit"));
        var (iom, _) = await GroupTestData.FocalPointAsync(App, "iom");
        await AnswerAsync(App, iom, id, "endorsed");
        await iom.PostFormAsync($"{Page(id)}?handler=Comment", new() { ["comment"] = "Please say more on data." });

        var (form, formHtml) = await staff.GetAsync($"/coordination/space/outputs/edit/{id}");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("id=\"reopen-warning\"", formHtml);

        var fields = Draft(title: "After the edit");
        fields["Input.Version"] = (await LoadAsync(App, id)).Version.ToString();
        var saved = await staff.PostFormAsync($"/coordination/space/outputs/edit/{id}", fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var output = await LoadAsync(App, id);
        Assert.Equal((JointOutputStatus.Draft, "After the edit"), (output.Status, output.Title));
        Assert.Empty(output.SignOffs);
        Assert.Null(output.CirculatedAt);
        Assert.Null(output.NoObjectionDeadline);
        Assert.Single(output.Comments); // comments on the earlier text stay for the record

        // An answer to the old circulation is refused once the output goes round again.
        var oldRound = await RoundAsync(App, id);
        Assert.Null(oldRound);
        await CirculateAsync(App, staff, id);
        var stale = await iom.PostFormAsync($"{Page(id)}?handler=SignOff", new() { ["decision"] = "endorsed", ["round"] = "638000000000000000" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("circulated again", await stale.HtmlAsync());
        Assert.Equal(SignOffDecision.Pending, (await LoadAsync(App, id)).SignOffs.Single(s => s.AgencyCode == "iom").Decision);
    }

    [Fact]
    public async Task Comments_are_shown_by_agency_and_only_taken_while_circulated()
    {
        var staff = await StaffAsync();
        var draft = await DraftAsync(staff);
        var (ilo, _) = await GroupTestData.FocalPointAsync(App, "ilo");
        AssertRefused(await ilo.PostFormAsync($"{Page(draft)}?handler=Comment", new() { ["comment"] = "Too early" }), "comment on a draft nobody was asked about");

        var id = await CirculatedAsync(App, staff);
        Assert.Equal(HttpStatusCode.Redirect, (await ilo.PostFormAsync($"{Page(id)}?handler=Comment", new() { ["comment"] = "Line one\nLine two" })).StatusCode);
        var (_, html) = await ilo.GetAsync(Page(id));
        Assert.Contains("<h3 class=\"fs-5\">ILO</h3>", html);
        Assert.Contains("Line one<br>Line two", html);

        await EndorseAllButAsync(App, id);
        await SetDeadlineAsync(App, id, Today(App).AddDays(-1));
        await staff.PostFormAsync($"{Page(id)}?handler=Publish", []);
        var late = await ilo.PostFormAsync($"{Page(id)}?handler=Comment", new() { ["comment"] = "Too late" });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Single((await LoadAsync(App, id)).Comments);
    }
}
