using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Web.Features.Accounts;

namespace Nexus.Tests.Pages;

/// <summary>
/// A browser-like client for the server-rendered pages: it keeps cookies, reads the antiforgery token from each
/// form it is shown, and can sign in through the sign-in page like a person.
/// </summary>
public sealed partial class PageSession(HttpClient client)
{
    public const string Password = "correct horse battery staple 42";

    public HttpClient Client { get; } = client;

    public static PageSession Anonymous(AppFactory app) => new(app.CreateClient());

    public static async Task<(PageSession Session, AppUser User)> SignedInAsync(AppFactory app, string role)
    {
        var user = await app.AddUserAsync(role);
        await using (var scope = app.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var stored = await users.FindByIdAsync(user.Id) ?? throw new InvalidOperationException("user vanished");
            var result = await users.AddPasswordAsync(stored, Password);
            if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
        var session = Anonymous(app);
        var response = await session.PostFormAsync("/account/sign-in", new() { ["Input.Email"] = user.Email!, ["Input.Password"] = Password });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (session, user);
    }

    public async Task<(HttpResponseMessage Response, string Html)> GetAsync(string url)
    {
        var response = await Client.GetAsync(url, TestContext.Current.CancellationToken);
        return (response, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>Shows the form at <paramref name="formUrl"/> (or <paramref name="url"/>) first, then posts to <paramref name="url"/> with its token.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string url, Dictionary<string, string> fields, string? formUrl = null)
    {
        var (_, html) = await GetAsync(formUrl ?? url.Split('?')[0]);
        var token = TokenPattern().Match(html);
        Assert.True(token.Success, $"No antiforgery token on {formUrl ?? url}");
        var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value))));
        return await Client.PostAsync(url, content, TestContext.Current.CancellationToken);
    }

    /// <summary>Posts a multipart form (file uploads) with the token of the form page.</summary>
    public async Task<HttpResponseMessage> PostMultipartAsync(string url, MultipartFormDataContent content, string formUrl)
    {
        var (_, html) = await GetAsync(formUrl);
        var token = TokenPattern().Match(html);
        Assert.True(token.Success, $"No antiforgery token on {formUrl}");
        content.Add(new StringContent(WebUtility.HtmlDecode(token.Groups[1].Value)), "__RequestVerificationToken");
        return await Client.PostAsync(url, content, TestContext.Current.CancellationToken);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
