namespace Nexus.Web.Features.Coordination.Workplans;

/// <summary>How many activities are at each status, how many are late, and what share is done.</summary>
public sealed record ProgressCounts(int Total, IReadOnlyDictionary<ActivityStatus, int> ByStatus, int Overdue)
{
    public static readonly ProgressCounts Empty = WorkplanRules.Count([], DateOnly.MinValue);

    public int Count(ActivityStatus status) => ByStatus.TryGetValue(status, out var n) ? n : 0;
    public int Done => Count(ActivityStatus.Done);

    /// <summary>
    /// Done out of what the group still means to do: a dropped activity is a decision, not a failure, so it is left
    /// out of the denominator. 0 when nothing is left to count.
    /// </summary>
    public double ShareDone => Total - Count(ActivityStatus.Dropped) is > 0 and var live ? (double)Done / live : 0;
}

/// <summary>The workplan's rules, kept free of the database so they can be tested on their own.</summary>
public static class WorkplanRules
{
    /// <summary>The years a workplan may be filed under; anything else is a typing mistake.</summary>
    public const int MinYear = 1990, MaxYear = 2100;

    /// <summary>A workplan spans one or two chairmanships; three years is already generous.</summary>
    public const int MaxSpanDays = 3 * 366;

    /// <summary>Still expected to happen: planned or under way. Done, postponed and dropped ones are not late.</summary>
    public static bool IsOpen(ActivityStatus status) => status is ActivityStatus.Planned or ActivityStatus.InProgress;

    public static bool IsOverdue(ActivityStatus status, DateOnly? due, DateOnly today) => IsOpen(status) && due is { } d && d < today;

    public static ProgressCounts Count(IEnumerable<(ActivityStatus Status, DateOnly? Due)> activities, DateOnly today)
    {
        var byStatus = Enum.GetValues<ActivityStatus>().ToDictionary(s => s, _ => 0);
        int total = 0, overdue = 0;
        foreach (var (status, due) in activities)
        {
            total++;
            byStatus[status]++;
            if (IsOverdue(status, due, today)) overdue++;
        }
        return new ProgressCounts(total, byStatus, overdue);
    }

    /// <summary>
    /// Due dates a little before or after the span are plausible (preparations, late reports); a due date years
    /// away from the plan is a typing mistake.
    /// </summary>
    public static (DateOnly From, DateOnly To) DueRange(DateOnly start, DateOnly end) => (start.AddYears(-1), end.AddYears(1));

    /// <summary>An agency may lead an activity when it is a member of the group at some time during the workplan.</summary>
    public static bool CanLead(Agencies.Agency agency, DateOnly start, DateOnly end) =>
        agency.MemberSince is { } since && since <= end && (agency.MemberUntil is not { } until || until >= start);

    /// <summary>Expected outcomes are stored one per line; blank lines are not outcomes.</summary>
    public static IReadOnlyList<string> Outcomes(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// The positions after moving <paramref name="id"/> one place up or down among its siblings, numbered 1..n
    /// (which also repairs gaps left by removals). Null when it cannot move that way or is not among them.
    /// </summary>
    public static Dictionary<int, int>? Move(IReadOnlyList<(int Id, int Position)> siblings, int id, bool up)
    {
        var order = siblings.OrderBy(s => s.Position).ThenBy(s => s.Id).Select(s => s.Id).ToList();
        var i = order.IndexOf(id);
        var j = up ? i - 1 : i + 1;
        if (i < 0 || j < 0 || j >= order.Count) return null;
        (order[i], order[j]) = (order[j], order[i]);
        return order.Select((x, n) => (x, n)).ToDictionary(p => p.x, p => p.n + 1);
    }

    /// <summary>The workplan whose span covers the day (the later one where two overlap), else the latest one.</summary>
    public static T? ForDay<T>(IReadOnlyList<T> plans, DateOnly day, Func<T, DateOnly> start, Func<T, DateOnly> end) where T : class =>
        plans.Where(p => start(p) <= day && day <= end(p)).OrderByDescending(start).FirstOrDefault()
        ?? plans.OrderByDescending(start).FirstOrDefault();
}
