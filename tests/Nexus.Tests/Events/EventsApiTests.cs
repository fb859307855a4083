using System.Net;
using Microsoft.EntityFrameworkCore;
using Nexus.Tests.Registrations;
using Nexus.Web.Features.Accounts.Tokens;
using Nexus.Web.Features.Events;

namespace Nexus.Tests.Events;

/// <summary>The events API as a contract: codes in lower case with hyphens, times with offsets, seat counts.</summary>
public class EventsApiTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private AppFactory App => fixture.App;
    private HttpClient Anonymous => App.CreateClient();

    [Fact]
    public async Task An_event_is_described_with_codes_local_times_and_seat_counts()
    {
        var ev = await App.AddEventAsync(TestData.Event(capacity: 2, title: "Labour mobility and skills partnerships"));
        for (var i = 0; i < 3; i++) await Anonymous.PostJsonAsync($"/api/v1/events/{ev.Id}/registrations", TestData.RegistrationBody());

        var response = await Anonymous.GetAsync($"/api/v1/events/{ev.Id}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var e = await response.JsonAsync();
        Assert.Equal(ev.Id, (int)e["id"]!);
        Assert.Equal("Labour mobility and skills partnerships", (string?)e["title"]);
        Assert.Equal(("seminar", "published", "in-person"), ((string?)e["kind"], (string?)e["status"], (string?)e["format"]));
        Assert.Equal("America/New_York", (string?)e["timeZone"]);
        Assert.Equal((2, 2, 1, 0), ((int?)e["capacity"], (int?)e["confirmedCount"], (int?)e["waitlistCount"], (int?)e["seatsLeft"]));
        var startsAt = (string)e["startsAt"]!;
        Assert.Matches(RegistrationsApiTests.OffsetTime(), startsAt);
        // New York local time: the offset is -05:00 or -04:00, and it denotes the stored instant.
        var parsed = DateTimeOffset.Parse(startsAt, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(parsed.Offset, new[] { TimeSpan.FromHours(-5), TimeSpan.FromHours(-4) });
        Assert.Equal(ev.StartsAt, parsed.UtcDateTime, TimeSpan.FromMilliseconds(1));
        Assert.Matches(RegistrationsApiTests.OffsetTime(), (string)e["endsAt"]!);
        Assert.True((bool)e["registrationOpen"]!);
    }

    [Fact]
    public async Task Pending_registrations_count_as_taken_seats_only_when_the_event_says_so()
    {
        var holds = await App.AddEventAsync(TestData.Event(capacity: 5, requiresApproval: true, pendingHoldsSeat: true));
        var free = await App.AddEventAsync(TestData.Event(capacity: 5, requiresApproval: true, pendingHoldsSeat: false));
        await Anonymous.PostJsonAsync($"/api/v1/events/{holds.Id}/registrations", TestData.RegistrationBody());
        await Anonymous.PostJsonAsync($"/api/v1/events/{free.Id}/registrations", TestData.RegistrationBody());

        var a = await (await Anonymous.GetAsync($"/api/v1/events/{holds.Id}", Ct)).JsonAsync();
        var b = await (await Anonymous.GetAsync($"/api/v1/events/{free.Id}", Ct)).JsonAsync();

        Assert.Equal(4, (int?)a["seatsLeft"]);
        Assert.Equal(5, (int?)b["seatsLeft"]);
        Assert.Equal(0, (int?)a["confirmedCount"]);
    }

    [Fact]
    public async Task The_list_shows_published_events_but_never_drafts()
    {
        var published = await App.AddEventAsync(TestData.Event(title: "Published seminar"));
        var draft = await App.AddEventAsync(TestData.Event(status: EventStatus.Draft, title: "Draft seminar"));

        var list = (await (await Anonymous.GetAsync("/api/v1/events", Ct)).JsonAsync()).AsArray();

        Assert.Contains(list, e => (int)e!["id"]! == published.Id);
        Assert.DoesNotContain(list, e => (int)e!["id"]! == draft.Id);
        Assert.All(list, e => Assert.NotEqual("draft", (string?)e!["status"]));
    }

    [Fact]
    public async Task A_draft_event_is_not_found()
    {
        var draft = await App.AddEventAsync(TestData.Event(status: EventStatus.Draft));

        await (await Anonymous.GetAsync($"/api/v1/events/{draft.Id}", Ct)).AssertProblemAsync(404);
    }

    [Fact]
    public async Task An_unknown_event_is_a_404_problem()
    {
        await (await Anonymous.GetAsync("/api/v1/events/987654", Ct)).AssertProblemAsync(404);
    }

    [Fact]
    public async Task The_list_filters_by_kind_year_and_upcoming_or_past()
    {
        var past = TestData.Event(startsIn: TimeSpan.FromDays(-400), title: "A past panel");
        past.Kind = EventKind.Panel;
        await App.AddEventAsync(past);
        var upcoming = await App.AddEventAsync(TestData.Event(startsIn: TimeSpan.FromDays(10), title: "An upcoming seminar"));

        var panels = (await (await Anonymous.GetAsync("/api/v1/events?kind=panel", Ct)).JsonAsync()).AsArray();
        var inYear = (await (await Anonymous.GetAsync($"/api/v1/events?year={past.StartsAt.Year}", Ct)).JsonAsync()).AsArray();
        var coming = (await (await Anonymous.GetAsync("/api/v1/events?when=upcoming", Ct)).JsonAsync()).AsArray();
        var gone = (await (await Anonymous.GetAsync("/api/v1/events?when=past", Ct)).JsonAsync()).AsArray();

        Assert.All(panels, e => Assert.Equal("panel", (string?)e!["kind"]));
        Assert.Contains(panels, e => (int)e!["id"]! == past.Id);
        Assert.Contains(inYear, e => (int)e!["id"]! == past.Id);
        Assert.Contains(coming, e => (int)e!["id"]! == upcoming.Id);
        Assert.DoesNotContain(coming, e => (int)e!["id"]! == past.Id);
        Assert.Contains(gone, e => (int)e!["id"]! == past.Id);
        Assert.DoesNotContain(gone, e => (int)e!["id"]! == upcoming.Id);
    }

    [Fact]
    public async Task Staff_with_events_write_create_an_event_and_get_201_with_it()
    {
        var staff = App.ClientWithToken(await App.StaffTokenAsync(Scopes.EventsWrite));
        var body = TestData.EventBody(title: "Diaspora bonds: financing development at home", capacity: 80);
        body["kind"] = "policy-seminar";
        body["requiresApproval"] = true;
        body["registrationClosesAt"] = DateTimeOffset.UtcNow.AddDays(20).ToString("O");

        var response = await staff.PostJsonAsync("/api/v1/events", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var e = await response.JsonAsync();
        var id = (int)e["id"]!;
        Assert.Equal($"/api/v1/events/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(("policy-seminar", "published", 80, true), ((string?)e["kind"], (string?)e["status"], (int?)e["capacity"], (bool?)e["requiresApproval"]));
        Assert.Equal(DateTimeOffset.Parse((string)body["startsAt"]!, System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.Parse((string)e["startsAt"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Matches(RegistrationsApiTests.OffsetTime(), (string)e["registrationClosesAt"]!);
        var stored = await App.Db(db => db.Events.AsNoTracking().SingleAsync(x => x.Id == id, Ct));
        Assert.Equal("Diaspora bonds: financing development at home", stored.Title);
        Assert.Equal(DateTimeKind.Utc, stored.StartsAt.Kind);
        Assert.Equal(["remittances", "diaspora"], stored.Themes);
    }

    [Fact]
    public async Task An_event_keeps_the_partners_it_is_held_with_and_shows_them_with_its_project()
    {
        var staff = App.ClientWithToken(await App.StaffTokenAsync(Scopes.EventsWrite));
        var body = TestData.EventBody(title: "Africa-EU partnership follow-up");
        body["kind"] = "policy-seminar";
        body["partners"] = new System.Text.Json.Nodes.JsonArray("Government of Spain, Ministry of Labour", "IOM", "iom", "<script>x</script>");
        var e = await (await staff.PostJsonAsync("/api/v1/events", body)).JsonAsync();
        var id = (int)e["id"]!;
        // The same name twice (any case) is kept once; the order is the one given.
        Assert.Equal(["Government of Spain, Ministry of Labour", "IOM", "<script>x</script>"], e["partners"]!.AsArray().Select(x => (string)x!));

        // The page names them, escaped, and the project an activity of which is this event.
        var project = await Projects.ProjectTestData.ProjectAsync(App, eventId: id);
        var html = await App.CreateClient().GetStringAsync($"/events/{id}/{(string)e["slug"]!}", Ct);
        Assert.Contains("Government of Spain, Ministry of Labour; IOM; &lt;script&gt;x&lt;/script&gt;", html);
        Assert.Contains($"href=\"/projects/{project.Slug}\"", html);
        Assert.Contains("(with Government of Spain, IOM)", html);

        body["partners"] = new System.Text.Json.Nodes.JsonArray(new string('p', 201));
        await (await staff.PostJsonAsync("/api/v1/events", body)).AssertProblemAsync(400, "partners");
        body["partners"] = new System.Text.Json.Nodes.JsonArray(Enumerable.Range(1, 21).Select(i => (System.Text.Json.Nodes.JsonNode?)$"Partner {i}").ToArray());
        await (await staff.PostJsonAsync("/api/v1/events", body)).AssertProblemAsync(400, "partners");
    }

    [Fact]
    public async Task A_created_event_is_a_draft_unless_a_status_is_given()
    {
        var staff = App.ClientWithToken(await App.StaffTokenAsync(Scopes.EventsWrite));
        var body = TestData.EventBody();
        body.Remove("status");

        var e = await (await staff.PostJsonAsync("/api/v1/events", body)).JsonAsync();

        Assert.Equal("draft", (string?)e["status"]);
    }

    [Fact]
    public async Task Creating_an_event_with_invalid_fields_is_a_400_naming_them()
    {
        var staff = App.ClientWithToken(await App.StaffTokenAsync(Scopes.EventsWrite));
        var body = TestData.EventBody(kind: "webinar", capacity: 0);
        body["endsAt"] = DateTimeOffset.Parse((string)body["startsAt"]!, System.Globalization.CultureInfo.InvariantCulture).AddHours(-1).ToString("O");
        body["timeZone"] = "Eastern Standard Time";
        body["title"] = "   ";
        body["seriesId"] = 987654;
        var before = await App.Db(db => db.Events.CountAsync(Ct));

        var response = await staff.PostJsonAsync("/api/v1/events", body);

        await response.AssertProblemAsync(400, "kind", "capacity", "endsAt", "timeZone", "title", "seriesId");
        Assert.Equal(before, await App.Db(db => db.Events.CountAsync(Ct)));
    }

    [Fact]
    public async Task Creating_an_event_anonymously_is_a_401()
    {
        var response = await Anonymous.PostJsonAsync("/api/v1/events", TestData.EventBody());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Creating_an_event_without_the_events_write_scope_is_a_403()
    {
        var staff = App.ClientWithToken(await App.StaffTokenAsync(Scopes.RegistrationsRead, Scopes.RegistrationsWrite));

        var response = await staff.PostJsonAsync("/api/v1/events", TestData.EventBody());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_event_and_registration_routes()
    {
        var doc = await (await Anonymous.GetAsync("/openapi/v1.json", Ct)).JsonAsync();

        var paths = doc["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/v1/events", paths);
        Assert.Contains("/api/v1/events/{id}", paths);
        Assert.Contains("/api/v1/events/{id}/registrations", paths);
        Assert.Contains("/api/v1/registrations/{id}", paths);
    }
}
