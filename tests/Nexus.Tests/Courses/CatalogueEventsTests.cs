using System.Net;
using Microsoft.EntityFrameworkCore;
using Nexus.Tests.Pages;
using Nexus.Web.Features.Events;

namespace Nexus.Tests.Courses;

/// <summary>
/// A run's event (kind Course) carries only the enrolment: the programme's lists leave it out, its address sends
/// people to the course, and its sessions point to the course's enrolment instead of taking registrations.
/// </summary>
public class CatalogueEventsTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private AppFactory App => fixture.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A course whose run event and first session have titles no other test uses.</summary>
    private async Task<(CourseTestData.Built Course, string RunTitle, string SessionTitle)> CourseAsync()
    {
        var c = await CourseTestData.CourseAsync(App);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (runTitle, sessionTitle) = ($"Run event {tag}", $"Session event {tag}");
        await App.Db(async db =>
        {
            await db.Events.Where(e => e.Id == c.Run.EventId).ExecuteUpdateAsync(s => s.SetProperty(e => e.Title, runTitle), Ct);
            return await db.Events.Where(e => e.Id == c.Sessions[0].EventId).ExecuteUpdateAsync(s => s.SetProperty(e => e.Title, sessionTitle), Ct);
        });
        return (c, runTitle, sessionTitle);
    }

    [Fact]
    public async Task The_run_event_is_left_out_of_the_event_lists_calendar_and_API_but_its_sessions_are_listed()
    {
        var (_, runTitle, sessionTitle) = await CourseAsync();
        var anonymous = PageSession.Anonymous(App);

        var lists = new[]
        {
            (await anonymous.GetAsync("/events")).Html,
            (await anonymous.GetAsync("/events?when=upcoming")).Html,
            (await anonymous.GetAsync("/events?kind=course")).Html,
            (await anonymous.GetAsync("/")).Html,
            await App.CreateClient().GetStringAsync("/api/v1/events", Ct),
            await App.CreateClient().GetStringAsync("/api/v1/events?kind=course", Ct),
            await App.CreateClient().GetStringAsync("/events.ics", Ct),
        };

        foreach (var list in lists) Assert.DoesNotContain(runTitle, list);
        Assert.Contains(sessionTitle, lists[0]);
        Assert.Contains(sessionTitle, lists[4]);
        Assert.Contains(sessionTitle, lists[6]);
    }

    [Fact]
    public async Task A_run_event_in_a_series_is_left_out_of_the_series_pages()
    {
        var (c, runTitle, _) = await CourseAsync();
        var series = await App.Db(async db =>
        {
            var s = new Nexus.Web.Features.Series.SeminarSeries { Name = "Series " + Guid.NewGuid().ToString("N")[..6], Slug = "s-" + Guid.NewGuid().ToString("N")[..6], StartYear = 2010, EndYear = 2010 };
            db.Series.Add(s);
            await db.SaveChangesAsync(Ct);
            await db.Events.Where(e => e.Id == c.Run.EventId).ExecuteUpdateAsync(x => x.SetProperty(e => e.SeriesId, s.Id), Ct);
            return s;
        });

        var (_, html) = await PageSession.Anonymous(App).GetAsync($"/series/{series.Id}/{series.Slug}");
        var (_, index) = await PageSession.Anonymous(App).GetAsync("/series");

        Assert.DoesNotContain(runTitle, html);
        var count = System.Text.RegularExpressions.Regex.Match(index, $"(?s){series.Name}.*?(\\d+) events");
        Assert.True(count.Success, index);
        Assert.Equal("0", count.Groups[1].Value);
    }

    [Fact]
    public async Task The_run_event_stays_reachable_by_id_for_staff_and_its_page_redirects_to_the_course()
    {
        var (c, _, _) = await CourseAsync();

        var (response, _) = await PageSession.Anonymous(App).GetAsync($"/events/{c.Run.EventId}");
        var register = (await PageSession.Anonymous(App).GetAsync($"/events/{c.Run.EventId}/register")).Response;
        var (staff, _) = await PageSession.SignedInAsync(App, Nexus.Web.Features.Accounts.Roles.ProgrammeStaff);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/courses/{c.Course.Slug}#run-{c.Run.Id}", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, register.StatusCode);
        Assert.Equal($"/courses/{c.Course.Slug}/runs/{c.Run.Id}/enrol", register.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/registrations/manage/{c.Run.EventId}")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/events/manage/edit/{c.Run.EventId}")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await App.CreateClient().GetAsync($"/api/v1/events/{c.Run.EventId}", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_session_page_points_to_the_course_enrolment_and_its_register_page_redirects_there()
    {
        var (c, _, sessionTitle) = await CourseAsync();
        var session = c.Sessions[0];
        var slug = await App.Db(db => db.Events.Where(e => e.Id == session.EventId).Select(e => e.Slug).SingleAsync(Ct));

        var (page, html) = await PageSession.Anonymous(App).GetAsync($"/events/{session.EventId}/{slug}");
        var register = (await PageSession.Anonymous(App).GetAsync($"/events/{session.EventId}/register")).Response;

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(sessionTitle, html);
        Assert.Contains($"This session is part of the course {c.Course.Title}, run Test cohort.", html);
        Assert.Contains($"href=\"/courses/{c.Course.Slug}/runs/{c.Run.Id}/enrol\"", html);
        Assert.DoesNotContain($"href=\"/events/{session.EventId}/register\"", html);
        Assert.Equal(HttpStatusCode.Redirect, register.StatusCode);
        Assert.Equal($"/courses/{c.Course.Slug}/runs/{c.Run.Id}/enrol", register.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_events_registration_API_refuses_a_run_and_its_sessions_so_enrolment_modes_cannot_be_bypassed()
    {
        var c = await CourseTestData.CourseAsync(App, mode: Nexus.Web.Features.Courses.EnrolmentMode.StaffOnly);

        var response = await App.CreateClient().PostJsonAsync($"/api/v1/events/{c.Run.EventId}/registrations", TestData.RegistrationBody());

        var session = await App.CreateClient().PostJsonAsync($"/api/v1/events/{c.Sessions[0].EventId}/registrations", TestData.RegistrationBody());

        var problem = await response.AssertProblemAsync(409);
        Assert.Contains("/api/v1/courses/runs/", (string)problem["detail"]!);
        await session.AssertProblemAsync(409);
        Assert.Equal(0, await App.Db(db => db.Registrations.CountAsync(r => r.EventId == c.Run.EventId || r.EventId == c.Sessions[0].EventId, Ct)));
    }

    [Fact]
    public async Task Seminars_keep_their_registration_page()
    {
        var e = await App.AddEventAsync(TestData.Event());

        var (response, html) = await PageSession.Anonymous(App).GetAsync($"/events/{e.Id}/register");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("name=\"Input.Email\"", html);
        Assert.DoesNotContain("part of the course", (await PageSession.Anonymous(App).GetAsync($"/events/{e.Id}/{e.Slug}")).Html);
    }
}
