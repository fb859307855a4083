using Microsoft.EntityFrameworkCore;
using Nexus.Tests.Pages;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Certificates;
using Nexus.Web.Features.Courses;
using Nexus.Web.Features.Courses.Progress;
using Nexus.Web.Features.Events;

namespace Nexus.Tests.Courses;

/// <summary>Completion recorded once, with its certificate, whichever way it is reached.</summary>
public abstract class CompletionTests(AppFixture fixture)
{
    private AppFactory App => fixture.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<CompletionResult> RecordAsync(int registrationId) =>
        App.With<ProgressService, CompletionResult>(s => s.RecordCompletionIfDueAsync(registrationId, Ct));

    [Fact]
    public async Task Two_simultaneous_calls_record_one_completion_and_issue_one_certificate()
    {
        var built = await CourseTestData.CourseAsync(App);
        for (var i = 0; i < 5; i++)
        {
            var learner = await ProgressTestData.DueLearnerAsync(App, built);
            var outcomes = await Task.WhenAll(RecordAsync(learner.Id), RecordAsync(learner.Id));

            Assert.Equal([CompletionOutcome.Recorded, CompletionOutcome.AlreadyRecorded], outcomes.Select(o => o.Outcome).Order());
            var completion = await App.Db(db => db.CourseCompletions.SingleAsync(c => c.RegistrationId == learner.Id, Ct));
            var certificate = await App.Db(db => db.Certificates.SingleAsync(c => c.CourseRunId == built.Run.Id && c.HolderEmail == learner.Email, Ct));
            Assert.Equal(certificate.Code, completion.CertificateCode);
            Assert.All(outcomes, o => Assert.Equal(completion.Id, o.Completion!.Id));
        }
    }

    [Fact]
    public async Task The_completion_certificate_carries_the_course_the_run_dates_and_hours()
    {
        var built = await CourseTestData.CourseAsync(App);
        var (_, user, _) = await CourseTestData.LearnerAsync(App, built.Run);
        var learner = await App.Db(db => db.Registrations.SingleAsync(r => r.EventId == built.Run.EventId && r.UserId == user.Id, Ct));
        foreach (var s in built.Sessions) await ProgressTestData.AttendAsync(App, s.Id, learner.Id);
        await ProgressTestData.AttemptAsync(App, built.Quiz.Id, learner.Id, 50);

        var result = await RecordAsync(learner.Id);

        Assert.Equal(CompletionOutcome.Recorded, result.Outcome);
        Assert.Null(result.CertificateError);
        var c = await App.Db(db => db.Certificates.SingleAsync(x => x.Code == result.Completion!.CertificateCode, Ct));
        var runEvent = await App.Db(db => db.Events.SingleAsync(e => e.Id == built.Run.EventId, Ct));
        Assert.Equal(CertificateKind.CourseCompletion, c.Kind);
        Assert.Equal(learner.FullName, c.HolderName);
        Assert.Equal(user.Id, c.HolderUserId);
        Assert.Equal(built.Course.Title, c.Title);
        Assert.Equal(built.Run.Id, c.CourseRunId);
        Assert.Equal(24m, c.Hours);
        Assert.Equal(DateOnly.FromDateTime(EventQueries.Local(runEvent.StartsAt, runEvent.TimeZone).DateTime), c.StartDate);
        Assert.Equal(DateOnly.FromDateTime(EventQueries.Local(runEvent.EndsAt, runEvent.TimeZone).DateTime), c.EndDate);
        Assert.Equal(ProgressService.SystemIssuer, c.IssuedBy);
        var completion = result.Completion!;
        Assert.Equal((100m, 50m, (string?)null), (completion.AttendancePercent, completion.QuizPercent, completion.ByUserId));

        Assert.Equal(CompletionOutcome.AlreadyRecorded, (await RecordAsync(learner.Id)).Outcome);
        Assert.Equal(1, await App.Db(db => db.Certificates.CountAsync(x => x.CourseRunId == built.Run.Id, Ct)));
    }

    [Fact]
    public async Task Nothing_is_recorded_before_the_rule_is_met_nor_for_a_learner_not_taking_part()
    {
        var built = await CourseTestData.CourseAsync(App);
        var learner = await CourseTestData.EnrolAsync(App, built.Run, TestData.UniqueEmail());
        foreach (var s in built.Sessions) await ProgressTestData.AttendAsync(App, s.Id, learner.Id);
        await ProgressTestData.AttemptAsync(App, built.Quiz.Id, learner.Id, 25);
        Assert.Equal(CompletionOutcome.NotDue, (await RecordAsync(learner.Id)).Outcome);

        var pending = await CourseTestData.EnrolAsync(App, built.Run, TestData.UniqueEmail(), status: Nexus.Web.Features.Registrations.RegistrationStatus.Pending);
        Assert.Equal(CompletionOutcome.NotEnrolled, (await RecordAsync(pending.Id)).Outcome);
        Assert.Equal(CompletionOutcome.NotEnrolled, (await RecordAsync(-1)).Outcome);
        Assert.Equal(0, await App.Db(db => db.CourseCompletions.CountAsync(c => c.RunId == built.Run.Id, Ct)));
    }

    [Fact]
    public async Task Marking_the_last_session_present_records_the_completion()
    {
        var built = await CourseTestData.CourseAsync(App);
        var learner = await CourseTestData.EnrolAsync(App, built.Run, TestData.UniqueEmail());
        await ProgressTestData.AttemptAsync(App, built.Quiz.Id, learner.Id, 100);
        // The test course asks for 50% of two sessions: one is enough.
        var outcome = await App.With<AttendanceService, AttendanceOutcome>(s => s.MarkAsync(built.Sessions[0].Id, learner.Id, AttendanceSource.Staff, "staff", Ct));
        Assert.Equal(AttendanceOutcome.Marked, outcome);
        var completion = await App.Db(db => db.CourseCompletions.SingleAsync(c => c.RegistrationId == learner.Id, Ct));
        Assert.Equal(50m, completion.AttendancePercent);
        Assert.NotNull(completion.CertificateCode);
    }

    [Fact]
    public async Task Staff_record_a_completion_by_hand_with_a_reason()
    {
        var built = await CourseTestData.CourseAsync(App);
        var learner = await CourseTestData.EnrolAsync(App, built.Run, TestData.UniqueEmail(), fullName: "Chen Wei");
        var (staff, staffUser) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var url = $"/courses/manage/runs/{built.Run.Id}/gradebook";

        var empty = await staff.PostFormAsync($"{url}?handler=Complete&registrationId={learner.Id}", new() { ["reason"] = " " });
        Assert.Equal(System.Net.HttpStatusCode.OK, empty.StatusCode);
        var html = await empty.Content.ReadAsStringAsync(Ct);
        Assert.Contains($"href=\"#complete-{learner.Id}-reason\"", html);
        Assert.Contains($"id=\"complete-{learner.Id}-reason-error\"", html);
        Assert.Equal(0, await App.Db(db => db.CourseCompletions.CountAsync(c => c.RegistrationId == learner.Id, Ct)));

        var page = await ProgressTestData.PostAndFollowAsync(staff, $"{url}?handler=Complete&registrationId={learner.Id}",
            new() { ["reason"] = "Attended the 2010 session on paper; attendance sheet on file." }, formUrl: url);
        Assert.Contains("Completion recorded and certificate issued.", page);
        var completion = await App.Db(db => db.CourseCompletions.SingleAsync(c => c.RegistrationId == learner.Id, Ct));
        Assert.Equal(staffUser.Id, completion.ByUserId);
        Assert.NotNull(completion.CertificateCode);
        var log = await App.Db(db => db.RegistrationLog.SingleAsync(l => l.RegistrationId == learner.Id && l.Action == "course-completed-by-hand", Ct));
        Assert.Equal("Attended the 2010 session on paper; attendance sheet on file.", log.Note);

        var again = await staff.PostFormAsync($"{url}?handler=Complete&registrationId={learner.Id}", new() { ["reason"] = "twice" });
        Assert.Contains("already recorded", System.Net.WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync(Ct)));
        Assert.Equal(1, await App.Db(db => db.CourseCompletions.CountAsync(c => c.RegistrationId == learner.Id, Ct)));
    }

    [Fact]
    public async Task Bulk_issue_records_completions_due_and_certificates_missing_once()
    {
        var built = await CourseTestData.CourseAsync(App);
        var due = await ProgressTestData.DueLearnerAsync(App, built);
        var notDue = await CourseTestData.EnrolAsync(App, built.Run, TestData.UniqueEmail());
        // A completion recorded without its certificate (e.g. the certificate failed at the time).
        var uncertified = await ProgressTestData.DueLearnerAsync(App, built);
        await App.Db(async db =>
        {
            db.CourseCompletions.Add(new CourseCompletion { RunId = built.Run.Id, RegistrationId = uncertified.Id, CompletedAt = DateTime.UtcNow, AttendancePercent = 100 });
            return await db.SaveChangesAsync(Ct);
        });
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var url = $"/courses/manage/runs/{built.Run.Id}/gradebook";

        var page = await ProgressTestData.PostAndFollowAsync(staff, $"{url}?handler=IssueCertificates", [], formUrl: url);
        Assert.Contains("2 certificates issued.", page);
        page = await ProgressTestData.PostAndFollowAsync(staff, $"{url}?handler=IssueCertificates", [], formUrl: url);
        Assert.Contains("0 certificates issued.", page);

        var completions = await App.Db(db => db.CourseCompletions.Where(c => c.RunId == built.Run.Id).ToListAsync(Ct));
        Assert.Equal([due.Id, uncertified.Id], completions.Select(c => c.RegistrationId).Order());
        Assert.All(completions, c => Assert.NotNull(c.CertificateCode));
        Assert.DoesNotContain(completions, c => c.RegistrationId == notDue.Id);
    }

    [Fact]
    public async Task Bad_hand_completion_input_never_gives_a_500()
    {
        var built = await CourseTestData.CourseAsync(App);
        var learner = await CourseTestData.EnrolAsync(App, built.Run, TestData.UniqueEmail());
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var url = $"/courses/manage/runs/{built.Run.Id}/gradebook";
        foreach (var reason in new[] { new string('x', 1001), "bad\u0001char" })
        {
            var response = await staff.PostFormAsync($"{url}?handler=Complete&registrationId={learner.Id}", new() { ["reason"] = reason }, formUrl: url);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }
        var other = await CourseTestData.CourseAsync(App);
        var stranger = await CourseTestData.EnrolAsync(App, other.Run, TestData.UniqueEmail());
        var wrongRun = await staff.PostFormAsync($"{url}?handler=Complete&registrationId={stranger.Id}", new() { ["reason"] = "x" }, formUrl: url);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, wrongRun.StatusCode);
        Assert.Equal(0, await App.Db(db => db.CourseCompletions.CountAsync(c => c.RegistrationId == learner.Id || c.RegistrationId == stranger.Id, Ct)));
    }
}

public sealed class CompletionTestsOnSqlite(SqliteApp fixture) : CompletionTests(fixture), IClassFixture<SqliteApp>;
public sealed class CompletionTestsOnPostgres(PostgresApp fixture) : CompletionTests(fixture), IClassFixture<PostgresApp>;
