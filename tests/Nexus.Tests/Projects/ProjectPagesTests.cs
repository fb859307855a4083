using System.Net;
using Microsoft.EntityFrameworkCore;
using Nexus.Tests.Pages;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Projects;

namespace Nexus.Tests.Projects;

/// <summary>The public project, forum and process pages, and the staff forms behind them.</summary>
public class ProjectPagesTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private AppFactory App => fixture.App;

    [Fact]
    public async Task A_project_page_shows_partners_budget_and_activities_by_type()
    {
        var e = await App.AddEventAsync(TestData.Event(title: "Policy seminar in Brussels", startsIn: TimeSpan.FromDays(-10)));
        var p = await ProjectTestData.ProjectAsync(App, eventId: e.Id);
        var anonymous = PageSession.Anonymous(App);
        var (list, listHtml) = await anonymous.GetAsync("/projects");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains($"href=\"/projects/{p.Slug}\"", listHtml);

        var (response, html) = await anonymous.GetAsync($"/projects/{p.Slug}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Government of Spain", html);
        Assert.Contains("250,000.00 EUR", html);
        Assert.Contains("id=\"type-series-expansion\"", html);
        Assert.Contains($"href=\"/events/{e.Id}/{e.Slug}\"", html);
        Assert.Contains("Belgium", html);
        Assert.DoesNotContain("/projects/manage/edit", html); // staff links only for staff
    }

    [Fact]
    public async Task An_unknown_project_is_not_found()
    {
        var (response, _) = await PageSession.Anonymous(App).GetAsync("/projects/no-such-project");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Forum_and_process_pages_list_and_detail()
    {
        var m = await ProjectTestData.MeetingAsync(App, 2031);
        var slug = ProjectTestData.Unique("rcp");
        await App.Db(async db =>
        {
            db.ConsultativeProcesses.Add(new ConsultativeProcess { Slug = slug, Name = "Test Process", Region = "Asia", Secretariat = "IOM", MemberStates = ["LKA", "PHL"] });
            return await db.SaveChangesAsync();
        });
        var anonymous = PageSession.Anonymous(App);
        var (_, forum) = await anonymous.GetAsync("/global-forum");
        Assert.Contains("href=\"/global-forum/2031\"", forum);
        var (year, yearHtml) = await anonymous.GetAsync("/global-forum/2031");
        Assert.Equal(HttpStatusCode.OK, year.StatusCode);
        Assert.Contains("Collect better data.", yearHtml);
        Assert.Contains($"id=\"rec-{m.Recommendations[0].Id}\"", yearHtml);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/global-forum/1999")).Response.StatusCode);
        var (_, processes) = await anonymous.GetAsync("/processes");
        Assert.Contains($"href=\"/processes/{slug}\"", processes);
        var (_, process) = await anonymous.GetAsync($"/processes/{slug}");
        Assert.Contains("Sri Lanka", process);
        Assert.Contains("Philippines", process);
    }

    [Fact]
    public async Task Staff_create_a_project_then_edit_it_and_a_stale_form_is_refused()
    {
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var slug = ProjectTestData.Unique("created");
        var form = new Dictionary<string, string>
        {
            ["Input.Title"] = "<script>alert(1)</script> Project", ["Input.Slug"] = slug, ["Input.Summary"] = "Summary",
            ["Input.Objectives"] = "- one", ["Input.Start"] = "2011-01-01", ["Input.End"] = "2012-12-31", ["Input.Budget"] = "1000.50",
            ["Input.Currency"] = "usd", ["Input.Status"] = "active", ["Input.Version"] = "0",
            ["Input.Partners[0].Role"] = "donor", ["Input.Partners[0].Name"] = "Government of Spain",
            ["Input.Partners[1].Role"] = "implementing-partner", ["Input.Partners[1].Agency"] = "iom",
        };
        var created = await staff.PostFormAsync("/projects/manage/edit", form);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var saved = await App.Db(db => db.Projects.Include(p => p.Partners).SingleAsync(p => p.Slug == slug));
        Assert.Equal("USD", saved.Currency);
        Assert.Equal(1, saved.Version);
        Assert.Equal(["Government of Spain", "International Organization for Migration"], saved.Partners.OrderBy(x => x.Order).Select(x => x.Name));
        var (_, html) = await PageSession.Anonymous(App).GetAsync($"/projects/{slug}");
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; Project", html);

        form["Input.Version"] = "1";
        form["Input.Title"] = "Renamed";
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"/projects/manage/edit/{slug}", form)).StatusCode);
        form["Input.Title"] = "Stale";
        var stale = await staff.PostFormAsync($"/projects/manage/edit/{slug}", form);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("Someone else saved this project", await stale.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Renamed", await App.Db(db => db.Projects.Where(p => p.Slug == slug).Select(p => p.Title).SingleAsync()));
    }

    [Theory]
    [InlineData("Input.Title", "", "title")]
    [InlineData("Input.Start", "07/06/2009", "start")]
    [InlineData("Input.End", "2008-01-01", "end")]
    [InlineData("Input.Budget", "-5", "budget")]
    [InlineData("Input.Currency", "EURO", "currency")]
    [InlineData("Input.Slug", "Not A Slug", "slug")]
    [InlineData("Input.Status", "bogus", "status")]
    public async Task Bad_project_input_names_the_field_and_saves_nothing(string name, string value, string field)
    {
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var slug = ProjectTestData.Unique("bad");
        var form = new Dictionary<string, string>
        {
            ["Input.Title"] = "Title", ["Input.Slug"] = slug, ["Input.Start"] = "2009-01-01", ["Input.End"] = "2010-01-01",
            ["Input.Status"] = "planned", ["Input.Budget"] = "10", ["Input.Currency"] = "EUR",
        };
        form[name] = value;
        var response = await staff.PostFormAsync("/projects/manage/edit", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains($"id=\"{field}-error\"", html);
        Assert.False(await App.Db(db => db.Projects.AnyAsync(p => p.Slug == slug || p.Title == "Title")));
    }

    [Fact]
    public async Task Staff_add_an_activity_with_countries_and_bad_codes_are_refused()
    {
        var p = await ProjectTestData.ProjectAsync(App);
        var e = await App.AddEventAsync(TestData.Event(title: "Addis follow-up"));
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var form = new Dictionary<string, string>
        {
            ["Input.Type"] = "process-dialogue", ["Input.Title"] = "RCP dialogue", ["Input.Status"] = "planned",
            ["Input.Event"] = e.Id.ToString(), ["Input.Countries"] = "ETH, XYZ",
        };
        var bad = await staff.PostFormAsync($"/projects/manage/activity/{p.Slug}", form);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var html = await bad.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("id=\"countries-error\"", html);
        Assert.Contains("XYZ", html);

        form["Input.Countries"] = "eth bel";
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"/projects/manage/activity/{p.Slug}", form)).StatusCode);
        var a = await App.Db(db => db.ProjectActivities.SingleAsync(x => x.ProjectId == p.Id && x.Title == "RCP dialogue"));
        Assert.Equal(["ETH", "BEL"], a.Countries);
        Assert.Equal(e.Id, a.EventId);
        Assert.Equal(1, a.Version);
        // Activities carry their own version: adding one leaves the project's edit form valid.
        Assert.Equal(1, await App.Db(db => db.Projects.Where(x => x.Id == p.Id).Select(x => x.Version).SingleAsync()));
    }

    [Fact]
    public async Task Staff_remove_an_activity_only_from_its_current_form()
    {
        var p = await ProjectTestData.ProjectAsync(App);
        var other = await ProjectTestData.ProjectAsync(App);
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var form = new Dictionary<string, string> { ["Input.Type"] = "country-capacity", ["Input.Title"] = "Mistaken entry", ["Input.Status"] = "planned" };
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"/projects/manage/activity/{p.Slug}", form)).StatusCode);
        var id = await App.Db(db => db.ProjectActivities.Where(x => x.ProjectId == p.Id && x.Title == "Mistaken entry").Select(x => x.Id).SingleAsync());
        var url = $"/projects/manage/activity/{p.Slug}/{id}";

        // Through another project's address: not found, and nothing removed.
        var wrong = await staff.PostFormAsync($"/projects/manage/activity/{other.Slug}/{id}?handler=Remove", new() { ["Input.Version"] = "1" }, formUrl: url);
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        // A form older than the last save: refused with a message, the activity kept.
        var stale = await staff.PostFormAsync(url + "?handler=Remove", new() { ["Input.Version"] = "0" }, formUrl: url);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("Someone else saved this activity", await stale.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(await App.Db(db => db.ProjectActivities.AnyAsync(x => x.Id == id)));

        var removed = await staff.PostFormAsync(url + "?handler=Remove", new() { ["Input.Version"] = "1" }, formUrl: url);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.False(await App.Db(db => db.ProjectActivities.AnyAsync(x => x.Id == id)));
        Assert.True(await App.Db(db => db.Projects.AnyAsync(x => x.Id == p.Id)));
    }

    [Fact]
    public async Task A_stale_activity_or_process_form_is_refused_and_the_newer_edit_kept()
    {
        var p = await ProjectTestData.ProjectAsync(App);
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var form = new Dictionary<string, string> { ["Input.Type"] = "country-capacity", ["Input.Title"] = "Workshop", ["Input.Status"] = "planned" };
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"/projects/manage/activity/{p.Slug}", form)).StatusCode);
        var id = await App.Db(db => db.ProjectActivities.Where(x => x.ProjectId == p.Id && x.Title == "Workshop").Select(x => x.Id).SingleAsync());
        var url = $"/projects/manage/activity/{p.Slug}/{id}";
        // Two editors open the form at version 1; the first saves, the second is refused.
        form["Input.Version"] = "1";
        form["Input.Title"] = "Workshop in Dakar";
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(url, form)).StatusCode);
        form["Input.Title"] = "Workshop in Bamako";
        var stale = await staff.PostFormAsync(url, form);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("Someone else saved this activity", await stale.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Workshop in Dakar", await App.Db(db => db.ProjectActivities.Where(x => x.Id == id).Select(x => x.Title).SingleAsync()));

        var slug = "rcp-" + Guid.NewGuid().ToString("N")[..8];
        var process = new Dictionary<string, string> { ["Input.Name"] = "Process " + slug, ["Input.Slug"] = slug, ["Input.Members"] = "ETH" };
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync("/projects/manage/process", process)).StatusCode);
        process["Input.Version"] = "1";
        process["Input.Secretariat"] = "First editor";
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"/projects/manage/process/{slug}", process)).StatusCode);
        process["Input.Secretariat"] = "Second editor";
        var staleProcess = await staff.PostFormAsync($"/projects/manage/process/{slug}", process);
        Assert.Equal(HttpStatusCode.OK, staleProcess.StatusCode);
        Assert.Contains("Someone else saved this process", await staleProcess.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("First editor", await App.Db(db => db.ConsultativeProcesses.Where(x => x.Slug == slug).Select(x => x.Secretariat).SingleAsync()));
    }

    [Fact]
    public async Task Staff_remove_a_process_only_when_no_activity_refers_to_it_and_from_its_current_form()
    {
        var e = await App.AddEventAsync(TestData.Event(title: "Dialogue to be unlinked"));
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var slug = ProjectTestData.Unique("mistake");
        var form = new Dictionary<string, string> { ["Input.Name"] = "Mistaken process", ["Input.Slug"] = slug, ["Input.Events"] = e.Id.ToString() };
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync("/projects/manage/process", form)).StatusCode);
        var processId = await App.Db(db => db.ConsultativeProcesses.Where(x => x.Slug == slug).Select(x => x.Id).SingleAsync());
        var p = await ProjectTestData.ProjectAsync(App);
        var activityId = await App.Db(async db =>
        {
            var a = new ProjectActivity { ProjectId = p.Id, Title = "Dialogue with the mistaken process", ProcessId = processId };
            db.ProjectActivities.Add(a);
            await db.SaveChangesAsync();
            return a.Id;
        });
        var url = $"/projects/manage/process/{slug}";

        // An activity refers to it: refused, naming the activity.
        var linked = await staff.PostFormAsync(url + "?handler=Remove", new() { ["Input.Version"] = "1" }, formUrl: url);
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        Assert.Contains("Dialogue with the mistaken process", await linked.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(await App.Db(db => db.ConsultativeProcesses.AnyAsync(x => x.Id == processId)));

        // Unlinked, but from a form older than the last save: refused too.
        await App.Db(db => db.ProjectActivities.Where(a => a.Id == activityId).ExecuteUpdateAsync(s => s.SetProperty(a => a.ProcessId, (int?)null)));
        var stale = await staff.PostFormAsync(url + "?handler=Remove", new() { ["Input.Version"] = "0" }, formUrl: url);
        Assert.Contains("Someone else saved this process", await stale.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        var removed = await staff.PostFormAsync(url + "?handler=Remove", new() { ["Input.Version"] = "1" }, formUrl: url);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.False(await App.Db(db => db.ConsultativeProcesses.AnyAsync(x => x.Id == processId)));
        Assert.False(await App.Db(db => db.ProcessEvents.AnyAsync(x => x.ProcessId == processId)));
        Assert.True(await App.Db(db => db.Events.AnyAsync(x => x.Id == e.Id)));
        Assert.Equal(HttpStatusCode.NotFound, (await PageSession.Anonymous(App).GetAsync($"/processes/{slug}")).Response.StatusCode);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("99999999999999999999")]
    [InlineData(null)]
    public async Task A_remove_form_whose_version_is_not_a_number_is_stale_even_for_a_record_never_edited(string? posted)
    {
        // Seeded processes (the demo's) were never saved through a form: their version is 0, the value a version
        // that fails to bind would otherwise take.
        var slug = ProjectTestData.Unique("seeded");
        await App.Db(async db =>
        {
            db.ConsultativeProcesses.Add(new ConsultativeProcess { Name = "Seeded process", Slug = slug });
            return await db.SaveChangesAsync();
        });
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var url = $"/projects/manage/process/{slug}";

        var form = posted is null ? new Dictionary<string, string>() : new() { ["Input.Version"] = posted };
        var refused = await staff.PostFormAsync(url + "?handler=Remove", form, formUrl: url);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Someone else saved this process", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(await App.Db(db => db.ConsultativeProcesses.AnyAsync(x => x.Slug == slug)));
        var removed = await staff.PostFormAsync(url + "?handler=Remove", new() { ["Input.Version"] = "0" }, formUrl: url);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
    }

    [Fact]
    public async Task Staff_remove_a_recommendation_only_while_nothing_records_its_follow_up()
    {
        var m = await ProjectTestData.MeetingAsync(App, 2036);
        var followed = m.Recommendations[0];
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var url = $"/projects/manage/follow-up/{followed.Id}";
        var entry = new Dictionary<string, string> { ["Entry.On"] = "2010-03-01", ["Entry.Text"] = "Briefed delegations." };
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(url + "?handler=entry", entry, formUrl: url)).StatusCode);

        var refused = await staff.PostFormAsync(url + "?handler=Remove", [], formUrl: url);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("id=\"status-error\"", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(await App.Db(db => db.ForumRecommendations.AnyAsync(r => r.Id == followed.Id)));

        var mistake = await App.Db(async db =>
        {
            var r = new ForumRecommendation { MeetingId = m.Id, Kind = RecommendationKind.Recommendation, Text = "Entered twice.", UpdatedAt = DateTime.UtcNow };
            db.ForumRecommendations.Add(r);
            await db.SaveChangesAsync();
            return r.Id;
        });
        var removed = await staff.PostFormAsync($"/projects/manage/follow-up/{mistake}?handler=Remove", [], formUrl: $"/projects/manage/follow-up/{mistake}");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal("/global-forum/2036", removed.Headers.Location!.OriginalString);
        Assert.False(await App.Db(db => db.ForumRecommendations.AnyAsync(r => r.Id == mistake)));
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PostFormAsync($"/projects/manage/follow-up/{mistake}?handler=Remove", [], formUrl: url)).StatusCode);
    }

    [Fact]
    public async Task Staff_record_a_follow_up_and_only_web_addresses_count_as_evidence()
    {
        var m = await ProjectTestData.MeetingAsync(App, 2032);
        var rec = m.Recommendations[0];
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var url = $"/projects/manage/follow-up/{rec.Id}";
        var form = new Dictionary<string, string> { ["Entry.On"] = "2010-03-01", ["Entry.Text"] = "Briefed delegations.", ["Entry.EvidenceUrl"] = "javascript:alert(1)" };
        var bad = await staff.PostFormAsync(url + "?handler=entry", form, formUrl: url);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("id=\"evidence-error\"", await bad.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        form["Entry.EvidenceUrl"] = "https://example.org/report.pdf";
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(url + "?handler=entry", form, formUrl: url)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(url + "?handler=status", new() { ["Status"] = "done" }, formUrl: url)).StatusCode);
        var saved = await App.Db(db => db.ForumRecommendations.Include(r => r.FollowUps).SingleAsync(r => r.Id == rec.Id));
        Assert.Equal(FollowUpStatus.Done, saved.Status);
        Assert.Equal("https://example.org/report.pdf", Assert.Single(saved.FollowUps).EvidenceUrl);
        var (_, html) = await PageSession.Anonymous(App).GetAsync("/global-forum/2032");
        Assert.Contains("Briefed delegations.", html);
    }

    [Fact]
    public async Task Staff_add_a_meeting_and_a_duplicate_year_is_refused()
    {
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var form = new Dictionary<string, string> { ["Meeting.Year"] = "2033", ["Meeting.City"] = "Geneva", ["Meeting.Host"] = "che", ["Meeting.Theme"] = "A theme" };
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync("/projects/manage/forum?handler=meeting", form, formUrl: "/projects/manage/forum")).StatusCode);
        var again = await staff.PostFormAsync("/projects/manage/forum?handler=meeting", form, formUrl: "/projects/manage/forum");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("id=\"meeting-year-error\"", await again.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("CHE", await App.Db(db => db.ForumMeetings.Where(m => m.Year == 2033).Select(m => m.HostCountry).SingleAsync()));
    }

    [Fact]
    public async Task Staff_create_a_process_with_members_and_events()
    {
        var e = await App.AddEventAsync(TestData.Event(title: "RCP dialogue event"));
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var slug = ProjectTestData.Unique("process");
        var form = new Dictionary<string, string>
        {
            ["Input.Name"] = "Colombo Process", ["Input.Slug"] = slug, ["Input.Members"] = "LKA, IND", ["Input.Events"] = e.Id.ToString(),
        };
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync("/projects/manage/process", form)).StatusCode);
        var (_, html) = await PageSession.Anonymous(App).GetAsync($"/processes/{slug}");
        Assert.Contains("RCP dialogue event", html);
        Assert.Contains("India", html);
    }

    [Fact]
    public async Task Activity_markdown_is_sanitised_and_the_followed_up_recommendation_is_linked()
    {
        var p = await ProjectTestData.ProjectAsync(App);
        var m = await ProjectTestData.MeetingAsync(App, 2034);
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var form = new Dictionary<string, string>
        {
            ["Input.Type"] = "forum-follow-up", ["Input.Title"] = "Briefing", ["Input.Status"] = "in-progress",
            ["Input.Description"] = "<script>alert(1)</script> [x](javascript:alert(2))", ["Input.Recommendation"] = m.Recommendations[0].Id.ToString(),
        };
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"/projects/manage/activity/{p.Slug}", form)).StatusCode);
        var (_, html) = await PageSession.Anonymous(App).GetAsync($"/projects/{p.Slug}");
        Assert.DoesNotContain("<script>alert(1)", html);
        Assert.DoesNotContain("javascript:alert(2)", html);
        Assert.Contains($"href=\"/global-forum/2034#rec-{m.Recommendations[0].Id}\"", html);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(Roles.Participant)]
    public async Task Manage_pages_refuse_anonymous_visitors_and_participants(string? role)
    {
        var p = await ProjectTestData.ProjectAsync(App);
        var session = role is null ? PageSession.Anonymous(App) : (await PageSession.SignedInAsync(App, role)).Session;
        foreach (var url in new[] { "/projects/manage/edit", $"/projects/manage/edit/{p.Slug}", $"/projects/manage/activity/{p.Slug}",
                     "/projects/manage/forum", "/projects/manage/follow-up/1", "/projects/manage/process" })
        {
            var (response, _) = await session.GetAsync(url);
            var refused = response.StatusCode == HttpStatusCode.Forbidden
                          || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.PathAndQuery.StartsWith(role is null ? "/account/sign-in" : "/account/denied"));
            Assert.True(refused, $"{role} on {url}: {(int)response.StatusCode}");
        }
    }
}
