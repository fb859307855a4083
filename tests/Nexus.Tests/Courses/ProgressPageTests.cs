using System.Net;
using Microsoft.EntityFrameworkCore;
using Nexus.Tests.Pages;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Certificates;
using Nexus.Web.Features.Courses.Progress;
using Nexus.Web.Features.Registrations;

namespace Nexus.Tests.Courses;

/// <summary>The learner's progress page for a run: only theirs, with what is missing and, once complete, the certificate.</summary>
public class ProgressPageTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private AppFactory App => fixture.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_learner_sees_sessions_quizzes_and_what_is_still_missing()
    {
        var built = await CourseTestData.CourseAsync(App, modules: 3);
        var (session, _, enrolment) = await CourseTestData.LearnerAsync(App, built.Run);
        await ProgressTestData.AttendAsync(App, built.Sessions[0].Id, enrolment.Id);
        await ProgressTestData.AttemptAsync(App, built.Quiz.Id, enrolment.Id, 25);

        var (response, html) = await session.GetAsync($"/learn/runs/{built.Run.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        html = WebUtility.HtmlDecode(html);
        Assert.Contains(built.Course.Title, html);
        Assert.Contains("Attended 1 of 3 sessions (33.3%).", html);
        Assert.Contains("Module 3", html);
        Assert.Contains($"href=\"/learn/quizzes/{built.Quiz.Id}\"", html);
        Assert.Contains("25%", html);
        Assert.Contains("data-complete=\"false\"", html);
        Assert.Contains("Attend at least 50% of the sessions: 1 of 3 attended, 1 more needed.", html);
        Assert.Contains("Pass the quiz “Check your understanding” (module 1): your counted grade is 25%.", html);
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Once_complete_the_page_links_the_certificate_which_the_learner_can_download()
    {
        var built = await CourseTestData.CourseAsync(App);
        var (session, _, enrolment) = await CourseTestData.LearnerAsync(App, built.Run);
        foreach (var s in built.Sessions) await ProgressTestData.AttendAsync(App, s.Id, enrolment.Id);
        await ProgressTestData.AttemptAsync(App, built.Quiz.Id, enrolment.Id, 100);

        // Nothing recorded the completion (the rows were written directly): the page catches up.
        var (_, html) = await session.GetAsync($"/learn/runs/{built.Run.Id}");

        var code = await App.Db(db => db.CourseCompletions.Where(c => c.RegistrationId == enrolment.Id).Select(c => c.CertificateCode).SingleAsync(Ct));
        var display = CertificateCode.Display(code!);
        Assert.Contains("data-complete=\"true\"", html);
        Assert.Contains($"href=\"/certificates/{display}.pdf\"", html);
        Assert.Contains($"href=\"/certificates/verify/{display}\"", html);
        var pdf = await session.Client.GetAsync($"/certificates/{display}.pdf", Ct);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Another_learner_or_a_stranger_gets_404_and_an_anonymous_visitor_signs_in()
    {
        var built = await CourseTestData.CourseAsync(App);
        await CourseTestData.LearnerAsync(App, built.Run);
        var other = await CourseTestData.CourseAsync(App);
        var (otherLearner, _, _) = await CourseTestData.LearnerAsync(App, other.Run);
        var (stranger, _) = await PageSession.SignedInAsync(App, Roles.Participant);
        var (cancelled, _, _) = await CourseTestData.LearnerAsync(App, built.Run, RegistrationStatus.Cancelled);

        foreach (var session in new[] { otherLearner, stranger, cancelled })
        {
            var (response, html) = await session.GetAsync($"/learn/runs/{built.Run.Id}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("Amina Wanjiru", html);
        }
        var (missing, _) = await otherLearner.GetAsync("/learn/runs/999999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var (anonymous, _) = await PageSession.Anonymous(App).GetAsync($"/learn/runs/{built.Run.Id}");
        Assert.StartsWith("/account/sign-in", anonymous.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task A_learner_enrolled_by_staff_under_the_confirmed_email_sees_the_page()
    {
        var built = await CourseTestData.CourseAsync(App);
        var (session, user) = await PageSession.SignedInAsync(App, Roles.Participant);
        await CourseTestData.EnrolAsync(App, built.Run, user.Email!, userId: null, status: RegistrationStatus.Pending);
        var (response, html) = await session.GetAsync($"/learn/runs/{built.Run.Id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Your enrolment is not confirmed yet", WebUtility.HtmlDecode(html));
        var id = await App.Db(db => db.Registrations.Where(r => r.NormalizedEmail == user.Email!.ToUpperInvariant()).Select(r => r.Id).SingleAsync(Ct));
        var result = await App.With<ProgressService, CompletionResult>(s => s.RecordCompletionIfDueAsync(id, Ct));
        Assert.Equal(CompletionOutcome.NotEnrolled, result.Outcome);
    }
}
