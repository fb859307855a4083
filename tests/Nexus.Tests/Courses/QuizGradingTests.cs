using Microsoft.Extensions.Primitives;
using Nexus.Web.Features.Courses;
using Nexus.Web.Features.Courses.Quizzes;
using Nexus.Web.Infrastructure;

namespace Nexus.Tests.Courses;

/// <summary>The rules of self-assessment without a database: scoring, grading, attempts, time, the counted grade, the draw.</summary>
public class QuizGradingTests
{
    private static readonly DateTime Start = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    // ---- questions as the tests need them --------------------------------------------------------------------------

    private static int _nextId = 1000;

    private static QuestionOption Option(string text, bool correct = false, string? match = null) =>
        new() { Id = Interlocked.Increment(ref _nextId), Text = text, Correct = correct, Match = match, Order = _nextId };

    private static Question Single(decimal points = 1) => new()
    {
        Id = Interlocked.Increment(ref _nextId), Kind = QuestionKind.SingleChoice, Text = "Which convention?", Points = points,
        Options = [Option("1990 Migrant Workers Convention", correct: true), Option("1961 Vienna Convention"), Option("1944 Chicago Convention")],
    };

    /// <summary>Two right options (0 and 1) and two wrong ones (2 and 3).</summary>
    private static Question Multiple(decimal points = 1) => new()
    {
        Id = Interlocked.Increment(ref _nextId), Kind = QuestionKind.MultipleChoice, Text = "Which protocols?", Points = points,
        Options = [Option("Trafficking", correct: true), Option("Smuggling", correct: true), Option("Statelessness"), Option("Asylum")],
    };

    private static Question TrueFalse(bool answer = true, decimal points = 1) => new()
    {
        Id = Interlocked.Increment(ref _nextId), Kind = QuestionKind.TrueFalse, Text = "States decide who enters.", TrueFalseAnswer = answer, Points = points,
    };

    private static Question Short(bool caseSensitive = false, decimal points = 1, params string[] accepted) => new()
    {
        Id = Interlocked.Increment(ref _nextId), Kind = QuestionKind.ShortAnswer, Text = "Guardian of the 1951 Convention?", Points = points,
        AcceptedAnswers = accepted.Length == 0 ? ["UNHCR"] : [.. accepted], CaseSensitive = caseSensitive,
    };

    private static Question Matching(decimal points = 1) => new()
    {
        Id = Interlocked.Increment(ref _nextId), Kind = QuestionKind.Matching, Text = "Match each instrument to its year.", Points = points,
        Options = [Option("Refugee Convention", match: "1951"), Option("Migrant Workers Convention", match: "1990"), Option("Palermo Protocols", match: "2000")],
    };

    private static QuizResponse Chose(params QuestionOption[] options) => new() { Options = options.Select(o => o.Id).ToList() };

    private static QuizResponse Text(string text) => new() { Text = text };

    // ---- single choice ---------------------------------------------------------------------------------------------

    [Fact]
    public void Single_choice_earns_the_points_for_the_right_option()
    {
        var q = Single(points: 2);
        Assert.Equal(2m, QuizGrading.Score(q, Chose(q.Options[0])));
    }

    [Fact]
    public void Single_choice_earns_nothing_for_a_wrong_option()
    {
        var q = Single();
        Assert.Equal(0m, QuizGrading.Score(q, Chose(q.Options[1])));
    }

    [Fact]
    public void Single_choice_with_two_options_sent_earns_nothing_even_if_one_is_right()
    {
        var q = Single();
        Assert.Equal(0m, QuizGrading.Score(q, Chose(q.Options[0], q.Options[1])));
    }

    [Fact]
    public void Single_choice_with_an_option_id_of_another_question_earns_nothing()
    {
        var q = Single();
        var other = Single();
        Assert.Equal(0m, QuizGrading.Score(q, Chose(other.Options[0])));
    }

    // ---- multiple choice -------------------------------------------------------------------------------------------

    [Fact]
    public void Multiple_choice_with_every_right_option_and_no_wrong_one_earns_full_points()
    {
        var q = Multiple(points: 3);
        Assert.Equal(3m, QuizGrading.Score(q, Chose(q.Options[0], q.Options[1])));
    }

    [Fact]
    public void Multiple_choice_with_half_the_right_options_earns_half()
    {
        var q = Multiple(points: 2);
        Assert.Equal(1m, QuizGrading.Score(q, Chose(q.Options[1])));
    }

    [Fact]
    public void Multiple_choice_a_wrong_option_costs_its_share_of_the_wrong_options()
    {
        var q = Multiple(points: 1);
        // all right (1) minus one wrong of two (0.5)
        Assert.Equal(0.5m, QuizGrading.Score(q, Chose(q.Options[0], q.Options[1], q.Options[2])));
    }

    [Fact]
    public void Multiple_choice_ticking_every_box_earns_nothing()
    {
        var q = Multiple();
        Assert.Equal(0m, QuizGrading.Score(q, Chose(q.Options.ToArray())));
    }

    [Fact]
    public void Multiple_choice_never_goes_below_zero()
    {
        var q = Multiple();
        Assert.Equal(0m, QuizGrading.Score(q, Chose(q.Options[2], q.Options[3])));
        Assert.Equal(0m, QuizGrading.Score(q, Chose(q.Options[0], q.Options[2], q.Options[3])));
    }

    [Fact]
    public void Multiple_choice_counts_an_option_sent_twice_once()
    {
        var q = Multiple();
        Assert.Equal(0.5m, QuizGrading.Score(q, Chose(q.Options[0], q.Options[0])));
    }

    [Fact]
    public void Multiple_choice_partial_credit_is_rounded_to_the_cent()
    {
        var q = new Question
        {
            Kind = QuestionKind.MultipleChoice, Text = "x", Points = 1,
            Options = [Option("a", correct: true), Option("b", correct: true), Option("c", correct: true), Option("d")],
        };
        Assert.Equal(0.33m, QuizGrading.Score(q, Chose(q.Options[0])));
        Assert.Equal(0.67m, QuizGrading.Score(q, Chose(q.Options[0], q.Options[1])));
    }

    [Fact]
    public void Multiple_choice_ignores_option_ids_of_another_question()
    {
        var q = Multiple();
        var other = Multiple();
        Assert.Equal(0.5m, QuizGrading.Score(q, Chose(q.Options[0], other.Options[2], other.Options[3])));
    }

    [Fact]
    public void Multiple_choice_without_a_right_option_earns_nothing()
    {
        var q = new Question { Kind = QuestionKind.MultipleChoice, Text = "x", Options = [Option("a"), Option("b")] };
        Assert.Equal(0m, QuizGrading.Score(q, Chose(q.Options[0])));
        Assert.Equal(0m, QuizGrading.Score(q, new QuizResponse { Options = [] }));
    }

    // ---- true or false ---------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(true, true, 1)]
    [InlineData(true, false, 0)]
    [InlineData(false, false, 1)]
    [InlineData(false, true, 0)]
    public void True_false_earns_the_points_only_for_the_right_value(bool answer, bool given, int expected)
    {
        Assert.Equal(expected, QuizGrading.Score(TrueFalse(answer), new QuizResponse { Value = given }));
    }

    [Fact]
    public void True_false_left_unanswered_earns_nothing()
    {
        Assert.Equal(0m, QuizGrading.Score(TrueFalse(false), new QuizResponse()));
    }

    // ---- short answer ----------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("UNHCR")]
    [InlineData("unhcr")]
    [InlineData("  UnHcR  ")]
    public void Short_answer_ignores_case_and_surrounding_spaces(string given)
    {
        Assert.Equal(1m, QuizGrading.Score(Short(), Text(given)));
    }

    [Fact]
    public void Short_answer_is_case_sensitive_when_the_question_says_so()
    {
        var q = Short(caseSensitive: true, accepted: "UNHCR");
        Assert.Equal(0m, QuizGrading.Score(q, Text("unhcr")));
        Assert.Equal(1m, QuizGrading.Score(q, Text(" UNHCR ")));
    }

    [Fact]
    public void Short_answer_folds_runs_of_inner_white_space_including_tabs_and_no_break_spaces()
    {
        var q = Short(accepted: "non-refoulement principle");
        Assert.Equal(1m, QuizGrading.Score(q, Text("non-refoulement   principle")));
        Assert.Equal(1m, QuizGrading.Score(q, Text("non-refoulement\t\u00A0principle")));
        Assert.Equal(0m, QuizGrading.Score(q, Text("nonrefoulement principle")));
    }

    [Fact]
    public void Short_answer_compares_unicode_in_normal_form_C()
    {
        var q = Short(accepted: "réfugié");
        // e followed by a combining acute accent, as some keyboards produce it
        Assert.Equal(1m, QuizGrading.Score(q, Text("re\u0301fugie\u0301")));
        Assert.Equal(1m, QuizGrading.Score(q, Text("RÉFUGIÉ")));
    }

    [Fact]
    public void Short_answer_accepts_any_of_the_accepted_answers()
    {
        var q = Short(accepted: ["UNHCR", "Office of the United Nations High Commissioner for Refugees"]);
        Assert.Equal(1m, QuizGrading.Score(q, Text("office of the united nations high commissioner for refugees")));
        Assert.Equal(0m, QuizGrading.Score(q, Text("IOM")));
    }

    [Fact]
    public void Short_answer_left_empty_earns_nothing_even_against_a_blank_accepted_answer()
    {
        var q = Short(accepted: ["", "  ", "UNHCR"]);
        Assert.Equal(0m, QuizGrading.Score(q, Text("")));
        Assert.Equal(0m, QuizGrading.Score(q, Text("   ")));
    }

    [Fact]
    public void Short_answer_with_broken_unicode_earns_nothing_and_does_not_throw()
    {
        Assert.Equal(0m, QuizGrading.Score(Short(), Text("UNHCR\uD800")));
    }

    // ---- matching --------------------------------------------------------------------------------------------------

    [Fact]
    public void Matching_earns_full_points_when_every_pair_is_right()
    {
        var q = Matching(points: 3);
        var pairs = q.Options.ToDictionary(o => o.Id, o => o.Id);
        Assert.Equal(3m, QuizGrading.Score(q, new QuizResponse { Pairs = pairs }));
    }

    [Fact]
    public void Matching_each_right_pair_earns_its_share()
    {
        var q = Matching(points: 1);
        var (a, b, c) = (q.Options[0], q.Options[1], q.Options[2]);
        Assert.Equal(0.33m, QuizGrading.Score(q, new QuizResponse { Pairs = new Dictionary<int, int> { [a.Id] = a.Id, [b.Id] = c.Id, [c.Id] = b.Id } }));
        Assert.Equal(0.67m, QuizGrading.Score(q, new QuizResponse { Pairs = new Dictionary<int, int> { [a.Id] = a.Id, [b.Id] = b.Id } }));
    }

    [Fact]
    public void Matching_accepts_either_option_that_carries_the_same_match_text()
    {
        var q = new Question
        {
            Kind = QuestionKind.Matching, Text = "Which treaty body?", Points = 2,
            Options = [Option("Article 1", match: "Convention A"), Option("Article 2", match: "Convention A"), Option("Article 9", match: "Convention B")],
        };
        var (a1, a2, a9) = (q.Options[0], q.Options[1], q.Options[2]);
        var swapped = new Dictionary<int, int> { [a1.Id] = a2.Id, [a2.Id] = a1.Id, [a9.Id] = a9.Id };
        Assert.Equal(2m, QuizGrading.Score(q, new QuizResponse { Pairs = swapped }));
    }

    [Fact]
    public void Matching_with_unknown_ids_earns_nothing_for_those_pairs()
    {
        var q = Matching(points: 3);
        var pairs = new Dictionary<int, int> { [q.Options[0].Id] = 999_999, [888_888] = q.Options[1].Id, [q.Options[2].Id] = q.Options[2].Id };
        Assert.Equal(1m, QuizGrading.Score(q, new QuizResponse { Pairs = pairs }));
    }

    // ---- empty, malformed and zero-point ---------------------------------------------------------------------------

    [Fact]
    public void An_empty_response_earns_nothing_for_every_kind_of_question()
    {
        foreach (var q in new[] { Single(), Multiple(), TrueFalse(), Short(), Matching() })
        {
            Assert.Equal(0m, QuizGrading.Score(q, null));
            Assert.Equal(0m, QuizGrading.Score(q, new QuizResponse()));
        }
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"options\":\"all of them\"}")]
    [InlineData("{\"pairs\":{\"left\":1}}")]
    [InlineData("{\"value\":\"yes\"}")]
    [InlineData("null")]
    [InlineData("")]
    public void A_malformed_stored_response_reads_as_no_response_and_earns_nothing(string json)
    {
        var response = QuizResponse.Parse(json);
        Assert.Null(response);
        Assert.Equal(0m, QuizGrading.Score(Multiple(), response));
    }

    [Fact]
    public void A_response_reads_back_from_its_json()
    {
        var original = new QuizResponse { Options = [3, 5], Text = "UNHCR", Value = false, Pairs = new Dictionary<int, int> { [7] = 8 } };
        var json = QuizResponse.ToJson(original);
        var back = QuizResponse.Parse(json)!;
        Assert.Equal([3, 5], back.Options!);
        Assert.Equal("UNHCR", back.Text);
        Assert.False(back.Value);
        Assert.Equal(8, back.Pairs![7]);
        Assert.Null(QuizResponse.ToJson(new QuizResponse { Options = [] }));
    }

    [Fact]
    public void A_zero_point_question_scores_zero_and_adds_nothing_to_the_maximum()
    {
        var survey = Single(points: 0);
        var real = TrueFalse(points: 2);
        var grade = QuizGrading.Grade(
            [(QuizGrading.Score(survey, Chose(survey.Options[0])), survey.Points), (QuizGrading.Score(real, new QuizResponse { Value = true }), real.Points)],
            passPercent: 100);
        Assert.Equal(2m, grade.Score);
        Assert.Equal(2m, grade.MaxScore);
        Assert.Equal(100m, grade.Percent);
        Assert.True(grade.Passed);
    }

    [Fact]
    public void A_quiz_worth_no_points_at_all_cannot_be_failed()
    {
        var grade = QuizGrading.Grade([(0m, 0m), (0m, 0m)], passPercent: 70);
        Assert.Equal(0m, grade.MaxScore);
        Assert.Equal(100m, grade.Percent);
        Assert.True(grade.Passed);
    }

    // ---- grading an attempt ----------------------------------------------------------------------------------------

    [Fact]
    public void Grade_sums_the_scores_and_rounds_the_percentage_to_one_decimal()
    {
        var grade = QuizGrading.Grade([(1m, 1m), (1m, 1m), (0m, 1m)], passPercent: 70);
        Assert.Equal(2m, grade.Score);
        Assert.Equal(3m, grade.MaxScore);
        Assert.Equal(66.7m, grade.Percent);
        Assert.False(grade.Passed);
    }

    [Fact]
    public void Grade_passes_at_exactly_the_pass_mark()
    {
        Assert.True(QuizGrading.Grade([(7m, 10m)], passPercent: 70).Passed);
        Assert.False(QuizGrading.Grade([(6.99m, 10m)], passPercent: 70).Passed);
    }

    [Fact]
    public void Grade_compares_the_rounded_percentage_the_learner_sees_with_the_pass_mark()
    {
        // 2 of 3 is 66.67, shown as 66.7: it passes a mark of 66.7
        Assert.True(QuizGrading.Grade([(2m, 3m)], passPercent: 66.7m).Passed);
    }

    [Fact]
    public void Grade_of_an_attempt_with_every_question_unanswered_is_zero()
    {
        var grade = QuizGrading.Grade([(0m, 1m), (0m, 2m)], passPercent: 0);
        Assert.Equal(0m, grade.Percent);
        Assert.True(grade.Passed); // a pass mark of 0 is met by anyone who submits
    }

    // ---- attempts, retakes and overrides ---------------------------------------------------------------------------

    [Fact]
    public void Attempts_allowed_are_the_quiz_limit_plus_the_overrides_extra_attempts()
    {
        Assert.Equal(2, QuizGrading.AttemptsAllowed(2, 0));
        Assert.Equal(3, QuizGrading.AttemptsAllowed(2, 1));
    }

    [Fact]
    public void An_unlimited_quiz_stays_unlimited_whatever_the_override()
    {
        Assert.Null(QuizGrading.AttemptsAllowed(null, 3));
        Assert.True(QuizGrading.MayStart(null, 500));
        Assert.Null(QuizGrading.AttemptsLeft(null, 500));
    }

    [Fact]
    public void A_retake_is_allowed_until_the_attempts_are_used_up()
    {
        var allowed = QuizGrading.AttemptsAllowed(2, 0);
        Assert.True(QuizGrading.MayStart(allowed, 0));
        Assert.True(QuizGrading.MayStart(allowed, 1));
        Assert.False(QuizGrading.MayStart(allowed, 2));
        Assert.Equal(0, QuizGrading.AttemptsLeft(allowed, 2));
    }

    [Fact]
    public void An_extra_attempt_lets_a_learner_who_used_all_attempts_retake_once_more()
    {
        var allowed = QuizGrading.AttemptsAllowed(1, 1);
        Assert.True(QuizGrading.MayStart(allowed, 1));
        Assert.False(QuizGrading.MayStart(allowed, 2));
    }

    [Fact]
    public void A_negative_extra_attempt_count_takes_nothing_away()
    {
        Assert.Equal(2, QuizGrading.AttemptsAllowed(2, -5));
    }

    // ---- time limits -----------------------------------------------------------------------------------------------

    [Fact]
    public void The_deadline_is_the_start_plus_the_time_limit_plus_extra_minutes()
    {
        Assert.Equal(Start.AddMinutes(20), QuizGrading.Deadline(Start, 20, 0));
        Assert.Equal(Start.AddMinutes(30), QuizGrading.Deadline(Start, 20, 10));
    }

    [Fact]
    public void An_untimed_quiz_has_no_deadline_even_with_extra_minutes()
    {
        Assert.Null(QuizGrading.Deadline(Start, null, 15));
        Assert.True(QuizGrading.InTime(null, Start.AddYears(1)));
    }

    [Fact]
    public void A_submission_arriving_within_the_grace_after_the_deadline_counts()
    {
        var deadline = QuizGrading.Deadline(Start, 20, 0);
        Assert.True(QuizGrading.InTime(deadline, Start.AddMinutes(20)));
        Assert.True(QuizGrading.InTime(deadline, Start.AddMinutes(20).AddSeconds(30)));
    }

    [Fact]
    public void A_submission_arriving_after_the_deadline_and_the_grace_does_not_count()
    {
        var deadline = QuizGrading.Deadline(Start, 20, 0);
        Assert.False(QuizGrading.InTime(deadline, Start.AddMinutes(20).AddSeconds(31)));
        Assert.False(QuizGrading.InTime(deadline, Start.AddHours(5)));
    }

    [Fact]
    public void Extra_time_moves_the_point_after_which_a_submission_is_refused()
    {
        var late = Start.AddMinutes(25);
        Assert.False(QuizGrading.InTime(QuizGrading.Deadline(Start, 20, 0), late));
        Assert.True(QuizGrading.InTime(QuizGrading.Deadline(Start, 20, 10), late));
    }

    // ---- the grade that counts -------------------------------------------------------------------------------------

    private static AttemptResult Attempt(int number, decimal? percent, AttemptStatus status = AttemptStatus.Submitted) =>
        new(number * 10, number, status, percent);

    [Fact]
    public void Highest_counts_the_best_attempt()
    {
        var counted = QuizGrading.Counted([Attempt(1, 40), Attempt(2, 90), Attempt(3, 60)], GradeMethod.Highest);
        Assert.Equal(2, counted!.Number);
    }

    [Fact]
    public void Highest_counts_the_earlier_of_two_equal_grades()
    {
        var counted = QuizGrading.Counted([Attempt(2, 80), Attempt(1, 80)], GradeMethod.Highest);
        Assert.Equal(1, counted!.Number);
    }

    [Fact]
    public void Last_counts_the_latest_attempt_even_when_it_is_lower()
    {
        var counted = QuizGrading.Counted([Attempt(1, 90), Attempt(2, 30)], GradeMethod.Last);
        Assert.Equal(2, counted!.Number);
        Assert.Equal(30m, counted.Percent);
    }

    [Fact]
    public void An_attempt_in_progress_does_not_count_for_either_method()
    {
        AttemptResult[] attempts = [Attempt(1, 50), Attempt(2, null, AttemptStatus.InProgress)];
        Assert.Equal(1, QuizGrading.Counted(attempts, GradeMethod.Last)!.Number);
        Assert.Equal(1, QuizGrading.Counted(attempts, GradeMethod.Highest)!.Number);
    }

    [Fact]
    public void An_attempt_closed_at_the_time_limit_counts_like_a_submitted_one()
    {
        var counted = QuizGrading.Counted([Attempt(1, 40), Attempt(2, 75, AttemptStatus.TimedOut)], GradeMethod.Highest);
        Assert.Equal(2, counted!.Number);
    }

    [Fact]
    public void No_graded_attempt_means_no_grade()
    {
        Assert.Null(QuizGrading.Counted([], GradeMethod.Highest));
        Assert.Null(QuizGrading.Counted([Attempt(1, null, AttemptStatus.InProgress)], GradeMethod.Last));
    }

    // ---- drawing questions -----------------------------------------------------------------------------------------

    private static List<Question> Bank(int bankId, int count, int firstId)
    {
        return Enumerable.Range(0, count).Select(i => new Question
        {
            Id = firstId + i, BankId = bankId, Kind = QuestionKind.SingleChoice, Text = $"Q{i}",
            Options = [new() { Id = (firstId + i) * 10 + 1, Order = 1, Text = "a", Correct = true }, new() { Id = (firstId + i) * 10 + 2, Order = 2, Text = "b" },
                       new() { Id = (firstId + i) * 10 + 3, Order = 3, Text = "c" }, new() { Id = (firstId + i) * 10 + 4, Order = 4, Text = "d" }],
        }).ToList();
    }

    private static Dictionary<int, List<Question>> Banks(params List<Question>[] banks) => banks.ToDictionary(b => b[0].BankId);

    [Fact]
    public void A_draw_takes_count_questions_at_random_from_its_bank()
    {
        var bank = Bank(1, 10, 100);
        var drawn = QuizGrading.Draw([new QuizDraw { BankId = 1, Count = 3, Order = 1 }], Banks(bank), shuffle: false, new Random(7));
        Assert.Equal(3, drawn.Count);
        Assert.Equal(3, drawn.Select(d => d.Question.Id).Distinct().Count());
        Assert.All(drawn, d => Assert.Contains(d.Question, bank));
    }

    [Fact]
    public void A_draw_without_a_count_takes_every_question()
    {
        var drawn = QuizGrading.Draw([new QuizDraw { BankId = 1, Order = 1 }], Banks(Bank(1, 6, 100)), shuffle: false, new Random(1));
        Assert.Equal([100, 101, 102, 103, 104, 105], drawn.Select(d => d.Question.Id));
    }

    [Fact]
    public void A_draw_never_takes_a_retired_question()
    {
        var bank = Bank(1, 5, 100);
        bank[1].Retired = bank[3].Retired = true;
        for (var seed = 0; seed < 20; seed++)
        {
            var drawn = QuizGrading.Draw([new QuizDraw { BankId = 1, Count = 3, Order = 1 }], Banks(bank), shuffle: true, new Random(seed));
            Assert.Equal([100, 102, 104], drawn.Select(d => d.Question.Id).Order());
        }
    }

    [Fact]
    public void A_bank_with_fewer_questions_than_the_count_gives_all_it_has()
    {
        var drawn = QuizGrading.Draw([new QuizDraw { BankId = 1, Count = 25, Order = 1 }], Banks(Bank(1, 4, 100)), shuffle: false, new Random(3));
        Assert.Equal([100, 101, 102, 103], drawn.Select(d => d.Question.Id));
    }

    [Fact]
    public void A_draw_from_an_empty_or_missing_bank_gives_nothing()
    {
        var bank = Bank(1, 2, 100);
        bank.ForEach(q => q.Retired = true);
        Assert.Empty(QuizGrading.Draw([new QuizDraw { BankId = 1, Count = 2 }, new QuizDraw { BankId = 9, Count = 2 }], Banks(bank), true, new Random(1)));
    }

    [Fact]
    public void The_same_seed_draws_the_same_questions_in_the_same_order_with_the_same_options()
    {
        QuizDraw[] draws = [new() { BankId = 1, Count = 4, Order = 1 }, new() { BankId = 2, Count = 2, Order = 2 }];
        var banks = Banks(Bank(1, 12, 100), Bank(2, 8, 200));
        var first = QuizGrading.Draw(draws, banks, shuffle: true, new Random(42));
        var second = QuizGrading.Draw(draws, banks, shuffle: true, new Random(42));
        Assert.Equal(first.Select(d => d.Question.Id), second.Select(d => d.Question.Id));
        Assert.Equal(first.Select(d => string.Join(",", d.OptionOrder)), second.Select(d => string.Join(",", d.OptionOrder)));
    }

    [Fact]
    public void Different_seeds_draw_different_questions()
    {
        var banks = Banks(Bank(1, 30, 100));
        var draws = Enumerable.Range(0, 10)
            .Select(seed => string.Join(",", QuizGrading.Draw([new QuizDraw { BankId = 1, Count = 5 }], banks, false, new Random(seed)).Select(d => d.Question.Id)))
            .Distinct().Count();
        Assert.True(draws > 1, "ten seeds drew the same five questions");
    }

    [Fact]
    public void Without_shuffling_questions_keep_the_draw_and_bank_order_and_options_their_authored_order()
    {
        var bank1 = Bank(1, 3, 100);
        var bank2 = Bank(2, 2, 200);
        bank1[0].Options.Reverse(); // stored out of order: the Order field decides
        var drawn = QuizGrading.Draw([new QuizDraw { Id = 2, BankId = 2, Order = 1 }, new QuizDraw { Id = 1, BankId = 1, Order = 2 }],
            Banks(bank1, bank2), shuffle: false, new Random(5));
        Assert.Equal([200, 201, 100, 101, 102], drawn.Select(d => d.Question.Id));
        Assert.All(drawn, d => Assert.Equal(d.Question.Options.OrderBy(o => o.Order).Select(o => o.Id), d.OptionOrder));
    }

    [Fact]
    public void With_shuffling_the_questions_and_each_questions_options_are_reordered()
    {
        var banks = Banks(Bank(1, 8, 100));
        var questionOrders = new HashSet<string>();
        var optionOrders = new HashSet<string>();
        for (var seed = 0; seed < 10; seed++)
        {
            var drawn = QuizGrading.Draw([new QuizDraw { BankId = 1 }], banks, shuffle: true, new Random(seed));
            Assert.Equal(Enumerable.Range(100, 8), drawn.Select(d => d.Question.Id).Order());
            Assert.All(drawn, d => Assert.Equal(d.Question.Options.Select(o => o.Id).Order(), d.OptionOrder.Order()));
            questionOrders.Add(string.Join(",", drawn.Select(d => d.Question.Id)));
            optionOrders.Add(string.Join(",", drawn[0].OptionOrder.Select(id => id % 10)));
        }
        Assert.True(questionOrders.Count > 1, "questions were never reordered");
        Assert.True(optionOrders.Count > 1, "options were never reordered");
    }

    [Fact]
    public void Two_draws_from_the_same_bank_never_repeat_a_question()
    {
        var banks = Banks(Bank(1, 5, 100));
        for (var seed = 0; seed < 20; seed++)
        {
            var drawn = QuizGrading.Draw([new QuizDraw { Id = 1, BankId = 1, Count = 3, Order = 1 }, new QuizDraw { Id = 2, BankId = 1, Count = 3, Order = 2 }],
                banks, shuffle: true, new Random(seed));
            Assert.Equal(5, drawn.Count);
            Assert.Equal(5, drawn.Select(d => d.Question.Id).Distinct().Count());
        }
    }

    [Fact]
    public void True_false_and_short_answer_questions_have_no_option_order()
    {
        var bank = new List<Question> { TrueFalse(), Short() };
        bank.ForEach(q => q.BankId = 3);
        var drawn = QuizGrading.Draw([new QuizDraw { BankId = 3 }], Banks(bank), shuffle: true, new Random(1));
        Assert.All(drawn, d => Assert.Empty(d.OptionOrder));
    }

    [Fact]
    public void An_option_order_reads_back_and_ignores_garbage()
    {
        Assert.Equal("5,3,9", QuizGrading.FormatOrder([5, 3, 9]));
        Assert.Equal([5, 3, 9], QuizGrading.ParseOrder("5,3,9"));
        Assert.Equal([5, 9], QuizGrading.ParseOrder("5,x,,-2,9"));
        Assert.Empty(QuizGrading.ParseOrder(null));
    }

    // ---- checking what a learner sends -----------------------------------------------------------------------------

    [Fact]
    public void Check_refuses_an_option_that_belongs_to_another_question()
    {
        var q = Multiple();
        var errors = new FieldErrors();
        Assert.Null(QuizGrading.Check(q, Chose(q.Options[0], Single().Options[0]), errors, "q1"));
        Assert.Contains("q1", errors.ToDictionary().Keys);
    }

    [Fact]
    public void Check_refuses_two_options_for_a_single_choice()
    {
        var q = Single();
        var errors = new FieldErrors();
        Assert.Null(QuizGrading.Check(q, Chose(q.Options[0], q.Options[1]), errors, "q1"));
        Assert.Equal(["Choose one option."], errors.ToDictionary()["q1"]);
    }

    [Fact]
    public void Check_refuses_a_short_answer_longer_than_the_limit()
    {
        var errors = new FieldErrors();
        Assert.Null(QuizGrading.Check(Short(), Text(new string('x', QuizGrading.MaxTextLength + 1)), errors, "q1"));
        Assert.Equal([$"At most {QuizGrading.MaxTextLength} characters."], errors.ToDictionary()["q1"]);
        var fine = new FieldErrors();
        Assert.NotNull(QuizGrading.Check(Short(), Text(new string('x', QuizGrading.MaxTextLength)), fine, "q1"));
        Assert.False(fine.Any);
    }

    [Fact]
    public void Check_refuses_control_characters_in_a_short_answer()
    {
        var errors = new FieldErrors();
        Assert.Null(QuizGrading.Check(Short(), Text("UNH\u0000CR"), errors, "q1"));
        Assert.True(errors.Any);
    }

    [Fact]
    public void Check_keeps_only_the_part_of_a_response_that_fits_the_kind_and_trims_text()
    {
        var errors = new FieldErrors();
        var clean = QuizGrading.Check(Short(), new QuizResponse { Text = "  UNHCR ", Options = [1, 2], Value = true }, errors, "q1")!;
        Assert.Equal("UNHCR", clean.Text);
        Assert.Null(clean.Options);
        Assert.Null(clean.Value);
        Assert.False(errors.Any);
    }

    [Fact]
    public void Check_refuses_a_matching_pair_with_an_item_or_match_of_another_question()
    {
        var q = Matching();
        var errors = new FieldErrors();
        Assert.Null(QuizGrading.Check(q, new QuizResponse { Pairs = new Dictionary<int, int> { [q.Options[0].Id] = 123_456 } }, errors, "q9"));
        Assert.True(errors.Any);
    }

    [Fact]
    public void Check_treats_an_empty_response_as_unanswered_without_error()
    {
        var errors = new FieldErrors();
        Assert.Null(QuizGrading.Check(Single(), new QuizResponse { Options = [] }, errors, "q1"));
        Assert.Null(QuizGrading.Check(Short(), Text("   "), errors, "q1"));
        Assert.False(errors.Any);
    }

    [Fact]
    public void A_posted_form_with_a_non_numeric_option_id_becomes_an_id_that_is_refused()
    {
        var q = Single();
        var answer = new AttemptAnswer { QuestionId = q.Id, Question = q };
        var form = new Dictionary<string, StringValues> { [QuizForms.FieldId(q.Id)] = "<script>" };
        var responses = QuizForms.Read(k => form.GetValueOrDefault(k), [answer]);
        var errors = new FieldErrors();
        Assert.Null(QuizGrading.Check(q, responses[q.Id], errors, "q"));
        Assert.True(errors.Any);
    }
}
