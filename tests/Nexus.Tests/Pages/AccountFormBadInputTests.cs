using System.Net;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Features.Accounts;

namespace Nexus.Tests.Pages;

/// <summary>Empty, oversized, malformed and hostile values on the account forms: never a 500, nothing changed.</summary>
public class AccountFormBadInputTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private AppFactory App => fixture.App;

    public static TheoryData<string, string> BadEmails => new()
    {
        { "empty", "" }, { "huge", new string('a', 100_000) + "@example.org" }, { "no at", "nobody.example.org" },
        { "script", "<script>alert(1)</script>@example.org" }, { "sql", "' OR 1=1;--@example.org" }, { "control", "a\u0007@example.org" },
    };

    private static async Task<string> BodyAsync(HttpResponseMessage response) =>
        await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

    [Theory]
    [MemberData(nameof(BadEmails))]
    public async Task Sign_in_sign_up_and_reset_requests_refuse_bad_emails_without_creating_anything(string why, string email)
    {
        var users = await App.Db(db => db.Users.CountAsync());
        var outbox = await App.Db(db => db.Outbox.CountAsync());
        foreach (var (url, fields) in new (string, Dictionary<string, string>)[]
        {
            ("/account/sign-in", new() { ["Input.Email"] = email, ["Input.Password"] = "whatever whatever" }),
            ("/account/sign-up", new() { ["Input.Email"] = email, ["Input.Password"] = "a long enough pass phrase", ["Input.FullName"] = "X", ["Input.Organization"] = "Y", ["Input.Language"] = "en" }),
            ("/account/forgot-password", new() { ["Input.Email"] = email }),
            ("/account/resend-confirmation", new() { ["Input.Email"] = email }),
        })
        {
            var response = await PageSession.Anonymous(App).PostFormAsync(url, fields);
            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"{why} on {url}: {status}");
            if (status == 200 && url is "/account/sign-in" or "/account/sign-up")
                Assert.Contains("error-summary", await BodyAsync(response));
        }
        Assert.Equal(users, await App.Db(db => db.Users.CountAsync()));
        Assert.Equal(outbox, await App.Db(db => db.Outbox.CountAsync()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("password1234")]
    public async Task Sign_up_refuses_weak_passwords_and_names_the_field(string password)
    {
        var email = TestData.UniqueEmail();
        var response = await PageSession.Anonymous(App).PostFormAsync("/account/sign-up", new()
        {
            ["Input.Email"] = email, ["Input.Password"] = password, ["Input.ConfirmPassword"] = password,
            ["Input.FullName"] = "Ana Lima", ["Input.Organization"] = "Mission", ["Input.Language"] = "en",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Input_Password-error", await BodyAsync(response));
        Assert.False(await App.Db(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("not-a-user", "not-a-code")]
    [InlineData("../../etc/passwd", "%00%00")]
    public async Task Confirmation_and_reset_links_with_bad_codes_are_refused(string userId, string code)
    {
        foreach (var url in new[] { "/account/confirm-email", "/account/reset-password" })
        {
            var (get, _) = await PageSession.Anonymous(App).GetAsync($"{url}?userId={Uri.EscapeDataString(userId)}&code={Uri.EscapeDataString(code)}");
            Assert.True((int)get.StatusCode < 500, $"GET {url}: {(int)get.StatusCode}");
        }
        var reset = await PageSession.Anonymous(App).PostFormAsync("/account/reset-password", new()
        {
            ["Input.UserId"] = userId, ["Input.Code"] = code, ["Input.Password"] = "a new long pass phrase", ["Input.ConfirmPassword"] = "a new long pass phrase",
        }, formUrl: "/account/forgot-password");
        Assert.True((int)reset.StatusCode < 500, $"reset: {(int)reset.StatusCode}");
        var confirm = await PageSession.Anonymous(App).PostFormAsync("/account/confirm-email", new() { ["Input.UserId"] = userId, ["Input.Code"] = code },
            formUrl: "/account/forgot-password");
        Assert.True((int)confirm.StatusCode < 500, $"confirm: {(int)confirm.StatusCode}");
    }

    [Fact]
    public async Task The_account_page_refuses_bad_profile_values_and_bad_token_requests()
    {
        var (session, user) = await PageSession.SignedInAsync(App, Roles.Participant);
        var profile = await session.PostFormAsync("/accounts/manage?handler=Profile", new()
        {
            ["Profile.FullName"] = new string('n', 10_000), ["Profile.Organization"] = "<script>x</script>", ["Profile.Language"] = "klingon",
        }, "/accounts/manage");
        Assert.True((int)profile.StatusCode < 500, $"profile: {(int)profile.StatusCode}");
        var stored = await App.Db(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id));
        Assert.Equal(user.FullName, stored.FullName);

        foreach (var fields in new Dictionary<string, string>[]
        {
            new() { ["NewToken.Name"] = "", ["NewToken.Scopes"] = "events:write" },
            new() { ["NewToken.Name"] = "x", ["NewToken.Scopes"] = "root:everything" },
            new() { ["NewToken.Name"] = "x", ["NewToken.Scopes"] = "events:write" }, // a participant may not hold staff scopes
            new() { ["NewToken.Name"] = "x", ["NewToken.Scopes"] = "registrations:read", ["NewToken.ExpiresInDays"] = "-3" },
            new() { ["NewToken.Name"] = new string('t', 5000), ["NewToken.Scopes"] = "registrations:read", ["NewToken.ExpiresInDays"] = "many" },
        })
        {
            var response = await session.PostFormAsync("/accounts/manage?handler=CreateToken", fields, "/accounts/manage");
            Assert.True((int)response.StatusCode < 500, $"token: {(int)response.StatusCode}");
        }
        Assert.Equal(0, await App.Db(db => db.ApiTokens.CountAsync(t => t.UserId == user.Id)));

        var password = await session.PostFormAsync("/accounts/manage?handler=Password", new()
        {
            ["Password.CurrentPassword"] = "wrong", ["Password.NewPassword"] = "x", ["Password.ConfirmPassword"] = "y",
        }, "/accounts/manage");
        Assert.True((int)password.StatusCode < 500);
        Assert.Equal(stored.PasswordHash, await App.Db(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.PasswordHash).SingleAsync()));
    }
}
