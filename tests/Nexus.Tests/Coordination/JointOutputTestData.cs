using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Tests.Pages;
using Nexus.Web.Data;
using Nexus.Web.Features.Coordination;

namespace Nexus.Tests.Coordination;

/// <summary>Joint outputs drafted, circulated and answered through the pages, with shortcuts in the database for the rest.</summary>
public static class JointOutputTestData
{
    public static string Page(int id) => $"/coordination/space/outputs/{id}";

    public static Dictionary<string, string> Draft(string lead = "unitar", string? title = null, string kind = "statement",
        string body = "The members agree to **work together**.", string summary = "") => new()
    {
        ["Input.Kind"] = kind,
        ["Input.Title"] = title ?? $"Joint output {Guid.NewGuid():N}"[..30],
        ["Input.Summary"] = summary,
        ["Input.Body"] = body,
        ["Input.LeadAgency"] = lead,
    };

    /// <summary>Drafts through the form and returns the new output's id.</summary>
    public static async Task<int> DraftAsync(PageSession session, Dictionary<string, string>? fields = null)
    {
        var response = await session.PostFormAsync("/coordination/space/outputs/edit", fields ?? Draft());
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Draft refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return int.Parse(response.Headers.Location!.OriginalString.Split('/').Last().Split('#', '?')[0], CultureInfo.InvariantCulture);
    }

    public static async Task<HttpResponseMessage> CirculateAsync(AppFactory app, PageSession session, int id, DateOnly? due = null, DateOnly? deadline = null)
    {
        var today = Today(app);
        var version = await app.Db(db => db.JointOutputs.Where(o => o.Id == id).Select(o => o.Version).SingleAsync());
        return await session.PostFormAsync($"{Page(id)}?handler=Circulate", new()
        {
            ["commentsDue"] = Iso(due ?? today.AddDays(7)),
            ["deadline"] = Iso(deadline ?? today.AddDays(14)),
            ["version"] = version.ToString(CultureInfo.InvariantCulture),
        });
    }

    /// <summary>Drafts and circulates as <paramref name="chair"/>, asserting both worked.</summary>
    public static async Task<int> CirculatedAsync(AppFactory app, PageSession chair, Dictionary<string, string>? fields = null)
    {
        var id = await DraftAsync(chair, fields);
        var response = await CirculateAsync(app, chair, id);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Circulation refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return id;
    }

    public static async Task<HttpResponseMessage> AnswerAsync(AppFactory app, PageSession focalPoint, int id, string decision, string note = "")
    {
        var round = await RoundAsync(app, id);
        return await focalPoint.PostFormAsync($"{Page(id)}?handler=SignOff", new() { ["decision"] = decision, ["note"] = note, ["round"] = round ?? "" });
    }

    public static async Task<string?> RoundAsync(AppFactory app, int id) =>
        Nexus.Web.Features.Coordination.Outputs.JointOutputService.Round(
            await app.Db(db => db.JointOutputs.Where(o => o.Id == id).Select(o => o.CirculatedAt).SingleAsync()));

    /// <summary>Every asked agency but <paramref name="except"/> endorses, written directly (seventeen focal points would be slow).</summary>
    public static Task EndorseAllButAsync(AppFactory app, int id, params string[] except) => app.Db(db =>
        db.JointOutputSignOffs.Where(s => s.OutputId == id && !except.Contains(s.AgencyCode))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Decision, SignOffDecision.Endorsed).SetProperty(x => x.PersonName, "Test focal point")));

    /// <summary>Moves the no-objection deadline (the form refuses past days, the test needs one).</summary>
    public static Task SetDeadlineAsync(AppFactory app, int id, DateOnly deadline) => app.Db(db =>
        db.JointOutputs.Where(o => o.Id == id).ExecuteUpdateAsync(s => s.SetProperty(o => o.NoObjectionDeadline, deadline)));

    public static Task<JointOutput> LoadAsync(AppFactory app, int id) => app.Db(db =>
        db.JointOutputs.AsNoTracking().Include(o => o.SignOffs).Include(o => o.Comments).SingleAsync(o => o.Id == id));

    public static DateOnly Today(AppFactory app)
    {
        using var scope = app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<CoordinationAccess>().Today();
    }

    /// <summary>
    /// Reads the form's antiforgery token now and returns the post to send later, so that several sessions can
    /// post at the same moment.
    /// </summary>
    public static async Task<Func<Task<HttpResponseMessage>>> PreparePostAsync(PageSession session, string url, Dictionary<string, string> fields)
    {
        var (_, html) = await session.GetAsync(url.Split('?')[0]);
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        Assert.True(token.Success, $"No antiforgery token on {url}");
        var body = fields.Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value))).ToList();
        return () => session.Client.PostAsync(url, new FormUrlEncodedContent(body));
    }

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static async Task<string> HtmlAsync(this HttpResponseMessage response) => await response.Content.ReadAsStringAsync();

    /// <summary>Refused as a page refuses: 403, or the redirect to the access-denied page.</summary>
    public static void AssertRefused(HttpResponseMessage response, string what)
    {
        var refused = response.StatusCode == HttpStatusCode.Forbidden
                      || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/denied"));
        Assert.True(refused, $"{what}: {(int)response.StatusCode} {response.Headers.Location}");
    }
}
