using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Nexus.Tests.Pages;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Courses;
using Nexus.Web.Features.Courses.Quizzes;
using static Nexus.Tests.Courses.QuizTestData;

namespace Nexus.Tests.Courses;

/// <summary>
/// The learner's quiz pages through HTTP, as a browser without JavaScript uses them: the overview, the answer form
/// (save, submit), the review; and what others and bad input get.
/// </summary>
public partial class QuizPagesTests(SqliteAppWithClock fixture) : IClassFixture<SqliteAppWithClock>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private AppFactory App => fixture.App;

    private static string Text(string html) => WebUtility.HtmlDecode(html);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    private static async Task<string> TokenAsync(PageSession session, string url)
    {
        var (_, html) = await session.GetAsync(url);
        var m = TokenPattern().Match(html);
        Assert.True(m.Success, $"No form token on {url}");
        return WebUtility.HtmlDecode(m.Groups[1].Value);
    }

    /// <summary>Posts fields (a name may repeat, as checkboxes do) with a token read earlier.</summary>
    private static Task<HttpResponseMessage> PostAsync(PageSession session, string url, string token, IEnumerable<(string Name, string Value)> fields) =>
        session.Client.PostAsync(url, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new("__RequestVerificationToken", token))), Ct);

    /// <summary>The form fields a learner fills in to give these responses.</summary>
    private static IEnumerable<(string, string)> Fields(QuizAttempt attempt, IReadOnlyDictionary<int, QuizResponse?> responses)
    {
        foreach (var a in attempt.Answers)
        {
            if (responses.GetValueOrDefault(a.QuestionId) is not { } r) continue;
            var name = QuizForms.FieldId(a.QuestionId);
            foreach (var id in r.Options ?? []) yield return (name, id.ToString());
            if (r.Value is { } v) yield return (name, v ? "true" : "false");
            if (r.Text is { } t) yield return (name, t);
            foreach (var (item, match) in r.Pairs ?? new Dictionary<int, int>()) yield return (QuizForms.PairField(a.QuestionId, item), match.ToString());
        }
    }

    private async Task<(CourseTestData.Built Course, PageSession Session, int RegistrationId, long AttemptId)> StartedAsync(Action<Quiz>? settings = null)
    {
        var c = await CourseTestData.CourseAsync(App);
        if (settings is not null) await SetAsync(App, c.Quiz.Id, settings);
        var (session, _, enrolment) = await CourseTestData.LearnerAsync(App, c.Run);
        var start = await session.PostFormAsync($"/learn/quizzes/{c.Quiz.Id}?handler=Start", []);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var id = long.Parse(start.Headers.Location!.OriginalString.Split('/').Last());
        return (c, session, enrolment.Id, id);
    }

    [Fact]
    public async Task Passing_the_last_required_quiz_completes_the_course_and_issues_the_certificate()
    {
        var c = await CourseTestData.CourseAsync(App, modules: 2, minAttendancePercent: 50);
        var (session, _, enrolment) = await CourseTestData.LearnerAsync(App, c.Run);
        await ProgressTestData.AttendAsync(App, c.Sessions[0].Id, enrolment.Id);
        var start = await session.PostFormAsync($"/learn/quizzes/{c.Quiz.Id}?handler=Start", []);
        var attemptUrl = start.Headers.Location!.OriginalString;
        var attemptId = long.Parse(attemptUrl.Split('/').Last());
        var token = await TokenAsync(session, attemptUrl);
        var attempt = await AttemptAsync(App, attemptId);

        // A failed attempt leaves the course incomplete; the retake that passes completes it.
        await PostAsync(session, $"{attemptUrl}?handler=Submit", token, Fields(attempt, await WrongAsync(App, attemptId)));
        Assert.False(await App.Db(db => db.CourseCompletions.AnyAsync(x => x.RegistrationId == enrolment.Id, Ct)));

        var retake = await session.PostFormAsync($"/learn/quizzes/{c.Quiz.Id}?handler=Start", []);
        var retakeUrl = retake.Headers.Location!.OriginalString;
        var retakeId = long.Parse(retakeUrl.Split('/').Last());
        Assert.NotEqual(attemptId, retakeId);
        token = await TokenAsync(session, retakeUrl);
        await PostAsync(session, $"{retakeUrl}?handler=Submit", token, Fields(await AttemptAsync(App, retakeId), await RightAsync(App, retakeId)));

        var completion = await App.Db(db => db.CourseCompletions.SingleAsync(x => x.RegistrationId == enrolment.Id, Ct));
        Assert.Equal(50m, completion.AttendancePercent);
        Assert.NotNull(completion.CertificateCode);
        var certificate = await App.Db(db => db.Certificates.SingleAsync(x => x.Code == completion.CertificateCode, Ct));
        Assert.Equal(c.Run.Id, certificate.CourseRunId);
        Assert.Equal(c.Course.Title, certificate.Title);
    }

    [Fact]
    public async Task A_learner_takes_the_quiz_end_to_end_through_the_forms()
    {
        var c = await CourseTestData.CourseAsync(App);
        var (session, _, enrolment) = await CourseTestData.LearnerAsync(App, c.Run);
        var quizUrl = $"/learn/quizzes/{c.Quiz.Id}";

        var (overview, overviewHtml) = await session.GetAsync(quizUrl);
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        Assert.Contains("Check your understanding", overviewHtml);
        Assert.Contains("Start the quiz", overviewHtml);

        var start = await session.PostFormAsync($"{quizUrl}?handler=Start", []);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var attemptUrl = start.Headers.Location!.OriginalString;
        Assert.Matches(@"^/learn/attempts/\d+$", attemptUrl);
        var attemptId = long.Parse(attemptUrl.Split('/').Last());

        var (page, html) = await session.GetAsync(attemptUrl);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Which protocols supplement the Palermo Convention?", Text(html));
        Assert.Contains("Question 4 of 4", html);
        Assert.DoesNotContain("quiz-timer", html); // untimed

        // Save two answers, come back, see them kept.
        var attempt = await AttemptAsync(App, attemptId);
        var right = await RightAsync(App, attemptId);
        var tf = attempt.Answers.Single(a => a.Question!.Kind == QuestionKind.TrueFalse).QuestionId;
        var sa = attempt.Answers.Single(a => a.Question!.Kind == QuestionKind.ShortAnswer).QuestionId;
        var token = TokenPattern().Match(html).Groups[1].Value;
        token = WebUtility.HtmlDecode(token);
        var save = await PostAsync(session, $"{attemptUrl}?handler=Save", token,
            Fields(attempt, new Dictionary<int, QuizResponse?> { [tf] = right[tf], [sa] = new QuizResponse { Text = "  unhcr " } }));
        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        Assert.Equal(attemptUrl, save.Headers.Location!.OriginalString);
        var (_, saved) = await session.GetAsync(attemptUrl);
        Assert.Contains("Your answers are saved.", saved);
        Assert.Matches($"id=\"q{tf}-true\" value=\"true\" checked", saved);
        Assert.Contains("value=\"unhcr\"", saved);

        // Submit every answer right.
        var submit = await PostAsync(session, $"{attemptUrl}?handler=Submit", token, Fields(attempt, right));
        Assert.Equal(HttpStatusCode.Redirect, submit.StatusCode);
        Assert.Equal($"{attemptUrl}/review", submit.Headers.Location!.OriginalString);

        var (review, reviewHtml) = await session.GetAsync($"{attemptUrl}/review");
        Assert.Equal(HttpStatusCode.OK, review.StatusCode);
        var reviewText = Text(reviewHtml);
        Assert.Contains("Your attempt is submitted.", reviewText);
        Assert.Contains("Passed", reviewText);
        Assert.Contains("Score: 4 of 4 points (100%). Pass mark: 50%.", reviewText);
        Assert.Contains("The 1990 Convention covers all migrant workers and members of their families.", reviewText); // explanation

        // The answer page now shows the review; the overview shows the grade and offers a retake.
        var (again, _) = await session.GetAsync(attemptUrl);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var (_, after) = await session.GetAsync(quizUrl);
        Assert.Contains("100% · Passed", Text(after));
        Assert.Contains("Start a new attempt", after);

        var stored = await App.Db(db => db.QuizAttempts.AsNoTracking().SingleAsync(a => a.RegistrationId == enrolment.Id, Ct));
        Assert.Equal(AttemptStatus.Submitted, stored.Status);
        Assert.Equal(100m, stored.Percent);
    }

    [Fact]
    public async Task A_question_corrected_after_grading_leaves_the_graded_attempt_as_it_was_asked()
    {
        var (c, session, registrationId, id) = await StartedAsync();
        var attempt = await AttemptAsync(App, id);
        var token = await TokenAsync(session, $"/learn/attempts/{id}");
        await PostAsync(session, $"/learn/attempts/{id}?handler=Submit", token, Fields(attempt, await RightAsync(App, id)));
        var asked = attempt.Answers.First(a => a.Question!.Kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice).Question!;
        var right = asked.Options.Where(o => o.Correct).Select(o => o.Text).ToList();

        // Staff then correct the question: new wording and explanation, the other options right, every option renamed.
        await App.Db(async db =>
        {
            var q = await db.Questions.Include(x => x.Options).SingleAsync(x => x.Id == asked.Id, Ct);
            q.Text = "A reworded question";
            q.Explanation = "A new explanation.";
            foreach (var o in q.Options) (o.Correct, o.Text) = (!o.Correct, o.Text + " (edited)");
            return await db.SaveChangesAsync(Ct);
        });

        // The learner's review and the staff's record show what was asked and what counted as right then.
        var (_, review) = await session.GetAsync($"/learn/attempts/{id}/review");
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var (_, record) = await staff.GetAsync($"/courses/manage/{c.Course.Id}/quizzes/{c.Quiz.Id}/learners/{registrationId}");
        foreach (var html in new[] { Text(review), Text(record) })
        {
            Assert.Contains(asked.Text, html);
            Assert.DoesNotContain("A reworded question", html);
            Assert.DoesNotContain("(edited)", html);
            Assert.DoesNotContain("A new explanation.", html);
            var words = Regex.Replace(Regex.Replace(html, "<[^>]+>", " "), @"\s+", " ");
            foreach (var text in right) Assert.Contains($"{text} · your choice · a right answer", words);
        }
        Assert.Contains("Score: 4 of 4 points (100%)", Text(review));

        // A new attempt asks the question as it is now.
        var start = await session.PostFormAsync($"/learn/quizzes/{c.Quiz.Id}?handler=Start", []);
        var (_, next) = await session.GetAsync(start.Headers.Location!.OriginalString);
        Assert.Contains("A reworded question", Text(next));
    }

    [Fact]
    public async Task Staff_regrade_the_attempts_that_answered_a_corrected_question()
    {
        var (c, session, _, id) = await StartedAsync();
        var attempt = await AttemptAsync(App, id);
        var token = await TokenAsync(session, $"/learn/attempts/{id}");
        await PostAsync(session, $"/learn/attempts/{id}?handler=Submit", token, Fields(attempt, await RightAsync(App, id)));
        var asked = attempt.Answers.First(a => a.Question!.Kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice).Question!;
        Assert.Equal(100m, (await AttemptAsync(App, id)).Percent);

        // The right answer was wrong: staff correct it (the learner's choices are now all wrong), then regrade.
        await App.Db(async db =>
        {
            foreach (var o in await db.QuestionOptions.Where(o => o.QuestionId == asked.Id).ToListAsync(Ct)) o.Correct = !o.Correct;
            return await db.SaveChangesAsync(Ct);
        });
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var url = $"/courses/manage/{c.Course.Id}/banks/{c.Bank.Id}/questions/{asked.Id}";
        var (_, form) = await staff.GetAsync(url);
        Assert.Contains("Regrade the graded attempts", form);

        var regrade = await staff.PostFormAsync(url + "?handler=Regrade", []);

        Assert.Equal(HttpStatusCode.Redirect, regrade.StatusCode);
        var (_, after) = await staff.GetAsync(regrade.Headers.Location!.OriginalString);
        Assert.Contains("1 graded attempts regraded; 1 grades changed.", Text(after));
        var graded = await AttemptAsync(App, id);
        Assert.Equal((3m, 4m, 75m, true), (graded.Score, graded.MaxScore, graded.Percent, graded.Passed));
        Assert.Equal(0m, graded.Answers.Single(a => a.QuestionId == asked.Id).Score);
        var (_, review) = await session.GetAsync($"/learn/attempts/{id}/review");
        Assert.Contains("Score: 3 of 4 points (75%)", Text(review));

        // Again: nothing left to change.
        var again = await staff.PostFormAsync(url + "?handler=Regrade", []);
        var (_, second) = await staff.GetAsync(again.Headers.Location!.OriginalString);
        Assert.Contains("1 graded attempts regraded; 0 grades changed.", Text(second));
    }

    [Fact]
    public async Task A_review_without_feedback_shows_the_grade_but_not_the_right_answers()
    {
        var (_, session, _, id) = await StartedAsync(q => q.ShowFeedback = false);
        var token = await TokenAsync(session, $"/learn/attempts/{id}");
        await PostAsync(session, $"/learn/attempts/{id}?handler=Submit", token, []);

        var (_, html) = await session.GetAsync($"/learn/attempts/{id}/review");

        Assert.Contains("Not passed", html);
        Assert.Contains("This quiz does not show the right answers.", html);
        Assert.DoesNotContain("The 1990 Convention covers all migrant workers", html);
    }

    [Fact]
    public async Task A_timed_attempt_shows_its_deadline_and_the_countdown_script()
    {
        var (_, session, _, id) = await StartedAsync(q => q.TimeLimitMinutes = 15);
        var deadline = (await AttemptAsync(App, id)).DeadlineAt!.Value;

        var (_, html) = await session.GetAsync($"/learn/attempts/{id}");

        Assert.Contains($"data-deadline=\"{AttemptView.Iso(deadline)}\"", html);
        Assert.Contains("About 15 minutes left.", html);
        Assert.Contains("/js/quiz-timer.js", html);
        Assert.Contains("data-submit", html);
    }

    [Fact]
    public async Task A_submission_through_the_form_after_the_time_limit_is_closed_with_the_saved_answers()
    {
        var (_, session, _, id) = await StartedAsync(q => q.TimeLimitMinutes = 1);
        var attempt = await AttemptAsync(App, id);
        var token = await TokenAsync(session, $"/learn/attempts/{id}");
        App.Clock!.Advance(TimeSpan.FromMinutes(2));

        var late = await PostAsync(session, $"/learn/attempts/{id}?handler=Submit", token, Fields(attempt, await RightAsync(App, id)));

        Assert.Equal(HttpStatusCode.Redirect, late.StatusCode);
        var (_, review) = await session.GetAsync(late.Headers.Location!.OriginalString);
        Assert.Contains("Time was up: the attempt was graded on the answers saved before the deadline.", Text(review));
        Assert.Contains("Score: 0 of 4 points (0%)", Text(review));
        Assert.Equal(AttemptStatus.TimedOut, (await AttemptAsync(App, id)).Status);
    }

    [Fact]
    public async Task A_double_click_on_submit_shows_the_same_result_twice_and_grades_once()
    {
        var (_, session, _, id) = await StartedAsync();
        var attempt = await AttemptAsync(App, id);
        var token = await TokenAsync(session, $"/learn/attempts/{id}");
        var fields = Fields(attempt, await RightAsync(App, id)).ToList();

        var clicks = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => PostAsync(session, $"/learn/attempts/{id}?handler=Submit", token, fields)));

        Assert.All(clicks, r =>
        {
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
            Assert.Equal($"/learn/attempts/{id}/review", r.Headers.Location!.OriginalString);
        });
        var (_, first) = await session.GetAsync($"/learn/attempts/{id}/review");
        var (_, second) = await session.GetAsync($"/learn/attempts/{id}/review");
        Assert.Contains("Score: 4 of 4 points (100%)", Text(first));
        Assert.Contains("Score: 4 of 4 points (100%)", Text(second));
        Assert.Equal(1, await App.Db(db => db.QuizAttempts.CountAsync(a => a.Id == id && a.Status == AttemptStatus.Submitted, Ct)));
    }

    [Fact]
    public async Task Another_learners_attempt_is_not_found_on_every_page_and_every_post()
    {
        var (c, owner, _, id) = await StartedAsync();
        var (other, _, _) = await CourseTestData.LearnerAsync(App, c.Run);
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var token = await TokenAsync(other, $"/learn/quizzes/{c.Quiz.Id}");
        var attempt = await AttemptAsync(App, id);

        foreach (var session in new[] { other, staff })
        {
            foreach (var url in new[] { $"/learn/attempts/{id}", $"/learn/attempts/{id}/review" })
            {
                var (response, html) = await session.GetAsync(url);
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url}: {(int)response.StatusCode}");
                Assert.DoesNotContain("Which protocols", html);
            }
        }
        foreach (var handler in new[] { "Save", "Submit" })
        {
            var response = await PostAsync(other, $"/learn/attempts/{id}?handler={handler}", token, Fields(attempt, await WrongAsync(App, id)));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        var stored = await AttemptAsync(App, id);
        Assert.Equal(AttemptStatus.InProgress, stored.Status);
        Assert.All(stored.Answers, a => Assert.Null(a.Response));
        // The owner still gets in.
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/learn/attempts/{id}")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/learn/attempts/999999999")).Response.StatusCode);
    }

    [Fact]
    public async Task The_quiz_page_is_not_found_for_someone_not_enrolled_and_for_an_unpublished_quiz()
    {
        var c = await CourseTestData.CourseAsync(App);
        var (outsider, _) = await PageSession.SignedInAsync(App, Roles.Participant);
        var (pending, _, _) = await CourseTestData.LearnerAsync(App, c.Run, Nexus.Web.Features.Registrations.RegistrationStatus.Pending);
        var (learner, _, _) = await CourseTestData.LearnerAsync(App, c.Run);

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/learn/quizzes/{c.Quiz.Id}")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await pending.GetAsync($"/learn/quizzes/{c.Quiz.Id}")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await learner.GetAsync($"/learn/quizzes/{c.Quiz.Id}")).Response.StatusCode);

        await SetAsync(App, c.Quiz.Id, q => q.Published = false);
        Assert.Equal(HttpStatusCode.NotFound, (await learner.GetAsync($"/learn/quizzes/{c.Quiz.Id}")).Response.StatusCode);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        var (c, _, _, id) = await StartedAsync();
        var anonymous = PageSession.Anonymous(App);
        foreach (var url in new[] { $"/learn/quizzes/{c.Quiz.Id}", $"/learn/attempts/{id}", $"/learn/attempts/{id}/review" })
        {
            var (response, html) = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/sign-in", response.Headers.Location!.PathAndQuery);
            Assert.DoesNotContain("Which protocols", html);
        }
    }

    [Fact]
    public async Task A_tampered_option_id_is_refused_naming_the_question_and_nothing_is_stored()
    {
        var (_, session, _, id) = await StartedAsync();
        var attempt = await AttemptAsync(App, id);
        var single = attempt.Answers.Single(a => a.Question!.Kind == QuestionKind.SingleChoice).QuestionId;
        var token = await TokenAsync(session, $"/learn/attempts/{id}");

        foreach (var (value, handler) in new[] { ("999999", "Save"), ("<script>alert(1)</script>", "Submit"), ("-3", "Save") })
        {
            var fields = Fields(attempt, await RightAsync(App, id)).Where(f => f.Item1 != QuizForms.FieldId(single)).Append((QuizForms.FieldId(single), value));
            var response = await PostAsync(session, $"/learn/attempts/{id}?handler={handler}", token, fields);
            var html = await response.Content.ReadAsStringAsync(Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("An option that is not part of this question was sent.", html);
            Assert.Contains($"href=\"#q{single}\"", html);
            Assert.DoesNotContain("<script>alert(1)", html);
        }
        var stored = await AttemptAsync(App, id);
        Assert.Equal(AttemptStatus.InProgress, stored.Status);
        Assert.All(stored.Answers, a => Assert.Null(a.Response));
    }

    [Fact]
    public async Task Two_options_posted_for_a_single_choice_and_a_huge_short_answer_are_refused_without_a_server_error()
    {
        var (_, session, _, id) = await StartedAsync();
        var attempt = await AttemptAsync(App, id);
        var single = attempt.Answers.Single(a => a.Question!.Kind == QuestionKind.SingleChoice).Question!;
        var sa = attempt.Answers.Single(a => a.Question!.Kind == QuestionKind.ShortAnswer).QuestionId;
        var token = await TokenAsync(session, $"/learn/attempts/{id}");

        var response = await PostAsync(session, $"/learn/attempts/{id}?handler=Submit", token,
        [
            (QuizForms.FieldId(single.Id), single.Options[0].Id.ToString()), (QuizForms.FieldId(single.Id), single.Options[1].Id.ToString()),
            (QuizForms.FieldId(sa), new string('x', 100_000)),
        ]);

        var html = Text(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Choose one option.", html);
        Assert.Contains($"At most {QuizGrading.MaxTextLength} characters.", html);
        Assert.DoesNotContain(new string('x', QuizGrading.MaxTextLength + 1), html);
        Assert.Equal(AttemptStatus.InProgress, (await AttemptAsync(App, id)).Status);
    }

    [Fact]
    public async Task A_learner_with_no_attempts_left_is_told_so_and_cannot_start_another()
    {
        var (c, session, registrationId, id) = await StartedAsync(q => q.MaxAttempts = 1);
        var token = await TokenAsync(session, $"/learn/attempts/{id}");
        await PostAsync(session, $"/learn/attempts/{id}?handler=Submit", token, []);

        var (_, overview) = await session.GetAsync($"/learn/quizzes/{c.Quiz.Id}");
        Assert.Contains("You have no attempts left at this quiz.", overview);
        Assert.DoesNotContain("Start a new attempt", overview);
        var forced = await PostAsync(session, $"/learn/quizzes/{c.Quiz.Id}?handler=Start", token, []);
        Assert.Equal(HttpStatusCode.Conflict, forced.StatusCode);
        Assert.Equal(1, await App.Db(db => db.QuizAttempts.CountAsync(a => a.RegistrationId == registrationId, Ct)));
    }

    [Fact]
    public async Task Markup_in_a_question_and_its_options_is_shown_as_text()
    {
        var (c, session, _, id) = await StartedAsync();
        await App.Db(async db =>
        {
            var q = await db.Questions.Include(x => x.Options).SingleAsync(x => x.BankId == c.Bank.Id && x.Kind == QuestionKind.SingleChoice, Ct);
            q.Text = "Which one? <script>alert('q')</script>";
            q.Options[0].Text = "<img src=x onerror=alert(1)>";
            return await db.SaveChangesAsync(Ct);
        });

        var (_, html) = await session.GetAsync($"/learn/attempts/{id}");

        Assert.DoesNotContain("<script>alert('q')", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html);
    }
}
