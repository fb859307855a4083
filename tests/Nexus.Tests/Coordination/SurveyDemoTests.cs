using System.Net;
using Microsoft.EntityFrameworkCore;
using Nexus.Tests.Pages;
using Nexus.Web.Data;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Coordination;
using Nexus.Web.Features.Coordination.Surveys;

namespace Nexus.Tests.Coordination;

/// <summary>The demo surveys are well formed, answered within their rules, and show on the pages.</summary>
public class SurveyDemoTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private AppFactory App => fixture.App;

    [Fact]
    public async Task The_demo_seeds_the_2009_survey_a_current_one_and_a_draft_once()
    {
        var now = DateTime.UtcNow;
        await App.Db(async db => { await SurveyDemo.SeedAsync(db, now, TestContext.Current.CancellationToken); return 0; });
        await App.Db(async db => { await SurveyDemo.SeedAsync(db, now, TestContext.Current.CancellationToken); return 0; });

        var surveys = await App.Db(db => db.Surveys.AsNoTracking().Include(s => s.Questions).OrderBy(s => s.CreatedAt).ToListAsync());
        Assert.Equal([SurveyStatus.Closed, SurveyStatus.Open, SurveyStatus.Draft], surveys.Select(s => s.Status));
        var methods = surveys[0];
        Assert.False(methods.Anonymous);
        Assert.InRange(methods.Questions.Count, 5, 7);
        Assert.Equal(Enum.GetValues<QuestionKind>().Order(), methods.Questions.Select(q => q.Kind).Distinct().Order());
        Assert.True(surveys[1].Anonymous);
        Assert.True(surveys[1].ClosesOn > DateOnly.FromDateTime(now));

        // Every stored answer passes the rules a focal point's form is held to.
        foreach (var s in surveys)
        {
            var responses = await App.Db(db => SurveyStore.ResponsesAsync(db, s.Id, TestContext.Current.CancellationToken));
            foreach (var r in responses)
            {
                var form = r.Answers.ToDictionary(a => SurveyRules.FieldId(a.QuestionId), a =>
                    a.Text is not null ? new Microsoft.Extensions.Primitives.StringValues(a.Text)
                    : a.Scale is { } v ? new Microsoft.Extensions.Primitives.StringValues(v.ToString())
                    : new Microsoft.Extensions.Primitives.StringValues(a.Choices.Select(c => c.ToString()).ToArray()));
                var errors = new Nexus.Web.Infrastructure.FieldErrors();
                SurveyRules.ReadAnswers(s.Questions, f => form.GetValueOrDefault(f), errors);
                Assert.False(errors.Any, $"{s.Title}, {r.AgencyCode}: {string.Join("; ", errors.ToDictionary().Select(e => e.Key + " " + e.Value[0]))}");
            }
        }
        var (names, members) = await App.Db(db => SurveyStore.AgenciesAsync(db, methods.ClosesOn!.Value, TestContext.Current.CancellationToken));
        var answered = await App.Db(db => db.SurveyResponses.CountAsync(r => r.SurveyId == methods.Id));
        Assert.True(answered > members.Count / 2 && answered < members.Count, $"{answered} of {members.Count}");
        Assert.False(await App.Db(db => db.SurveyResponses.AnyAsync(r => r.SurveyId == surveys[1].Id && r.AgencyCode == "iom")),
            "the demo focal point (IOM) still has the open survey to answer");

        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var (response, html) = await staff.GetAsync($"/coordination/space/surveys/{methods.Id}/results");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"{answered} of {members.Count} member agencies answered", html);
    }
}
