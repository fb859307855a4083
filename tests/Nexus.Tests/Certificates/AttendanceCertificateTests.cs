using System.Net;
using Microsoft.EntityFrameworkCore;
using Nexus.Tests.Courses;
using Nexus.Tests.Pages;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Certificates;
using Nexus.Web.Features.Events;
using Nexus.Web.Features.Registrations;

namespace Nexus.Tests.Certificates;

/// <summary>Certificates of attendance for seminars that offer them: the rule, on request, in bulk, and the event form.</summary>
public class AttendanceCertificateTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private AppFactory App => fixture.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(EventKind.Seminar, true, RegistrationStatus.Attended, AttendanceCertificateRefusal.None)]
    [InlineData(EventKind.PolicySeminar, true, RegistrationStatus.Attended, AttendanceCertificateRefusal.None)]
    [InlineData(EventKind.Seminar, false, RegistrationStatus.Attended, AttendanceCertificateRefusal.EventDoesNotIssue)]
    [InlineData(EventKind.Seminar, true, RegistrationStatus.Confirmed, AttendanceCertificateRefusal.NotAttended)]
    [InlineData(EventKind.Seminar, true, RegistrationStatus.NoShow, AttendanceCertificateRefusal.NotAttended)]
    [InlineData(EventKind.Course, true, RegistrationStatus.Attended, AttendanceCertificateRefusal.CourseEvent)]
    [InlineData(EventKind.CourseSession, true, RegistrationStatus.Attended, AttendanceCertificateRefusal.CourseEvent)]
    public void Only_participants_present_at_an_event_that_offers_certificates_get_one(EventKind kind, bool issues, RegistrationStatus status,
        AttendanceCertificateRefusal expected) =>
        Assert.Equal(expected, AttendanceCertificateRules.Check(new Event { Title = "x", Kind = kind, IssuesCertificates = issues }, status));

    private async Task<(Event Event, List<Registration> Present, Registration Absent)> SeminarAsync(bool issues, int present = 2)
    {
        var e = TestData.Event(title: "Labour mobility in the Gulf", timeZone: "Asia/Beirut");
        e.IssuesCertificates = issues;
        e.CertificateHours = 2.5m;
        e = await App.AddEventAsync(e);
        var list = new List<Registration>();
        for (var i = 0; i < present; i++)
        {
            var r = (await App.With<RegistrationService, RegisterResult>(s => s.RegisterAsync(e.Id, TestData.Registrant(fullName: $"Participant {i}"), null, Ct))).Registration!;
            await App.With<RegistrationService, ChangeResult>(s => s.CheckInAsync(r.Id, "staff", Ct));
            list.Add(r);
        }
        var absent = (await App.With<RegistrationService, RegisterResult>(s => s.RegisterAsync(e.Id, TestData.Registrant(), null, Ct))).Registration!;
        return (e, list, absent);
    }

    private Task<AttendanceCertificateResult> IssueAsync(int registrationId) =>
        App.With<AttendanceCertificates, AttendanceCertificateResult>(s => s.IssueAsync(registrationId, "tests", Ct));

    [Fact]
    public async Task One_certificate_per_person_and_event_with_the_event_title_date_and_hours()
    {
        var (e, present, absent) = await SeminarAsync(issues: true, present: 1);
        var first = await IssueAsync(present[0].Id);
        var second = await IssueAsync(present[0].Id);
        Assert.Equal(first.Certificate!.Code, second.Certificate!.Code);
        var c = await App.Db(db => db.Certificates.SingleAsync(x => x.EventId == e.Id, Ct));
        var day = DateOnly.FromDateTime(EventQueries.Local(e.StartsAt, e.TimeZone).DateTime);
        Assert.Equal((CertificateKind.EventAttendance, "Participant 0", "Labour mobility in the Gulf", 2.5m, day),
            (c.Kind, c.HolderName, c.Title, c.Hours, c.StartDate));

        Assert.Equal(AttendanceCertificateRefusal.NotAttended, (await IssueAsync(absent.Id)).Refusal);
        Assert.Equal(AttendanceCertificateRefusal.NotFound, (await IssueAsync(-1)).Refusal);
    }

    [Fact]
    public async Task An_event_that_does_not_offer_certificates_refuses_them()
    {
        var (e, present, _) = await SeminarAsync(issues: false, present: 1);
        Assert.Equal(AttendanceCertificateRefusal.EventDoesNotIssue, (await IssueAsync(present[0].Id)).Refusal);
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var (_, html) = await staff.GetAsync($"/registrations/manage/{e.Id}");
        Assert.DoesNotContain("handler=Certificates", html);
        var page = await ProgressTestData.PostAndFollowAsync(staff, $"/registrations/manage/{e.Id}?handler=Certificates", [], formUrl: $"/registrations/manage/{e.Id}");
        Assert.Contains("This event does not issue certificates of attendance.", page);
        Assert.Equal(0, await App.Db(db => db.Certificates.CountAsync(c => c.EventId == e.Id, Ct)));
    }

    [Fact]
    public async Task A_course_run_gives_no_attendance_certificate()
    {
        var built = await CourseTestData.CourseAsync(App);
        await App.Db(db => db.Events.Where(x => x.Id == built.Run.EventId).ExecuteUpdateAsync(s => s.SetProperty(x => x.IssuesCertificates, true), Ct));
        var learner = await CourseTestData.EnrolAsync(App, built.Run, TestData.UniqueEmail(), status: RegistrationStatus.Attended);
        Assert.Equal(AttendanceCertificateRefusal.CourseEvent, (await IssueAsync(learner.Id)).Refusal);
    }

    [Fact]
    public async Task Staff_issue_certificates_to_everyone_present_from_the_registrations_page()
    {
        var (e, present, absent) = await SeminarAsync(issues: true, present: 3);
        await IssueAsync(present[0].Id);
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var url = $"/registrations/manage/{e.Id}";
        var (_, html) = await staff.GetAsync(url);
        Assert.Contains("handler=Certificates", html);

        var page = await ProgressTestData.PostAndFollowAsync(staff, $"{url}?handler=Certificates", [], formUrl: url);
        Assert.Contains("2 certificates issued.", page);
        page = await ProgressTestData.PostAndFollowAsync(staff, $"{url}?handler=Certificates", [], formUrl: url);
        Assert.Contains("0 certificates issued.", page);
        var holders = await App.Db(db => db.Certificates.Where(c => c.EventId == e.Id).Select(c => c.HolderEmail).ToListAsync(Ct));
        Assert.Equal(present.Select(p => p.Email).Order(), holders.Order());
        Assert.DoesNotContain(absent.Email, holders);
    }

    [Fact]
    public async Task The_event_form_saves_the_certificate_settings_and_names_a_bad_hours_field()
    {
        var e = await App.AddEventAsync(TestData.Event());
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var url = $"/events/manage/edit/{e.Id}";
        var (_, form) = await staff.GetAsync(url);
        Assert.Contains("name=\"Input.IssuesCertificates\"", form);
        Assert.Contains("id=\"certificateHours\"", form);

        Dictionary<string, string> Fields(string hours) => new()
        {
            ["Input.Title"] = e.Title, ["Input.Kind"] = "seminar", ["Input.StartsAt"] = "2030-03-12T10:00", ["Input.EndsAt"] = "2030-03-12T13:00",
            ["Input.TimeZone"] = "America/New_York", ["Input.Format"] = "in-person", ["Input.Status"] = "published", ["Input.OfferHours"] = "48",
            ["Input.IssuesCertificates"] = "true", ["Input.CertificateHours"] = hours,
        };
        foreach (var bad in new[] { "abc", "0", "-3", "2001", "1.25" })
        {
            var response = await staff.PostFormAsync(url, Fields(bad));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync(Ct);
            Assert.Contains("id=\"certificateHours-error\"", html);
            Assert.Contains("href=\"#certificateHours\"", html);
        }
        Assert.False(await App.Db(db => db.Events.Where(x => x.Id == e.Id).Select(x => x.IssuesCertificates).SingleAsync(Ct)));

        var saved = await staff.PostFormAsync(url, Fields("3,5"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await App.Db(db => db.Events.AsNoTracking().SingleAsync(x => x.Id == e.Id, Ct));
        Assert.True(stored.IssuesCertificates);
        Assert.Equal(3.5m, stored.CertificateHours);
        var (_, again) = await staff.GetAsync(url);
        Assert.Contains("value=\"3.5\"", again);
    }
}
