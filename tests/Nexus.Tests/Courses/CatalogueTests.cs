using System.Net;
using Microsoft.EntityFrameworkCore;
using Nexus.Tests.Pages;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Courses;
using Nexus.Web.Features.Registrations;

namespace Nexus.Tests.Courses;

/// <summary>The public course pages: the catalogue, a course's page and self-enrolment through the registration engine.</summary>
public class CatalogueTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private AppFactory App => fixture.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> Form(string email, string? key = null) => new()
    {
        ["Input.FullName"] = "Amina Wanjiru",
        ["Input.Email"] = email,
        ["Input.Organization"] = "Permanent Mission of Kenya",
        ["Input.StakeholderGroup"] = "member-state",
        ["Input.Country"] = "KEN",
        ["Input.IdempotencyKey"] = key ?? Guid.NewGuid().ToString("N"),
    };

    private static string EnrolUrl(CourseTestData.Built c) => $"/courses/{c.Course.Slug}/runs/{c.Run.Id}/enrol";

    private Task<List<Registration>> EnrolmentsAsync(CourseRun run) =>
        App.Db(db => db.Registrations.AsNoTracking().Where(r => r.EventId == run.EventId).ToListAsync(Ct));

    [Fact]
    public async Task The_catalogue_lists_published_courses_only_with_their_next_run()
    {
        var published = await CourseTestData.CourseAsync(App);
        var draft = await CourseTestData.CourseAsync(App);
        await App.Db(db => db.Courses.Where(c => c.Id == draft.Course.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Published, false), Ct));

        var (response, html) = await PageSession.Anonymous(App).GetAsync("/courses");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(published.Course.Title, html);
        Assert.Contains($"/courses/{published.Course.Slug}", html);
        Assert.Contains("Test cohort", html);
        Assert.DoesNotContain(draft.Course.Title, html);
        Assert.Equal(HttpStatusCode.NotFound, (await PageSession.Anonymous(App).GetAsync($"/courses/{draft.Course.Slug}")).Response.StatusCode);
    }

    [Fact]
    public async Task The_course_page_shows_modules_in_order_the_completion_rule_runs_and_sessions_in_the_event_zone()
    {
        var c = await CourseTestData.CourseAsync(App, modules: 3, minAttendancePercent: 80);
        await App.Db(async db =>
        {
            var modules = await db.CourseModules.Where(m => m.CourseId == c.Course.Id).ToListAsync(Ct);
            // Third module first: the page must follow Order, not the ids.
            modules.Single(m => m.Order == 3).Order = 0;
            modules.Single(m => m.Order == 1).ObjectivesMarkdown = "- Explain **non-refoulement**\n<script>alert(1)</script>";
            return await db.SaveChangesAsync(Ct);
        });

        var (response, html) = await PageSession.Anonymous(App).GetAsync($"/courses/{c.Course.Slug}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(html.IndexOf("Module 3", StringComparison.Ordinal) < html.IndexOf("Module 1", StringComparison.Ordinal));
        Assert.Contains("<strong>non-refoulement</strong>", html);
        Assert.DoesNotContain("<script>alert(1)", html);
        Assert.Contains("Attend at least 80% of the sessions and pass the quizzes of the required modules.", html);
        Assert.Contains("Quizzes: 1", html);
        Assert.Contains($"id=\"run-{c.Run.Id}\"", html);
        Assert.Contains("20 of 20 seats left", html);
        // Sessions are shown in the run event's zone (America/New_York in the test data), with their room.
        var first = c.Sessions[0];
        var local = Nexus.Web.Features.Events.EventQueries.Local(first.Event!.StartsAt, "America/New_York");
        Assert.Contains(local.ToString("o"), html);
        Assert.Contains("Conference Room 6", html);
        Assert.Contains(EnrolUrl(c), html);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_with_a_return_address()
    {
        var c = await CourseTestData.CourseAsync(App);

        var (response, _) = await PageSession.Anonymous(App).GetAsync(EnrolUrl(c));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.Contains("/account/sign-in", location);
        Assert.Contains(Uri.EscapeDataString(EnrolUrl(c)), location);
    }

    [Fact]
    public async Task The_form_is_filled_from_the_account_and_self_enrolment_confirms_a_seat_linked_to_the_account()
    {
        var c = await CourseTestData.CourseAsync(App);
        var (session, user) = await PageSession.SignedInAsync(App, Roles.Participant);

        var (_, form) = await session.GetAsync(EnrolUrl(c));
        Assert.Contains($"value=\"{user.Email}\"", form);
        Assert.Contains($"value=\"{user.FullName}\"", form);

        var response = await session.PostFormAsync(EnrolUrl(c), Form(user.Email!));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("done=confirmed", response.Headers.Location!.ToString());
        var r = Assert.Single(await EnrolmentsAsync(c.Run));
        Assert.Equal(RegistrationStatus.Confirmed, r.Status);
        Assert.Equal(user.Id, r.UserId);
        var (_, result) = await session.GetAsync(response.Headers.Location!.ToString());
        Assert.Contains("You are enrolled.", result);
        // Back on the form, the learner is told they are enrolled instead of being offered the form again.
        var (_, again) = await session.GetAsync(EnrolUrl(c));
        Assert.Contains("You are already enrolled in this run", again);
    }

    [Fact]
    public async Task Sending_the_same_form_twice_enrols_once()
    {
        var c = await CourseTestData.CourseAsync(App);
        var (session, user) = await PageSession.SignedInAsync(App, Roles.Participant);
        var key = Guid.NewGuid().ToString("N");

        var first = await session.PostFormAsync(EnrolUrl(c), Form(user.Email!, key));
        var second = await session.PostFormAsync(EnrolUrl(c), Form(user.Email!, key));

        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Single(await EnrolmentsAsync(c.Run));
    }

    [Fact]
    public async Task A_learner_cannot_take_a_second_seat_with_another_email()
    {
        var c = await CourseTestData.CourseAsync(App);
        var (session, user) = await PageSession.SignedInAsync(App, Roles.Participant);
        await session.PostFormAsync(EnrolUrl(c), Form(user.Email!));

        var second = await session.PostFormAsync(EnrolUrl(c), Form(TestData.UniqueEmail("other")), formUrl: "/accounts/manage");
        var api = await session.Client.PostJsonAsync($"/api/v1/courses/runs/{c.Run.Id}/enrolments", TestData.RegistrationBody());

        Assert.Contains("You are already enrolled in this run", await second.Content.ReadAsStringAsync(Ct));
        await api.AssertProblemAsync(409);
        Assert.Single(await EnrolmentsAsync(c.Run));
    }

    [Fact]
    public async Task A_full_run_puts_the_learner_on_the_waiting_list_with_a_position()
    {
        var c = await CourseTestData.CourseAsync(App, capacity: 1);
        await CourseTestData.EnrolAsync(App, c.Run, TestData.UniqueEmail());
        var (session, user) = await PageSession.SignedInAsync(App, Roles.Participant);

        var (_, form) = await session.GetAsync(EnrolUrl(c));
        Assert.Contains("If you enrol, you join the waiting list.", form);
        var response = await session.PostFormAsync(EnrolUrl(c), Form(user.Email!));

        Assert.Contains("done=waitlisted&position=1", response.Headers.Location!.ToString());
        Assert.Equal(RegistrationStatus.Waitlisted, (await EnrolmentsAsync(c.Run)).Single(r => r.UserId == user.Id).Status);
        var (_, result) = await session.GetAsync(response.Headers.Location!.ToString());
        Assert.Contains("You are number 1 on the waiting list", result);
    }

    [Fact]
    public async Task An_approval_run_holds_the_enrolment_for_the_course_team()
    {
        var c = await CourseTestData.CourseAsync(App, mode: EnrolmentMode.Approval);
        var (session, user) = await PageSession.SignedInAsync(App, Roles.Participant);

        var response = await session.PostFormAsync(EnrolUrl(c), Form(user.Email!));

        Assert.Contains("done=pending", response.Headers.Location!.ToString());
        Assert.Equal(RegistrationStatus.Pending, Assert.Single(await EnrolmentsAsync(c.Run)).Status);
        var (_, result) = await session.GetAsync(response.Headers.Location!.ToString());
        Assert.Contains("waiting for the course team", result);
    }

    [Fact]
    public async Task A_staff_only_run_refuses_self_enrolment_even_when_posted()
    {
        var c = await CourseTestData.CourseAsync(App, mode: EnrolmentMode.StaffOnly);
        var (session, user) = await PageSession.SignedInAsync(App, Roles.Participant);

        var (page, html) = await PageSession.Anonymous(App).GetAsync(EnrolUrl(c));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Enrolment in this run is by staff only", html);
        Assert.DoesNotContain("name=\"Input.Email\"", html);

        var response = await session.PostFormAsync(EnrolUrl(c), Form(user.Email!), formUrl: "/accounts/manage");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("by staff only", await response.Content.ReadAsStringAsync(Ct));
        Assert.Empty(await EnrolmentsAsync(c.Run));
    }

    [Fact]
    public async Task A_closed_enrolment_window_says_so_and_takes_nobody()
    {
        var c = await CourseTestData.CourseAsync(App);
        await App.Db(db => db.Events.Where(e => e.Id == c.Run.EventId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.RegistrationClosesAt, DateTime.UtcNow.AddDays(-1)), Ct));
        var (session, user) = await PageSession.SignedInAsync(App, Roles.Participant);

        var (_, html) = await session.GetAsync(EnrolUrl(c));
        Assert.Contains("Enrolment in this run is not open.", html);
        var response = await session.PostFormAsync(EnrolUrl(c), Form(user.Email!), formUrl: "/accounts/manage");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await EnrolmentsAsync(c.Run));
    }

    [Fact]
    public async Task A_duplicate_email_is_refused_with_a_message_naming_it()
    {
        var c = await CourseTestData.CourseAsync(App);
        var taken = TestData.UniqueEmail("taken");
        await CourseTestData.EnrolAsync(App, c.Run, taken);
        var (session, _) = await PageSession.SignedInAsync(App, Roles.Participant);

        var response = await session.PostFormAsync(EnrolUrl(c), Form(taken));
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"{taken} is already enrolled in this run.", html);
        Assert.Contains("id=\"email-error\"", html);
        Assert.Single(await EnrolmentsAsync(c.Run));
    }

    [Fact]
    public async Task Bad_input_names_the_field_and_enrols_nobody()
    {
        var c = await CourseTestData.CourseAsync(App);
        var (session, _) = await PageSession.SignedInAsync(App, Roles.Participant);
        var form = Form("not-an-email");
        form["Input.Country"] = "Narnia";

        var response = await session.PostFormAsync(EnrolUrl(c), form);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"email-error\"", html);
        Assert.Contains("id=\"country-error\"", html);
        Assert.Empty(await EnrolmentsAsync(c.Run));
    }

    [Fact]
    public async Task A_run_of_another_course_or_an_unknown_run_is_not_found()
    {
        var a = await CourseTestData.CourseAsync(App);
        var b = await CourseTestData.CourseAsync(App);
        var (session, _) = await PageSession.SignedInAsync(App, Roles.Participant);

        Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync($"/courses/{a.Course.Slug}/runs/{b.Run.Id}/enrol")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync($"/courses/{a.Course.Slug}/runs/999999/enrol")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync("/courses/no-such-course")).Response.StatusCode);
    }

    [Fact]
    public async Task The_site_navigation_links_to_the_courses()
    {
        var (_, html) = await PageSession.Anonymous(App).GetAsync("/courses");

        Assert.Contains("href=\"/courses\">Courses</a>", html);
        Assert.Contains("aria-current=\"page\" href=\"/courses\"", html);
    }
}
