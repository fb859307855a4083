using System.Net;
using Ical.Net;

namespace Nexus.Tests.Infrastructure;

/// <summary>The platform around the features: headers, health, OpenAPI, calendars, the language switcher.</summary>
public class PlatformTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private AppFactory App => fixture.App;

    [Theory]
    [InlineData("/")]
    [InlineData("/api/v1/events")]
    [InlineData("/nope")]
    public async Task Every_answer_carries_the_security_headers(string url)
    {
        var response = await App.CreateClient().GetAsync(url, TestContext.Current.CancellationToken);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task Health_endpoints_answer_and_ready_checks_the_database()
    {
        var client = App.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", TestContext.Current.CancellationToken)).StatusCode);
        var ready = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_events_and_registrations_api()
    {
        var json = await (await App.CreateClient().GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken)).JsonAsync();
        var paths = json["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/v1/events", paths);
        Assert.Contains("/api/v1/events/{id}", paths);
        Assert.Contains("/api/v1/events/{id}/registrations", paths);
        Assert.Contains("/api/v1/registrations/{id}", paths);
    }

    [Fact]
    public async Task Calendars_are_valid_icalendar_with_the_events_time_zone()
    {
        var e = await App.AddEventAsync(TestData.Event(title: "Migration, mobility; and \"employment\"", timeZone: "Europe/Brussels"));
        foreach (var url in new[] { "/events.ics", $"/events/{e.Id}.ics" })
        {
            var response = await App.CreateClient().GetAsync(url, TestContext.Current.CancellationToken);
            Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            var calendar = Calendar.Load(text)!;
            var ev = Assert.Single(calendar.Events, x => x.Uid == $"event-{e.Id}@nexus");
            Assert.Equal(e.Title, ev.Summary);
            Assert.Equal("Europe/Brussels", ev.Start!.TzId);
            Assert.Contains(calendar.TimeZones, z => z.TzId == "Europe/Brussels");
            Assert.Equal(e.StartsAt.AddTicks(-(e.StartsAt.Ticks % TimeSpan.TicksPerSecond)), ev.Start.AsUtc); // iCalendar keeps whole seconds
        }
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task The_language_switcher_never_redirects_off_site(string returnUrl)
    {
        var response = await App.CreateClient().GetAsync($"/culture/fr?returnUrl={Uri.EscapeDataString(returnUrl)}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_language_switcher_sets_french_for_the_next_pages()
    {
        var client = App.CreateClient();
        var switched = await client.GetAsync("/culture/fr?returnUrl=/events", TestContext.Current.CancellationToken);
        Assert.Equal("/events", switched.Headers.Location!.OriginalString);
        var page = await client.GetStringAsync("/events", TestContext.Current.CancellationToken);
        Assert.Contains("<html lang=\"fr\"", page);
        Assert.Contains("Manifestations", page);
    }

    [Fact]
    public async Task Event_links_in_the_api_and_calendars_use_the_public_base_url()
    {
        await using var app = new AppFactory(settings: new Dictionary<string, string?> { ["Nexus:PublicBaseUrl"] = "https://nexus.example.org" });
        var e = await app.AddEventAsync(TestData.Event());
        var dto = await (await app.CreateClient().GetAsync($"/api/v1/events/{e.Id}", TestContext.Current.CancellationToken)).JsonAsync();
        Assert.Equal($"https://nexus.example.org/events/{e.Id}/{e.Slug}", (string?)dto["url"]);
        var ics = await app.CreateClient().GetStringAsync($"/events/{e.Id}.ics", TestContext.Current.CancellationToken);
        Assert.Contains($"URL:https://nexus.example.org/events/{e.Id}/", ics);
    }
}
