using Microsoft.EntityFrameworkCore;
using Nexus.Web.Features.Courses;
using Nexus.Web.Features.Courses.Quizzes;
using Nexus.Web.Features.Registrations;
using static Nexus.Tests.Courses.QuizTestData;

namespace Nexus.Tests.Courses;

/// <summary>
/// Taking a quiz through <see cref="QuizService"/> on SQLite, with a clock the tests move: starting and resuming,
/// attempt limits and overrides, saving, submitting, time limits, and the grades other slices read.
/// </summary>
public class QuizServiceTests(SqliteAppWithClock fixture) : IClassFixture<SqliteAppWithClock>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private AppFactory App => fixture.App;

    private async Task<(CourseTestData.Built Course, Registration Learner)> SetupAsync(Action<Quiz>? settings = null,
        RegistrationStatus status = RegistrationStatus.Confirmed)
    {
        var course = await CourseTestData.CourseAsync(App);
        if (settings is not null) await SetAsync(App, course.Quiz.Id, settings);
        var learner = await CourseTestData.EnrolAsync(App, course.Run, TestData.UniqueEmail(), status: status);
        return (course, learner);
    }

    private void Advance(TimeSpan by) => App.Clock!.Advance(by);

    // ---- starting ------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Start_draws_every_question_of_the_bank_in_a_new_numbered_attempt()
    {
        var (c, learner) = await SetupAsync(q => q.TimeLimitMinutes = 20);

        var result = await StartAsync(App, c.Quiz.Id, learner.Id);

        Assert.Equal(StartOutcome.Started, result.Outcome);
        var attempt = await AttemptAsync(App, result.AttemptId!.Value);
        Assert.Equal(1, attempt.Number);
        Assert.Equal(AttemptStatus.InProgress, attempt.Status);
        Assert.Equal(4, attempt.Answers.Count);
        Assert.Equal([1, 2, 3, 4], attempt.Answers.Select(a => a.Order).Order());
        Assert.Equal(4m, attempt.MaxScore);
        Assert.Equal(attempt.StartedAt.AddMinutes(20), attempt.DeadlineAt);
        // choice questions remember the order their options were shown in
        Assert.All(attempt.Answers.Where(a => a.Question!.Kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice),
            a => Assert.Equal(a.Question!.Options.Select(o => o.Id).Order(), QuizGrading.ParseOrder(a.OptionOrder).Order()));
    }

    [Fact]
    public async Task Start_resumes_the_attempt_in_progress_instead_of_starting_a_second()
    {
        var (c, learner) = await SetupAsync();
        var first = await StartAsync(App, c.Quiz.Id, learner.Id);

        var again = await StartAsync(App, c.Quiz.Id, learner.Id);

        Assert.Equal(StartOutcome.Resumed, again.Outcome);
        Assert.Equal(first.AttemptId, again.AttemptId);
        Assert.Equal(1, await App.Db(db => db.QuizAttempts.CountAsync(a => a.RegistrationId == learner.Id, Ct)));
    }

    [Fact]
    public async Task Starts_at_the_same_moment_from_several_tabs_make_one_attempt_and_all_get_it()
    {
        var (c, _) = await SetupAsync();
        // Several learners, eight tabs each, to give the race between reading and inserting a chance to show.
        for (var round = 0; round < 6; round++)
        {
            var learner = await CourseTestData.EnrolAsync(App, c.Run, TestData.UniqueEmail());
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var starts = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
            {
                await gate.Task;
                return await StartAsync(App, c.Quiz.Id, learner.Id);
            }, Ct)).ToList();
            gate.SetResult();
            var results = await Task.WhenAll(starts);

            Assert.Single(results.Select(r => r.AttemptId).Distinct());
            Assert.All(results, r => Assert.True(r.Outcome is StartOutcome.Started or StartOutcome.Resumed, r.Outcome.ToString()));
            Assert.Equal(1, await App.Db(db => db.QuizAttempts.CountAsync(a => a.RegistrationId == learner.Id, Ct)));
        }
    }

    [Theory]
    [InlineData(RegistrationStatus.Pending)]
    [InlineData(RegistrationStatus.Waitlisted)]
    [InlineData(RegistrationStatus.Cancelled)]
    public async Task A_learner_whose_enrolment_is_not_active_cannot_start(RegistrationStatus status)
    {
        var (c, learner) = await SetupAsync(status: status);
        Assert.Equal(StartOutcome.NotEnrolled, (await StartAsync(App, c.Quiz.Id, learner.Id)).Outcome);
        Assert.Equal(0, await App.Db(db => db.QuizAttempts.CountAsync(a => a.RegistrationId == learner.Id, Ct)));
    }

    [Fact]
    public async Task A_learner_of_another_course_cannot_start()
    {
        var (c, _) = await SetupAsync();
        var other = await CourseTestData.CourseAsync(App);
        var stranger = await CourseTestData.EnrolAsync(App, other.Run, TestData.UniqueEmail());
        Assert.Equal(StartOutcome.NotEnrolled, (await StartAsync(App, c.Quiz.Id, stranger.Id)).Outcome);
    }

    [Fact]
    public async Task An_unpublished_quiz_cannot_be_started()
    {
        var (c, learner) = await SetupAsync(q => q.Published = false);
        Assert.Equal(StartOutcome.NotFound, (await StartAsync(App, c.Quiz.Id, learner.Id)).Outcome);
    }

    [Fact]
    public async Task A_quiz_whose_questions_are_all_retired_cannot_be_started()
    {
        var (c, learner) = await SetupAsync();
        await App.Db(db => db.Questions.Where(q => q.BankId == c.Bank.Id).ExecuteUpdateAsync(s => s.SetProperty(q => q.Retired, true), Ct));
        Assert.Equal(StartOutcome.NoQuestions, (await StartAsync(App, c.Quiz.Id, learner.Id)).Outcome);
    }

    // ---- retakes and overrides -------------------------------------------------------------------------------------

    [Fact]
    public async Task Retakes_are_numbered_and_stop_at_the_attempt_limit()
    {
        var (c, learner) = await SetupAsync(q => q.MaxAttempts = 2);
        for (var n = 1; n <= 2; n++)
        {
            var start = await StartAsync(App, c.Quiz.Id, learner.Id);
            Assert.Equal(StartOutcome.Started, start.Outcome);
            Assert.Equal(n, (await AttemptAsync(App, start.AttemptId!.Value)).Number);
            Assert.Equal(SubmitOutcome.Graded, (await SubmitAsync(App, start.AttemptId.Value, learner.Id, null)).Outcome);
        }

        Assert.Equal(StartOutcome.NoAttemptsLeft, (await StartAsync(App, c.Quiz.Id, learner.Id)).Outcome);
    }

    [Fact]
    public async Task An_override_with_an_extra_attempt_allows_one_more_retake()
    {
        var (c, learner) = await SetupAsync(q => q.MaxAttempts = 1);
        var first = await StartAsync(App, c.Quiz.Id, learner.Id);
        await SubmitAsync(App, first.AttemptId!.Value, learner.Id, null);
        Assert.Equal(StartOutcome.NoAttemptsLeft, (await StartAsync(App, c.Quiz.Id, learner.Id)).Outcome);

        await App.Db(db =>
        {
            db.QuizOverrides.Add(new QuizOverride { QuizId = c.Quiz.Id, RegistrationId = learner.Id, ExtraAttempts = 1, Note = "Connection lost" });
            return db.SaveChangesAsync(Ct);
        });

        var second = await StartAsync(App, c.Quiz.Id, learner.Id);
        Assert.Equal(StartOutcome.Started, second.Outcome);
        await SubmitAsync(App, second.AttemptId!.Value, learner.Id, null);
        Assert.Equal(StartOutcome.NoAttemptsLeft, (await StartAsync(App, c.Quiz.Id, learner.Id)).Outcome);
    }

    [Fact]
    public async Task An_override_with_extra_minutes_extends_the_deadline_of_the_next_attempt()
    {
        var (c, learner) = await SetupAsync(q => q.TimeLimitMinutes = 10);
        await App.Db(db =>
        {
            db.QuizOverrides.Add(new QuizOverride { QuizId = c.Quiz.Id, RegistrationId = learner.Id, ExtraMinutes = 15 });
            return db.SaveChangesAsync(Ct);
        });

        var start = await StartAsync(App, c.Quiz.Id, learner.Id);
        var attempt = await AttemptAsync(App, start.AttemptId!.Value);
        Assert.Equal(attempt.StartedAt.AddMinutes(25), attempt.DeadlineAt);

        // 20 minutes in: late for the quiz's limit, in time with the extra minutes
        Advance(TimeSpan.FromMinutes(20));
        var submitted = await SubmitAsync(App, attempt.Id, learner.Id, await RightAsync(App, attempt.Id));
        Assert.Equal(SubmitOutcome.Graded, submitted.Outcome);
        Assert.Equal(100m, submitted.Attempt!.Percent);
    }

    // ---- saving and submitting -------------------------------------------------------------------------------------

    [Fact]
    public async Task Saved_answers_are_graded_when_the_attempt_is_submitted_without_new_ones()
    {
        var (c, learner) = await SetupAsync();
        var start = await StartAsync(App, c.Quiz.Id, learner.Id);
        var id = start.AttemptId!.Value;

        Assert.Equal(SaveOutcome.Saved, (await SaveAsync(App, id, learner.Id, await RightAsync(App, id))).Outcome);
        var result = await SubmitAsync(App, id, learner.Id, null);

        Assert.Equal(SubmitOutcome.Graded, result.Outcome);
        var stored = await AttemptAsync(App, id);
        Assert.Equal(AttemptStatus.Submitted, stored.Status);
        Assert.Equal(4m, stored.Score);
        Assert.Equal(100m, stored.Percent);
        Assert.True(stored.Passed);
        Assert.NotNull(stored.SubmittedAt);
        Assert.All(stored.Answers, a => Assert.Equal(1m, a.Score));
    }

    [Fact]
    public async Task Submitted_answers_replace_the_saved_ones_and_a_wrong_attempt_fails()
    {
        var (c, learner) = await SetupAsync();
        var id = (await StartAsync(App, c.Quiz.Id, learner.Id)).AttemptId!.Value;
        await SaveAsync(App, id, learner.Id, await RightAsync(App, id));

        var result = await SubmitAsync(App, id, learner.Id, await WrongAsync(App, id));

        Assert.Equal(SubmitOutcome.Graded, result.Outcome);
        Assert.Equal(0m, result.Attempt!.Score);
        Assert.Equal(0m, result.Attempt.Percent);
        Assert.False(result.Attempt.Passed);
    }

    [Fact]
    public async Task An_attempt_submitted_empty_is_graded_zero()
    {
        var (c, learner) = await SetupAsync();
        var id = (await StartAsync(App, c.Quiz.Id, learner.Id)).AttemptId!.Value;
        var result = await SubmitAsync(App, id, learner.Id, new Dictionary<int, QuizResponse?>());
        Assert.Equal(SubmitOutcome.Graded, result.Outcome);
        Assert.Equal(0m, result.Attempt!.Percent);
        Assert.All((await AttemptAsync(App, id)).Answers, a => Assert.Null(a.Response));
    }

    [Fact]
    public async Task Submitting_an_attempt_again_returns_the_first_grade_unchanged()
    {
        var (c, learner) = await SetupAsync();
        var id = (await StartAsync(App, c.Quiz.Id, learner.Id)).AttemptId!.Value;
        var first = await SubmitAsync(App, id, learner.Id, await RightAsync(App, id));
        Advance(TimeSpan.FromMinutes(1));

        var second = await SubmitAsync(App, id, learner.Id, await WrongAsync(App, id));

        Assert.Equal(SubmitOutcome.AlreadyClosed, second.Outcome);
        Assert.Equal(first.Attempt!.Percent, second.Attempt!.Percent);
        Assert.Equal(first.Attempt.SubmittedAt, second.Attempt.SubmittedAt);
        Assert.Equal(100m, (await AttemptAsync(App, id)).Percent);
    }

    [Fact]
    public async Task Saving_after_submission_is_refused_and_changes_nothing()
    {
        var (c, learner) = await SetupAsync();
        var id = (await StartAsync(App, c.Quiz.Id, learner.Id)).AttemptId!.Value;
        await SubmitAsync(App, id, learner.Id, await RightAsync(App, id));

        Assert.Equal(SaveOutcome.Closed, (await SaveAsync(App, id, learner.Id, await WrongAsync(App, id))).Outcome);
        Assert.Equal(100m, (await AttemptAsync(App, id)).Percent);
    }

    [Fact]
    public async Task A_save_with_an_option_of_another_question_is_refused_whole_and_stores_nothing()
    {
        var (c, learner) = await SetupAsync();
        var id = (await StartAsync(App, c.Quiz.Id, learner.Id)).AttemptId!.Value;
        var responses = await RightAsync(App, id);
        var single = (await AttemptAsync(App, id)).Answers.Single(a => a.Question!.Kind == QuestionKind.SingleChoice);
        var multiple = (await AttemptAsync(App, id)).Answers.Single(a => a.Question!.Kind == QuestionKind.MultipleChoice);
        responses[single.QuestionId] = new QuizResponse { Options = [multiple.Question!.Options[0].Id] };

        var result = await SaveAsync(App, id, learner.Id, responses);

        Assert.Equal(SaveOutcome.Invalid, result.Outcome);
        Assert.Contains(QuizForms.FieldId(single.QuestionId), result.Errors!.ToDictionary().Keys);
        Assert.All((await AttemptAsync(App, id)).Answers, a => Assert.Null(a.Response));
    }

    [Fact]
    public async Task A_huge_short_answer_is_refused_and_responses_to_questions_not_drawn_are_ignored()
    {
        var (c, learner) = await SetupAsync();
        var id = (await StartAsync(App, c.Quiz.Id, learner.Id)).AttemptId!.Value;
        var shortAnswer = (await AttemptAsync(App, id)).Answers.Single(a => a.Question!.Kind == QuestionKind.ShortAnswer);

        var huge = await SaveAsync(App, id, learner.Id, new Dictionary<int, QuizResponse?> { [shortAnswer.QuestionId] = new() { Text = new string('a', 200_000) } });
        var stray = await SaveAsync(App, id, learner.Id, new Dictionary<int, QuizResponse?> { [int.MaxValue] = new() { Text = "x" } });

        Assert.Equal(SaveOutcome.Invalid, huge.Outcome);
        Assert.Equal(SaveOutcome.Saved, stray.Outcome);
        Assert.All((await AttemptAsync(App, id)).Answers, a => Assert.Null(a.Response));
    }

    [Fact]
    public async Task Another_learners_attempt_is_not_found_for_save_and_submit()
    {
        var (c, learner) = await SetupAsync();
        var other = await CourseTestData.EnrolAsync(App, c.Run, TestData.UniqueEmail());
        var id = (await StartAsync(App, c.Quiz.Id, learner.Id)).AttemptId!.Value;

        Assert.Equal(SaveOutcome.NotFound, (await SaveAsync(App, id, other.Id, await RightAsync(App, id))).Outcome);
        Assert.Equal(SubmitOutcome.NotFound, (await SubmitAsync(App, id, other.Id, null)).Outcome);
        Assert.Equal(AttemptStatus.InProgress, (await AttemptAsync(App, id)).Status);
    }

    // ---- time limits -----------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_submission_within_the_grace_after_the_deadline_is_counted()
    {
        var (c, learner) = await SetupAsync(q => q.TimeLimitMinutes = 5);
        var id = (await StartAsync(App, c.Quiz.Id, learner.Id)).AttemptId!.Value;
        Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(20));

        var result = await SubmitAsync(App, id, learner.Id, await RightAsync(App, id));

        Assert.Equal(SubmitOutcome.Graded, result.Outcome);
        Assert.Equal(AttemptStatus.Submitted, result.Attempt!.Status);
        Assert.Equal(100m, result.Attempt.Percent);
    }

    [Fact]
    public async Task A_submission_after_the_time_limit_is_not_counted_and_the_answers_saved_in_time_are_graded()
    {
        var (c, learner) = await SetupAsync(q => q.TimeLimitMinutes = 5);
        var id = (await StartAsync(App, c.Quiz.Id, learner.Id)).AttemptId!.Value;
        var attempt = await AttemptAsync(App, id);
        var tf = attempt.Answers.Single(a => a.Question!.Kind == QuestionKind.TrueFalse);
        // one right answer saved in time
        Advance(TimeSpan.FromMinutes(2));
        await SaveAsync(App, id, learner.Id, new Dictionary<int, QuizResponse?> { [tf.QuestionId] = QuizTestData.Right(tf.Question!) });
        Advance(TimeSpan.FromMinutes(4));

        var late = await SubmitAsync(App, id, learner.Id, await RightAsync(App, id));

        Assert.Equal(SubmitOutcome.TimedOut, late.Outcome);
        var stored = await AttemptAsync(App, id);
        Assert.Equal(AttemptStatus.TimedOut, stored.Status);
        Assert.Equal(stored.DeadlineAt, stored.SubmittedAt);
        Assert.Equal(1m, stored.Score);
        Assert.Equal(25m, stored.Percent);
        Assert.Null(stored.Answers.Single(a => a.Question!.Kind == QuestionKind.ShortAnswer).Response);
    }

    [Fact]
    public async Task A_save_after_the_time_limit_is_refused_and_closes_the_attempt()
    {
        var (c, learner) = await SetupAsync(q => q.TimeLimitMinutes = 5);
        var id = (await StartAsync(App, c.Quiz.Id, learner.Id)).AttemptId!.Value;
        Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(SaveOutcome.Closed, (await SaveAsync(App, id, learner.Id, await RightAsync(App, id))).Outcome);
        var stored = await AttemptAsync(App, id);
        Assert.Equal(AttemptStatus.TimedOut, stored.Status);
        Assert.Equal(0m, stored.Percent);
    }

    [Fact]
    public async Task An_attempt_left_open_past_its_deadline_is_closed_when_the_learner_next_starts_the_quiz()
    {
        var (c, learner) = await SetupAsync(q => { q.TimeLimitMinutes = 5; q.MaxAttempts = 3; });
        var first = (await StartAsync(App, c.Quiz.Id, learner.Id)).AttemptId!.Value;
        await SaveAsync(App, first, learner.Id, await RightAsync(App, first));
        Advance(TimeSpan.FromHours(2));

        var next = await StartAsync(App, c.Quiz.Id, learner.Id);

        Assert.Equal(StartOutcome.Started, next.Outcome);
        Assert.NotEqual(first, next.AttemptId);
        var closed = await AttemptAsync(App, first);
        Assert.Equal(AttemptStatus.TimedOut, closed.Status);
        Assert.Equal(100m, closed.Percent);
        Assert.Equal(2, (await AttemptAsync(App, next.AttemptId!.Value)).Number);
    }

    [Fact]
    public async Task Closing_overdue_attempts_leaves_attempts_in_time_and_untimed_ones_open()
    {
        var (timed, learner) = await SetupAsync(q => q.TimeLimitMinutes = 5);
        var (untimed, learner2) = await SetupAsync();
        var late = (await StartAsync(App, timed.Quiz.Id, learner.Id)).AttemptId!.Value;
        var open = (await StartAsync(App, untimed.Quiz.Id, learner2.Id)).AttemptId!.Value;
        Advance(TimeSpan.FromMinutes(30));

        var closed = await App.With<QuizService, int>(s => s.CloseOverdueAsync(null, [learner.Id, learner2.Id], Ct));

        Assert.Equal(1, closed);
        Assert.Equal(AttemptStatus.TimedOut, (await AttemptAsync(App, late)).Status);
        Assert.Equal(AttemptStatus.InProgress, (await AttemptAsync(App, open)).Status);
    }

    [Fact]
    public async Task The_background_job_closes_an_abandoned_attempt_grades_it_and_completes_the_course()
    {
        // The learner attended, saved right answers in a timed attempt, and closed the tab; nobody opens a page.
        var (c, learner) = await SetupAsync(q => q.TimeLimitMinutes = 5);
        await ProgressTestData.AttendAsync(App, c.Sessions[0].Id, learner.Id);
        var abandoned = (await StartAsync(App, c.Quiz.Id, learner.Id)).AttemptId!.Value;
        await SaveAsync(App, abandoned, learner.Id, await RightAsync(App, abandoned));
        var (other, learner2) = await SetupAsync(q => q.TimeLimitMinutes = 60);
        var inTime = (await StartAsync(App, other.Quiz.Id, learner2.Id)).AttemptId!.Value;
        Advance(TimeSpan.FromMinutes(6));

        var closed = await App.With<OverdueAttempts, int>(j => j.CloseAsync(Ct));

        Assert.True(closed >= 1);
        var graded = await AttemptAsync(App, abandoned);
        Assert.Equal((AttemptStatus.TimedOut, 100m), (graded.Status, graded.Percent));
        Assert.NotNull(graded.Answers[0].GradedQuestion);
        Assert.Equal(AttemptStatus.InProgress, (await AttemptAsync(App, inTime)).Status);
        var completion = await App.Db(db => db.CourseCompletions.SingleAsync(x => x.RegistrationId == learner.Id, Ct));
        Assert.NotNull(completion.CertificateCode);
        // A second run (or another instance) finds nothing more of these to close.
        await App.With<OverdueAttempts, int>(j => j.CloseAsync(Ct));
        Assert.Equal(graded.SubmittedAt, (await AttemptAsync(App, abandoned)).SubmittedAt);
        Assert.Equal(1, await App.Db(db => db.CourseCompletions.CountAsync(x => x.RegistrationId == learner.Id, Ct)));
    }

    // ---- grades for other slices -----------------------------------------------------------------------------------

    [Theory]
    [InlineData(GradeMethod.Highest, 100, true)]
    [InlineData(GradeMethod.Last, 0, false)]
    public async Task BestByQuiz_gives_the_grade_that_counts_by_the_quizs_grade_method(GradeMethod method, int percent, bool passed)
    {
        var (c, learner) = await SetupAsync(q => q.GradeMethod = method);
        var first = (await StartAsync(App, c.Quiz.Id, learner.Id)).AttemptId!.Value;
        await SubmitAsync(App, first, learner.Id, await RightAsync(App, first));
        var second = (await StartAsync(App, c.Quiz.Id, learner.Id)).AttemptId!.Value;
        Assert.Equal(SubmitOutcome.Graded, (await SubmitAsync(App, second, learner.Id, await WrongAsync(App, second))).Outcome);
        // a third, still open, does not count
        await StartAsync(App, c.Quiz.Id, learner.Id);

        var results = await App.Db(db => QuizResults.BestByQuizAsync(db, [learner.Id], Ct));

        var result = Assert.Single(results);
        Assert.Equal(c.Quiz.Id, result.QuizId);
        Assert.Equal(percent, result.Percent);
        Assert.Equal(passed, result.Passed);
        Assert.Equal(method == GradeMethod.Highest ? first : second, result.AttemptId);
        Assert.Equal(3, result.Attempts);
    }

    [Fact]
    public async Task BestByQuiz_judges_the_pass_against_the_current_pass_mark_and_leaves_out_learners_without_a_grade()
    {
        var (c, learner) = await SetupAsync(q => q.PassPercent = 80);
        var other = await CourseTestData.EnrolAsync(App, c.Run, TestData.UniqueEmail());
        var id = (await StartAsync(App, c.Quiz.Id, learner.Id)).AttemptId!.Value;
        var responses = await RightAsync(App, id);
        var tf = (await AttemptAsync(App, id)).Answers.Single(a => a.Question!.Kind == QuestionKind.TrueFalse);
        responses[tf.QuestionId] = QuizTestData.Wrong(tf.Question!);
        await SubmitAsync(App, id, learner.Id, responses); // 75 %
        Assert.False((await App.Db(db => QuizResults.BestByQuizAsync(db, [learner.Id], Ct))).Single().Passed);

        await SetAsync(App, c.Quiz.Id, q => q.PassPercent = 70);

        var results = await App.Db(db => QuizResults.BestByQuizAsync(db, [learner.Id, other.Id], Ct));
        var result = Assert.Single(results);
        Assert.Equal(learner.Id, result.RegistrationId);
        Assert.Equal(75m, result.Percent);
        Assert.True(result.Passed);
    }
}
