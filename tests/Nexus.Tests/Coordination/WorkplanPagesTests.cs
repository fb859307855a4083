using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Tests.Library;
using Nexus.Tests.Pages;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Data;
using Nexus.Web.Features.Coordination;
using Nexus.Web.Features.Coordination.Workplans;
using static Nexus.Tests.Coordination.WorkplanTestData;

namespace Nexus.Tests.Coordination;

/// <summary>
/// The workplan pages as each kind of user meets them: who reads, who reports progress, who shapes the plan, and
/// what happens to bad input and to two people saving the same activity at once.
/// </summary>
public abstract class WorkplanPagesTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private AppFactory App => fixture.App;

    private static string[] ReadPages(TestPlan p) =>
        ["/coordination/space/workplans", p.Url, $"{p.Url}/progress", p.ActivityUrl(1), $"{p.Url}/export?format=docx", $"{p.Url}/export?format=xlsx"];

    private static string[] ManagePages(TestPlan p) =>
        ["/coordination/space/workplans/edit", $"/coordination/space/workplans/edit/{p.Id}", $"{p.Url}/pillars/edit", $"{p.Url}/pillars/edit/{p.Pillars[0]}",
         $"{p.Url}/objectives/edit?pillar={p.Pillars[0]}", $"{p.Url}/objectives/edit/{p.Objectives[0]}",
         $"{p.Url}/activities/edit?objective={p.Objectives[0]}", $"{p.Url}/activities/edit/{p.Activities[0]}"];

    private static bool Refused(HttpResponseMessage r) =>
        r.StatusCode == HttpStatusCode.Forbidden
        || (r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.OriginalString.Contains("/account/denied", StringComparison.Ordinal));

    private static string Text(string html) => WebUtility.HtmlDecode(html);

    /// <summary>Everything a write could change, to show that a refused one changed nothing.</summary>
    private Task<string> SnapshotAsync(TestPlan p) => App.Db(async db =>
    {
        var sb = new StringBuilder();
        var plan = await db.Workplans.AsNoTracking().SingleAsync(w => w.Id == p.Id, Ct);
        sb.Append($"{plan.Year}|{plan.Title}|{plan.Start}|{plan.End}|{plan.Status}\n");
        foreach (var pi in await db.WorkplanPillars.AsNoTracking().Where(x => x.WorkplanId == p.Id).OrderBy(x => x.Id).ToListAsync(Ct))
            sb.Append($"P{pi.Id}|{pi.Position}|{pi.Title}\n");
        foreach (var o in await db.WorkplanObjectives.AsNoTracking().Where(x => p.Pillars.Contains(x.PillarId)).OrderBy(x => x.Id).ToListAsync(Ct))
            sb.Append($"O{o.Id}|{o.PillarId}|{o.Position}|{o.Text}\n");
        foreach (var a in await db.WorkplanActivities.AsNoTracking().Where(x => p.Objectives.Contains(x.ObjectiveId)).OrderBy(x => x.Id).ToListAsync(Ct))
            sb.Append($"A{a.Id}|{a.ObjectiveId}|{a.Position}|{a.Title}|{a.Status}|{a.Version}|{a.LeadAgencyCode}|{a.Due}\n");
        sb.Append(await db.ProgressNotes.CountAsync(n => p.Activities.Contains(n.ActivityId), Ct)).Append('|');
        sb.Append(await db.EvidenceLinks.CountAsync(e => p.Activities.Contains(e.ActivityId), Ct));
        return sb.ToString();
    });

    /// <summary>Every kind of write on the plan, with fields that would be accepted from someone allowed to make them.</summary>
    private static (string Url, Dictionary<string, string> Fields)[] Writes(TestPlan p) =>
    [
        ($"/coordination/space/workplans/edit/{p.Id}", new() { ["Input.Year"] = p.Year.ToString(), ["Input.Title"] = "Hijacked", ["Input.Start"] = $"{p.Year}-06-01", ["Input.End"] = $"{p.Year + 1}-07-31", ["Input.Status"] = "draft" }),
        ("/coordination/space/workplans/edit", new() { ["Input.Year"] = "2099", ["Input.Title"] = "Hijacked", ["Input.Start"] = "2099-06-01", ["Input.End"] = "2099-12-31" }),
        ($"{p.Url}/pillars/edit", new() { ["Input.Title"] = "Hijacked" }),
        ($"{p.Url}/pillars/edit/{p.Pillars[0]}", new() { ["Input.Title"] = "Hijacked" }),
        ($"{p.Url}/objectives/edit", new() { ["Input.Pillar"] = p.Pillars[0].ToString(), ["Input.Text"] = "Hijacked" }),
        ($"{p.Url}/activities/edit/{p.Activities[0]}", new() { ["Input.Objective"] = p.Objectives[0].ToString(), ["Input.Title"] = "Hijacked", ["Input.Lead"] = "unitar", ["Input.Version"] = "0" }),
        ($"{p.Url}?handler=MovePillar", new() { ["itemId"] = p.Pillars[1].ToString(), ["up"] = "true" }),
        ($"{p.Url}?handler=MoveActivity", new() { ["itemId"] = p.Activities[1].ToString(), ["up"] = "true" }),
        ($"{p.Url}?handler=RemovePillar", new() { ["itemId"] = p.Pillars[1].ToString() }),
        ($"{p.Url}?handler=RemoveObjective", new() { ["itemId"] = p.Objectives[0].ToString() }),
        ($"{p.Url}?handler=RemoveActivity", new() { ["itemId"] = p.Activities[0].ToString() }),
        ($"{p.ActivityUrl(0)}?handler=Update", new() { ["Update.Status"] = "dropped", ["Update.Note"] = "Hijacked", ["Update.Version"] = "0" }),
        ($"{p.ActivityUrl(0)}?handler=Evidence", new() { ["Evidence.Kind"] = "link", ["Evidence.Url"] = "https://example.org/hijack" }),
    ];

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_from_every_workplan_page()
    {
        var plan = await PlanAsync(App);
        var anonymous = PageSession.Anonymous(App);
        foreach (var url in ReadPages(plan).Concat(ManagePages(plan)))
        {
            var (response, html) = await anonymous.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{url}: {(int)response.StatusCode}");
            Assert.StartsWith("/account/sign-in", response.Headers.Location!.PathAndQuery);
            Assert.DoesNotContain("Member survey", html);
        }
    }

    [Fact]
    public async Task Participants_and_focal_points_without_an_agency_are_refused_everywhere()
    {
        var plan = await PlanAsync(App);
        var (participant, _) = await PageSession.SignedInAsync(App, Roles.Participant);
        var (unlinked, _) = await PageSession.SignedInAsync(App, Roles.AgencyFocalPoint);
        var before = await SnapshotAsync(plan);
        foreach (var session in new[] { participant, unlinked })
        {
            foreach (var url in ReadPages(plan).Concat(ManagePages(plan)))
            {
                var (response, html) = await session.GetAsync(url);
                Assert.True(Refused(response), $"{url}: {(int)response.StatusCode}");
                Assert.DoesNotContain("Member survey", html);
            }
            foreach (var (url, fields) in Writes(plan))
                Assert.True(Refused(await session.PostFormAsync(url, fields, formUrl: "/accounts/manage")), url);
        }
        Assert.Equal(before, await SnapshotAsync(plan));
    }

    [Fact]
    public async Task A_focal_point_of_another_agency_reads_everything_but_changes_nothing()
    {
        var plan = await PlanAsync(App);
        var (session, _) = await GroupTestData.FocalPointAsync(App, "ilo");
        foreach (var url in ReadPages(plan))
        {
            var (response, _) = await session.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
        }
        var (_, detail) = await session.GetAsync(plan.Url);
        Assert.DoesNotContain("handler=RemovePillar", detail);
        Assert.DoesNotContain("/pillars/edit", detail);
        var (_, activity) = await session.GetAsync(plan.ActivityUrl(1));
        Assert.Contains("Internal: questionnaire sent to members.", activity); // progress notes are for every member to read
        Assert.DoesNotContain("handler=Update", activity);

        foreach (var url in ManagePages(plan))
            Assert.True(Refused((await session.GetAsync(url)).Response), url);
        var before = await SnapshotAsync(plan);
        foreach (var (url, fields) in Writes(plan).Append(($"{plan.ActivityUrl(1)}?handler=Update", new() { ["Update.Status"] = "done", ["Update.Version"] = "0" })))
            Assert.True(Refused(await session.PostFormAsync(url, fields, formUrl: "/accounts/manage")), url);
        Assert.Equal(before, await SnapshotAsync(plan));
    }

    [Fact]
    public async Task The_lead_agencys_focal_point_reports_progress_on_its_own_activities_only()
    {
        var plan = await PlanAsync(App);
        var (session, user) = await GroupTestData.FocalPointAsync(App, "iom");
        var (page, html) = await session.GetAsync(plan.ActivityUrl(1));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("handler=Update", html);
        Assert.Contains("name=\"Update.Version\" value=\"0\"", html);

        var response = await session.PostFormAsync($"{plan.ActivityUrl(1)}?handler=Update",
            new() { ["Update.Status"] = "done", ["Update.Note"] = "All answers in; results shared with members.", ["Update.Version"] = "0" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (activity, notes) = await App.Db(async db => (
            await db.WorkplanActivities.AsNoTracking().SingleAsync(a => a.Id == plan.Activities[1], Ct),
            await db.ProgressNotes.AsNoTracking().Where(n => n.ActivityId == plan.Activities[1]).OrderBy(n => n.Id).ToListAsync(Ct)));
        Assert.Equal(ActivityStatus.Done, activity.Status);
        Assert.Equal(1, activity.Version);
        var note = notes.Last();
        Assert.Equal("All answers in; results shared with members.", note.Text);
        Assert.Equal(ActivityStatus.Done, note.Status);
        Assert.Equal(user.Id, note.AuthorId);
        Assert.Equal(user.FullName, note.AuthorName);
        Assert.Equal("iom", note.AgencyCode);
        Assert.True(note.At > DateTime.UtcNow.AddMinutes(-5));

        // A note alone, without a status change, is recorded too.
        response = await session.PostFormAsync($"{plan.ActivityUrl(1)}?handler=Update",
            new() { ["Update.Status"] = "done", ["Update.Note"] = "Report drafted.", ["Update.Version"] = "1" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, after) = await session.GetAsync(plan.ActivityUrl(1));
        Assert.Contains("Report drafted.", after);
        Assert.Contains("(IOM)", after);

        // Not the activities another agency leads, nor the shape of the plan.
        var before = await SnapshotAsync(plan);
        Assert.True(Refused(await session.PostFormAsync($"{plan.ActivityUrl(0)}?handler=Update",
            new() { ["Update.Status"] = "dropped", ["Update.Note"] = "x", ["Update.Version"] = "0" }, formUrl: plan.ActivityUrl(1))));
        Assert.True(Refused(await session.PostFormAsync($"{plan.Url}/activities/edit/{plan.Activities[1]}",
            new() { ["Input.Objective"] = plan.Objectives[0].ToString(), ["Input.Title"] = "Renamed", ["Input.Lead"] = "iom", ["Input.Version"] = "2" }, formUrl: plan.ActivityUrl(1))));
        Assert.True(Refused(await session.PostFormAsync($"{plan.Url}?handler=RemoveActivity",
            new() { ["itemId"] = plan.Activities[1].ToString() }, formUrl: plan.ActivityUrl(1))));
        Assert.Equal(before, await SnapshotAsync(plan));
    }

    [Fact]
    public async Task Evidence_must_exist_and_web_links_must_be_web_addresses()
    {
        var plan = await PlanAsync(App);
        var (session, _) = await GroupTestData.FocalPointAsync(App, "iom");
        var url = $"{plan.ActivityUrl(1)}?handler=Evidence";
        var marker = LibraryTestData.Marker();
        var forum = await App.AddEventAsync(TestData.Event(title: $"Global Forum side event {marker} Athens"));
        var other = await App.AddEventAsync(TestData.Event(title: $"Symposium {marker} Geneva"));
        var item = await App.AddItemAsync(LibraryTestData.Content(title: $"Fact-sheet {marker} on remittances"));

        async Task<string> Post(Dictionary<string, string> fields, bool accepted)
        {
            var response = await session.PostFormAsync(url, fields, formUrl: plan.ActivityUrl(1));
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(accepted ? response.StatusCode == HttpStatusCode.Redirect : response.StatusCode == HttpStatusCode.OK,
                $"{string.Join(", ", fields.Values)}: {(int)response.StatusCode}");
            return Text(body);
        }

        await Post(new() { ["Evidence.Kind"] = "link", ["Evidence.Url"] = "https://www.globalmigrationgroup.org/fact-sheets", ["Evidence.Title"] = "GMG fact-sheets" }, true);
        await Post(new() { ["Evidence.Kind"] = "event", ["Evidence.Target"] = forum.Id.ToString() }, true);
        await Post(new() { ["Evidence.Kind"] = "event", ["Evidence.Target"] = $"symposium {marker}" }, true);
        await Post(new() { ["Evidence.Kind"] = "library-item", ["Evidence.Target"] = item.Id.ToString() }, true);

        var refused = await Post(new() { ["Evidence.Kind"] = "link", ["Evidence.Url"] = "javascript:alert(1)" }, false);
        Assert.Contains("Give a web address starting with https:// or http://.", refused);
        Assert.Contains("id=\"evidenceUrl-error\"", refused);
        refused = await Post(new() { ["Evidence.Kind"] = "event", ["Evidence.Target"] = "99999999" }, false);
        Assert.Contains("No event has that number or those words in its title.", refused);
        refused = await Post(new() { ["Evidence.Kind"] = "library-item", ["Evidence.Target"] = marker + "nope" }, false);
        Assert.Contains("No library item has that number or those words in its title.", refused);
        refused = await Post(new() { ["Evidence.Kind"] = "event", ["Evidence.Target"] = marker }, false);
        Assert.Contains("Several match: choose one", refused); // both events: the person picks one
        Assert.Contains($"value=\"{other.Id}\"", refused);
        refused = await Post(new() { ["Evidence.Kind"] = "event", ["Evidence.Target"] = forum.Id.ToString() }, false);
        Assert.Contains("This evidence is already linked.", refused);

        var links = await App.Db(db => db.EvidenceLinks.AsNoTracking().Where(x => x.ActivityId == plan.Activities[1]).OrderBy(x => x.Id).ToListAsync(Ct));
        Assert.Equal([EvidenceKind.Link, EvidenceKind.Event, EvidenceKind.Event, EvidenceKind.LibraryItem], links.Select(l => l.Kind));
        Assert.Equal("https://www.globalmigrationgroup.org/fact-sheets", links[0].Url);
        Assert.Equal([forum.Id, other.Id, item.Id], links.Skip(1).Select(l => l.TargetId!.Value));
        Assert.Equal($"Fact-sheet {marker} on remittances", links[3].Title);
        var (_, page) = await session.GetAsync(plan.ActivityUrl(1));
        Assert.Contains($"/library/{item.Slug}", page);
        Assert.Contains($"/events/{forum.Id}", page);

        var removed = await session.PostFormAsync($"{plan.ActivityUrl(1)}?handler=RemoveEvidence", new() { ["evidenceId"] = links[0].Id.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(3, await App.Db(db => db.EvidenceLinks.CountAsync(x => x.ActivityId == plan.Activities[1], Ct)));
    }

    [Fact]
    public async Task The_chairs_focal_point_builds_a_workplan_through_the_forms()
    {
        await GroupTestData.ChairTodayAsync(App, "undp");
        var (session, _) = await GroupTestData.FocalPointAsync(App, "undp");
        var year = NextYear();

        var created = await session.PostFormAsync("/coordination/space/workplans/edit", new()
        {
            ["Input.Year"] = year.ToString(), ["Input.Title"] = $"Plan de travail {year}–{year + 1}", ["Input.Start"] = $"{year}-06-01",
            ["Input.End"] = $"{year + 1}-07-31", ["Input.Summary"] = "Deux présidences, une direction.", ["Input.Status"] = "draft",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var planUrl = created.Headers.Location!.OriginalString;
        var id = int.Parse(planUrl.Split('/').Last());

        Assert.Equal(HttpStatusCode.Redirect, (await session.PostFormAsync($"{planUrl}/pillars/edit", new() { ["Input.Title"] = "Clear rules of engagement" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await session.PostFormAsync($"{planUrl}/pillars/edit", new() { ["Input.Title"] = "Visibility" })).StatusCode);
        var pillars = await App.Db(db => db.WorkplanPillars.AsNoTracking().Where(p => p.WorkplanId == id).OrderBy(p => p.Position).ToListAsync(Ct));
        Assert.Equal(["Clear rules of engagement", "Visibility"], pillars.Select(p => p.Title));
        Assert.Equal([1, 2], pillars.Select(p => p.Position));

        Assert.Equal(HttpStatusCode.Redirect, (await session.PostFormAsync($"{planUrl}/objectives/edit", new()
        {
            ["Input.Pillar"] = pillars[0].Id.ToString(), ["Input.Text"] = "Agree on working methods", ["Input.ExpectedOutcomes"] = "Working methods endorsed\r\nA troika in place",
        }, formUrl: $"{planUrl}/objectives/edit")).StatusCode);
        var objective = await App.Db(db => db.WorkplanObjectives.AsNoTracking().SingleAsync(o => o.PillarId == pillars[0].Id, Ct));
        Assert.Equal("Working methods endorsed\nA troika in place", objective.ExpectedOutcomes);

        Assert.Equal(HttpStatusCode.Redirect, (await session.PostFormAsync($"{planUrl}/activities/edit", new()
        {
            ["Input.Objective"] = objective.Id.ToString(), ["Input.Kind"] = "deliverable", ["Input.Title"] = "Proposal for a troika of chairs",
            ["Input.Lead"] = "unitar", ["Input.Contributing"] = "undp", ["Input.Due"] = $"{year}-10-09", ["Input.Status"] = "planned",
        }, formUrl: $"{planUrl}/activities/edit")).StatusCode);
        var activity = await App.Db(db => db.WorkplanActivities.AsNoTracking().SingleAsync(a => a.ObjectiveId == objective.Id, Ct));
        Assert.Equal(("unitar", ActivityKind.Deliverable, new DateOnly(year, 10, 9), 1), (activity.LeadAgencyCode, activity.Kind, activity.Due, activity.Position));
        Assert.Equal(["undp"], activity.ContributingAgencies);

        // The chair runs the group: it also reports on an activity another agency leads.
        Assert.Equal(HttpStatusCode.Redirect, (await session.PostFormAsync($"{planUrl}/activities/{activity.Id}?handler=Update",
            new() { ["Update.Status"] = "in-progress", ["Update.Note"] = "Discussed at the retreat.", ["Update.Version"] = "0" })).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await session.PostFormAsync($"{planUrl}?handler=MovePillar", new() { ["itemId"] = pillars[1].Id.ToString(), ["up"] = "true" })).StatusCode);
        Assert.Equal(["Visibility", "Clear rules of engagement"],
            await App.Db(db => db.WorkplanPillars.Where(p => p.WorkplanId == id).OrderBy(p => p.Position).Select(p => p.Title).ToListAsync(Ct)));

        var (_, html) = await session.GetAsync(planUrl);
        var text = Text(html);
        Assert.Contains($"Plan de travail {year}–{year + 1}", text);
        Assert.Contains("Proposal for a troika of chairs", text);
        Assert.Contains("A troika in place", text);
        Assert.True(text.IndexOf("Visibility", StringComparison.Ordinal) < text.IndexOf("Clear rules of engagement", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Staff_reorder_and_remove_objectives_and_activities()
    {
        var plan = await PlanAsync(App);
        var (session, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        foreach (var url in ManagePages(plan))
            Assert.Equal(HttpStatusCode.OK, (await session.GetAsync(url)).Response.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await session.PostFormAsync($"{plan.Url}?handler=MoveActivity", new() { ["itemId"] = plan.Activities[2].ToString(), ["up"] = "true" })).StatusCode);
        var order = await App.Db(db => db.WorkplanActivities.Where(a => a.ObjectiveId == plan.Objectives[0]).OrderBy(a => a.Position).Select(a => a.Id).ToListAsync(Ct));
        Assert.Equal([plan.Activities[0], plan.Activities[2], plan.Activities[1]], order);

        // The first cannot move further up: nothing changes.
        var before = await SnapshotAsync(plan);
        Assert.Equal(HttpStatusCode.Redirect, (await session.PostFormAsync($"{plan.Url}?handler=MoveActivity", new() { ["itemId"] = plan.Activities[0].ToString(), ["up"] = "true" })).StatusCode);
        Assert.Equal(before, await SnapshotAsync(plan));

        Assert.Equal(HttpStatusCode.Redirect, (await session.PostFormAsync($"{plan.Url}?handler=RemoveActivity", new() { ["itemId"] = plan.Activities[1].ToString() })).StatusCode);
        Assert.False(await App.Db(db => db.WorkplanActivities.AnyAsync(a => a.Id == plan.Activities[1], Ct)));
        Assert.False(await App.Db(db => db.ProgressNotes.AnyAsync(n => n.ActivityId == plan.Activities[1], Ct)));
        Assert.Equal(HttpStatusCode.Redirect, (await session.PostFormAsync($"{plan.Url}?handler=RemovePillar", new() { ["itemId"] = plan.Pillars[1].ToString() })).StatusCode);
        Assert.False(await App.Db(db => db.WorkplanActivities.AnyAsync(a => a.Id == plan.Activities[3] || a.Id == plan.Activities[4], Ct)));
        Assert.True(await App.Db(db => db.WorkplanActivities.AnyAsync(a => a.Id == plan.Activities[0], Ct)));

        // Ids from another plan are not reachable through this one.
        var other = await PlanAsync(App);
        Assert.Equal(HttpStatusCode.Redirect, (await session.PostFormAsync($"{plan.Url}?handler=RemoveActivity", new() { ["itemId"] = other.Activities[0].ToString() })).StatusCode);
        Assert.True(await App.Db(db => db.WorkplanActivities.AnyAsync(a => a.Id == other.Activities[0], Ct)));
        Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync($"{plan.Url}/activities/{other.Activities[0]}")).Response.StatusCode);
    }

    [Fact]
    public async Task Bad_input_is_answered_with_a_message_on_the_field_and_nothing_is_saved()
    {
        var plan = await PlanAsync(App);
        var (session, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var count = await App.Db(db => db.Workplans.CountAsync(Ct));

        var response = await session.PostFormAsync("/coordination/space/workplans/edit", new()
        {
            ["Input.Year"] = "2031", ["Input.Title"] = "   ", ["Input.Start"] = "2031-07-31", ["Input.End"] = "2031-06-01", ["Input.Status"] = "draft",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("id=\"title-error\"", html);
        Assert.Contains("The end must not be before the start.", html);
        Assert.Contains("aria-invalid=\"true\"", html);
        Assert.Contains("href=\"#end\"", html); // the summary links to the field

        response = await session.PostFormAsync("/coordination/space/workplans/edit", new()
        {
            ["Input.Year"] = plan.Year.ToString(), ["Input.Title"] = new string('x', 5000), ["Input.Start"] = $"{plan.Year}-01-01", ["Input.End"] = $"{plan.Year}-12-31",
        });
        html = Text(await response.Content.ReadAsStringAsync(Ct));
        Assert.Contains("At most 300 characters.", html);
        response = await session.PostFormAsync("/coordination/space/workplans/edit", new()
        {
            ["Input.Year"] = plan.Year.ToString(), ["Input.Title"] = "Same year", ["Input.Start"] = $"{plan.Year}-01-01", ["Input.End"] = $"{plan.Year}-12-31",
        });
        Assert.Contains($"There is already a workplan for {plan.Year}.", Text(await response.Content.ReadAsStringAsync(Ct)));
        Assert.Equal(count, await App.Db(db => db.Workplans.CountAsync(Ct)));

        var before = await SnapshotAsync(plan);
        var activityForm = $"{plan.Url}/activities/edit";
        response = await session.PostFormAsync(activityForm, new()
        {
            ["Input.Objective"] = plan.Objectives[0].ToString(), ["Input.Title"] = "Survey", ["Input.Lead"] = "atlantis", ["Input.Due"] = $"{plan.Year + 10}-01-01",
        });
        html = Text(await response.Content.ReadAsStringAsync(Ct));
        Assert.Contains("No agency has that code.", html);
        Assert.Contains("id=\"lead-error\"", html);
        Assert.Contains($"Give a date between {plan.Year - 1}-06-01 and {plan.Year + 2}-07-31.", html);
        response = await session.PostFormAsync(activityForm, new()
        {
            ["Input.Objective"] = plan.Objectives[0].ToString(), ["Input.Title"] = "Survey", ["Input.Lead"] = "macarthur",
        });
        Assert.Contains("That agency is not a member of the group during this workplan.", Text(await response.Content.ReadAsStringAsync(Ct)));
        response = await session.PostFormAsync($"{plan.Url}/pillars/edit", new() { ["Input.Title"] = "Bad\u0007bell", ["Input.Description"] = new string('d', 4001) });
        html = Text(await response.Content.ReadAsStringAsync(Ct));
        Assert.Contains("Contains characters that are not allowed.", html);
        Assert.Contains("At most 4000 characters.", html);
        Assert.Equal(before, await SnapshotAsync(plan));

        // Hostile text is kept as typed and shown as text, never as markup.
        response = await session.PostFormAsync($"{plan.Url}/pillars/edit/{plan.Pillars[0]}", new() { ["Input.Title"] = "<script>alert('x')</script> & purpose" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, page) = await session.GetAsync(plan.Url);
        Assert.DoesNotContain("<script>alert", page);
        Assert.Contains("&lt;script&gt;", page);
    }

    [Fact]
    public async Task Two_focal_points_updating_the_same_activity_do_not_overwrite_each_other()
    {
        var plan = await PlanAsync(App);
        var (first, _) = await GroupTestData.FocalPointAsync(App, "iom");
        var (second, _) = await GroupTestData.FocalPointAsync(App, "iom");
        var url = $"{plan.ActivityUrl(1)}?handler=Update";
        // Both opened the page at version 0.
        Assert.Equal(HttpStatusCode.Redirect, (await first.PostFormAsync(url, new() { ["Update.Status"] = "done", ["Update.Note"] = "Finished.", ["Update.Version"] = "0" })).StatusCode);
        var response = await second.PostFormAsync(url, new() { ["Update.Status"] = "postponed", ["Update.Note"] = "Waiting for answers.", ["Update.Version"] = "0" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = Text(await response.Content.ReadAsStringAsync(Ct));
        Assert.Contains("Someone updated this activity while you were writing", html);
        Assert.Contains("Waiting for answers.", html); // kept in the form
        Assert.Contains("name=\"Update.Version\" value=\"1\"", html); // a fresh version to try again with
        var (activity, notes) = await App.Db(async db => (
            await db.WorkplanActivities.AsNoTracking().SingleAsync(a => a.Id == plan.Activities[1], Ct),
            await db.ProgressNotes.AsNoTracking().Where(n => n.ActivityId == plan.Activities[1]).Select(n => n.Text).ToListAsync(Ct)));
        Assert.Equal(ActivityStatus.Done, activity.Status);
        Assert.Equal(1, activity.Version);
        Assert.DoesNotContain("Waiting for answers.", notes);

        // A form without a version cannot prove it is current either.
        response = await second.PostFormAsync(url, new() { ["Update.Status"] = "postponed", ["Update.Note"] = "Again." });
        Assert.Contains("Someone updated this activity", Text(await response.Content.ReadAsStringAsync(Ct)));
        Assert.Equal(ActivityStatus.Done, await App.Db(db => db.WorkplanActivities.Where(a => a.Id == plan.Activities[1]).Select(a => a.Status).SingleAsync(Ct)));
    }

    [Fact]
    public async Task Of_two_simultaneous_saves_of_an_activity_the_database_lets_one_through()
    {
        var plan = await PlanAsync(App);
        await using var first = App.Scope();
        await using var second = App.Scope();
        var db1 = first.ServiceProvider.GetRequiredService<AppDbContext>();
        var db2 = second.ServiceProvider.GetRequiredService<AppDbContext>();
        // Both read version 0 before either writes: only the UPDATE's version check can tell them apart.
        var a1 = await db1.WorkplanActivities.SingleAsync(a => a.Id == plan.Activities[2], Ct);
        var a2 = await db2.WorkplanActivities.SingleAsync(a => a.Id == plan.Activities[2], Ct);
        a1.Status = ActivityStatus.Done;
        db1.ProgressNotes.Add(new ProgressNote { ActivityId = a1.Id, At = DateTime.UtcNow, AuthorName = "first", Text = "Done." });
        a2.Status = ActivityStatus.Dropped;
        db2.ProgressNotes.Add(new ProgressNote { ActivityId = a2.Id, At = DateTime.UtcNow, AuthorName = "second", Text = "Dropped." });

        Assert.Equal(SaveOutcome.Saved, await ActivitySaves.SaveAsync(db1, a1, 0, Ct));
        Assert.Equal(SaveOutcome.Conflict, await ActivitySaves.SaveAsync(db2, a2, 0, Ct));

        var (activity, notes) = await App.Db(async db => (
            await db.WorkplanActivities.AsNoTracking().SingleAsync(a => a.Id == plan.Activities[2], Ct),
            await db.ProgressNotes.AsNoTracking().Where(n => n.ActivityId == plan.Activities[2]).Select(n => n.AuthorName).ToListAsync(Ct)));
        Assert.Equal((ActivityStatus.Done, 1), (activity.Status, activity.Version));
        Assert.Equal(["first"], notes); // the losing save's note went nowhere either
    }

    [Fact]
    public async Task Editing_an_activity_from_a_stale_form_is_refused_with_a_message()
    {
        var plan = await PlanAsync(App);
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var (lead, _) = await GroupTestData.FocalPointAsync(App, "iom");
        var edit = $"{plan.Url}/activities/edit/{plan.Activities[1]}";
        var (_, form) = await staff.GetAsync(edit);
        Assert.Contains("name=\"Input.Version\" value=\"0\"", form);

        Assert.Equal(HttpStatusCode.Redirect, (await lead.PostFormAsync($"{plan.ActivityUrl(1)}?handler=Update",
            new() { ["Update.Status"] = "done", ["Update.Version"] = "0" })).StatusCode);
        var response = await staff.PostFormAsync(edit, new()
        {
            ["Input.Objective"] = plan.Objectives[0].ToString(), ["Input.Kind"] = "activity", ["Input.Title"] = "Member survey (renamed)",
            ["Input.Lead"] = "iom", ["Input.Version"] = "0",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Someone changed this activity while you were editing", Text(await response.Content.ReadAsStringAsync(Ct)));
        var activity = await App.Db(db => db.WorkplanActivities.AsNoTracking().SingleAsync(a => a.Id == plan.Activities[1], Ct));
        Assert.Equal(("Member survey", ActivityStatus.Done, 1), (activity.Title, activity.Status, activity.Version));

        response = await staff.PostFormAsync(edit, new()
        {
            ["Input.Objective"] = plan.Objectives[0].ToString(), ["Input.Kind"] = "activity", ["Input.Title"] = "Member survey (renamed)",
            ["Input.Lead"] = "iom", ["Input.Version"] = "1",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        activity = await App.Db(db => db.WorkplanActivities.AsNoTracking().SingleAsync(a => a.Id == plan.Activities[1], Ct));
        Assert.Equal(("Member survey (renamed)", ActivityStatus.Done, 2), (activity.Title, activity.Status, activity.Version));
    }

    [Fact]
    public async Task Progress_is_counted_per_pillar_and_per_lead_agency_with_my_agency_first()
    {
        var plan = await PlanAsync(App);
        var (session, _) = await GroupTestData.FocalPointAsync(App, "unfpa");
        var (response, html) = await session.GetAsync($"{plan.Url}/progress");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = Text(html);

        // Columns: label, total, planned, in progress, done, postponed, dropped, share done, overdue.
        Assert.Matches(@"A strong sense of purpose</th>\s*<td>3</td>\s*<td>1</td>\s*<td>1</td>\s*<td>1</td>\s*<td>0</td>\s*<td>0</td>\s*<td>.*?33\s?%</td>\s*<td>1</td>", text);
        Assert.Matches(@"Visibility of the Group — outreach</th>\s*<td>2</td>\s*<td>0</td>\s*<td>0</td>\s*<td>0</td>\s*<td>1</td>\s*<td>1</td>\s*<td>.*?0\s?%</td>\s*<td>0</td>", text);
        Assert.Matches(@"IOM</th>\s*<td>1</td>\s*<td>0</td>\s*<td>1</td>\s*<td>0</td>\s*<td>0</td>\s*<td>0</td>\s*<td>.*?</td>\s*<td>1</td>", text);
        var byAgency = text[text.IndexOf("id=\"by-agency\"", StringComparison.Ordinal)..];
        Assert.True(byAgency.IndexOf("UNFPA (my agency)", StringComparison.Ordinal) < byAgency.IndexOf("IOM", StringComparison.Ordinal));
        Assert.True(byAgency.IndexOf("IOM", StringComparison.Ordinal) < byAgency.IndexOf("UNITAR", StringComparison.Ordinal));
        Assert.Contains("Member survey", text[text.IndexOf("id=\"overdue\"", StringComparison.Ordinal)..]);
    }

    [Fact]
    public async Task A_focal_point_finds_the_activities_its_agency_leads_first()
    {
        var plan = await PlanAsync(App);
        var (session, _) = await GroupTestData.FocalPointAsync(App, "unfpa");
        var text = Text((await session.GetAsync(plan.Url)).Html);
        var mine = text.IndexOf("Activities my agency leads", StringComparison.Ordinal);
        Assert.True(mine > 0);
        var firstPillar = text.IndexOf("A strong sense of purpose</h2>", StringComparison.Ordinal);
        Assert.True(mine < firstPillar);
        var section = text[mine..firstPillar];
        Assert.Contains(FactSheets, section);
        Assert.Contains("Technical symposium", section);
        Assert.DoesNotContain("Member survey", section);
        Assert.Contains("Overdue", text); // the IOM survey is late

        var staff = (await PageSession.SignedInAsync(App, Roles.ProgrammeStaff)).Session;
        Assert.DoesNotContain("Activities my agency leads", (await staff.GetAsync(plan.Url)).Html);
    }
}

public sealed class WorkplanPagesTestsOnSqlite(SqliteApp fixture) : WorkplanPagesTests(fixture), IClassFixture<SqliteApp>;

// Versions, cascades and JSON columns are the database's business: the same tests on PostgreSQL.
public sealed class WorkplanPagesTestsOnPostgres(PostgresApp fixture) : WorkplanPagesTests(fixture), IClassFixture<PostgresApp>;
