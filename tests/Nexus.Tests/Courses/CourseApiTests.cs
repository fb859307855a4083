using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Nexus.Tests.Pages;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Accounts.Tokens;
using Nexus.Web.Features.Courses;
using Nexus.Web.Features.Registrations;

namespace Nexus.Tests.Courses;

/// <summary>The course JSON API: the catalogue, runs, enrolment by learners and staff, and the learner's own enrolments.</summary>
public class CourseApiTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private AppFactory App => fixture.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Enrolments(CourseRun run) => $"/api/v1/courses/runs/{run.Id}/enrolments";

    private Task<List<Registration>> RegistrationsAsync(CourseRun run) =>
        App.Db(db => db.Registrations.AsNoTracking().Where(r => r.EventId == run.EventId).ToListAsync(Ct));

    [Fact]
    public async Task The_course_list_has_published_courses_with_their_next_run()
    {
        var c = await CourseTestData.CourseAsync(App);
        var hidden = await CourseTestData.CourseAsync(App);
        await App.Db(db => db.Courses.Where(x => x.Id == hidden.Course.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Published, false), Ct));

        var list = (await (await App.CreateClient().GetAsync("/api/v1/courses", Ct)).JsonAsync()).AsArray();

        Assert.DoesNotContain(list, x => (int)x!["id"]! == hidden.Course.Id);
        var item = list.Single(x => (int)x!["id"]! == c.Course.Id)!;
        Assert.Equal(c.Course.Slug, (string)item["slug"]!);
        Assert.Equal("en", (string)item["language"]!);
        Assert.Equal(24m, (decimal)item["hours"]!);
        Assert.EndsWith($"/courses/{c.Course.Slug}", (string)item["url"]!);
        var next = item["nextRun"]!;
        Assert.Equal(c.Run.Id, (int)next["id"]!);
        Assert.Equal("self", (string)next["enrolmentMode"]!);
        Assert.Equal("open", (string)next["enrolmentState"]!);
        Assert.True((bool)next["enrolmentOpen"]!);
        Assert.Equal(20, (int)next["seatsLeft"]!);
    }

    [Fact]
    public async Task A_course_has_its_completion_rule_modules_in_order_and_runs()
    {
        var c = await CourseTestData.CourseAsync(App, modules: 2, minAttendancePercent: 60);

        var course = await (await App.CreateClient().GetAsync($"/api/v1/courses/{c.Course.Slug}", Ct)).JsonAsync();

        Assert.Equal(60, (int)course["completion"]!["minAttendancePercent"]!);
        Assert.Equal("Attend at least 60% of the sessions and pass the quizzes of the required modules.", (string)course["completion"]!["text"]!);
        var modules = course["modules"]!.AsArray();
        Assert.Equal(["Module 1", "Module 2"], modules.Select(m => (string)m!["title"]!));
        Assert.Equal(1, (int)modules[0]!["quizCount"]!);
        Assert.Equal(0, (int)modules[1]!["quizCount"]!);
        Assert.Equal(c.Run.Id, (int)Assert.Single(course["runs"]!.AsArray())!["id"]!);
    }

    [Fact]
    public async Task A_run_has_its_dates_sessions_seats_and_enrolment_state()
    {
        var c = await CourseTestData.CourseAsync(App, capacity: 3, mode: EnrolmentMode.Approval);
        await CourseTestData.EnrolAsync(App, c.Run, TestData.UniqueEmail());

        var run = await (await App.CreateClient().GetAsync($"/api/v1/courses/runs/{c.Run.Id}", Ct)).JsonAsync();

        Assert.Equal(c.Course.Slug, (string)run["courseSlug"]!);
        Assert.Equal(c.Run.EventId, (int)run["eventId"]!);
        Assert.Equal(3, (int)run["capacity"]!);
        Assert.Equal(1, (int)run["confirmedCount"]!);
        Assert.Equal(2, (int)run["seatsLeft"]!);
        Assert.Equal("approval", (string)run["enrolmentMode"]!);
        Assert.True((bool)run["enrolmentOpen"]!);
        Assert.Equal("America/New_York", (string)run["timeZone"]!);
        var sessions = run["sessions"]!.AsArray();
        Assert.Equal(2, sessions.Count);
        Assert.Equal("Module 1", (string)sessions[0]!["moduleTitle"]!);
        Assert.Equal("Conference Room 6", (string)sessions[0]!["venue"]!);
        Assert.Equal("in-person", (string)sessions[0]!["format"]!);
        // Times carry the event's offset, not UTC.
        Assert.DoesNotContain("+00:00", (string)sessions[0]!["startsAt"]!);
    }

    [Theory]
    [InlineData("/api/v1/courses/no-such-course")]
    [InlineData("/api/v1/courses/runs/999999")]
    public async Task Unknown_courses_and_runs_are_a_404_problem(string url) =>
        await (await App.CreateClient().GetAsync(url, Ct)).AssertProblemAsync(404);

    [Fact]
    public async Task A_run_of_an_unpublished_course_is_not_found_for_the_public()
    {
        var c = await CourseTestData.CourseAsync(App);
        await App.Db(db => db.Courses.Where(x => x.Id == c.Course.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Published, false), Ct));

        await (await App.CreateClient().GetAsync($"/api/v1/courses/runs/{c.Run.Id}", Ct)).AssertProblemAsync(404);
        await (await App.CreateClient().GetAsync($"/api/v1/courses/{c.Course.Slug}", Ct)).AssertProblemAsync(404);
    }

    [Fact]
    public async Task A_signed_in_learner_enrols_with_the_account_details_and_is_confirmed()
    {
        var c = await CourseTestData.CourseAsync(App);
        var (session, user) = await PageSession.SignedInAsync(App, Roles.Participant);
        var body = new JsonObject { ["stakeholderGroup"] = "member-state", ["country"] = "KEN", ["organization"] = "Mission of Kenya" };

        var response = await session.Client.PostJsonAsync(Enrolments(c.Run), body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.JsonAsync();
        Assert.Equal("confirmed", (string)created["status"]!);
        Assert.Equal(c.Run.Id, (int)created["runId"]!);
        Assert.NotNull((string?)created["cancelSecret"]);
        var r = Assert.Single(await RegistrationsAsync(c.Run));
        Assert.Equal((int)created["registrationId"]!, r.Id);
        Assert.Equal(user.Id, r.UserId);
        Assert.Equal(user.Email, r.Email);
        Assert.Equal(user.FullName, r.FullName);

        var duplicate = await session.Client.PostJsonAsync(Enrolments(c.Run), body);
        var problem = await duplicate.AssertProblemAsync(409);
        Assert.Equal("Already enrolled", (string)problem["title"]!);
    }

    [Fact]
    public async Task A_full_run_waitlists_and_an_approval_run_holds_the_enrolment()
    {
        var full = await CourseTestData.CourseAsync(App, capacity: 1);
        await CourseTestData.EnrolAsync(App, full.Run, TestData.UniqueEmail());
        var approval = await CourseTestData.CourseAsync(App, mode: EnrolmentMode.Approval);
        var (session, _) = await PageSession.SignedInAsync(App, Roles.Participant);

        var waiting = await (await session.Client.PostJsonAsync(Enrolments(full.Run), TestData.RegistrationBody())).JsonAsync();
        var pending = await (await session.Client.PostJsonAsync(Enrolments(approval.Run), TestData.RegistrationBody())).JsonAsync();

        Assert.Equal("waitlisted", (string)waiting["status"]!);
        Assert.Equal(1, (int)waiting["waitlistPosition"]!);
        Assert.Equal("pending", (string)pending["status"]!);
    }

    [Fact]
    public async Task Learners_cannot_enrol_themselves_in_a_staff_only_run_but_staff_with_a_token_can()
    {
        var c = await CourseTestData.CourseAsync(App, mode: EnrolmentMode.StaffOnly);
        var learner = await App.AddUserAsync(Roles.Participant);
        var (session, _) = await PageSession.SignedInAsync(App, Roles.Participant);

        await (await session.Client.PostJsonAsync(Enrolments(c.Run), TestData.RegistrationBody())).AssertProblemAsync(403);
        var staff = App.ClientWithToken(await App.StaffTokenAsync(Scopes.RegistrationsWrite));
        var response = await staff.PostJsonAsync(Enrolments(c.Run), TestData.RegistrationBody(email: learner.Email));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("confirmed", (string)(await response.JsonAsync())["status"]!);
        var r = Assert.Single(await RegistrationsAsync(c.Run));
        Assert.Equal(learner.Id, r.UserId);
        var duplicate = await (await staff.PostJsonAsync(Enrolments(c.Run), TestData.RegistrationBody(email: learner.Email))).AssertProblemAsync(409);
        Assert.Equal($"{learner.Email} is already enrolled in this run.", (string)duplicate["detail"]!);
    }

    [Fact]
    public async Task Staff_enrolment_in_an_approval_run_is_approved_at_once()
    {
        var c = await CourseTestData.CourseAsync(App, mode: EnrolmentMode.Approval);
        var staff = App.ClientWithToken(await App.StaffTokenAsync(Scopes.RegistrationsWrite));

        var response = await staff.PostJsonAsync(Enrolments(c.Run), TestData.RegistrationBody());

        Assert.Equal("confirmed", (string)(await response.JsonAsync())["status"]!);
        var registration = Assert.Single(await RegistrationsAsync(c.Run));
        Assert.Equal(RegistrationStatus.Confirmed, registration.Status);
        // One email, the confirmation: no "registration received, awaiting approval" before it.
        var emails = await App.Db(db => db.Outbox.Where(m => m.RegistrationId == registration.Id).Select(m => m.Kind).ToListAsync(Ct));
        Assert.Equal(["registration-confirmed"], emails);
        // The log says who approved it.
        var log = await App.Db(db => db.RegistrationLog.Where(l => l.RegistrationId == registration.Id).OrderBy(l => l.Id)
            .Select(l => new { l.Action, l.ActorId }).ToListAsync(Ct));
        Assert.Equal(["registered", "approved"], log.Select(l => l.Action));
        Assert.NotNull(log[1].ActorId);
    }

    [Fact]
    public async Task Enrolment_refuses_anonymous_callers_and_tokens_without_the_scope()
    {
        var c = await CourseTestData.CourseAsync(App);

        await (await App.CreateClient().PostJsonAsync(Enrolments(c.Run), TestData.RegistrationBody())).AssertProblemAsync(401);
        var readOnly = App.ClientWithToken(await App.StaffTokenAsync(Scopes.RegistrationsRead));
        await (await readOnly.PostJsonAsync(Enrolments(c.Run), TestData.RegistrationBody())).AssertProblemAsync(403);
        var bad = App.ClientWithToken("nx_not-a-real-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await bad.PostJsonAsync(Enrolments(c.Run), TestData.RegistrationBody())).StatusCode);

        Assert.Empty(await RegistrationsAsync(c.Run));
    }

    [Fact]
    public async Task Bad_bodies_are_a_400_naming_the_fields_and_unknown_runs_a_404()
    {
        var c = await CourseTestData.CourseAsync(App);
        var staff = App.ClientWithToken(await App.StaffTokenAsync(Scopes.RegistrationsWrite));
        var body = TestData.RegistrationBody();
        body["email"] = "not-an-email";
        body["country"] = "Narnia";

        await (await staff.PostJsonAsync(Enrolments(c.Run), body)).AssertProblemAsync(400, "email", "country");
        await (await staff.PostJsonAsync(Enrolments(c.Run), null)).AssertProblemAsync(400, "body");
        await (await staff.PostJsonAsync("/api/v1/courses/runs/999999/enrolments", TestData.RegistrationBody())).AssertProblemAsync(404);
        Assert.Empty(await RegistrationsAsync(c.Run));
    }

    [Fact]
    public async Task A_closed_run_is_a_409()
    {
        var c = await CourseTestData.CourseAsync(App);
        await App.Db(db => db.Events.Where(e => e.Id == c.Run.EventId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.RegistrationClosesAt, DateTime.UtcNow.AddMinutes(-1)), Ct));
        var staff = App.ClientWithToken(await App.StaffTokenAsync(Scopes.RegistrationsWrite));

        var problem = await (await staff.PostJsonAsync(Enrolments(c.Run), TestData.RegistrationBody())).AssertProblemAsync(409);

        Assert.Equal("Enrolment closed", (string)problem["title"]!);
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_enrols_once_and_replays_without_the_secret()
    {
        var c = await CourseTestData.CourseAsync(App);
        var staff = App.ClientWithToken(await App.StaffTokenAsync(Scopes.RegistrationsWrite));
        var body = TestData.RegistrationBody();
        var key = Guid.NewGuid().ToString();

        var first = await staff.PostJsonAsync(Enrolments(c.Run), body, idempotencyKey: key);
        var second = await staff.PostJsonAsync(Enrolments(c.Run), body, idempotencyKey: key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Null((string?)(await second.JsonAsync())["cancelSecret"]);
        Assert.Single(await RegistrationsAsync(c.Run));
    }

    [Fact]
    public async Task The_enrolments_of_a_run_need_the_registrations_read_scope()
    {
        var c = await CourseTestData.CourseAsync(App);
        var email = TestData.UniqueEmail("enrolled");
        await CourseTestData.EnrolAsync(App, c.Run, email);

        var anonymous = await App.CreateClient().GetAsync(Enrolments(c.Run), Ct);
        var writeOnly = await App.ClientWithToken(await App.StaffTokenAsync(Scopes.RegistrationsWrite)).GetAsync(Enrolments(c.Run), Ct);
        var reader = App.ClientWithToken(await App.StaffTokenAsync(Scopes.RegistrationsRead));
        var list = (await (await reader.GetAsync(Enrolments(c.Run), Ct)).JsonAsync()).AsArray();

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, writeOnly.StatusCode);
        Assert.DoesNotContain(email, await anonymous.Content.ReadAsStringAsync(Ct));
        var row = Assert.Single(list)!;
        Assert.Equal(email, (string)row["email"]!);
        Assert.Equal("confirmed", (string)row["status"]!);
        await (await reader.GetAsync("/api/v1/courses/runs/999999/enrolments", Ct)).AssertProblemAsync(404);
    }

    [Fact]
    public async Task A_learner_sees_only_their_own_enrolments()
    {
        var a = await CourseTestData.CourseAsync(App);
        var b = await CourseTestData.CourseAsync(App, capacity: 1);
        var (session, user, mine) = await CourseTestData.LearnerAsync(App, a.Run);
        await CourseTestData.EnrolAsync(App, b.Run, TestData.UniqueEmail("someone-else"));
        var waiting = await CourseTestData.EnrolAsync(App, b.Run, user.Email!, user.Id, RegistrationStatus.Waitlisted);
        await App.Db(db => db.Registrations.Where(r => r.Id == waiting.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.WaitlistTicket, 1L), Ct));

        var list = (await (await session.Client.GetAsync("/api/v1/me/enrolments", Ct)).JsonAsync()).AsArray();

        Assert.Equal(2, list.Count);
        var first = list.Single(x => (int)x!["registrationId"]! == mine.Id)!;
        Assert.Equal(a.Run.Id, (int)first["runId"]!);
        Assert.Equal(a.Course.Slug, (string)first["courseSlug"]!);
        Assert.Equal("confirmed", (string)first["status"]!);
        var second = list.Single(x => (int)x!["registrationId"]! == waiting.Id)!;
        Assert.Equal("waitlisted", (string)second["status"]!);
        Assert.Equal(1, (int)second["waitlistPosition"]!);
        Assert.DoesNotContain("someone-else", list.ToJsonString());

        Assert.Equal(HttpStatusCode.Unauthorized, (await App.CreateClient().GetAsync("/api/v1/me/enrolments", Ct)).StatusCode);
    }
}
