using System.Net;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Nexus.Tests.Pages;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Coordination;
using static Nexus.Tests.Coordination.SurveyTestData;

namespace Nexus.Tests.Coordination;

/// <summary>
/// The survey pages through HTTP: who may build, answer and read results; the builder's rules; one answer per
/// agency; bad input; anonymous results; exports. The chair is UNITAR throughout; IOM, ILO and others are members.
/// </summary>
public abstract class SurveyPagesTests
{
    protected abstract AppFactory App { get; }
    private const string Base = "/coordination/space/surveys";

    private static string PathOf(HttpResponseMessage r) =>
        r.Headers.Location is { IsAbsoluteUri: true } absolute ? absolute.PathAndQuery : r.Headers.Location?.OriginalString ?? "";

    private static void AssertRefused(HttpResponseMessage r, string what) =>
        Assert.True(r.StatusCode == HttpStatusCode.Forbidden
                    || r.StatusCode == HttpStatusCode.Redirect && PathOf(r).StartsWith("/account/denied"),
            $"{what}: expected a refusal, got {(int)r.StatusCode} {r.Headers.Location}");

    private static void AssertSignIn(HttpResponseMessage r, string what) =>
        Assert.True(r.StatusCode == HttpStatusCode.Redirect && PathOf(r).StartsWith("/account/sign-in"),
            $"{what}: expected the sign-in page, got {(int)r.StatusCode} {r.Headers.Location}");

    private async Task<PageSession> ChairAsync()
    {
        await GroupTestData.ChairTodayAsync(App, "unitar");
        return (await GroupTestData.FocalPointAsync(App, "unitar")).Session;
    }

    private async Task<PageSession> StaffAsync() => (await PageSession.SignedInAsync(App, Roles.ProgrammeStaff)).Session;

    private async Task<Survey> ReloadAsync(int id) => await App.Db(db => db.Surveys.AsNoTracking().Include(s => s.Questions).SingleAsync(s => s.Id == id));

    // ---- who may do what -------------------------------------------------------------------------------------

    private static string[] BuilderPages(Survey s) =>
    [
        $"{Base}/edit", $"{Base}/edit/{s.Id}", $"{Base}/{s.Id}/questions", $"{Base}/{s.Id}/questions/{s.Questions[0].Id}", $"{Base}/{s.Id}/preview",
    ];

    private static string[] ResultPages(Survey s) => [$"{Base}/{s.Id}/results", $"{Base}/{s.Id}/results?format=csv", $"{Base}/{s.Id}/results?format=xlsx"];

    /// <summary>Every post a survey takes, with fields that would change something if it were allowed.</summary>
    private static (string Url, List<KeyValuePair<string, string>> Fields)[] Posts(Survey draft, Survey open) =>
    [
        ($"{Base}/edit", [new("Input.Title", "Intruder's survey")]),
        ($"{Base}/edit/{draft.Id}", [new("Input.Title", "Renamed by an intruder")]),
        ($"{Base}/edit/{draft.Id}?handler=Open", []),
        ($"{Base}/edit/{open.Id}?handler=Close", []),
        ($"{Base}/edit/{draft.Id}?handler=Move&questionId={draft.Questions[1].Id}&direction=up", []),
        ($"{Base}/edit/{draft.Id}?handler=Remove&questionId={draft.Questions[0].Id}", []),
        ($"{Base}/{draft.Id}/questions", [new("Input.Kind", "free-text"), new("Input.Text", "Added by an intruder")]),
        ($"{Base}/{draft.Id}/questions/{draft.Questions[0].Id}", [new("Input.Kind", "free-text"), new("Input.Text", "Changed by an intruder")]),
    ];

    private async Task AssertUnchangedAsync(Survey draft, Survey open)
    {
        var d = await ReloadAsync(draft.Id);
        Assert.Equal((SurveyStatus.Draft, draft.Title, 4), (d.Status, d.Title, d.Questions.Count));
        Assert.Equal(draft.Questions.Select(q => (q.Id, q.Position, q.Text)), d.Questions.OrderBy(q => q.Position).Select(q => (q.Id, q.Position, q.Text)));
        Assert.Equal(SurveyStatus.Open, (await ReloadAsync(open.Id)).Status);
        Assert.False(await App.Db(db => db.Surveys.AnyAsync(s => s.Title == "Intruder's survey")));
        Assert.Equal(0, await ResponseCountAsync(App, open.Id));
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_from_every_survey_page_and_post()
    {
        var draft = await AddAsync(App, Survey(SurveyStatus.Draft));
        var open = await AddAsync(App, Survey());
        var session = PageSession.Anonymous(App);
        foreach (var url in BuilderPages(draft).Concat(ResultPages(open)).Append(Base).Append($"{Base}/{open.Id}/answer"))
            AssertSignIn((await session.GetAsync(url)).Response, url);
        foreach (var (url, fields) in Posts(draft, open).Append(($"{Base}/{open.Id}/answer", Answers(open))))
            AssertSignIn((await PostAsync(session, url, fields, formUrl: "/account/sign-in")).Response, url);
        await AssertUnchangedAsync(draft, open);
    }

    [Theory]
    [InlineData("participant")]
    [InlineData("focal point without an agency")]
    public async Task Participants_and_focal_points_without_an_agency_are_refused_everywhere(string who)
    {
        var draft = await AddAsync(App, Survey(SurveyStatus.Draft));
        var open = await AddAsync(App, Survey());
        var closed = await AddAsync(App, Survey(SurveyStatus.Closed));
        var (session, _) = await PageSession.SignedInAsync(App, who == "participant" ? Roles.Participant : Roles.AgencyFocalPoint);
        foreach (var url in BuilderPages(draft).Concat(ResultPages(open)).Concat(ResultPages(closed)).Append(Base).Append($"{Base}/{open.Id}/answer"))
        {
            var (response, html) = await session.GetAsync(url);
            AssertRefused(response, url);
            Assert.DoesNotContain("Pick one", html);
        }
        foreach (var (url, fields) in Posts(draft, open).Append(($"{Base}/{open.Id}/answer", Answers(open))))
            AssertRefused((await PostAsync(session, url, fields, formUrl: "/accounts/manage")).Response, url);
        await AssertUnchangedAsync(draft, open);
    }

    [Fact]
    public async Task A_member_agency_focal_point_answers_and_lists_surveys_but_neither_builds_nor_sees_results_before_closing()
    {
        await GroupTestData.ChairTodayAsync(App, "unitar");
        var draft = await AddAsync(App, Survey(SurveyStatus.Draft));
        var open = await AddAsync(App, Survey());
        var closed = await AddAsync(App, Survey(SurveyStatus.Closed));
        var (session, _) = await GroupTestData.FocalPointAsync(App, "iom");

        var (list, listHtml) = await session.GetAsync(Base);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains(open.Title, listHtml);
        Assert.Contains(closed.Title, listHtml);
        Assert.DoesNotContain(draft.Title, listHtml);
        Assert.DoesNotContain($"{Base}/edit", listHtml);

        foreach (var url in BuilderPages(draft).Concat(ResultPages(open)))
            AssertRefused((await session.GetAsync(url)).Response, url);
        // A draft is not there for them at all.
        Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync($"{Base}/{draft.Id}/answer")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync($"{Base}/{draft.Id}/results")).Response.StatusCode);
        foreach (var url in ResultPages(closed))
            Assert.Equal(HttpStatusCode.OK, (await session.GetAsync(url)).Response.StatusCode);
        foreach (var (url, fields) in Posts(draft, open))
            AssertRefused((await PostAsync(session, url, fields, formUrl: $"{Base}/{open.Id}/answer")).Response, url);
        await AssertUnchangedAsync(draft, open);

        var (answered, _) = await PostAsync(session, $"{Base}/{open.Id}/answer", Answers(open));
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        Assert.Equal(1, await ResponseCountAsync(App, open.Id));
    }

    [Fact]
    public async Task The_chair_and_staff_see_every_page_and_results_while_open_and_only_the_chair_answers()
    {
        var chair = await ChairAsync();
        var staff = await StaffAsync();
        var draft = await AddAsync(App, Survey(SurveyStatus.Draft));
        var open = await AddAsync(App, Survey());
        foreach (var session in new[] { chair, staff })
        {
            var (list, listHtml) = await session.GetAsync(Base);
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
            Assert.Contains(draft.Title, listHtml);
            foreach (var url in BuilderPages(draft).Concat(BuilderPages(open)).Concat(ResultPages(open)).Concat(ResultPages(draft)))
            {
                var (response, _) = await session.GetAsync(url);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
            }
        }
        // Staff have no agency to answer for.
        AssertRefused((await staff.GetAsync($"{Base}/{open.Id}/answer")).Response, "staff answer page");
        AssertRefused((await PostAsync(staff, $"{Base}/{open.Id}/answer", Answers(open), formUrl: Base)).Response, "staff answer");
        Assert.Equal(0, await ResponseCountAsync(App, open.Id));
        // The chair's focal point also answers for UNITAR.
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(chair, $"{Base}/{open.Id}/answer", Answers(open))).Response.StatusCode);
        Assert.Equal("unitar", await App.Db(db => db.SurveyResponses.Where(r => r.SurveyId == open.Id).Select(r => r.AgencyCode).SingleAsync()));
    }

    [Fact]
    public async Task A_focal_point_of_the_chair_loses_the_builder_when_the_term_ends()
    {
        var chair = await ChairAsync();
        var draft = await AddAsync(App, Survey(SurveyStatus.Draft));
        Assert.Equal(HttpStatusCode.OK, (await chair.GetAsync($"{Base}/edit/{draft.Id}")).Response.StatusCode);
        await GroupTestData.ChairTodayAsync(App, "undp");
        try
        {
            AssertRefused((await chair.GetAsync($"{Base}/edit/{draft.Id}")).Response, "former chair");
        }
        finally
        {
            await GroupTestData.ChairTodayAsync(App, "unitar");
        }
    }

    [Fact]
    public async Task A_focal_point_of_an_agency_that_is_not_a_member_cannot_answer()
    {
        var open = await AddAsync(App, Survey());
        var (session, _) = await GroupTestData.FocalPointAsync(App, "macarthur");
        AssertRefused((await session.GetAsync($"{Base}/{open.Id}/answer")).Response, "non-member answer page");
        AssertRefused((await PostAsync(session, $"{Base}/{open.Id}/answer", Answers(open), formUrl: "/accounts/manage")).Response, "non-member answer");
        Assert.Equal(0, await ResponseCountAsync(App, open.Id));
    }

    // ---- the builder -----------------------------------------------------------------------------------------

    private static List<KeyValuePair<string, string>> QuestionForm(string kind, string text, string? options = null, bool required = true,
        string min = "1", string max = "5", string? minLabel = null, string? maxLabel = null)
    {
        var f = new List<KeyValuePair<string, string>> { new("Input.Kind", kind), new("Input.Text", text), new("Input.ScaleMin", min), new("Input.ScaleMax", max) };
        if (options is not null) f.Add(new("Input.Options", options));
        if (required) f.Add(new("Input.Required", "true"));
        if (minLabel is not null) f.Add(new("Input.ScaleMinLabel", minLabel));
        if (maxLabel is not null) f.Add(new("Input.ScaleMaxLabel", maxLabel));
        return f;
    }

    [Fact]
    public async Task The_chair_builds_a_survey_reorders_and_removes_questions_previews_opens_and_closes_it()
    {
        var chair = await ChairAsync();
        var (created, _) = await PostAsync(chair, $"{Base}/edit", [
            new("Input.Title", "Working methods"), new("Input.Introduction", "Two minutes."), new("Input.Anonymous", "true"), new("Input.ClosesOn", "2099-12-31")]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = int.Parse(PathOf(created).Split('/').Last());
        var survey = await ReloadAsync(id);
        Assert.Equal(("Working methods", "Two minutes.", true, new DateOnly(2099, 12, 31), SurveyStatus.Draft),
            (survey.Title, survey.Introduction, survey.Anonymous, survey.ClosesOn!.Value, survey.Status));

        var questions = $"{Base}/{id}/questions";
        foreach (var form in new[]
        {
            QuestionForm("single-choice", "How often?", "Once a year\nTwice a year"),
            QuestionForm("multiple-choice", "Which methods?", "Troika\nRules\nRetreat", required: false),
            QuestionForm("scale", "How well?", min: "0", max: "10", minLabel: "Badly", maxLabel: "Well"),
            QuestionForm("free-text", "Anything else?", required: false),
        })
            Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(chair, questions, form)).Response.StatusCode);
        survey = await ReloadAsync(id);
        var q = survey.Questions.OrderBy(x => x.Position).ToList();
        Assert.Equal([QuestionKind.SingleChoice, QuestionKind.MultipleChoice, QuestionKind.Scale, QuestionKind.FreeText], q.Select(x => x.Kind));
        Assert.Equal([1, 2, 3, 4], q.Select(x => x.Position));
        Assert.Equal(["Troika", "Rules", "Retreat"], q[1].Options);
        Assert.Equal((0, 10, "Badly", "Well", true), (q[2].ScaleMin, q[2].ScaleMax, q[2].ScaleMinLabel, q[2].ScaleMaxLabel, q[2].Required));
        Assert.False(q[3].Required);

        var edit = $"{Base}/edit/{id}";
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(chair, $"{edit}?handler=Move&questionId={q[3].Id}&direction=up", [])).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(chair, $"{edit}?handler=Remove&questionId={q[0].Id}", [])).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(chair, $"{questions}/{q[1].Id}", QuestionForm("multiple-choice", "Which methods, again?", "Troika\nRules"))).Response.StatusCode);
        survey = await ReloadAsync(id);
        Assert.Equal([(q[1].Id, 1, "Which methods, again?"), (q[3].Id, 2, "Anything else?"), (q[2].Id, 3, "How well?")],
            survey.Questions.OrderBy(x => x.Position).Select(x => (x.Id, x.Position, x.Text)));

        var (preview, previewHtml) = await chair.GetAsync($"{Base}/{id}/preview");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("<legend", previewHtml);
        Assert.Contains($"<label class=\"form-check-label\" for=\"q{q[2].Id}-0\">0 (Badly)</label>", previewHtml);
        Assert.Contains("disabled", previewHtml);
        var previewForm = previewHtml.Split("<form aria-label=\"Preview\">")[1].Split("</form>")[0];
        Assert.DoesNotContain("type=\"submit\"", previewForm);
        Assert.Contains("disabled=\"disabled\"", previewForm);

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(chair, $"{edit}?handler=Open", [])).Response.StatusCode);
        Assert.Equal(SurveyStatus.Open, (await ReloadAsync(id)).Status);
        var (_, openHtml) = await chair.GetAsync(edit);
        Assert.Contains("id=\"fixed\"", openHtml);
        Assert.Contains("questions cannot change", openHtml);

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(chair, $"{edit}?handler=Close", [])).Response.StatusCode);
        Assert.Equal(SurveyStatus.Closed, (await ReloadAsync(id)).Status);
    }

    [Fact]
    public async Task A_survey_without_questions_does_not_open()
    {
        var chair = await ChairAsync();
        var empty = Survey(SurveyStatus.Draft);
        empty.Questions.Clear();
        await AddAsync(App, empty);
        var (response, html) = await PostAsync(chair, $"{Base}/edit/{empty.Id}?handler=Open", []);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Add at least one question", html);
        Assert.Equal(SurveyStatus.Draft, (await ReloadAsync(empty.Id)).Status);
    }

    [Fact]
    public async Task The_questions_of_an_open_survey_cannot_be_added_edited_moved_or_removed()
    {
        var chair = await ChairAsync();
        var open = await AddAsync(App, Survey());
        var edit = $"{Base}/edit/{open.Id}";
        var before = (await ReloadAsync(open.Id)).Questions.OrderBy(q => q.Position).Select(q => (q.Id, q.Position, q.Text, q.Kind)).ToList();

        var (page, pageHtml) = await chair.GetAsync($"{Base}/{open.Id}/questions/{open.Questions[0].Id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("id=\"fixed\"", pageHtml);
        Assert.DoesNotContain("name=\"Input.Text\"", pageHtml);

        foreach (var (url, fields) in new (string, List<KeyValuePair<string, string>>)[]
        {
            ($"{Base}/{open.Id}/questions", QuestionForm("free-text", "Sneaked in")),
            ($"{Base}/{open.Id}/questions/{open.Questions[0].Id}", QuestionForm("free-text", "Rewritten")),
            ($"{edit}?handler=Move&questionId={open.Questions[1].Id}&direction=up", []),
            ($"{edit}?handler=Remove&questionId={open.Questions[0].Id}", []),
        })
        {
            var (response, html) = await PostAsync(chair, url, fields, formUrl: edit);
            Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"{url}: {(int)response.StatusCode}");
            Assert.Contains("questions cannot change", html);
        }
        var after = (await ReloadAsync(open.Id)).Questions.OrderBy(q => q.Position).Select(q => (q.Id, q.Position, q.Text, q.Kind)).ToList();
        Assert.Equal(before, after);

        // The title stays as the agencies saw it; only the closing date moves.
        var (saved, _) = await PostAsync(chair, edit, [new("Input.Title", "Renamed"), new("Input.ClosesOn", "2099-01-31")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var reloaded = await ReloadAsync(open.Id);
        Assert.Equal((open.Title, (DateOnly?)new DateOnly(2099, 1, 31)), (reloaded.Title, reloaded.ClosesOn));
    }

    public static TheoryData<string, string, string, string, string, string> BadQuestions => new()
    {
        // kind, text, options, min, max, the field named
        { "single-choice", "Which?", "Only one", "1", "5", "options" },
        { "single-choice", "Which?", "Yes\nYES", "1", "5", "options" },
        { "multiple-choice", "Which?", string.Join("\n", Enumerable.Range(1, 21)), "1", "5", "options" },
        { "multiple-choice", "Which?", "A\n" + new string('b', 201), "1", "5", "options" },
        { "scale", "How much?", "", "-1", "5", "scaleMin" },
        { "scale", "How much?", "", "0", "11", "scaleMax" },
        { "scale", "How much?", "", "4", "2", "scaleMax" },
        { "scale", "How much?", "", "1e3", "5", "scaleMin" },
        { "essay", "Why?", "", "1", "5", "kind" },
        { "free-text", "", "", "1", "5", "text" },
        { "free-text", new string('q', 100_000), "", "1", "5", "text" },
        { "free-text", "Bell\u0007", "", "1", "5", "text" },
    };

    [Theory]
    [MemberData(nameof(BadQuestions))]
    public async Task A_bad_question_is_refused_with_a_message_on_its_field(string kind, string text, string options, string min, string max, string field)
    {
        var chair = await ChairAsync();
        var draft = await AddAsync(App, Survey(SurveyStatus.Draft));
        var (response, html) = await PostAsync(chair, $"{Base}/{draft.Id}/questions", QuestionForm(kind, text, options, min: min, max: max));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"id=\"{field}-error\"", html);
        Assert.Contains("id=\"error-summary\"", html);
        Assert.Equal(4, (await ReloadAsync(draft.Id)).Questions.Count);
    }

    [Theory]
    [InlineData("", "2099-01-01", "title")]
    [InlineData("Fine", "31/12/2099", "closesOn")]
    [InlineData("Fine", "2099-02-30", "closesOn")]
    [InlineData("<script>", "not a date", "closesOn")]
    public async Task Bad_survey_settings_are_refused_with_a_message_on_the_field(string title, string closesOn, string field)
    {
        var chair = await ChairAsync();
        var before = await App.Db(db => db.Surveys.CountAsync());
        var (response, html) = await PostAsync(chair, $"{Base}/edit", [new("Input.Title", title), new("Input.ClosesOn", closesOn)]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"id=\"{field}-error\"", html);
        Assert.Equal(before, await App.Db(db => db.Surveys.CountAsync()));
    }

    // ---- answering -------------------------------------------------------------------------------------------

    [Fact]
    public async Task An_agency_answers_once_and_its_focal_points_see_who_answered_and_when()
    {
        var open = await AddAsync(App, Survey());
        var (first, firstUser) = await GroupTestData.FocalPointAsync(App, "ilo");
        var (second, _) = await GroupTestData.FocalPointAsync(App, "ilo");
        var url = $"{Base}/{open.Id}/answer";

        var (form, formHtml) = await first.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains($"<fieldset class=\"mb-4\" id=\"q{open.Questions[0].Id}\"", formHtml);
        Assert.Contains($"<label class=\"form-label\" for=\"q{open.Questions[3].Id}\">", formHtml);

        var (saved, _) = await PostAsync(first, url, Answers(open, single: "2", multi: ["0", "2"], scale: "4", text: "More notice before meetings."));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var (_, html) = await second.GetAsync(url);
        Assert.Contains($"{firstUser.FullName} answered for ILO on", html);
        Assert.Contains("More notice before meetings.", html);
        Assert.DoesNotContain("type=\"submit\"", html.Split("id=\"answered\"")[1].Split("</section>")[0]);
        Assert.DoesNotContain($"name=\"q{open.Questions[0].Id}\"", html);

        var (again, againHtml) = await PostAsync(second, url, Answers(open, single: "0"), formUrl: Base);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("An agency answers a survey once, so this answer was not recorded.", againHtml);

        var stored = await App.Db(db => db.SurveyResponses.AsNoTracking().Include(r => r.Answers).SingleAsync(r => r.SurveyId == open.Id));
        Assert.Equal(("ilo", firstUser.Id), (stored.AgencyCode, stored.SubmittedBy));
        Assert.Equal([2], stored.Answers.Single(a => a.QuestionId == open.Questions[0].Id).Choices);
        Assert.Equal([0, 2], stored.Answers.Single(a => a.QuestionId == open.Questions[1].Id).Choices);
        Assert.Equal(4, stored.Answers.Single(a => a.QuestionId == open.Questions[2].Id).Scale);
    }

    public static TheoryData<string> BadAnswers => new()
    {
        "required single choice missing", "required scale missing", "choice out of range", "two single choices",
        "multiple choice out of range", "scale out of range", "scale not a number", "huge text", "control character",
    };

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public async Task Bad_answers_are_refused_with_a_message_on_the_question_and_nothing_is_stored(string why)
    {
        var open = await AddAsync(App, Survey());
        var (session, _) = await GroupTestData.FocalPointAsync(App, "unfpa");
        var q = open.Questions.Select(x => "q" + x.Id).ToArray();
        var form = Answers(open);
        string field;
        void Set(string name, params string[] values)
        {
            form.RemoveAll(f => f.Key == name);
            form.AddRange(values.Select(v => new KeyValuePair<string, string>(name, v)));
        }
        switch (why)
        {
            case "required single choice missing": Set(field = q[0]); break;
            case "required scale missing": Set(field = q[2], ""); break;
            case "choice out of range": Set(field = q[0], "3"); break;
            case "two single choices": Set(field = q[0], "0", "1"); break;
            case "multiple choice out of range": Set(field = q[1], "1", "7"); break;
            case "scale out of range": Set(field = q[2], "6"); break;
            case "scale not a number": Set(field = q[2], "3; DROP TABLE \"SurveyResponses\""); break;
            case "huge text": Set(field = q[3], new string('x', 100_000)); break;
            default: Set(field = q[3], "Ana\u0007"); break;
        }
        var (response, html) = await PostAsync(session, $"{Base}/{open.Id}/answer", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"id=\"{field}-error\"", html);
        Assert.Contains("id=\"error-summary\"", html);
        Assert.Contains($"href=\"#{field}\"", html);
        Assert.Equal(0, await ResponseCountAsync(App, open.Id));
    }

    [Fact]
    public async Task Hostile_text_is_stored_as_written_and_shown_as_text()
    {
        var chair = await ChairAsync();
        var open = await AddAsync(App, Survey());
        var (session, _) = await GroupTestData.FocalPointAsync(App, "unicef");
        const string hostile = "<script>alert('x')</script> <img src=x onerror=alert(1)> Zoë 👩🏽‍💼";
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(session, $"{Base}/{open.Id}/answer", Answers(open, text: hostile))).Response.StatusCode);
        Assert.Equal(hostile, await App.Db(db => db.SurveyAnswers.Where(a => a.QuestionId == open.Questions[3].Id).Select(a => a.Text).SingleAsync()));
        var (_, html) = await chair.GetAsync($"{Base}/{open.Id}/results");
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Theory]
    [InlineData(SurveyStatus.Draft, null)]
    [InlineData(SurveyStatus.Closed, null)]
    [InlineData(SurveyStatus.Open, -1)]   // open, but its closing date was yesterday
    public async Task A_survey_that_is_not_open_takes_no_answers(SurveyStatus status, int? closedDaysAgo)
    {
        var chair = await ChairAsync();
        var today = await App.With<CoordinationAccess, DateOnly>(a => Task.FromResult(a.Today()));
        var survey = await AddAsync(App, Survey(status, closesOn: closedDaysAgo is { } d ? today.AddDays(d) : null));
        var url = $"{Base}/{survey.Id}/answer";
        var (page, pageHtml) = await chair.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("id=\"not-open\"", pageHtml);
        var (response, html) = await PostAsync(chair, url, Answers(survey), formUrl: Base);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains(status == SurveyStatus.Draft ? "still a draft" : "it takes no more answers", html);
        Assert.Equal(0, await ResponseCountAsync(App, survey.Id));
    }

    // ---- results and exports ---------------------------------------------------------------------------------

    private async Task AnswerAsync(Survey s, string agency, string single, string[] multi, string scale, string? text)
    {
        var (session, _) = await GroupTestData.FocalPointAsync(App, agency);
        var (response, html) = await PostAsync(session, $"{Base}/{s.Id}/answer", Answers(s, single, multi, scale, text));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{agency}: {(int)response.StatusCode} {html}");
    }

    private async Task<Survey> AnsweredSurveyAsync(bool anonymous)
    {
        var s = await AddAsync(App, Survey(anonymous: anonymous));
        await AnswerAsync(s, "unhcr", "0", ["0", "1"], "5", "Zebra answer");
        await AnswerAsync(s, "ohchr", "0", ["1"], "2", "apple answer");
        await AnswerAsync(s, "unesco", "2", [], "4", null);
        return s;
    }

    [Fact]
    public async Task Attributed_results_show_the_rate_the_tallies_each_agency_and_who_has_not_answered()
    {
        var chair = await ChairAsync();
        var s = await AnsweredSurveyAsync(anonymous: false);
        var (response, html) = await chair.GetAsync($"{Base}/{s.Id}/results");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("3 of 17 member agencies answered", html);
        Assert.Contains("<svg", html);
        Assert.Contains("<th scope=\"row\">A</th>", html);
        Assert.Contains("OHCHR, UNHCR", html);                  // who chose A
        Assert.Contains("<strong>OHCHR:</strong>", html);        // the agency of a free-text answer
        var missing = html.Split("id=\"not-answered\"")[1].Split("</p>")[0];
        Assert.Contains("IOM", missing);
        Assert.DoesNotContain("UNHCR", missing);
        Assert.Contains("Mean 3.67, median 4.", html);
    }

    [Fact]
    public async Task Anonymous_results_never_show_which_agency_gave_which_answer()
    {
        var chair = await ChairAsync();
        var s = await AnsweredSurveyAsync(anonymous: true);
        var (response, html) = await chair.GetAsync($"{Base}/{s.Id}/results");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("3 of 17 member agencies answered", html);
        foreach (var acronym in new[] { "UNHCR", "OHCHR", "UNESCO" }) Assert.DoesNotContain(acronym, html);
        Assert.DoesNotContain("id=\"not-answered\"", html);
        Assert.True(html.IndexOf("apple answer", StringComparison.Ordinal) < html.IndexOf("Zebra answer", StringComparison.Ordinal),
            "free-text answers in the order of their text, not of the agencies' answers");

        var csv = await (await chair.Client.GetAsync($"{Base}/{s.Id}/results?format=csv", TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.StartsWith("response,Q1. Pick one,Q2. Pick several,Q3. How well,Q4. Anything else", csv.TrimStart('\uFEFF'));
        foreach (var acronym in new[] { "UNHCR", "OHCHR", "UNESCO", "unhcr" }) Assert.DoesNotContain(acronym, csv);
    }

    [Fact]
    public async Task The_csv_and_xlsx_exports_have_one_row_per_agency_with_choices_as_text()
    {
        var chair = await ChairAsync();
        var s = await AnsweredSurveyAsync(anonymous: false);

        var csvResponse = await chair.Client.GetAsync($"{Base}/{s.Id}/results?format=csv", TestContext.Current.CancellationToken);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType!.MediaType);
        var lines = (await csvResponse.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).TrimStart('\uFEFF').TrimEnd().Split("\r\n");
        Assert.Equal("response,agency,submitted_at_utc,Q1. Pick one,Q2. Pick several,Q3. How well,Q4. Anything else", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("1,OHCHR,", lines[1]);
        Assert.EndsWith(",A,Y,2,apple answer", lines[1]);
        Assert.StartsWith("2,UNESCO,", lines[2]);
        Assert.EndsWith(",C,,4,", lines[2]);
        Assert.StartsWith("3,UNHCR,", lines[3]);
        Assert.EndsWith(",A,X; Y,5,Zebra answer", lines[3]);

        var xlsx = await chair.Client.GetByteArrayAsync($"{Base}/{s.Id}/results?format=xlsx", TestContext.Current.CancellationToken);
        var rows = MiniExcel.Query(new MemoryStream(xlsx), useHeaderRow: true, sheetName: "responses").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal(("UNHCR", "X; Y", 5.0, "Zebra answer"),
            ((string)rows[2]["agency"], (string)rows[2]["Q2. Pick several"], Convert.ToDouble(rows[2]["Q3. How well"]), (string)rows[2]["Q4. Anything else"]));
    }

    [Fact]
    public async Task A_formula_typed_as_an_answer_stays_text_in_both_exports()
    {
        var chair = await ChairAsync();
        var s = await AddAsync(App, Survey());
        await AnswerAsync(s, "who", "1", [], "3", "=HYPERLINK(\"http://example.org\",\"x\")");
        var csv = await chair.Client.GetStringAsync($"{Base}/{s.Id}/results?format=csv", TestContext.Current.CancellationToken);
        Assert.Contains("'=HYPERLINK", csv);
        var xlsx = await chair.Client.GetByteArrayAsync($"{Base}/{s.Id}/results?format=xlsx", TestContext.Current.CancellationToken);
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(xlsx));
        var sheet = new StreamReader(zip.Entries.First(e => e.FullName.StartsWith("xl/worksheets/")).Open()).ReadToEnd();
        Assert.DoesNotContain("<x:f>", sheet);
        Assert.DoesNotContain("<f>", sheet);
    }

    [Fact]
    public async Task An_unknown_export_format_is_a_bad_request()
    {
        var chair = await ChairAsync();
        var s = await AddAsync(App, Survey());
        var (response, html) = await chair.GetAsync($"{Base}/{s.Id}/results?format=pdf");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("format", html);
    }
}

public sealed class SurveyPagesSqliteTests(SqliteApp fixture) : SurveyPagesTests, IClassFixture<SqliteApp>
{
    protected override AppFactory App => fixture.App;
}

/// <summary>The same on PostgreSQL: its enums, JSON columns, dates and row locks behind the builder and the answers.</summary>
public sealed class SurveyPagesPostgresTests(PostgresApp fixture) : SurveyPagesTests, IClassFixture<PostgresApp>
{
    protected override AppFactory App => fixture.App;
}
