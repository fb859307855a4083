using Nexus.Web.Features.Events;

namespace Nexus.Web.Features.Courses;

/// <summary>Where a run stands for someone who would enrol in it.</summary>
public enum RunState { Open, NotYetOpen, Closed, StaffOnly, Ended, Cancelled }

/// <summary>The catalogue's rules, free of any database so they can be unit-tested.</summary>
public static class CourseRules
{
    /// <summary>The six official languages of the United Nations, as culture codes.</summary>
    public static readonly string[] Languages = ["ar", "zh", "en", "fr", "ru", "es"];

    /// <summary>Single path segments under /courses that are pages, not courses.</summary>
    public static readonly string[] ReservedSlugs = ["manage", "new", "runs", "my", "api", "quizzes", "progress"];

    /// <summary>
    /// Only Approval runs hold enrolments for staff. A StaffOnly run admits like a Self run because only staff reach
    /// the engine for it: the learner's page and API refuse it, and the events API refuses every course run's event.
    /// </summary>
    public static bool RequiresApproval(EnrolmentMode mode) => mode == EnrolmentMode.Approval;

    public static RunState State(Event e, EnrolmentMode mode, DateTime now)
    {
        if (e.Status == EventStatus.Cancelled) return RunState.Cancelled;
        if (e.Status == EventStatus.Held || now >= e.EndsAt) return RunState.Ended;
        if (mode == EnrolmentMode.StaffOnly) return RunState.StaffOnly;
        if (e.IsOpenForRegistration(now)) return RunState.Open;
        return e.RegistrationOpensAt is { } opens && now < opens ? RunState.NotYetOpen : RunState.Closed;
    }

    /// <summary>
    /// The run a catalogue entry points to: the first run open for enrolment, else the next that has not ended,
    /// else none. Runs are taken in start order.
    /// </summary>
    public static T? NextRun<T>(IEnumerable<T> runs, Func<T, DateTime> startsAt, Func<T, RunState> state) where T : class
    {
        var ordered = runs.OrderBy(startsAt).ToList();
        return ordered.FirstOrDefault(r => state(r) == RunState.Open)
               ?? ordered.FirstOrDefault(r => state(r) is RunState.NotYetOpen or RunState.Closed or RunState.StaffOnly);
    }

    /// <summary>The completion rule in words, as a resource key with its arguments.</summary>
    public static (string Template, object[] Args) CompletionRule(int minAttendancePercent, bool requireModuleQuizzes) =>
        (minAttendancePercent > 0, requireModuleQuizzes) switch
        {
            (true, true) => ("Attend at least {0}% of the sessions and pass the quizzes of the required modules.", [minAttendancePercent]),
            (true, false) => ("Attend at least {0}% of the sessions.", [minAttendancePercent]),
            (false, true) => ("Pass the quizzes of the required modules.", []),
            _ => ("Staff record completion: no attendance or quiz is required.", []),
        };

    public static bool IsSlug(string slug) =>
        slug.Length is > 0 and <= 200 && slug.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-')
        && !slug.StartsWith('-') && !slug.EndsWith('-') && !slug.Contains("--", StringComparison.Ordinal)
        && !ReservedSlugs.Contains(slug);
}

/// <summary>English labels of codes; they are also the resource keys for translations.</summary>
public static class CourseText
{
    public static string Language(string code) => code switch
    {
        "ar" => "Arabic",
        "zh" => "Chinese",
        "en" => "English",
        "fr" => "French",
        "ru" => "Russian",
        "es" => "Spanish",
        _ => code,
    };

    public static string Mode(EnrolmentMode m) => m switch
    {
        EnrolmentMode.Self => "Self-enrolment",
        EnrolmentMode.Approval => "Enrolment with approval",
        _ => "Enrolment by staff only",
    };

    public static string State(RunState s) => s switch
    {
        RunState.Open => "Enrolment open",
        RunState.NotYetOpen => "Enrolment not open yet",
        RunState.Closed => "Enrolment closed",
        RunState.StaffOnly => "Enrolment by staff only",
        RunState.Ended => "Ended",
        _ => "Cancelled",
    };
}
