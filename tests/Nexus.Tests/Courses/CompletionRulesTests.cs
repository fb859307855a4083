using Nexus.Web.Features.Courses;
using Nexus.Web.Features.Courses.Progress;

namespace Nexus.Tests.Courses;

/// <summary>The completion rule and the counted quiz grade, without a database.</summary>
public class CompletionRulesTests
{
    private static readonly ModuleFact M1 = new(1, 1, "Migration terminology", Required: true);
    private static readonly ModuleFact M2 = new(2, 2, "Labour migration", Required: true);
    private static readonly ModuleFact Optional3 = new(3, 3, "Migration and security", Required: false);

    private static List<SessionFact> Sessions(int n) => Enumerable.Range(1, n).Select(i => new SessionFact(100 + i, i <= 3 ? i : null)).ToList();

    private static HashSet<int> Attended(params int[] ordinals) => ordinals.Select(i => 100 + i).ToHashSet();

    private static QuizStanding Quiz(int id, int module, decimal? percent, bool passed, bool published = true) =>
        new(id, module, $"Quiz {id}", published, percent, passed);

    private static ProgressResult Evaluate(int minPercent, int sessions, HashSet<int> attended, bool requireQuizzes = true,
        params QuizStanding[] quizzes) =>
        CompletionRules.Evaluate(new CompletionRule(minPercent, requireQuizzes), [M1, M2, Optional3], Sessions(sessions), attended, quizzes);

    [Fact]
    public void Enough_sessions_and_passed_quizzes_complete_the_course()
    {
        var r = Evaluate(75, 4, Attended(1, 2, 3), quizzes: [Quiz(1, 1, 80, true), Quiz(2, 2, 100, true)]);
        Assert.True(r.Complete);
        Assert.Equal(75m, r.AttendancePercent);
        Assert.Empty(r.Missing);
        Assert.Equal(90m, r.QuizPercent);
    }

    [Fact]
    public void Too_few_sessions_says_how_many_more_are_needed()
    {
        var r = Evaluate(75, 8, Attended(1, 2, 3, 4));
        Assert.False(r.Complete);
        Assert.False(r.AttendanceMet);
        Assert.Equal(6, r.SessionsNeeded);
        Assert.Equal("Attend at least 75% of the sessions: 4 of 8 attended, 2 more needed.", Assert.Single(r.Missing).ToString());
    }

    [Theory]
    [InlineData(67, false)] // 2 of 3 is 66.67%: the threshold is not rounded in the learner's favour
    [InlineData(66, true)]
    [InlineData(100, false)]
    public void Two_of_three_sessions_is_compared_exactly_with_the_threshold(int minPercent, bool met)
    {
        var r = Evaluate(minPercent, 3, Attended(1, 2));
        Assert.Equal(met, r.AttendanceMet);
        Assert.Equal(66.7m, r.AttendancePercent);
    }

    [Fact]
    public void A_run_without_sessions_cannot_be_completed_unless_the_rule_asks_for_none()
    {
        var none = Evaluate(50, 0, []);
        Assert.False(none.Complete);
        Assert.Equal(0m, none.AttendancePercent);
        Assert.Equal("No session of this run is scheduled yet.", Assert.Single(none.Missing).ToString());

        var zeroRule = Evaluate(0, 0, []);
        Assert.True(zeroRule.Complete);
    }

    [Fact]
    public void A_zero_percent_rule_needs_no_attendance_but_still_the_quizzes()
    {
        var r = Evaluate(0, 5, [], quizzes: Quiz(1, 1, null, false));
        Assert.True(r.AttendanceMet);
        Assert.Equal(0, r.SessionsNeeded);
        Assert.False(r.Complete);
        Assert.Equal("Pass the quiz “Quiz 1” (module 1): not taken yet.", Assert.Single(r.Missing).ToString());
    }

    [Fact]
    public void Sessions_of_another_run_do_not_count_as_attended()
    {
        var r = Evaluate(50, 2, [101, 999, 998]);
        Assert.Equal(1, r.SessionsAttended);
        Assert.Equal(50m, r.AttendancePercent);
    }

    [Fact]
    public void A_failed_quiz_of_a_required_module_blocks_completion_and_names_the_grade()
    {
        var r = Evaluate(50, 2, Attended(1, 2), quizzes: [Quiz(1, 1, 40.0m, false), Quiz(2, 2, 90, true)]);
        Assert.False(r.Complete);
        Assert.Equal("Pass the quiz “Quiz 1” (module 1): your counted grade is 40%.", Assert.Single(r.Missing).ToString());
        Assert.False(r.Modules.Single(m => m.ModuleId == 1).QuizzesMet);
        Assert.True(r.Modules.Single(m => m.ModuleId == 2).QuizzesMet);
    }

    [Fact]
    public void Quizzes_of_optional_modules_are_shown_but_do_not_count()
    {
        var r = Evaluate(50, 2, Attended(1), quizzes: Quiz(3, 3, 10, false));
        Assert.True(r.Complete);
        var q = Assert.Single(r.Modules.Single(m => m.ModuleId == 3).Quizzes);
        Assert.False(q.CountsForCompletion);
        Assert.Equal(10m, q.Percent);
        Assert.Null(r.QuizPercent);
    }

    [Fact]
    public void Unpublished_quizzes_are_ignored()
    {
        var r = Evaluate(50, 2, Attended(1), quizzes: Quiz(1, 1, null, false, published: false));
        Assert.True(r.Complete);
        Assert.Empty(r.Modules.Single(m => m.ModuleId == 1).Quizzes);
    }

    [Fact]
    public void A_course_that_does_not_require_quizzes_completes_on_attendance_alone()
    {
        var r = Evaluate(50, 2, Attended(2), requireQuizzes: false, quizzes: Quiz(1, 1, 0, false));
        Assert.True(r.Complete);
        Assert.False(r.Modules.Single(m => m.ModuleId == 1).Quizzes.Single().CountsForCompletion);
    }

    [Fact]
    public void Modules_report_their_own_sessions_in_order()
    {
        var r = Evaluate(50, 4, Attended(1, 4));
        Assert.Equal([1, 2, 3], r.Modules.Select(m => m.Order));
        Assert.Equal((1, 1), (r.Modules[0].SessionsTotal, r.Modules[0].SessionsAttended));
        Assert.Equal((1, 0), (r.Modules[1].SessionsTotal, r.Modules[1].SessionsAttended));
    }

    [Fact]
    public void A_quiz_failed_then_passed_on_a_retake_counts_as_passed_with_highest()
    {
        var (percent, passed) = CompletionRules.Counted(GradeMethod.Highest, 70,
            [new AttemptFact(1, AttemptStatus.Submitted, 40, false), new AttemptFact(2, AttemptStatus.Submitted, 85, true)]);
        Assert.Equal(85m, percent);
        Assert.True(passed);
    }

    [Fact]
    public void Highest_keeps_an_earlier_pass_after_a_worse_retake()
    {
        var (percent, passed) = CompletionRules.Counted(GradeMethod.Highest, 70,
            [new AttemptFact(1, AttemptStatus.Submitted, 90, true), new AttemptFact(2, AttemptStatus.Submitted, 20, false)]);
        Assert.Equal(90m, percent);
        Assert.True(passed);
    }

    [Fact]
    public void Last_counts_a_failed_last_attempt_even_after_a_pass()
    {
        var (percent, passed) = CompletionRules.Counted(GradeMethod.Last, 70,
            [new AttemptFact(2, AttemptStatus.Submitted, 30, false), new AttemptFact(1, AttemptStatus.Submitted, 90, true)]);
        Assert.Equal(30m, percent);
        Assert.False(passed);
    }

    [Fact]
    public void An_attempt_in_progress_counts_for_nothing_and_a_timed_out_one_counts()
    {
        Assert.Equal((null, false), CompletionRules.Counted(GradeMethod.Last, 70, [new AttemptFact(1, AttemptStatus.InProgress, null, null)]));
        var (percent, passed) = CompletionRules.Counted(GradeMethod.Last, 70,
            [new AttemptFact(1, AttemptStatus.TimedOut, 75, true), new AttemptFact(2, AttemptStatus.InProgress, null, null)]);
        Assert.Equal(75m, percent);
        Assert.True(passed);
    }

    [Fact]
    public void Without_a_stored_verdict_the_pass_mark_decides()
    {
        Assert.True(CompletionRules.Counted(GradeMethod.Highest, 70, [new AttemptFact(1, AttemptStatus.Submitted, 70, null)]).Passed);
        Assert.False(CompletionRules.Counted(GradeMethod.Highest, 70, [new AttemptFact(1, AttemptStatus.Submitted, 69.9m, null)]).Passed);
    }

    [Theory]
    [InlineData(75, 8, 6)]
    [InlineData(67, 3, 3)]
    [InlineData(66, 3, 2)]
    [InlineData(0, 8, 0)]
    [InlineData(100, 8, 8)]
    [InlineData(50, 0, 0)]
    [InlineData(150, 4, 4)]
    public void Sessions_needed_is_the_smallest_count_that_meets_the_rule(int percent, int total, int needed) =>
        Assert.Equal(needed, CompletionRules.SessionsNeeded(percent, total));
}
