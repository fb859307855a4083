using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Tests.Pages;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Courses;
using Nexus.Web.Features.Courses.Progress;
using Nexus.Web.Features.Registrations;

namespace Nexus.Tests.Courses;

/// <summary>Attendance at course sessions: the ticket scanned at the door, and staff's grid.</summary>
public abstract class AttendanceTests(AppFixture fixture)
{
    private AppFactory App => fixture.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<AttendanceOutcome> MarkAsync(int sessionId, int registrationId) =>
        App.With<AttendanceService, AttendanceOutcome>(s => s.MarkAsync(sessionId, registrationId, AttendanceSource.Scanned, "door", Ct));

    private Task<int> RowsAsync(int registrationId) => App.Db(db => db.SessionAttendance.CountAsync(a => a.RegistrationId == registrationId, Ct));

    [Fact]
    public async Task Scanning_a_ticket_twice_records_one_presence_and_says_already_checked_in()
    {
        var built = await CourseTestData.CourseAsync(App);
        var learner = await CourseTestData.EnrolAsync(App, built.Run, TestData.UniqueEmail(), fullName: "Tomás Herrera");
        var code = await ProgressTestData.TicketAsync(App, learner.Id);
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);

        var (page, html) = await staff.GetAsync($"/registrations/manage/checkin?code={Uri.EscapeDataString(code)}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var session = built.Sessions[1];
        Assert.Contains($"sessionId={session.Id}", html);
        Assert.Contains("Module 2", html);

        var url = $"/registrations/manage/checkin?handler=Session&id={learner.Id}&sessionId={session.Id}&code={Uri.EscapeDataString(code)}";
        var first = await ProgressTestData.PostAndFollowAsync(staff, url, [], formUrl: "/registrations/manage/checkin");
        Assert.Contains("Tomás Herrera is checked in at", first);
        var second = await ProgressTestData.PostAndFollowAsync(staff, url, [], formUrl: "/registrations/manage/checkin");
        Assert.Contains("Tomás Herrera was already checked in at", second);

        Assert.Equal(1, await RowsAsync(learner.Id));
        var row = await App.Db(db => db.SessionAttendance.SingleAsync(a => a.RegistrationId == learner.Id, Ct));
        Assert.Equal((session.Id, AttendanceSource.Scanned), (row.SessionId, row.Source));
        // The run's registration is checked in once, so the registration statistics count the learner as present.
        var registration = await App.Db(db => db.Registrations.SingleAsync(r => r.Id == learner.Id, Ct));
        Assert.Equal(RegistrationStatus.Attended, registration.Status);
        Assert.NotNull(registration.CheckedInAt);
        Assert.Equal(1, await App.Db(db => db.RegistrationLog.CountAsync(l => l.RegistrationId == learner.Id && l.Action == "checked-in", Ct)));
    }

    [Fact]
    public async Task Two_scans_at_the_same_moment_record_one_presence()
    {
        var built = await CourseTestData.CourseAsync(App);
        var learner = await CourseTestData.EnrolAsync(App, built.Run, TestData.UniqueEmail());
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => MarkAsync(built.Sessions[0].Id, learner.Id)));
        Assert.Equal(1, outcomes.Count(o => o == AttendanceOutcome.Marked));
        Assert.Equal(3, outcomes.Count(o => o == AttendanceOutcome.AlreadyMarked));
        Assert.Equal(1, await RowsAsync(learner.Id));
    }

    [Fact]
    public async Task A_session_of_another_run_is_refused()
    {
        var built = await CourseTestData.CourseAsync(App);
        var other = await CourseTestData.CourseAsync(App);
        var learner = await CourseTestData.EnrolAsync(App, built.Run, TestData.UniqueEmail());

        Assert.Equal(AttendanceOutcome.NotThisRun, await MarkAsync(other.Sessions[0].Id, learner.Id));
        Assert.Equal(AttendanceOutcome.SessionNotFound, await MarkAsync(int.MaxValue, learner.Id));
        Assert.Equal(0, await RowsAsync(learner.Id));

        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var html = await ProgressTestData.PostAndFollowAsync(staff,
            $"/registrations/manage/checkin?handler=Session&id={learner.Id}&sessionId={other.Sessions[0].Id}", [], formUrl: "/registrations/manage/checkin");
        Assert.Contains("This session is not part of this learner's course run.", html);
        Assert.Equal(0, await RowsAsync(learner.Id));
    }

    [Theory]
    [InlineData(RegistrationStatus.Pending)]
    [InlineData(RegistrationStatus.Waitlisted)]
    [InlineData(RegistrationStatus.Cancelled)]
    public async Task Only_learners_taking_part_can_be_marked_present(RegistrationStatus status)
    {
        var built = await CourseTestData.CourseAsync(App);
        var learner = await CourseTestData.EnrolAsync(App, built.Run, TestData.UniqueEmail(), status: status);
        Assert.Equal(AttendanceOutcome.NotActive, await MarkAsync(built.Sessions[0].Id, learner.Id));
        Assert.Equal(0, await RowsAsync(learner.Id));
    }

    [Fact]
    public async Task A_seminar_ticket_shows_no_sessions_and_checks_in_as_before()
    {
        var e = await App.AddEventAsync(TestData.Event());
        var result = await App.With<RegistrationService, RegisterResult>(s => s.RegisterAsync(e.Id, TestData.Registrant(fullName: "Lina Haddad"), null, Ct));
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var (_, html) = await staff.GetAsync($"/registrations/manage/checkin?code={Uri.EscapeDataString(result.TicketSecret!)}");
        Assert.Contains("Check in <span class=\"visually-hidden\">Lina Haddad</span>", html);
        Assert.DoesNotContain("handler=Session", html);
    }

    [Fact]
    public async Task Staff_mark_and_unmark_on_the_grid_in_one_save()
    {
        var built = await CourseTestData.CourseAsync(App);
        var a = await CourseTestData.EnrolAsync(App, built.Run, TestData.UniqueEmail(), fullName: "Ana Ruiz");
        var b = await CourseTestData.EnrolAsync(App, built.Run, TestData.UniqueEmail(), fullName: "Bilal Khan");
        var pending = await CourseTestData.EnrolAsync(App, built.Run, TestData.UniqueEmail(), status: RegistrationStatus.Pending);
        var other = await CourseTestData.CourseAsync(App);
        var (s1, s2) = (built.Sessions[0].Id, built.Sessions[1].Id);
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var url = $"/courses/manage/runs/{built.Run.Id}/attendance";

        var (page, html) = await staff.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Ana Ruiz", html);
        Assert.DoesNotContain($"value=\"{s1}-{pending.Id}\"", html);

        var saved = await PostGridAsync(staff, url, [$"{s1}-{a.Id}", $"{s2}-{a.Id}", $"{s1}-{b.Id}", $"{s1}-{pending.Id}", $"{other.Sessions[0].Id}-{a.Id}", "junk", "1-2-3"], "");
        Assert.Contains("Attendance saved: 3 marked present, 0 unmarked.", saved);
        Assert.Equal(2, await RowsAsync(a.Id));
        Assert.Equal(1, await RowsAsync(b.Id));
        Assert.Equal(0, await RowsAsync(pending.Id));
        Assert.Equal(RegistrationStatus.Attended, await App.Db(db => db.Registrations.Where(r => r.Id == b.Id).Select(r => r.Status).SingleAsync(Ct)));

        // Meanwhile Bilal is scanned at session 2: a save from a grid shown before that scan must not undo it.
        Assert.Equal(AttendanceOutcome.Marked, await MarkAsync(s2, b.Id));
        saved = await PostGridAsync(staff, url, [$"{s1}-{a.Id}"], $"{s1}-{a.Id},{s2}-{a.Id},{s1}-{b.Id}");
        Assert.Contains("Attendance saved: 0 marked present, 2 unmarked.", saved);
        var rows = await App.Db(db => db.SessionAttendance.Where(x => x.RegistrationId == a.Id || x.RegistrationId == b.Id)
            .Select(x => new { x.SessionId, x.RegistrationId }).ToListAsync(Ct));
        Assert.Equal([(s1, a.Id), (s2, b.Id)], rows.Select(x => (x.SessionId, x.RegistrationId)).Order());
    }

    [Fact]
    public async Task Unmark_removes_the_presence()
    {
        var built = await CourseTestData.CourseAsync(App);
        var learner = await CourseTestData.EnrolAsync(App, built.Run, TestData.UniqueEmail());
        await MarkAsync(built.Sessions[0].Id, learner.Id);
        Assert.True(await App.With<AttendanceService, bool>(s => s.UnmarkAsync(built.Sessions[0].Id, learner.Id, Ct)));
        Assert.False(await App.With<AttendanceService, bool>(s => s.UnmarkAsync(built.Sessions[0].Id, learner.Id, Ct)));
        Assert.Equal(0, await RowsAsync(learner.Id));
    }

    [Fact]
    public async Task The_attendance_csv_has_one_row_per_learner_and_neutralises_formulas()
    {
        var built = await CourseTestData.CourseAsync(App);
        var learner = await CourseTestData.EnrolAsync(App, built.Run, TestData.UniqueEmail(), fullName: "=HYPERLINK(\"http://evil\")");
        await ProgressTestData.AttendAsync(App, built.Sessions[0].Id, learner.Id);
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);

        var (response, csv) = await staff.GetAsync($"/courses/manage/runs/{built.Run.Id}/attendance?handler=Export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("Name,Email,Organisation,Status,", lines[0]);
        Assert.Contains("Module 1", lines[0]);
        Assert.StartsWith("\"'=HYPERLINK(\"\"http://evil\"\")\"", lines[1]);
        Assert.EndsWith(",1,0,1,2,50", lines[1]);
    }

    [Fact]
    public async Task Learners_cannot_open_or_post_the_attendance_grid()
    {
        var built = await CourseTestData.CourseAsync(App);
        var (session, _, enrolment) = await CourseTestData.LearnerAsync(App, built.Run);
        var url = $"/courses/manage/runs/{built.Run.Id}/attendance";
        var (response, _) = await session.GetAsync(url);
        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{(int)response.StatusCode}");
        var post = await session.PostFormAsync(url, new() { ["present"] = $"{built.Sessions[0].Id}-{enrolment.Id}" }, formUrl: "/accounts/manage");
        Assert.True(post.StatusCode is HttpStatusCode.Forbidden || post.Headers.Location?.OriginalString.Contains("/account/denied") == true,
            $"{(int)post.StatusCode} {post.Headers.Location}");
        Assert.Equal(0, await RowsAsync(enrolment.Id));
        var (missing, _) = await (await PageSession.SignedInAsync(App, Roles.ProgrammeStaff)).Session.GetAsync("/courses/manage/runs/999999/attendance");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private static async Task<string> PostGridAsync(PageSession staff, string url, IEnumerable<string> present, string shown)
    {
        var (_, form) = await staff.GetAsync(url);
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var fields = present.Select(p => new KeyValuePair<string, string>("present", p))
            .Append(new("shown", shown)).Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token)));
        var response = await staff.Client.PostAsync(url, new FormUrlEncodedContent(fields), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, html) = await staff.GetAsync(response.Headers.Location!.OriginalString);
        return WebUtility.HtmlDecode(html);
    }
}

public sealed class AttendanceTestsOnSqlite(SqliteApp fixture) : AttendanceTests(fixture), IClassFixture<SqliteApp>;
public sealed class AttendanceTestsOnPostgres(PostgresApp fixture) : AttendanceTests(fixture), IClassFixture<PostgresApp>;
