using System.Net;
using System.Text.Json.Nodes;
using Nexus.Web.Features.Registrations;

namespace Nexus.Tests.Infrastructure;

/// <summary>The public output cache never shows a seat count older than this instance's last change.</summary>
public class PublicCacheTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private AppFactory App => fixture.App;

    private async Task<int> ConfirmedCountAsync(int id)
    {
        var response = await App.CreateClient().GetAsync($"/api/v1/events/{id}", TestContext.Current.CancellationToken);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        return (int)body["confirmedCount"]!;
    }

    [Fact]
    public async Task A_registration_is_visible_at_once_on_cached_public_answers()
    {
        var e = await App.AddEventAsync(TestData.Event(capacity: 5));
        Assert.Equal(0, await ConfirmedCountAsync(e.Id));
        Assert.Equal(0, await ConfirmedCountAsync(e.Id)); // now served from the cache

        var post = await App.CreateClient().PostJsonAsync($"/api/v1/events/{e.Id}/registrations", TestData.RegistrationBody());
        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
        Assert.Equal(1, await ConfirmedCountAsync(e.Id));

        // A change made outside a request (a staff action, a background job) evicts as well.
        var id = (int)(await post.JsonAsync())["id"]!;
        await App.With<RegistrationService, ChangeResult>(s => s.CancelAsync(id, null));
        Assert.Equal(0, await ConfirmedCountAsync(e.Id));
    }

    [Fact]
    public async Task Public_pages_set_no_cookie_so_they_can_be_cached()
    {
        var e = await App.AddEventAsync(TestData.Event());
        foreach (var url in new[] { "/", "/events", $"/events/{e.Id}/{e.Slug}", "/series" })
        {
            var response = await App.CreateClient().GetAsync(url, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("Set-Cookie"), $"{url} sets a cookie");
        }
    }
}
