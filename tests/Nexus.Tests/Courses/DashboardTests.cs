using System.Net;
using Microsoft.EntityFrameworkCore;
using Nexus.Tests.Pages;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Certificates;
using Nexus.Web.Features.Courses.Progress;
using Nexus.Web.Features.Registrations;

namespace Nexus.Tests.Courses;

/// <summary>The learner's dashboard at /learn: my courses, my registrations, my certificates.</summary>
public class DashboardTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private AppFactory App => fixture.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_dashboard_lists_my_courses_registrations_and_certificates_and_nobody_elses()
    {
        var built = await CourseTestData.CourseAsync(App);
        var (session, user, enrolment) = await CourseTestData.LearnerAsync(App, built.Run);
        foreach (var s in built.Sessions) await ProgressTestData.AttendAsync(App, s.Id, enrolment.Id);
        await ProgressTestData.AttemptAsync(App, built.Quiz.Id, enrolment.Id, 90);
        var completion = await App.With<ProgressService, CompletionResult>(s => s.RecordCompletionIfDueAsync(enrolment.Id, Ct));
        var seminar = TestData.Event(title: "Remittances and the crisis of 2009");
        seminar = await App.AddEventAsync(seminar);
        var registration = await App.With<RegistrationService, RegisterResult>(s => s.RegisterAsync(seminar.Id, TestData.Registrant(user.Email), user.Id, Ct));
        // Someone else's course and certificate.
        var other = await CourseTestData.CourseAsync(App);
        var stranger = await ProgressTestData.DueLearnerAsync(App, other, fullName: "Somebody Else");
        await App.With<ProgressService, CompletionResult>(s => s.RecordCompletionIfDueAsync(stranger.Id, Ct));

        var (response, html) = await session.GetAsync("/learn");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        html = WebUtility.HtmlDecode(html);
        Assert.Contains($"href=\"/learn/runs/{built.Run.Id}\"", html);
        Assert.Contains(built.Course.Title, html);
        Assert.Contains("Remittances and the crisis of 2009", html);
        var display = CertificateCode.Display(completion.Completion!.CertificateCode!);
        Assert.Contains($"href=\"/certificates/{display}.pdf\"", html);
        Assert.Contains($"href=\"/certificates/verify/{display}\"", html);
        Assert.DoesNotContain(other.Course.Title, html);
        Assert.DoesNotContain("Somebody Else", html);
        // The run's registration is a course, listed with its progress rather than among the events.
        Assert.DoesNotContain($"{built.Course.Title}: run", html);
        Assert.NotNull(registration.Registration);
        Assert.Contains("href=\"/learn\"", html);
    }

    [Fact]
    public async Task An_empty_dashboard_says_so_and_anonymous_visitors_sign_in()
    {
        var (session, _) = await PageSession.SignedInAsync(App, Roles.Participant);
        var (response, html) = await session.GetAsync("/learn");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("You are not enrolled in any course.", html);
        Assert.Contains("You have no certificates yet.", html);
        var (anonymous, _) = await PageSession.Anonymous(App).GetAsync("/learn");
        Assert.StartsWith("/account/sign-in", anonymous.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Get_certificate_issues_an_attendance_certificate_once_for_an_event_that_offers_them()
    {
        var (session, user) = await PageSession.SignedInAsync(App, Roles.Participant);
        var seminar = TestData.Event(title: "Diaspora bonds");
        seminar.IssuesCertificates = true;
        seminar.CertificateHours = 3;
        seminar = await App.AddEventAsync(seminar);
        var r = (await App.With<RegistrationService, RegisterResult>(s => s.RegisterAsync(seminar.Id, TestData.Registrant(user.Email, "Ivana Petrović"), user.Id, Ct))).Registration!;
        await App.With<RegistrationService, ChangeResult>(s => s.CheckInAsync(r.Id, "staff", Ct));

        var (_, html) = await session.GetAsync("/learn");
        Assert.Contains("Get certificate", html);
        var page = await ProgressTestData.PostAndFollowAsync(session, $"/learn?handler=Certificate&registrationId={r.Id}", [], formUrl: "/learn");
        Assert.Contains("is ready.", page);
        page = await ProgressTestData.PostAndFollowAsync(session, $"/learn?handler=Certificate&registrationId={r.Id}", [], formUrl: "/learn");

        var certificate = await App.Db(db => db.Certificates.SingleAsync(c => c.EventId == seminar.Id, Ct));
        Assert.Equal((CertificateKind.EventAttendance, "Ivana Petrović", "Diaspora bonds", 3m, user.Id),
            (certificate.Kind, certificate.HolderName, certificate.Title, certificate.Hours, certificate.HolderUserId));
        Assert.Contains($"href=\"/certificates/{CertificateCode.Display(certificate.Code)}.pdf\"", page);
        Assert.DoesNotContain("Get certificate", page);
    }

    [Fact]
    public async Task Nobody_gets_a_certificate_for_someone_elses_registration()
    {
        var (session, _) = await PageSession.SignedInAsync(App, Roles.Participant);
        var seminar = TestData.Event();
        seminar.IssuesCertificates = true;
        seminar = await App.AddEventAsync(seminar);
        var r = (await App.With<RegistrationService, RegisterResult>(s => s.RegisterAsync(seminar.Id, TestData.Registrant(), null, Ct))).Registration!;
        await App.With<RegistrationService, ChangeResult>(s => s.CheckInAsync(r.Id, "staff", Ct));
        var response = await session.PostFormAsync($"/learn?handler=Certificate&registrationId={r.Id}", [], formUrl: "/learn");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await App.Db(db => db.Certificates.CountAsync(c => c.EventId == seminar.Id, Ct)));
    }
}
