using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Nexus.Tests.Pages;
using Nexus.Web.Features.Coordination;

namespace Nexus.Tests.Coordination;

/// <summary>Surveys for the tests, and posting an answer form (which repeats a field for a multiple choice).</summary>
public static partial class SurveyTestData
{
    /// <summary>
    /// A survey with one question of each kind: single choice A/B/C (required), multiple choice X/Y/Z (optional),
    /// scale 1-5 (required), free text (optional).
    /// </summary>
    public static Survey Survey(SurveyStatus status = SurveyStatus.Open, bool anonymous = false, DateOnly? closesOn = null, string? title = null) => new()
    {
        Title = title ?? "Survey " + Guid.NewGuid().ToString("N")[..8],
        Introduction = "Tell us how the group works.",
        Anonymous = anonymous,
        Status = status,
        ClosesOn = closesOn,
        CreatedAt = DateTime.UtcNow,
        CreatedBy = "Tests",
        Questions =
        [
            new() { Position = 1, Kind = QuestionKind.SingleChoice, Text = "Pick one", Required = true, Options = ["A", "B", "C"] },
            new() { Position = 2, Kind = QuestionKind.MultipleChoice, Text = "Pick several", Required = false, Options = ["X", "Y", "Z"] },
            new() { Position = 3, Kind = QuestionKind.Scale, Text = "How well", Required = true, ScaleMin = 1, ScaleMax = 5, ScaleMinLabel = "Badly", ScaleMaxLabel = "Well" },
            new() { Position = 4, Kind = QuestionKind.FreeText, Text = "Anything else", Required = false },
        ],
    };

    public static async Task<Survey> AddAsync(AppFactory app, Survey survey)
    {
        await app.Db(async db =>
        {
            db.Surveys.Add(survey);
            return await db.SaveChangesAsync();
        });
        survey.Questions.Sort((a, b) => a.Position.CompareTo(b.Position));
        return survey;
    }

    /// <summary>A form answering the survey from <see cref="Survey"/>.</summary>
    public static List<KeyValuePair<string, string>> Answers(Survey s, string single = "0", string[]? multi = null, string scale = "3", string? text = null)
    {
        var q = s.Questions.OrderBy(x => x.Position).Select(x => "q" + x.Id).ToArray();
        var form = new List<KeyValuePair<string, string>> { new(q[0], single), new(q[2], scale) };
        form.AddRange((multi ?? ["1"]).Select(v => new KeyValuePair<string, string>(q[1], v)));
        if (text is not null) form.Add(new(q[3], text));
        return form;
    }

    /// <summary>The antiforgery token of the form on <paramref name="formUrl"/>, read as the session would.</summary>
    public static async Task<string> TokenAsync(PageSession session, string formUrl)
    {
        var (response, html) = await session.GetAsync(formUrl);
        var token = TokenPattern().Match(html);
        Assert.True(token.Success, $"No antiforgery token on {formUrl}: {(int)response.StatusCode}");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    public static FormUrlEncodedContent Form(IEnumerable<KeyValuePair<string, string>> fields, string token) =>
        new(fields.Append(new("__RequestVerificationToken", token)));

    /// <summary>Shows the form at <paramref name="formUrl"/> (or the posted url), then posts the fields with its token.</summary>
    public static async Task<(HttpResponseMessage Response, string Html)> PostAsync(PageSession session, string url,
        IEnumerable<KeyValuePair<string, string>> fields, string? formUrl = null)
    {
        var token = await TokenAsync(session, formUrl ?? url.Split('?')[0]);
        var response = await session.Client.PostAsync(url, Form(fields, token), TestContext.Current.CancellationToken);
        return (response, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public static Task<int> ResponseCountAsync(AppFactory app, int surveyId) =>
        app.Db(db => db.SurveyResponses.CountAsync(r => r.SurveyId == surveyId));

    public static Task<int> AnswerRowCountAsync(AppFactory app, int surveyId) =>
        app.Db(db => db.SurveyAnswers.CountAsync(a => db.SurveyResponses.Any(r => r.Id == a.ResponseId && r.SurveyId == surveyId)));

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
