using System.Net;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Features.Accounts;

namespace Nexus.Tests.Pages;

public class AdminPageTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private AppFactory App => fixture.App;

    [Theory]
    [InlineData(Roles.ProgrammeStaff)]
    [InlineData(Roles.Participant)]
    public async Task Only_administrators_see_the_accounts_page(string role)
    {
        var (session, _) = await PageSession.SignedInAsync(App, role);
        var (response, html) = await session.GetAsync("/accounts/admin");
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden
                    || response.Headers.Location?.PathAndQuery.StartsWith("/account/denied") == true, $"{(int)response.StatusCode}");
        Assert.DoesNotContain("@example.org", html);
    }

    [Fact]
    public async Task Disabling_an_account_stops_its_tokens_at_once_and_revoking_a_token_stops_it()
    {
        var (admin, _) = await PageSession.SignedInAsync(App, Roles.Administrator);
        var token = await App.StaffTokenAsync();
        var api = App.ClientWithToken(token);
        var e = await App.AddEventAsync(TestData.Event());
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/events/{e.Id}/registrations", TestContext.Current.CancellationToken)).StatusCode);

        var owner = await App.Db(db => db.ApiTokens.OrderByDescending(t => t.Id).Select(t => t.UserId).FirstAsync());
        var disabled = await admin.PostFormAsync($"/accounts/admin?handler=Disable&id={owner}", [], "/accounts/admin");
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync($"/api/v1/events/{e.Id}/registrations", TestContext.Current.CancellationToken)).StatusCode);

        await admin.PostFormAsync($"/accounts/admin?handler=Enable&id={owner}", [], "/accounts/admin");
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/events/{e.Id}/registrations", TestContext.Current.CancellationToken)).StatusCode);

        var tokenId = await App.Db(db => db.ApiTokens.Where(t => t.UserId == owner).Select(t => t.Id).FirstAsync());
        await admin.PostFormAsync($"/accounts/admin?handler=Revoke&tokenId={tokenId}", [], "/accounts/admin");
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync($"/api/v1/events/{e.Id}/registrations", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task A_disabled_person_cannot_sign_in()
    {
        var (admin, _) = await PageSession.SignedInAsync(App, Roles.Administrator);
        var (_, user) = await PageSession.SignedInAsync(App, Roles.Participant);
        await admin.PostFormAsync($"/accounts/admin?handler=Disable&id={user.Id}", [], "/accounts/admin");
        var again = PageSession.Anonymous(App);
        var response = await again.PostFormAsync("/account/sign-in", new() { ["Input.Email"] = user.Email!, ["Input.Password"] = PageSession.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // the form again, with a message, not a redirect into the site
    }
}
