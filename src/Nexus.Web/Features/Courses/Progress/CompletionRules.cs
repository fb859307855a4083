namespace Nexus.Web.Features.Courses.Progress;

/// <summary>A course's completion rule, as stored on <see cref="Course"/>.</summary>
public sealed record CompletionRule(int MinAttendancePercent, bool RequireModuleQuizzes);

/// <summary>One module of the course, in order.</summary>
public sealed record ModuleFact(int ModuleId, int Order, string Title, bool Required);

/// <summary>One session of the run; <see cref="ModuleId"/> is null for an opening or closing session.</summary>
public sealed record SessionFact(int SessionId, int? ModuleId);

/// <summary>
/// A quiz of the course and the learner's counted result on it (<see cref="CompletionRules.Counted"/>). Percent is
/// null when the learner has no finished attempt.
/// </summary>
public sealed record QuizStanding(int QuizId, int ModuleId, string Title, bool Published, decimal? Percent, bool Passed);

/// <summary>A finished or unfinished attempt, as far as grading needs it.</summary>
public sealed record AttemptFact(int Number, AttemptStatus Status, decimal? Percent, bool? Passed);

/// <summary>What the rules say about one quiz for one learner.</summary>
public sealed record QuizProgress(int QuizId, string Title, decimal? Percent, bool Passed, bool CountsForCompletion);

public sealed record ModuleProgress(int ModuleId, int Order, string Title, bool Required, int SessionsTotal, int SessionsAttended,
    IReadOnlyList<QuizProgress> Quizzes)
{
    /// <summary>Every quiz that counts for completion is passed (true when none counts).</summary>
    public bool QuizzesMet => Quizzes.Where(q => q.CountsForCompletion).All(q => q.Passed);
}

/// <summary>Something the learner still has to do, as an English template with its values, translated where shown.</summary>
public sealed record Missing(string Template, params object[] Args)
{
    public override string ToString() => string.Format(System.Globalization.CultureInfo.InvariantCulture, Template, Args);
}

public sealed record ProgressResult(int SessionsTotal, int SessionsAttended, decimal AttendancePercent, bool AttendanceMet,
    int SessionsNeeded, IReadOnlyList<ModuleProgress> Modules, decimal? QuizPercent, bool Complete, IReadOnlyList<Missing> Missing);

/// <summary>
/// The completion rule, free of any database. Decisions that were not obvious:
/// <list type="bullet">
/// <item>Attendance is counted against ALL sessions of the run, held or not, so a learner can complete only once
/// enough sessions have taken place; a rule met early would stand even if the learner then stopped coming.</item>
/// <item>The threshold is compared exactly, in integers (attended × 100 ≥ percent × total), never on a rounded
/// percentage: 2 of 3 sessions (66.67%) does not meet a 67% rule, and meets a 66% one.</item>
/// <item>A run without sessions meets only a 0% rule: there is nothing to attend yet.</item>
/// <item>Only published quizzes of required modules count, and only when the course requires quizzes; the others
/// are still shown with their grade.</item>
/// <item>A quiz's counted grade follows its grade method over submitted and timed-out attempts (an attempt still in
/// progress counts for nothing): Highest keeps the best attempt, so a quiz passed once stays passed; Last keeps
/// the most recent one, so a failed last attempt fails the quiz even after an earlier pass.</item>
/// </list>
/// </summary>
public static class CompletionRules
{
    public static ProgressResult Evaluate(CompletionRule rule, IReadOnlyList<ModuleFact> modules, IReadOnlyList<SessionFact> sessions,
        IReadOnlySet<int> attendedSessionIds, IReadOnlyList<QuizStanding> quizzes)
    {
        var total = sessions.Count;
        var attended = sessions.Count(s => attendedSessionIds.Contains(s.SessionId));
        var min = Math.Clamp(rule.MinAttendancePercent, 0, 100);
        var needed = SessionsNeeded(min, total);
        var attendanceMet = min == 0 || (total > 0 && attended * 100 >= min * total);
        var percent = total == 0 ? 0m : Math.Round(attended * 100m / total, 1, MidpointRounding.AwayFromZero);

        var missing = new List<Missing>();
        if (!attendanceMet)
        {
            if (total == 0) missing.Add(new Missing("No session of this run is scheduled yet."));
            else missing.Add(new Missing("Attend at least {0}% of the sessions: {1} of {2} attended, {3} more needed.",
                min, attended, total, needed - attended));
        }

        var result = new List<ModuleProgress>();
        foreach (var m in modules.OrderBy(m => m.Order))
        {
            var moduleSessions = sessions.Where(s => s.ModuleId == m.ModuleId).ToList();
            var qs = quizzes.Where(q => q.ModuleId == m.ModuleId && q.Published)
                .Select(q => new QuizProgress(q.QuizId, q.Title, q.Percent, q.Passed, rule.RequireModuleQuizzes && m.Required))
                .ToList();
            foreach (var q in qs.Where(q => q.CountsForCompletion && !q.Passed))
                missing.Add(q.Percent is { } p
                    ? new Missing("Pass the quiz “{0}” (module {1}): your counted grade is {2}%.", q.Title, m.Order, Trim(p))
                    : new Missing("Pass the quiz “{0}” (module {1}): not taken yet.", q.Title, m.Order));
            result.Add(new ModuleProgress(m.ModuleId, m.Order, m.Title, m.Required, moduleSessions.Count,
                moduleSessions.Count(s => attendedSessionIds.Contains(s.SessionId)), qs));
        }

        var graded = result.SelectMany(m => m.Quizzes).Where(q => q.CountsForCompletion).ToList();
        decimal? quizPercent = graded.Count == 0 ? null
            : Math.Round(graded.Average(q => q.Percent ?? 0m), 1, MidpointRounding.AwayFromZero);
        var complete = attendanceMet && result.All(m => m.QuizzesMet);
        return new ProgressResult(total, attended, percent, attendanceMet, needed, result, quizPercent, complete, missing);
    }

    /// <summary>75.0 read back from the database prints as 75: trailing zeros of the scale are dropped.</summary>
    private static decimal Trim(decimal d) => d / 1.000000000000000000000000000000000m;

    /// <summary>The fewest sessions that meet <paramref name="minPercent"/> of <paramref name="total"/>.</summary>
    public static int SessionsNeeded(int minPercent, int total) => (Math.Clamp(minPercent, 0, 100) * total + 99) / 100;

    /// <summary>
    /// The grade that counts for a quiz: over submitted and timed-out attempts, the best one (Highest) or the most
    /// recent one (Last). Null when none is finished.
    /// </summary>
    public static (decimal? Percent, bool Passed) Counted(GradeMethod method, decimal passPercent, IEnumerable<AttemptFact> attempts)
    {
        // One definition of the counted grade, shared with the quiz pages; passing is judged against the quiz's
        // current pass mark, so lowering it after the fact lets earlier attempts pass.
        var counted = Quizzes.QuizGrading.Counted(attempts.Select(a => new Quizzes.AttemptResult(0, a.Number, a.Status, a.Percent)), method);
        return counted?.Percent is { } percent ? (percent, Quizzes.QuizGrading.Passes(percent, passPercent)) : (null, false);
    }
}
