using System.Net;
using Microsoft.EntityFrameworkCore;
using Nexus.Tests.Pages;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Courses;
using Nexus.Web.Features.Events;
using Nexus.Web.Features.Registrations;

namespace Nexus.Tests.Courses;

/// <summary>Staff authoring of courses, modules, runs and sessions, and staff enrolment, through the pages.</summary>
public class CourseManageTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private AppFactory App => fixture.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static Dictionary<string, string> CourseForm(string title, string slug = "", int version = 0, string language = "en",
        string hours = "24", string minAttendance = "75", string description = "An **interactive** course.") => new()
    {
        ["Input.Title"] = title,
        ["Input.Slug"] = slug,
        ["Input.Summary"] = "Eight topics for delegates.",
        ["Input.Description"] = description,
        ["Input.Language"] = language,
        ["Input.Hours"] = hours,
        ["Input.MinAttendancePercent"] = minAttendance,
        ["Input.RequireModuleQuizzes"] = "true",
        ["Input.Published"] = "true",
        ["Input.Version"] = version.ToString(),
    };

    private static Dictionary<string, string> RunForm(string title = "2010 cohort", string starts = "2030-03-01T09:00", string ends = "2030-03-12T17:00",
        string zone = "Europe/Zurich", string capacity = "30", string mode = "self", string opens = "", string closes = "", string offerHours = "48") => new()
    {
        ["Run.Title"] = title, ["Run.StartsAt"] = starts, ["Run.EndsAt"] = ends, ["Run.TimeZone"] = zone, ["Run.Capacity"] = capacity,
        ["Run.EnrolmentMode"] = mode, ["Run.RegistrationOpensAt"] = opens, ["Run.RegistrationClosesAt"] = closes, ["Run.OfferHours"] = offerHours,
    };

    private static Dictionary<string, string> SessionForm(string module, string starts = "2030-03-02T09:30", string ends = "2030-03-02T12:30",
        string venue = "Conference Room 6", string capacity = "40", string title = "", string format = "in-person") => new()
    {
        ["Input.Module"] = module, ["Input.Title"] = title, ["Input.StartsAt"] = starts, ["Input.EndsAt"] = ends,
        ["Input.Venue"] = venue, ["Input.Capacity"] = capacity, ["Input.Format"] = format,
    };

    private static int IdAtEnd(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode}");
        var path = response.Headers.Location!.OriginalString.Split('#', '?')[0];
        return int.Parse(path[(path.LastIndexOf('/') + 1)..]);
    }

    private static string Unique(string name = "Migration law") => $"{name} {Guid.NewGuid():N}"[..(name.Length + 9)];

    private async Task<(PageSession Staff, int CourseId)> NewCourseAsync(string? title = null)
    {
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var id = IdAtEnd(await staff.PostFormAsync("/courses/manage/new", CourseForm(title ?? Unique())));
        return (staff, id);
    }

    [Fact]
    public async Task Staff_build_a_course_with_a_module_a_run_and_a_session_that_the_catalogue_shows()
    {
        var title = Unique("International Migration Law");
        var (staff, courseId) = await NewCourseAsync(title);
        var course = await App.Db(db => db.Courses.AsNoTracking().SingleAsync(c => c.Id == courseId, Ct));
        Assert.Equal(title, course.Title);
        Assert.Equal(Nexus.Web.Infrastructure.Slugs.From(title), course.Slug);
        Assert.Equal(24m, course.Hours);
        Assert.Equal(0, course.Version);

        var module = await staff.PostFormAsync($"/courses/manage/{courseId}/modules/new", new()
        {
            ["Input.Title"] = "Migrant smuggling and human trafficking", ["Input.Objectives"] = "- Tell smuggling from trafficking",
            ["Input.Materials"] = "- [Palermo Protocols](https://www.unodc.org/)", ["Input.Required"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, module.StatusCode);
        var moduleId = await App.Db(db => db.CourseModules.Where(m => m.CourseId == courseId).Select(m => m.Id).SingleAsync(Ct));

        var runId = IdAtEnd(await staff.PostFormAsync($"/courses/manage/{courseId}/runs/new", RunForm(mode: "approval")));
        var run = await App.Db(db => db.CourseRuns.AsNoTracking().Include(r => r.Event).SingleAsync(r => r.Id == runId, Ct));
        Assert.Equal(EnrolmentMode.Approval, run.EnrolmentMode);
        Assert.Equal(EventKind.Course, run.Event!.Kind);
        Assert.Equal(EventStatus.Published, run.Event.Status);
        Assert.True(run.Event.RequiresApproval);
        Assert.Equal(30, run.Event.Capacity);
        Assert.Equal("Europe/Zurich", run.Event.TimeZone);
        // 09:00 in Zurich in March (UTC+1) is 08:00 UTC.
        Assert.Equal(new DateTime(2030, 3, 1, 8, 0, 0), run.Event.StartsAt);

        var sessionResponse = await staff.PostFormAsync($"/courses/manage/runs/{runId}/sessions/new", SessionForm(moduleId.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, sessionResponse.StatusCode);
        var session = await App.Db(db => db.CourseSessions.AsNoTracking().Include(s => s.Event).SingleAsync(s => s.RunId == runId, Ct));
        Assert.Equal(moduleId, session.ModuleId);
        Assert.Equal(EventKind.CourseSession, session.Event!.Kind);
        Assert.Equal(EventStatus.Published, session.Event.Status);
        Assert.Equal("Conference Room 6", session.Event.Venue);
        Assert.Equal(40, session.Event.Capacity);
        Assert.Equal("Europe/Zurich", session.Event.TimeZone);
        Assert.Equal($"{title}: Migrant smuggling and human trafficking", session.Event.Title);
        Assert.False(session.Event.IsOpenForRegistration(DateTime.UtcNow), "a session takes no registrations of its own");

        var (_, html) = await PageSession.Anonymous(App).GetAsync($"/courses/{course.Slug}");
        Assert.Contains("Migrant smuggling and human trafficking", html);
        Assert.Contains("Conference Room 6", html);
        Assert.Contains("Enrolment with approval", html);
        Assert.Contains("href=\"https://www.unodc.org/\"", html);
    }

    [Theory]
    [InlineData("self", false)]
    [InlineData("approval", true)]
    [InlineData("staff-only", false)]
    public async Task The_enrolment_mode_decides_whether_the_run_event_needs_approval(string mode, bool approval)
    {
        var (staff, courseId) = await NewCourseAsync();

        var runId = IdAtEnd(await staff.PostFormAsync($"/courses/manage/{courseId}/runs/new", RunForm(mode: mode)));

        Assert.Equal(approval, await App.Db(db => db.CourseRuns.Where(r => r.Id == runId).Select(r => r.Event!.RequiresApproval).SingleAsync(Ct)));
    }

    [Fact]
    public async Task Editing_a_run_moves_its_event_and_a_larger_capacity_offers_seats_to_the_waiting_list()
    {
        var c = await CourseTestData.CourseAsync(App, capacity: 1, modules: 1);
        await CourseTestData.EnrolAsync(App, c.Run, TestData.UniqueEmail());
        var waiting = await App.With<RegistrationService, RegisterResult>(s => s.RegisterAsync(c.Run.EventId, TestData.Registrant(), null));
        Assert.Equal(RegistrationStatus.Waitlisted, waiting.Registration!.Status);
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var zone = "America/New_York";
        string Local(DateTime utc) => EventQueries.Local(utc, zone).ToString("yyyy-MM-ddTHH:mm");

        var response = await staff.PostFormAsync($"/courses/manage/runs/{c.Run.Id}",
            RunForm(title: "Renamed cohort", starts: Local(c.Run.Event!.StartsAt), ends: Local(c.Run.Event.EndsAt), zone: zone, capacity: "2"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var run = await App.Db(db => db.CourseRuns.AsNoTracking().Include(r => r.Event).SingleAsync(r => r.Id == c.Run.Id, Ct));
        Assert.Equal("Renamed cohort", run.Title);
        Assert.Equal(2, run.Event!.Capacity);
        Assert.EndsWith(": Renamed cohort", run.Event.Title);
        Assert.Equal(RegistrationStatus.Offered, await App.Db(db => db.Registrations.Where(r => r.Id == waiting.Registration.Id).Select(r => r.Status).SingleAsync(Ct)));
    }

    [Fact]
    public async Task Bad_course_input_names_each_field_and_stores_nothing()
    {
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var before = await App.Db(db => db.Courses.CountAsync(Ct));

        var response = await staff.PostFormAsync("/courses/manage/new",
            CourseForm("", slug: "Not A Slug!", language: "de", hours: "lots", minAttendance: "150"));
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var field in new[] { "title", "slug", "language", "hours", "minAttendancePercent" })
        {
            Assert.Contains($"id=\"{field}-error\"", html);
            Assert.Contains($"href=\"#{field}\"", html);
        }
        Assert.Contains("aria-describedby=\"slug-hint slug-error\"", html);
        Assert.Equal(before, await App.Db(db => db.Courses.CountAsync(Ct)));
    }

    [Theory]
    [InlineData("manage")]
    [InlineData("a--b")]
    [InlineData("-edge")]
    public async Task Reserved_or_malformed_addresses_are_refused(string slug)
    {
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);

        var response = await staff.PostFormAsync("/courses/manage/new", CourseForm(Unique(), slug: slug));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"slug-error\"", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_second_course_cannot_take_an_address_in_use()
    {
        var (staff, id) = await NewCourseAsync();
        var slug = await App.Db(db => db.Courses.Where(c => c.Id == id).Select(c => c.Slug).SingleAsync(Ct));

        var response = await staff.PostFormAsync("/courses/manage/new", CourseForm(Unique(), slug: slug));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Another course already has this address.", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(1, await App.Db(db => db.Courses.CountAsync(c => c.Slug == slug, Ct)));
    }

    [Fact]
    public async Task Bad_run_input_names_each_field_and_creates_no_event()
    {
        var (staff, courseId) = await NewCourseAsync();
        var events = await App.Db(db => db.Events.CountAsync(Ct));

        var response = await staff.PostFormAsync($"/courses/manage/{courseId}/runs/new",
            RunForm(title: new string('x', 201), starts: "2030-03-10T09:00", ends: "2030-03-01T09:00", zone: "Mars/Olympus", capacity: "0",
                mode: "sometimes", opens: "yesterday", offerHours: "10000"));
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var field in new[] { "title", "timeZone", "capacity", "enrolmentMode", "registrationOpensAt", "offerHours" })
            Assert.Contains($"id=\"{field}-error\"", html);
        Assert.Equal(events, await App.Db(db => db.Events.CountAsync(Ct)));

        var backwards = await staff.PostFormAsync($"/courses/manage/{courseId}/runs/new", RunForm(starts: "2030-03-10T09:00", ends: "2030-03-01T09:00"));
        Assert.Contains("id=\"endsAt-error\"", await backwards.Content.ReadAsStringAsync(Ct));
        Assert.Equal(0, await App.Db(db => db.CourseRuns.CountAsync(r => r.CourseId == courseId, Ct)));
    }

    [Fact]
    public async Task A_session_outside_the_run_or_with_a_module_of_another_course_is_refused()
    {
        var c = await CourseTestData.CourseAsync(App, modules: 1);
        var other = await CourseTestData.CourseAsync(App, modules: 1);
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var url = $"/courses/manage/runs/{c.Run.Id}/sessions/new";

        var outside = await staff.PostFormAsync(url, SessionForm(c.Course.Modules[0].Id.ToString(), starts: "1999-01-01T09:00", ends: "1999-01-01T10:00"));
        var foreign = await staff.PostFormAsync(url, SessionForm(other.Course.Modules[0].Id.ToString()));
        var untitled = await staff.PostFormAsync(url, SessionForm(""));

        Assert.Contains("id=\"startsAt-error\"", await outside.Content.ReadAsStringAsync(Ct));
        Assert.Contains("id=\"module-error\"", await foreign.Content.ReadAsStringAsync(Ct));
        Assert.Contains("id=\"title-error\"", await untitled.Content.ReadAsStringAsync(Ct));
        Assert.Single(await App.Db(db => db.CourseSessions.Where(s => s.RunId == c.Run.Id).ToListAsync(Ct)));
    }

    [Fact]
    public async Task Hostile_text_is_stored_as_typed_and_shown_as_text()
    {
        const string hostile = "<script>alert('x')</script> Law";
        var (staff, id) = await NewCourseAsync(hostile + " " + Guid.NewGuid().ToString("N")[..6]);
        await staff.PostFormAsync($"/courses/manage/{id}/modules/new", new() { ["Input.Title"] = "<img src=x onerror=alert(1)>", ["Input.Required"] = "true" });
        var course = await App.Db(db => db.Courses.AsNoTracking().SingleAsync(c => c.Id == id, Ct));
        Assert.StartsWith(hostile, course.Title);
        var saved = await staff.PostFormAsync($"/courses/manage/{id}", CourseForm(course.Title, course.Slug, course.Version,
            description: "Intro <script>alert('d')</script> [x](javascript:alert(1))"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var pages = new[]
        {
            (await staff.GetAsync($"/courses/manage/{id}")).Html,
            (await PageSession.Anonymous(App).GetAsync($"/courses/{course.Slug}")).Html,
            (await PageSession.Anonymous(App).GetAsync("/courses")).Html,
        };

        foreach (var html in pages)
        {
            Assert.DoesNotContain("<script>alert", html);
            Assert.DoesNotContain("<img src=x", html);
            Assert.DoesNotContain("href=\"javascript:", html);
        }
        Assert.Contains("&lt;script&gt;alert(", pages[1]);
        Assert.Contains("&lt;img src=x", pages[1]);
    }

    [Fact]
    public async Task A_save_from_a_stale_form_is_refused_and_keeps_the_other_change()
    {
        var (staff, id) = await NewCourseAsync();
        var slug = await App.Db(db => db.Courses.Where(c => c.Id == id).Select(c => c.Slug).SingleAsync(Ct));

        var first = await staff.PostFormAsync($"/courses/manage/{id}", CourseForm("First editor's title", slug, version: 0));
        var second = await staff.PostFormAsync($"/courses/manage/{id}", CourseForm("Second editor's title", slug, version: 0));
        var html = await second.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("Someone else saved this course while you were editing it.", html);
        Assert.Contains("Second editor&#x27;s title", html);
        var stored = await App.Db(db => db.Courses.AsNoTracking().SingleAsync(c => c.Id == id, Ct));
        Assert.Equal("First editor's title", stored.Title);
        Assert.Equal(1, stored.Version);

        var third = await staff.PostFormAsync($"/courses/manage/{id}", CourseForm("Third title", slug, version: 1));
        Assert.Equal(HttpStatusCode.Redirect, third.StatusCode);
        Assert.Equal(2, await App.Db(db => db.Courses.Where(c => c.Id == id).Select(c => c.Version).SingleAsync(Ct)));
    }

    [Fact]
    public async Task The_sessions_of_a_course_are_listed_in_the_programme_only_while_the_course_is_published()
    {
        var c = await CourseTestData.CourseAsync(App, modules: 2);
        await App.Db(db => db.Events.Where(e => e.Id == c.Sessions[1].EventId).ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EventStatus.Cancelled), Ct));
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        Task<List<EventStatus>> StatusesAsync() => App.Db(db => db.CourseSessions.Where(s => s.RunId == c.Run.Id).OrderBy(s => s.Id)
            .Select(s => s.Event!.Status).ToListAsync(Ct));
        Dictionary<string, string> Form(bool published, int version)
        {
            var form = CourseForm(c.Course.Title, c.Course.Slug, version);
            form["Input.Published"] = published ? "true" : "false";
            return form;
        }

        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"/courses/manage/{c.Course.Id}", Form(false, 0))).StatusCode);
        Assert.Equal([EventStatus.Draft, EventStatus.Cancelled], await StatusesAsync());
        var added = await staff.PostFormAsync($"/courses/manage/runs/{c.Run.Id}/sessions/new", SessionForm("", title: "Closing session",
            starts: EventQueries.Local(c.Run.Event!.StartsAt.AddHours(4), "America/New_York").ToString("yyyy-MM-ddTHH:mm"),
            ends: EventQueries.Local(c.Run.Event.StartsAt.AddHours(5), "America/New_York").ToString("yyyy-MM-ddTHH:mm")));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal([EventStatus.Draft, EventStatus.Cancelled, EventStatus.Draft], await StatusesAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"/courses/manage/{c.Course.Id}", Form(true, 1))).StatusCode);
        Assert.Equal([EventStatus.Published, EventStatus.Cancelled, EventStatus.Published], await StatusesAsync());
        // The run's own event stays published throughout, so staff can enrol before the course is public.
        Assert.Equal(EventStatus.Published, await App.Db(db => db.Events.Where(e => e.Id == c.Run.EventId).Select(e => e.Status).SingleAsync(Ct)));
    }

    [Fact]
    public async Task Modules_move_up_and_down_and_only_unused_ones_can_be_removed()
    {
        var c = await CourseTestData.CourseAsync(App, modules: 3);
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var url = $"/courses/manage/{c.Course.Id}";
        var ids = c.Course.Modules.OrderBy(m => m.Order).Select(m => m.Id).ToList();
        Task<List<int>> OrderAsync() => App.Db(db => db.CourseModules.Where(m => m.CourseId == c.Course.Id).OrderBy(m => m.Order).Select(m => m.Id).ToListAsync(Ct));

        await staff.PostFormAsync($"{url}?handler=Move&moduleId={ids[2]}&direction=up", [], formUrl: url);
        Assert.Equal([ids[0], ids[2], ids[1]], await OrderAsync());
        await staff.PostFormAsync($"{url}?handler=Move&moduleId={ids[0]}&direction=down", [], formUrl: url);
        Assert.Equal([ids[2], ids[0], ids[1]], await OrderAsync());

        // Module 1 has a session and a quiz; a new fourth module has neither.
        await App.Db(async db =>
        {
            db.CourseModules.Add(new CourseModule { CourseId = c.Course.Id, Order = 4, Title = "Unused" });
            return await db.SaveChangesAsync(Ct);
        });
        var unused = (await OrderAsync())[3];
        var refused = await staff.PostFormAsync($"{url}?handler=RemoveModule&moduleId={ids[0]}", [], formUrl: url);
        await staff.PostFormAsync($"{url}?handler=RemoveModule&moduleId={unused}", [], formUrl: url);

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal([ids[2], ids[0], ids[1]], await OrderAsync());
        Assert.Equal([1, 2, 3], await App.Db(db => db.CourseModules.Where(m => m.CourseId == c.Course.Id).OrderBy(m => m.Order).Select(m => m.Order).ToListAsync(Ct)));
        var (_, page) = await staff.GetAsync(url);
        Assert.Contains("/courses/manage/" + c.Course.Id + "/quizzes", page);
        Assert.Contains("/courses/manage/" + c.Course.Id + "/banks", page);
        // The forms post to the course's own address, not to the ".../new" one the page also answers at.
        Assert.Contains($"action=\"/courses/manage/{c.Course.Id}?moduleId=", page);
    }

    [Fact]
    public async Task Staff_enrol_a_person_by_email_linked_to_their_account_and_approved_at_once()
    {
        var c = await CourseTestData.CourseAsync(App, mode: EnrolmentMode.Approval);
        var learner = await App.AddUserAsync(Roles.Participant);
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var url = $"/courses/manage/runs/{c.Run.Id}";

        var response = await staff.PostFormAsync($"{url}?handler=Enrol", new()
        {
            ["Input.Email"] = learner.Email!, ["Input.StakeholderGroup"] = "member-state", ["Input.Country"] = "KEN",
            ["Input.Organization"] = "Permanent Mission of Kenya", ["Input.IdempotencyKey"] = Guid.NewGuid().ToString("N"),
        }, formUrl: url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var r = await App.Db(db => db.Registrations.AsNoTracking().SingleAsync(x => x.EventId == c.Run.EventId, Ct));
        Assert.Equal(learner.Id, r.UserId);
        Assert.Equal(learner.FullName, r.FullName);
        Assert.Equal(RegistrationStatus.Confirmed, r.Status);
        var (_, page) = await staff.GetAsync(url);
        Assert.Contains($"href=\"/registrations/manage/{c.Run.EventId}\"", page);
        Assert.Contains($"/courses/manage/runs/{c.Run.Id}/attendance", page);
        Assert.Contains($"/courses/manage/runs/{c.Run.Id}/gradebook", page);

        var again = await staff.PostFormAsync($"{url}?handler=Enrol", new()
        {
            ["Input.Email"] = learner.Email!, ["Input.StakeholderGroup"] = "member-state", ["Input.Country"] = "KEN",
            ["Input.Organization"] = "Permanent Mission of Kenya", ["Input.IdempotencyKey"] = Guid.NewGuid().ToString("N"),
        }, formUrl: url);
        var duplicate = await again.Content.ReadAsStringAsync(Ct);
        // The run's own form keeps its stored values beside the refused enrolment.
        Assert.Contains("name=\"Run.Title\" type=\"text\" value=\"Test cohort\"", duplicate);
        Assert.Contains($"{learner.Email} is already enrolled in this run.", duplicate);
    }

    [Fact]
    public async Task Staff_enrol_in_a_staff_only_run_someone_without_an_account()
    {
        var c = await CourseTestData.CourseAsync(App, mode: EnrolmentMode.StaffOnly);
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var url = $"/courses/manage/runs/{c.Run.Id}";
        var email = TestData.UniqueEmail("delegate");

        var missing = await staff.PostFormAsync($"{url}?handler=Enrol", new() { ["Input.Email"] = email }, formUrl: url);
        Assert.Contains("id=\"fullName-error\"", await missing.Content.ReadAsStringAsync(Ct));

        var response = await staff.PostFormAsync($"{url}?handler=Enrol", new()
        {
            ["Input.FullName"] = "Kamau Otieno", ["Input.Email"] = email, ["Input.Organization"] = "Ministry of Labour",
            ["Input.StakeholderGroup"] = "member-state", ["Input.Country"] = "KEN", ["Input.IdempotencyKey"] = Guid.NewGuid().ToString("N"),
        }, formUrl: url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var r = await App.Db(db => db.Registrations.AsNoTracking().SingleAsync(x => x.EventId == c.Run.EventId, Ct));
        Assert.Null(r.UserId);
        Assert.Equal(RegistrationStatus.Confirmed, r.Status);
    }

    [Fact]
    public async Task A_session_is_removed_with_its_event_unless_attendance_was_recorded()
    {
        var c = await CourseTestData.CourseAsync(App, modules: 2);
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var url = $"/courses/manage/runs/{c.Run.Id}";
        var learner = await CourseTestData.EnrolAsync(App, c.Run, TestData.UniqueEmail());
        await App.Db(async db =>
        {
            db.SessionAttendance.Add(new SessionAttendance { SessionId = c.Sessions[1].Id, RegistrationId = learner.Id, At = DateTime.UtcNow });
            return await db.SaveChangesAsync(Ct);
        });

        await staff.PostFormAsync($"{url}?handler=RemoveSession&sessionId={c.Sessions[0].Id}", [], formUrl: url);
        await staff.PostFormAsync($"{url}?handler=RemoveSession&sessionId={c.Sessions[1].Id}", [], formUrl: url);

        Assert.False(await App.Db(db => db.CourseSessions.AnyAsync(s => s.Id == c.Sessions[0].Id, Ct)));
        Assert.False(await App.Db(db => db.Events.AnyAsync(e => e.Id == c.Sessions[0].EventId, Ct)));
        Assert.True(await App.Db(db => db.CourseSessions.AnyAsync(s => s.Id == c.Sessions[1].Id, Ct)));
    }

    [Fact]
    public async Task Other_roles_cannot_reach_the_staff_course_pages()
    {
        var c = await CourseTestData.CourseAsync(App);
        var pages = new[]
        {
            "/courses/manage", "/courses/manage/new", $"/courses/manage/{c.Course.Id}", $"/courses/manage/{c.Course.Id}/modules/new",
            $"/courses/manage/{c.Course.Id}/runs/new", $"/courses/manage/runs/{c.Run.Id}", $"/courses/manage/runs/{c.Run.Id}/sessions/new",
            $"/courses/manage/runs/{c.Run.Id}/sessions/{c.Sessions[0].Id}",
        };
        var (participant, _) = await PageSession.SignedInAsync(App, Roles.Participant);
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);

        foreach (var url in pages)
        {
            var anonymous = (await PageSession.Anonymous(App).GetAsync(url)).Response;
            Assert.True(anonymous.StatusCode == HttpStatusCode.Redirect && anonymous.Headers.Location!.PathAndQuery.StartsWith("/account/sign-in"), url);
            var refused = (await participant.GetAsync(url)).Response;
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden
                        || refused.Headers.Location?.PathAndQuery.StartsWith("/account/denied") == true, $"{url}: {(int)refused.StatusCode}");
            Assert.True((await staff.GetAsync(url)).Response.StatusCode == HttpStatusCode.OK, url);
        }
    }
}
