namespace Nexus.Web.Features.Coordination.Chairs;

/// <summary>A term as the rules see it: which agency chairs from which day to which day, both included.</summary>
public sealed record Term(string AgencyCode, DateOnly Start, DateOnly End)
{
    public bool Covers(DateOnly day) => Start <= day && day <= End;
}

/// <summary>The previous, current and next chairs for one day; any of them may be missing.</summary>
public sealed record Troika<T>(T? Previous, T? Current, T? Next) where T : class;

public enum TermProblemKind { EndsBeforeStart, Overlap, Gap }

/// <summary>What is wrong (overlap, reversed dates) or worth a look (gap) in a list of terms.</summary>
public sealed record TermProblem(TermProblemKind Kind, int Index, int? OtherIndex, DateOnly? From, DateOnly? To)
{
    /// <summary>Overlaps and reversed dates make a troika ambiguous and are refused; a gap is only flagged.</summary>
    public bool Blocks => Kind != TermProblemKind.Gap;
}

/// <summary>
/// The chairmanship rules: the troika for a day, validation of a list of terms, and the next terms from an agreed
/// order. Pure functions of their inputs, so every edge case is a unit test.
/// </summary>
public static class Rotation
{
    /// <summary>
    /// The troika on <paramref name="day"/>: the term covering it, the latest term that ended before it and the
    /// earliest that starts after it. On a day no term covers (a gap) there is no current chair, and previous and
    /// next are the terms either side of the gap. Terms must not overlap (see <see cref="Validate"/>).
    /// </summary>
    public static Troika<T> For<T>(IEnumerable<T> terms, Func<T, Term> term, DateOnly day) where T : class
    {
        T? previous = null, current = null, next = null;
        Term? p = null, n = null;
        foreach (var t in terms)
        {
            var x = term(t);
            if (x.Covers(day)) current = t;
            else if (x.End < day) { if (p is null || x.End > p.End) { previous = t; p = x; } }
            else if (x.Start > day) { if (n is null || x.Start < n.Start) { next = t; n = x; } }
        }
        return new Troika<T>(previous, current, next);
    }

    public static Troika<Term> For(IEnumerable<Term> terms, DateOnly day) => For(terms, t => t, day);

    /// <summary>
    /// The calendar day an instant falls on in the group's time zone: a term that starts on 1 January in Geneva
    /// has started at 23:30 UTC on 31 December.
    /// </summary>
    public static DateOnly Today(DateTimeOffset now, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);

    /// <summary>Problems in <paramref name="terms"/>, by index into the list as given.</summary>
    public static List<TermProblem> Validate(IReadOnlyList<Term> terms)
    {
        var problems = new List<TermProblem>();
        for (var i = 0; i < terms.Count; i++)
            if (terms[i].End < terms[i].Start) problems.Add(new(TermProblemKind.EndsBeforeStart, i, null, terms[i].Start, terms[i].End));
        var order = Enumerable.Range(0, terms.Count).Where(i => terms[i].End >= terms[i].Start)
            .OrderBy(i => terms[i].Start).ThenBy(i => terms[i].End).ToList();
        for (var k = 1; k < order.Count; k++)
        {
            var (a, b) = (order[k - 1], order[k]);
            // Compare with every earlier term still running, not only the one just before: a long term can overlap
            // two later ones.
            for (var j = k - 1; j >= 0; j--)
            {
                var e = order[j];
                if (terms[e].End >= terms[b].Start)
                    problems.Add(new(TermProblemKind.Overlap, b, e, terms[b].Start, Min(terms[e].End, terms[b].End)));
            }
            var latestEnd = order.Take(k).Max(i => terms[i].End);
            if (latestEnd.AddDays(1) < terms[b].Start)
                problems.Add(new(TermProblemKind.Gap, b, a, latestEnd.AddDays(1), terms[b].Start.AddDays(-1)));
        }
        return problems;
    }

    /// <summary>
    /// The next <paramref name="count"/> terms after the last existing one, following the agreed order: the agency
    /// after the last chair in that order goes next, each for <paramref name="months"/> months from the day after
    /// the previous term ends. With no term yet, the first in the order starts on <paramref name="firstStart"/>.
    /// </summary>
    public static List<Term> Generate(IReadOnlyList<Term> existing, IReadOnlyList<string> order, int months, int count, DateOnly firstStart)
    {
        if (order.Count == 0) throw new ArgumentException("The rotation order is empty.", nameof(order));
        if (months is < 1 or > 60) throw new ArgumentOutOfRangeException(nameof(months), "A term lasts 1 to 60 months.");
        var last = existing.OrderBy(t => t.End).LastOrDefault();
        var start = last is null ? firstStart : last.End.AddDays(1);
        var position = last is null ? 0 : (IndexIn(order, last.AgencyCode) + 1) % order.Count;
        var result = new List<Term>(count);
        for (var i = 0; i < count; i++)
        {
            var end = start.AddMonths(months).AddDays(-1);
            result.Add(new Term(order[position], start, end));
            start = end.AddDays(1);
            position = (position + 1) % order.Count;
        }
        return result;
    }

    /// <summary>Where the last chair stands in the order; an agency outside the order hands over to the first.</summary>
    private static int IndexIn(IReadOnlyList<string> order, string agency)
    {
        for (var i = 0; i < order.Count; i++) if (order[i] == agency) return i;
        return -1;
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
