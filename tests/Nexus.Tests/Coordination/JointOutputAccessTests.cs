using System.Net;
using Microsoft.EntityFrameworkCore;
using Nexus.Tests.Pages;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Coordination;
using static Nexus.Tests.Coordination.JointOutputTestData;

namespace Nexus.Tests.Coordination;

/// <summary>
/// Who may do what with a joint output: staff and the chair run it, focal points comment and answer for their own
/// agency only, everyone else is refused, and a refused request changes nothing.
/// </summary>
public class JointOutputAccessTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private AppFactory App => fixture.App;

    private async Task<PageSession> StaffAsync() => (await PageSession.SignedInAsync(App, Roles.ProgrammeStaff)).Session;

    [Fact]
    public async Task Anonymous_visitors_and_participants_do_not_see_the_outputs()
    {
        var id = await DraftAsync(await StaffAsync());
        foreach (var url in new[] { "/coordination/space/outputs", Page(id), "/coordination/space/outputs/edit", $"/coordination/space/outputs/edit/{id}" })
        {
            var (anonymous, _) = await PageSession.Anonymous(App).GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.StartsWith("/account/sign-in", anonymous.Headers.Location!.PathAndQuery);
            var (participant, _) = await (await PageSession.SignedInAsync(App, Roles.Participant)).Session.GetAsync(url);
            AssertRefused(participant, $"participant on {url}");
        }
    }

    [Fact]
    public async Task A_focal_point_with_no_agency_has_no_rights_in_the_space()
    {
        var staff = await StaffAsync();
        var id = await CirculatedAsync(App, staff);
        var (session, user) = await PageSession.SignedInAsync(App, Roles.AgencyFocalPoint);
        AssertRefused((await session.GetAsync("/coordination/space/outputs")).Response, "list");
        AssertRefused((await session.GetAsync(Page(id))).Response, "details");
        var before = await App.Db(db => db.JointOutputs.CountAsync());
        // The page shows no form to this user; the layout's sign-out form lends the antiforgery token.
        AssertRefused(await session.PostFormAsync("/coordination/space/outputs/edit", Draft(), formUrl: "/"), "create");
        AssertRefused(await session.PostFormAsync($"{Page(id)}?handler=Comment", new() { ["comment"] = "Hello" }, formUrl: "/"), "comment");
        Assert.Equal(before, await App.Db(db => db.JointOutputs.CountAsync()));
        Assert.Empty((await LoadAsync(App, id)).Comments);
        Assert.NotNull(user.Id);
    }

    [Fact]
    public async Task A_focal_point_cannot_circulate_record_no_objection_or_publish()
    {
        var staff = await StaffAsync();
        var id = await DraftAsync(staff);
        var (iom, _) = await GroupTestData.FocalPointAsync(App, "iom");
        AssertRefused(await CirculateAsync(App, iom, id), "circulate");
        Assert.Equal(JointOutputStatus.Draft, (await LoadAsync(App, id)).Status);

        var circulated = await CirculatedAsync(App, staff);
        await EndorseAllButAsync(App, circulated, "iom");
        await SetDeadlineAsync(App, circulated, Today(App).AddDays(-1));
        AssertRefused(await iom.PostFormAsync($"{Page(circulated)}?handler=NoObjection", []), "no-objection");
        AssertRefused(await iom.PostFormAsync($"{Page(circulated)}?handler=Publish", []), "publish");
        var output = await LoadAsync(App, circulated);
        Assert.Equal(JointOutputStatus.Circulated, output.Status);
        Assert.Null(output.LibraryItemId);
        Assert.Equal(SignOffDecision.Pending, output.SignOffs.Single(s => s.AgencyCode == "iom").Decision);
    }

    [Fact]
    public async Task A_focal_point_answers_and_comments_for_their_own_agency_only()
    {
        var id = await CirculatedAsync(App, await StaffAsync());
        var (iom, user) = await GroupTestData.FocalPointAsync(App, "iom");
        Assert.Equal(HttpStatusCode.Redirect, (await AnswerAsync(App, iom, id, "endorsed")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await iom.PostFormAsync($"{Page(id)}?handler=Comment", new() { ["comment"] = "Fine by IOM." })).StatusCode);

        var output = await LoadAsync(App, id);
        var row = output.SignOffs.Single(s => s.AgencyCode == "iom");
        Assert.Equal((SignOffDecision.Endorsed, user.Id, "AgencyFocalPoint user"), (row.Decision, row.UserId, row.PersonName));
        Assert.NotNull(row.At);
        Assert.All(output.SignOffs.Where(s => s.AgencyCode != "iom"), s => Assert.Equal(SignOffDecision.Pending, s.Decision));
        var comment = Assert.Single(output.Comments);
        Assert.Equal(("iom", "Fine by IOM."), (comment.AgencyCode, comment.Text));
        // The form has no agency field; an extra one posted by hand is ignored.
        await iom.PostFormAsync($"{Page(id)}?handler=SignOff", new() { ["decision"] = "objected", ["note"] = "x", ["agencyCode"] = "ilo", ["round"] = (await RoundAsync(App, id))! });
        Assert.Equal(SignOffDecision.Pending, (await LoadAsync(App, id)).SignOffs.Single(s => s.AgencyCode == "ilo").Decision);
    }

    [Fact]
    public async Task An_agency_that_was_not_asked_cannot_answer_or_comment()
    {
        var id = await CirculatedAsync(App, await StaffAsync());
        // MacArthur is a partner, not a member: it was not asked, and its focal point cannot even open the page, so
        // the posts carry a token from a page it can see.
        var (macarthur, _) = await GroupTestData.FocalPointAsync(App, "macarthur");
        AssertRefused((await macarthur.GetAsync(Page(id))).Response, "details");
        AssertRefused(await macarthur.PostFormAsync($"{Page(id)}?handler=SignOff", new() { ["decision"] = "endorsed", ["round"] = (await RoundAsync(App, id))! }, "/accounts/manage"), "answer");
        AssertRefused(await macarthur.PostFormAsync($"{Page(id)}?handler=Comment", new() { ["comment"] = "Hi" }, "/accounts/manage"), "comment");
        var output = await LoadAsync(App, id);
        Assert.DoesNotContain(output.SignOffs, s => s.AgencyCode == "macarthur");
        Assert.Empty(output.Comments);
    }

    [Fact]
    public async Task Staff_answer_for_no_agency()
    {
        var staff = await StaffAsync();
        var id = await CirculatedAsync(App, staff);
        AssertRefused(await AnswerAsync(App, staff, id, "endorsed"), "staff answer");
        AssertRefused(await staff.PostFormAsync($"{Page(id)}?handler=Comment", new() { ["comment"] = "Hi" }), "staff comment");
        Assert.All((await LoadAsync(App, id)).SignOffs, s => Assert.Equal(SignOffDecision.Pending, s.Decision));
    }

    [Fact]
    public async Task A_focal_point_drafts_and_edits_only_what_their_agency_leads()
    {
        var (iom, _) = await GroupTestData.FocalPointAsync(App, "iom");
        var (ilo, _) = await GroupTestData.FocalPointAsync(App, "ilo");
        var before = await App.Db(db => db.JointOutputs.CountAsync());
        AssertRefused(await iom.PostFormAsync("/coordination/space/outputs/edit", Draft(lead: "ilo")), "draft led by another agency");
        Assert.Equal(before, await App.Db(db => db.JointOutputs.CountAsync()));

        var id = await DraftAsync(iom, Draft(lead: "iom", title: "IOM draft"));
        AssertRefused((await ilo.GetAsync($"/coordination/space/outputs/edit/{id}")).Response, "ILO opens IOM's draft for editing");
        var edit = Draft(lead: "iom", title: "Taken over by ILO");
        edit["Input.Version"] = "1";
        AssertRefused(await ilo.PostFormAsync($"/coordination/space/outputs/edit/{id}", edit, formUrl: Page(id)), "ILO saves IOM's draft");
        // Nor can IOM hand its draft to ILO.
        var handOver = Draft(lead: "ilo", title: "IOM draft");
        handOver["Input.Version"] = "1";
        AssertRefused(await iom.PostFormAsync($"/coordination/space/outputs/edit/{id}", handOver), "IOM hands the lead to ILO");
        var output = await LoadAsync(App, id);
        Assert.Equal(("IOM draft", "iom"), (output.Title, output.LeadAgencyCode));
    }

    [Fact]
    public async Task The_chairs_focal_points_run_the_outputs_during_the_term_only()
    {
        var staff = await StaffAsync();
        var (unitar, _) = await GroupTestData.FocalPointAsync(App, "unitar");
        var id = await DraftAsync(staff, Draft(lead: "iom"));

        var term = await GroupTestData.ChairTodayAsync(App, "unitar");
        try
        {
            Assert.Equal(HttpStatusCode.Redirect, (await CirculateAsync(App, unitar, id)).StatusCode);
            Assert.Equal(JointOutputStatus.Circulated, (await LoadAsync(App, id)).Status);
        }
        finally
        {
            await App.Db(db => db.ChairTerms.Where(t => t.Id == term.Id).ExecuteDeleteAsync());
        }

        // Once the term is over, UNITAR is one member among others.
        var next = await DraftAsync(staff, Draft(lead: "iom"));
        AssertRefused(await CirculateAsync(App, unitar, next), "circulate after the term");
        Assert.Equal(JointOutputStatus.Draft, (await LoadAsync(App, next)).Status);
    }
}
