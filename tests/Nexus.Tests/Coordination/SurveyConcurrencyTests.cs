using System.Net;
using Microsoft.EntityFrameworkCore;
using Nexus.Tests.Pages;
using Nexus.Web.Features.Coordination;
using static Nexus.Tests.Coordination.SurveyTestData;

namespace Nexus.Tests.Coordination;

/// <summary>
/// Acceptance 4: one survey answer per agency holds under simultaneous submissions. Eight focal points of the same
/// agency, each signed in with a form ready, submit at the same instant through HTTP: exactly one response is
/// stored with its answers, the seven others get the clear refusal (409), and nothing answers 500.
/// </summary>
/// <remarks>
/// Shown to fail, Debug build, 2 cores, with the catch of the unique violation disabled in
/// SurveyStore.TryAddResponseAsync (the index still kept a single row): SQLite answered 1 x 302 and 7 x 500;
/// PostgreSQL with two instances gave 4, 7, 7 and 2 answers 500 in four runs. Before the pools were warmed up with
/// simultaneous page views, one PostgreSQL run in three passed anyway: opening connections spread the burst out.
/// </remarks>
public abstract class SurveyConcurrencyTests
{
    protected const int Submitters = 8;
    private const string Agency = "ilo";

    protected abstract AppFactory App { get; }

    /// <summary>The app each submitter signs in through (a second instance on PostgreSQL).</summary>
    protected virtual AppFactory AppFor(int submitter) => App;

    [Fact]
    public async Task Simultaneous_submissions_by_focal_points_of_one_agency_store_exactly_one_response()
    {
        var survey = await AddAsync(App, Survey());
        var url = $"/coordination/space/surveys/{survey.Id}/answer";

        // Everything that is not the submission itself happens before the start: sign-in, form and token.
        var ready = new List<(PageSession Session, FormUrlEncodedContent Form)>();
        for (var i = 0; i < Submitters; i++)
        {
            var (session, _) = await GroupTestData.FocalPointAsync(AppFor(i), Agency);
            var token = await TokenAsync(session, url);
            ready.Add((session, Form(Answers(survey, single: (i % 3).ToString(), scale: (1 + i % 5).ToString(), text: $"Submitter {i}"), token)));
        }

        // The same pages all at once, so that each app's connection pool already holds a connection per request:
        // opening PostgreSQL connections during the burst would spread the submissions out.
        for (var round = 0; round < 2; round++)
            await Task.WhenAll(ready.Select(r => r.Session.GetAsync(url)));

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var submissions = ready.Select(async r =>
        {
            await start.Task;
            var response = await r.Session.Client.PostAsync(url, r.Form, TestContext.Current.CancellationToken);
            return (Status: response.StatusCode, Html: await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }).ToList();
        start.SetResult();
        var answers = await Task.WhenAll(submissions);

        var codes = string.Join(", ", answers.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} x {(int)g.Key}"));
        TestContext.Current.TestOutputHelper?.WriteLine($"answers: {codes}");
        Assert.DoesNotContain(answers, a => (int)a.Status >= 500);
        Assert.Single(answers, a => a.Status == HttpStatusCode.Redirect);
        var refused = answers.Where(a => a.Status != HttpStatusCode.Redirect).ToList();
        Assert.Equal(Submitters - 1, refused.Count);
        Assert.All(refused, a =>
        {
            Assert.Equal(HttpStatusCode.Conflict, a.Status);
            Assert.Contains("An agency answers a survey once, so this answer was not recorded.", a.Html);
        });

        var stored = await App.Db(db => db.SurveyResponses.AsNoTracking().Include(r => r.Answers).Where(r => r.SurveyId == survey.Id).ToListAsync());
        var response = Assert.Single(stored);
        Assert.Equal(Agency, response.AgencyCode);
        // Nothing half-written: the winner's four answers, and no answer rows of the refused submissions.
        Assert.Equal(4, response.Answers.Count);
        Assert.Equal(4, await AnswerRowCountAsync(App, survey.Id));
        Assert.Equal(1, await App.Db(db => db.SurveyAnswers.CountAsync(a => a.QuestionId == survey.Questions[3].Id)));
    }
}

[Collection(nameof(Registrations.Concurrency))]
public sealed class SurveyConcurrencySqliteTests(SqliteApp fixture) : SurveyConcurrencyTests, IClassFixture<SqliteApp>
{
    protected override AppFactory App => fixture.App;
}

/// <summary>On PostgreSQL the submitters are split between two app instances sharing the database, as in production.</summary>
[Collection(nameof(Registrations.Concurrency))]
public sealed class SurveyConcurrencyPostgresTests(PostgresApp fixture) : SurveyConcurrencyTests, IClassFixture<PostgresApp>, IAsyncDisposable
{
    private AppFactory? _second;

    protected override AppFactory App => fixture.App;

    protected override AppFactory AppFor(int submitter)
    {
        if (submitter % 2 == 0) return App;
        if (_second is null)
        {
            _second = new AppFactory(shareDatabaseWith: App);
            _ = _second.Server;
        }
        return _second;
    }

    public async ValueTask DisposeAsync()
    {
        if (_second is not null) await _second.DisposeAsync();
    }
}
