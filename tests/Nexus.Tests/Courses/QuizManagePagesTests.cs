using System.Net;
using Microsoft.EntityFrameworkCore;
using Nexus.Tests.Pages;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Courses;
using Nexus.Web.Features.Courses.Quizzes;
using static Nexus.Tests.Courses.QuizTestData;

namespace Nexus.Tests.Courses;

/// <summary>
/// The staff pages of question banks, questions, quizzes, overrides and attempts, through their forms: what staff
/// build with them, what bad input gets, and that nobody else gets in.
/// </summary>
public class QuizManagePagesTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private AppFactory App => fixture.App;

    private static string Text(string html) => WebUtility.HtmlDecode(html);

    private Task<(PageSession Session, Nexus.Web.Features.Accounts.AppUser User)> StaffAsync() => PageSession.SignedInAsync(App, Roles.ProgrammeStaff);

    private static string Base(CourseTestData.Built c) => $"/courses/manage/{c.Course.Id}";

    private static async Task<int> IdFromRedirectAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"{(int)response.StatusCode}: {Text(await response.Content.ReadAsStringAsync(Ct))[..Math.Min(3000, (await response.Content.ReadAsStringAsync(Ct)).Length)]}");
        return int.Parse(response.Headers.Location!.OriginalString.Split('/').Last());
    }

    private static Dictionary<string, string> Choice(string text, params (string Text, bool Right, string Feedback)[] options)
    {
        var fields = new Dictionary<string, string> { ["Input.Text"] = text, ["Input.Points"] = "2", ["Input.Explanation"] = "Because **the law** says so." };
        for (var i = 0; i < options.Length; i++)
        {
            fields[$"Input.Options[{i}].Text"] = options[i].Text;
            fields[$"Input.Options[{i}].Feedback"] = options[i].Feedback;
            if (options[i].Right) fields[$"Input.Options[{i}].Correct"] = "true";
        }
        return fields;
    }

    [Fact]
    public async Task Staff_build_a_bank_with_every_kind_of_question_and_a_quiz_that_draws_from_it()
    {
        var c = await CourseTestData.CourseAsync(App);
        var (staff, _) = await StaffAsync();
        var b = Base(c);

        var bankId = await IdFromRedirectAsync(await staff.PostFormAsync($"{b}/banks", new() { ["Name"] = "Trafficking and smuggling" }));
        var q = $"{b}/banks/{bankId}/questions";
        await IdFromRedirect(staff.PostFormAsync($"{q}?kind=single-choice", formUrl: $"{q}?kind=single-choice", fields: Choice("Who may be smuggled?",
            ("A migrant who consents", true, "Smuggling needs consent."), ("A victim of trafficking", false, "Trafficking is exploitation."))));
        await IdFromRedirect(staff.PostFormAsync($"{q}?kind=multiple-choice", formUrl: $"{q}?kind=multiple-choice", fields: Choice("Elements of trafficking?",
            ("Act", true, ""), ("Means", true, ""), ("Consent", false, "Consent is irrelevant."))));
        await IdFromRedirect(staff.PostFormAsync($"{q}?kind=true-false", formUrl: $"{q}?kind=true-false", fields: new() { ["Input.Text"] = "Smuggling is a crime against the State.", ["Input.Points"] = "1", ["Input.TrueFalse"] = "true" }));
        await IdFromRedirect(staff.PostFormAsync($"{q}?kind=short-answer", formUrl: $"{q}?kind=short-answer",
            fields: new() { ["Input.Text"] = "Which city gave its name to the 2000 Convention?", ["Input.Points"] = "1", ["Input.Accepted"] = "Palermo\n  palermo  \nPalerme\n", ["Input.CaseSensitive"] = "false" }));
        await IdFromRedirect(staff.PostFormAsync($"{q}?kind=matching", formUrl: $"{q}?kind=matching", fields: new()
        {
            ["Input.Text"] = "Match each protocol to its subject.", ["Input.Points"] = "3",
            ["Input.Options[0].Text"] = "First protocol", ["Input.Options[0].Match"] = "Trafficking in persons",
            ["Input.Options[1].Text"] = "Second protocol", ["Input.Options[1].Match"] = "Smuggling of migrants",
            ["Input.Options[2].Text"] = "Third protocol", ["Input.Options[2].Match"] = "Firearms",
        }));

        var quizId = await IdFromRedirectAsync(await staff.PostFormAsync($"{b}/quizzes", new() { ["Module"] = c.Course.Modules[1].Id.ToString(), ["Title"] = "Module 2 check" }));
        var quizUrl = $"{b}/quizzes/{quizId}";
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"{quizUrl}?handler=AddDraw", new() { ["DrawBank"] = bankId.ToString(), ["DrawCount"] = "3" }, formUrl: quizUrl)).StatusCode);
        var version = await App.Db(db => db.Quizzes.Where(x => x.Id == quizId).Select(x => x.Version).SingleAsync(Ct));
        var saved = await staff.PostFormAsync(quizUrl, new()
        {
            ["Input.Version"] = version.ToString(), ["Input.Title"] = "Module 2: check your understanding", ["Input.Instructions"] = "Take your time.",
            ["Input.PassPercent"] = "60", ["Input.MaxAttempts"] = "3", ["Input.TimeLimit"] = "20", ["Input.GradeMethod"] = "last",
            ["Input.Shuffle"] = "true", ["Input.ShowFeedback"] = "true", ["Input.Published"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var questions = await App.Db(db => db.Questions.AsNoTracking().Include(x => x.Options).Where(x => x.BankId == bankId).OrderBy(x => x.Id).ToListAsync(Ct));
        Assert.Equal([QuestionKind.SingleChoice, QuestionKind.MultipleChoice, QuestionKind.TrueFalse, QuestionKind.ShortAnswer, QuestionKind.Matching],
            questions.Select(x => x.Kind));
        Assert.Equal(2m, questions[0].Points);
        Assert.Equal("Smuggling needs consent.", questions[0].Options.Single(o => o.Correct).Feedback);
        Assert.Equal(2, questions[1].Options.Count(o => o.Correct));
        Assert.True(questions[2].TrueFalseAnswer);
        Assert.Equal(["Palermo", "palermo", "Palerme"], questions[3].AcceptedAnswers);
        Assert.Equal(["Trafficking in persons", "Smuggling of migrants", "Firearms"], questions[4].Options.OrderBy(o => o.Order).Select(o => o.Match));
        var quiz = await App.Db(db => db.Quizzes.AsNoTracking().Include(x => x.Draws).SingleAsync(x => x.Id == quizId, Ct));
        Assert.True(quiz.Published);
        Assert.Equal((60m, 3, 20, GradeMethod.Last), (quiz.PassPercent, quiz.MaxAttempts, quiz.TimeLimitMinutes, quiz.GradeMethod));
        Assert.Equal(3, Assert.Single(quiz.Draws).Count);
        Assert.Equal(version + 1, quiz.Version);

        // A learner now gets three of the five questions.
        var learner = await CourseTestData.EnrolAsync(App, c.Run, TestData.UniqueEmail());
        var start = await StartAsync(App, quizId, learner.Id);
        Assert.Equal(3, (await AttemptAsync(App, start.AttemptId!.Value)).Answers.Count);

        // The lists show what was built.
        var (_, banks) = await staff.GetAsync($"{b}/banks");
        Assert.Contains("Trafficking and smuggling", banks);
        var (_, quizzes) = await staff.GetAsync($"{b}/quizzes");
        Assert.Contains("Module 2: check your understanding", quizzes);
    }

    private static async Task IdFromRedirect(Task<HttpResponseMessage> post)
    {
        var response = await post;
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode}: {Text(await response.Content.ReadAsStringAsync(Ct))}");
    }

    [Fact]
    public async Task The_question_form_refuses_bad_input_naming_each_field_and_stores_nothing()
    {
        var c = await CourseTestData.CourseAsync(App);
        var (staff, _) = await StaffAsync();
        var q = $"{Base(c)}/banks/{c.Bank.Id}/questions";
        var before = await App.Db(db => db.Questions.CountAsync(x => x.BankId == c.Bank.Id, Ct));

        var cases = new (string Url, Dictionary<string, string> Fields, string Field, string Message)[]
        {
            ($"{q}?kind=single-choice", Choice("Two right?", ("a", true, ""), ("b", true, "")), "options", "Mark exactly one option as right."),
            ($"{q}?kind=single-choice", Choice("One option?", ("a", true, "")), "options", "Write at least two options."),
            ($"{q}?kind=multiple-choice", Choice("None right?", ("a", false, ""), ("b", false, "")), "options", "Mark at least one option as right."),
            ($"{q}?kind=true-false", new() { ["Input.Text"] = "Answer?", ["Input.Points"] = "1", ["Input.TrueFalse"] = "maybe" }, "truefalse", "Choose the right answer."),
            ($"{q}?kind=short-answer", new() { ["Input.Text"] = "Blank?", ["Input.Points"] = "1", ["Input.Accepted"] = "  \n " }, "accepted", "Write at least one accepted answer."),
            ($"{q}?kind=matching", new() { ["Input.Text"] = "Half a pair", ["Input.Points"] = "1", ["Input.Options[0].Text"] = "x", ["Input.Options[1].Text"] = "y", ["Input.Options[1].Match"] = "z" },
                "option-0-match", "A pair needs both an item and its match."),
            ($"{q}?kind=true-false", new() { ["Input.Text"] = "Points?", ["Input.Points"] = "lots", ["Input.TrueFalse"] = "true" }, "points", "Enter a number of points, such as 1 or 0.5."),
            ($"{q}?kind=true-false", new() { ["Input.Text"] = "Points?", ["Input.Points"] = "-1", ["Input.TrueFalse"] = "true" }, "points", "Enter a number of points, such as 1 or 0.5."),
            ($"{q}?kind=true-false", new() { ["Input.Text"] = "Points?", ["Input.Points"] = "0.125", ["Input.TrueFalse"] = "true" }, "points", "At most two decimals."),
            ($"{q}?kind=true-false", new() { ["Input.Text"] = new string('x', 4001), ["Input.Points"] = "1", ["Input.TrueFalse"] = "true" }, "text", "At most 4000 characters."),
            ($"{q}?kind=true-false", new() { ["Input.Text"] = "", ["Input.Points"] = "1", ["Input.TrueFalse"] = "true" }, "text", "Required."),
            ($"{q}?kind=single-choice", Choice("Long option", ("a", true, ""), (new string('o', 1001), false, "")), "option-1-text", "At most 1000 characters."),
            ($"{q}?kind=single-choice", new(Choice("Stolen option", ("a", true, ""), ("b", false, ""))) { ["Input.Options[0].Id"] = "999999" }, "option-0-text", "An option that is not part of this question was sent."),
        };
        foreach (var (url, fields, field, message) in cases)
        {
            var response = await staff.PostFormAsync(url, fields, formUrl: url);
            var html = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{field}: {(int)response.StatusCode}");
            Assert.Contains(message, Text(html));
            Assert.Contains($"href=\"#{field}\"", html);
        }
        Assert.Equal(before, await App.Db(db => db.Questions.CountAsync(x => x.BankId == c.Bank.Id, Ct)));

        // An unknown kind goes back to the bank; a bank of another course is not found.
        var unknown = await staff.GetAsync($"{q}?kind=essay");
        Assert.Equal(HttpStatusCode.Redirect, unknown.Response.StatusCode);
        var other = await CourseTestData.CourseAsync(App);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"{Base(c)}/banks/{other.Bank.Id}")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"{Base(c)}/banks/{other.Bank.Id}/questions?kind=true-false")).Response.StatusCode);
    }

    [Fact]
    public async Task Editing_a_question_keeps_its_option_ids_and_removes_an_option_left_blank()
    {
        var c = await CourseTestData.CourseAsync(App);
        var (staff, _) = await StaffAsync();
        var question = await App.Db(db => db.Questions.AsNoTracking().Include(x => x.Options).SingleAsync(x => x.BankId == c.Bank.Id && x.Kind == QuestionKind.SingleChoice, Ct));
        var url = $"{Base(c)}/banks/{c.Bank.Id}/questions/{question.Id}";
        var o = question.Options.OrderBy(x => x.Order).ToList();

        var (form, html) = await staff.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("The 1990 Migrant Workers Convention", html);

        var response = await staff.PostFormAsync(url, new()
        {
            ["Input.Text"] = question.Text, ["Input.Points"] = "1,5", ["Input.Explanation"] = question.Explanation,
            ["Input.Options[0].Id"] = o[0].Id.ToString(), ["Input.Options[0].Text"] = "The 1990 Convention (ICRMW)", ["Input.Options[0].Correct"] = "true",
            ["Input.Options[1].Id"] = o[1].Id.ToString(), ["Input.Options[1].Text"] = "",
            ["Input.Options[2].Id"] = o[2].Id.ToString(), ["Input.Options[2].Text"] = o[2].Text,
            ["Input.Options[3].Text"] = "The 1967 Protocol",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await App.Db(db => db.Questions.AsNoTracking().Include(x => x.Options).SingleAsync(x => x.Id == question.Id, Ct));
        Assert.Equal(1.5m, after.Points);
        var options = after.Options.OrderBy(x => x.Order).ToList();
        Assert.Equal(["The 1990 Convention (ICRMW)", o[2].Text, "The 1967 Protocol"], options.Select(x => x.Text));
        Assert.Equal(o[0].Id, options[0].Id);
        Assert.Equal(o[2].Id, options[1].Id);
        Assert.DoesNotContain(after.Options, x => x.Id == o[1].Id);
    }

    [Fact]
    public async Task A_retired_question_is_drawn_no_more_and_can_be_restored()
    {
        var c = await CourseTestData.CourseAsync(App);
        var (staff, _) = await StaffAsync();
        var bankUrl = $"{Base(c)}/banks/{c.Bank.Id}";
        var tf = await App.Db(db => db.Questions.Where(x => x.BankId == c.Bank.Id && x.Kind == QuestionKind.TrueFalse).Select(x => x.Id).SingleAsync(Ct));

        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"{bankUrl}?handler=Retire&questionId={tf}", [])).StatusCode);
        var learner = await CourseTestData.EnrolAsync(App, c.Run, TestData.UniqueEmail());
        var attempt = await AttemptAsync(App, (await StartAsync(App, c.Quiz.Id, learner.Id)).AttemptId!.Value);
        Assert.Equal(3, attempt.Answers.Count);
        Assert.DoesNotContain(attempt.Answers, a => a.QuestionId == tf);

        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"{bankUrl}?handler=Restore&questionId={tf}", [])).StatusCode);
        Assert.False(await App.Db(db => db.Questions.Where(x => x.Id == tf).Select(x => x.Retired).SingleAsync(Ct)));
        // A question of another bank cannot be retired from this one.
        var other = await CourseTestData.CourseAsync(App);
        var foreign = await App.Db(db => db.Questions.Where(x => x.BankId == other.Bank.Id).Select(x => x.Id).FirstAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PostFormAsync($"{bankUrl}?handler=Retire&questionId={foreign}", [])).StatusCode);
    }

    [Fact]
    public async Task Bank_names_are_unique_within_a_course_and_a_bank_can_be_renamed()
    {
        var c = await CourseTestData.CourseAsync(App);
        var (staff, _) = await StaffAsync();
        var duplicate = await staff.PostFormAsync($"{Base(c)}/banks", new() { ["Name"] = c.Bank.Name });
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Contains("This course already has a bank of that name.", await duplicate.Content.ReadAsStringAsync(Ct));
        var blank = await staff.PostFormAsync($"{Base(c)}/banks", new() { ["Name"] = "  " });
        Assert.Contains("Required.", await blank.Content.ReadAsStringAsync(Ct));

        var renamed = await staff.PostFormAsync($"{Base(c)}/banks/{c.Bank.Id}?handler=Rename", new() { ["Name"] = "Module 1: core notions" });
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        Assert.Equal("Module 1: core notions", await App.Db(db => db.QuestionBanks.Where(x => x.Id == c.Bank.Id).Select(x => x.Name).SingleAsync(Ct)));
    }

    [Fact]
    public async Task Quiz_settings_saved_over_someone_elses_change_are_refused_with_a_clear_message()
    {
        var c = await CourseTestData.CourseAsync(App);
        var (staff, _) = await StaffAsync();
        var url = $"{Base(c)}/quizzes/{c.Quiz.Id}";
        var version = await App.Db(db => db.Quizzes.Where(x => x.Id == c.Quiz.Id).Select(x => x.Version).SingleAsync(Ct));
        Dictionary<string, string> Form(string title) => new()
        {
            ["Input.Version"] = version.ToString(), ["Input.Title"] = title, ["Input.PassPercent"] = "50", ["Input.GradeMethod"] = "highest",
            ["Input.Published"] = "true",
        };

        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(url, Form("First editor"))).StatusCode);
        var second = await staff.PostFormAsync(url, Form("Second editor"));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("Someone else saved this quiz while you were editing it", await second.Content.ReadAsStringAsync(Ct));
        var quiz = await App.Db(db => db.Quizzes.AsNoTracking().SingleAsync(x => x.Id == c.Quiz.Id, Ct));
        Assert.Equal("First editor", quiz.Title);
        Assert.Equal(version + 1, quiz.Version);
    }

    [Fact]
    public async Task Quiz_settings_refuse_bad_numbers_and_publishing_without_questions()
    {
        var c = await CourseTestData.CourseAsync(App);
        var (staff, _) = await StaffAsync();
        var quizId = await IdFromRedirectAsync(await staff.PostFormAsync($"{Base(c)}/quizzes", new() { ["Module"] = c.Course.Modules[0].Id.ToString(), ["Title"] = "Empty" }));
        var url = $"{Base(c)}/quizzes/{quizId}";

        var bad = await staff.PostFormAsync(url, new()
        {
            ["Input.Version"] = "0", ["Input.Title"] = "Empty", ["Input.PassPercent"] = "101", ["Input.MaxAttempts"] = "0",
            ["Input.TimeLimit"] = "ten", ["Input.GradeMethod"] = "average",
        });
        var html = Text(await bad.Content.ReadAsStringAsync(Ct));
        Assert.Contains("Enter a pass mark from 0 to 100, with at most one decimal.", html);
        Assert.Contains("Enter a whole number from 1 to 100, or leave it blank.", html);
        Assert.Contains("Enter a whole number from 1 to 1440, or leave it blank.", html);
        Assert.Contains("Choose how the grade is counted.", html);

        var publish = await staff.PostFormAsync(url, new() { ["Input.Version"] = "0", ["Input.Title"] = "Empty", ["Input.PassPercent"] = "50", ["Input.GradeMethod"] = "highest", ["Input.Published"] = "true" });
        Assert.Contains("Add questions (a bank with questions that are not retired) before publishing the quiz.", Text(await publish.Content.ReadAsStringAsync(Ct)));
        Assert.False(await App.Db(db => db.Quizzes.Where(x => x.Id == quizId).Select(x => x.Published).SingleAsync(Ct)));

        var foreignBank = (await CourseTestData.CourseAsync(App)).Bank.Id;
        var draw = await staff.PostFormAsync($"{url}?handler=AddDraw", new() { ["DrawBank"] = foreignBank.ToString(), ["DrawCount"] = "abc" }, formUrl: url);
        var drawHtml = Text(await draw.Content.ReadAsStringAsync(Ct));
        Assert.Contains("Choose a question bank of this course.", drawHtml);
        Assert.Contains("Enter a whole number from 1 to 500, or leave it blank.", drawHtml);
        Assert.Equal(0, await App.Db(db => db.QuizDraws.CountAsync(x => x.QuizId == quizId, Ct)));
    }

    [Fact]
    public async Task An_override_set_through_the_form_gives_a_learner_extra_time_and_an_extra_attempt()
    {
        var c = await CourseTestData.CourseAsync(App);
        await SetAsync(App, c.Quiz.Id, q => { q.MaxAttempts = 1; q.TimeLimitMinutes = 10; });
        var learner = await CourseTestData.EnrolAsync(App, c.Run, TestData.UniqueEmail(), fullName: "Nadia Haddad");
        var first = (await StartAsync(App, c.Quiz.Id, learner.Id)).AttemptId!.Value;
        await SubmitAsync(App, first, learner.Id, await RightAsync(App, first));
        var (staff, _) = await StaffAsync();
        var learners = $"{Base(c)}/quizzes/{c.Quiz.Id}/learners";

        var (_, list) = await staff.GetAsync(learners);
        Assert.Contains("Nadia Haddad", list);
        Assert.Contains("1 of 1", list);

        var bad = await staff.PostFormAsync($"{learners}/{learner.Id}/override", new() { ["Input.ExtraMinutes"] = "-5", ["Input.ExtraAttempts"] = "many" });
        Assert.Contains("Enter a whole number from 0 to 1440, or leave it blank.", Text(await bad.Content.ReadAsStringAsync(Ct)));
        var saved = await staff.PostFormAsync($"{learners}/{learner.Id}/override", new() { ["Input.ExtraMinutes"] = "15", ["Input.ExtraAttempts"] = "1", ["Input.Note"] = "Dyslexia: extra time agreed" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var second = await StartAsync(App, c.Quiz.Id, learner.Id);
        Assert.Equal(StartOutcome.Started, second.Outcome);
        var attempt = await AttemptAsync(App, second.AttemptId!.Value);
        Assert.Equal(attempt.StartedAt.AddMinutes(25), attempt.DeadlineAt);
        var (_, after) = await staff.GetAsync(learners);
        Assert.Contains("+15 min, +1 attempts", Text(after));
        Assert.Contains("Dyslexia: extra time agreed", after);

        // The staff view of the learner's attempts shows both, with the first one's answers.
        var (_, attempts) = await staff.GetAsync($"{learners}/{learner.Id}");
        Assert.Contains("Attempt 2", attempts);
        Assert.Contains("Score: 4 of 4 points (100%)", Text(attempts));
        Assert.Contains("UNHCR", attempts);

        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"{learners}/{learner.Id}/override?handler=Remove", [], formUrl: $"{learners}/{learner.Id}/override")).StatusCode);
        Assert.Equal(0, await App.Db(db => db.QuizOverrides.CountAsync(o => o.RegistrationId == learner.Id, Ct)));

        // A registration for another course's run is not a learner here.
        var other = await CourseTestData.CourseAsync(App);
        var stranger = await CourseTestData.EnrolAsync(App, other.Run, TestData.UniqueEmail());
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"{learners}/{stranger.Id}/override")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"{learners}/{stranger.Id}")).Response.StatusCode);
    }

    private static string[] StaffPages(CourseTestData.Built c, int registrationId)
    {
        var b = Base(c);
        var quiz = $"{b}/quizzes/{c.Quiz.Id}";
        return
        [
            $"{b}/banks", $"{b}/banks/{c.Bank.Id}", $"{b}/banks/{c.Bank.Id}/questions?kind=single-choice", $"{b}/quizzes", quiz,
            $"{quiz}/learners", $"{quiz}/learners/{registrationId}", $"{quiz}/learners/{registrationId}/override",
        ];
    }

    [Fact]
    public async Task Staff_see_every_page_and_participants_and_anonymous_visitors_are_kept_out()
    {
        var c = await CourseTestData.CourseAsync(App);
        var (learnerSession, _, enrolment) = await CourseTestData.LearnerAsync(App, c.Run);
        var (staff, _) = await StaffAsync();
        var anonymous = PageSession.Anonymous(App);

        foreach (var url in StaffPages(c, enrolment.Id))
        {
            var (ok, _) = await staff.GetAsync(url);
            Assert.True(ok.StatusCode == HttpStatusCode.OK, $"staff {url}: {(int)ok.StatusCode}");

            var (refused, html) = await learnerSession.GetAsync(url);
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden
                        || (refused.StatusCode == HttpStatusCode.Redirect && refused.Headers.Location!.OriginalString.Contains("/account/denied")),
                $"participant {url}: {(int)refused.StatusCode}");
            Assert.DoesNotContain("Which protocols", html);

            var (away, _) = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, away.StatusCode);
            Assert.StartsWith("/account/sign-in", away.Headers.Location!.PathAndQuery);
        }

        // A participant's form post changes nothing either.
        var post = await learnerSession.PostFormAsync($"{Base(c)}/banks", new() { ["Name"] = "Hijacked" }, formUrl: $"/learn/quizzes/{c.Quiz.Id}");
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        Assert.False(await App.Db(db => db.QuestionBanks.AnyAsync(x => x.Name == "Hijacked", Ct)));
    }

    [Fact]
    public async Task Pages_of_an_unknown_course_or_of_another_courses_quiz_are_not_found()
    {
        var c = await CourseTestData.CourseAsync(App);
        var other = await CourseTestData.CourseAsync(App);
        var (staff, _) = await StaffAsync();
        foreach (var url in new[]
        {
            "/courses/manage/999999/banks", "/courses/manage/999999/quizzes", $"{Base(c)}/quizzes/{other.Quiz.Id}",
            $"{Base(c)}/quizzes/{other.Quiz.Id}/learners", $"{Base(c)}/banks/{c.Bank.Id}/questions/999999",
        })
        {
            var (response, _) = await staff.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url}: {(int)response.StatusCode}");
        }
    }
}
