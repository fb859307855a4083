using System.Net;

namespace Nexus.Tests.Security;

/// <summary>The registration endpoint is rate-limited: past the limit a caller gets 429 with Retry-After.</summary>
public class RateLimitTests
{
    [Fact]
    public async Task Registrations_beyond_the_limit_get_429_with_Retry_After()
    {
        await using var app = new AppFactory(settings: new Dictionary<string, string?>
        {
            ["Nexus:RateLimits:Disabled"] = "false",
            ["Nexus:RateLimits:RegistrationsPerMinute"] = "3",
        });
        var ev = await app.AddEventAsync(TestData.Event());
        var client = app.CreateClient();

        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync($"/api/v1/events/{ev.Id}/registrations", TestData.RegistrationBody())).StatusCode);
        var refused = await client.PostJsonAsync($"/api/v1/events/{ev.Id}/registrations", TestData.RegistrationBody());

        await refused.AssertProblemAsync(429);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal(3, await app.Db(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Registrations, TestContext.Current.CancellationToken)));
    }
}
