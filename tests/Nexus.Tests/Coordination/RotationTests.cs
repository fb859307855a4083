using Nexus.Web.Features.Coordination.Chairs;

namespace Nexus.Tests.Coordination;

/// <summary>The chairmanship rules on their own: troika, validation and generation of terms.</summary>
public class RotationTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    // UNITAR from 1 June 2009 for seven months, UNDP for the first half of 2010, then an invented third chair.
    private static readonly Term Unitar = new("unitar", D(2009, 6, 1), D(2009, 12, 31));
    private static readonly Term Undp = new("undp", D(2010, 1, 1), D(2010, 6, 30));
    private static readonly Term Ilo = new("ilo", D(2010, 7, 1), D(2010, 12, 31));
    private static readonly Term[] Terms = [Ilo, Unitar, Undp]; // deliberately out of order

    [Fact]
    public void Middle_term_has_a_previous_and_a_next_chair()
    {
        var t = Rotation.For(Terms, D(2010, 3, 15));
        Assert.Equal((Unitar, Undp, Ilo), (t.Previous, t.Current, t.Next));
    }

    [Fact]
    public void First_term_has_no_previous_chair()
    {
        var t = Rotation.For(Terms, D(2009, 6, 1));
        Assert.Equal(((Term?)null, Unitar, Undp), (t.Previous, t.Current, t.Next));
    }

    [Fact]
    public void Last_term_has_no_next_chair()
    {
        var t = Rotation.For(Terms, D(2010, 12, 31));
        Assert.Equal((Undp, Ilo, (Term?)null), (t.Previous, t.Current, t.Next));
    }

    [Fact]
    public void Before_the_first_term_there_is_only_a_next_chair()
    {
        var t = Rotation.For(Terms, D(2009, 5, 31));
        Assert.Equal(((Term?)null, (Term?)null, Unitar), (t.Previous, t.Current, t.Next));
    }

    [Fact]
    public void After_the_last_term_there_is_only_a_previous_chair()
    {
        var t = Rotation.For(Terms, D(2011, 1, 1));
        Assert.Equal((Ilo, (Term?)null, (Term?)null), (t.Previous, t.Current, t.Next));
    }

    [Theory]
    [InlineData(2009, 12, 31, "unitar", "undp")]  // last day of a term: still the outgoing chair
    [InlineData(2010, 1, 1, "undp", "ilo")]       // first day of the next: the incoming chair
    public void A_boundary_day_belongs_to_the_term_that_includes_it(int y, int m, int d, string current, string next)
    {
        var t = Rotation.For(Terms, D(y, m, d));
        Assert.Equal(current, t.Current?.AgencyCode);
        Assert.Equal(next, t.Next?.AgencyCode);
    }

    [Fact]
    public void In_a_gap_there_is_no_current_chair_and_the_troika_spans_the_gap()
    {
        Term[] withGap = [Unitar, new("undp", D(2010, 2, 1), D(2010, 7, 31))];
        var t = Rotation.For(withGap, D(2010, 1, 15));
        Assert.Null(t.Current);
        Assert.Equal("unitar", t.Previous?.AgencyCode);
        Assert.Equal("undp", t.Next?.AgencyCode);
    }

    [Fact]
    public void No_terms_no_troika()
    {
        var t = Rotation.For([], D(2010, 1, 1));
        Assert.True(t is { Previous: null, Current: null, Next: null });
    }

    [Theory]
    // 23:30 UTC on 31 December is already 1 January in Geneva (UTC+1 in winter): UNDP chairs.
    [InlineData("2009-12-31T23:30:00Z", "Europe/Zurich", "undp")]
    // 22:59 UTC is 23:59 in Geneva: still UNITAR.
    [InlineData("2009-12-31T22:59:00Z", "Europe/Zurich", "unitar")]
    // The same instant in New York is still 31 December afternoon.
    [InlineData("2010-01-01T04:30:00Z", "America/New_York", "unitar")]
    // 31 May 22:00 UTC is 1 June 00:00 in Geneva (UTC+2 in summer): UNITAR's first day.
    [InlineData("2009-05-31T22:00:00Z", "Europe/Zurich", "unitar")]
    [InlineData("2009-05-31T21:59:59Z", "Europe/Zurich", null)]
    public void The_day_is_taken_in_the_groups_time_zone(string instant, string zone, string? chair)
    {
        var day = Rotation.Today(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture), TimeZoneInfo.FindSystemTimeZoneById(zone));
        Assert.Equal(chair, Rotation.For(Terms, day).Current?.AgencyCode);
    }

    [Fact]
    public void Back_to_back_terms_are_valid() => Assert.Empty(Rotation.Validate(Terms));

    [Fact]
    public void Terms_sharing_a_boundary_day_overlap()
    {
        var problems = Rotation.Validate([Unitar, new("undp", D(2009, 12, 31), D(2010, 6, 30))]);
        var p = Assert.Single(problems);
        Assert.Equal(TermProblemKind.Overlap, p.Kind);
        Assert.Equal((D(2009, 12, 31), D(2009, 12, 31)), (p.From!.Value, p.To!.Value));
        Assert.True(p.Blocks);
    }

    [Fact]
    public void A_long_term_overlapping_two_later_ones_is_reported_for_both()
    {
        var problems = Rotation.Validate([new("iom", D(2009, 1, 1), D(2010, 12, 31)), Unitar, Undp]);
        Assert.Equal(2, problems.Count(p => p.Kind == TermProblemKind.Overlap));
    }

    [Fact]
    public void A_gap_is_flagged_but_does_not_block()
    {
        var p = Assert.Single(Rotation.Validate([Unitar, new("undp", D(2010, 2, 1), D(2010, 7, 31))]));
        Assert.Equal(TermProblemKind.Gap, p.Kind);
        Assert.Equal((D(2010, 1, 1), D(2010, 1, 31)), (p.From!.Value, p.To!.Value));
        Assert.False(p.Blocks);
    }

    [Fact]
    public void A_term_ending_before_it_starts_is_refused()
    {
        var p = Assert.Single(Rotation.Validate([new("undp", D(2010, 6, 30), D(2010, 1, 1))]));
        Assert.Equal(TermProblemKind.EndsBeforeStart, p.Kind);
        Assert.True(p.Blocks);
    }

    [Fact]
    public void A_one_day_term_is_valid() => Assert.Empty(Rotation.Validate([new("undp", D(2010, 1, 1), D(2010, 1, 1))]));

    [Fact]
    public void Generated_terms_follow_the_order_after_the_last_chair()
    {
        var next = Rotation.Generate([Unitar, Undp], ["ilo", "unitar", "undp", "iom"], months: 6, count: 3, firstStart: D(2000, 1, 1));
        Assert.Equal(
            [new("iom", D(2010, 7, 1), D(2010, 12, 31)), new("ilo", D(2011, 1, 1), D(2011, 6, 30)), new("unitar", D(2011, 7, 1), D(2011, 12, 31))],
            next);
        Assert.Empty(Rotation.Validate([Unitar, Undp, .. next]));
    }

    [Fact]
    public void Generation_without_terms_starts_with_the_first_agency_on_the_given_day()
    {
        var next = Rotation.Generate([], ["unitar", "undp"], months: 7, count: 1, firstStart: D(2009, 6, 1));
        Assert.Equal([Unitar], next);
    }

    [Fact]
    public void A_last_chair_outside_the_order_hands_over_to_the_first_in_it()
    {
        var next = Rotation.Generate([new("who", D(2009, 1, 1), D(2009, 5, 31))], ["unitar", "undp"], 6, 1, D(2000, 1, 1));
        Assert.Equal("unitar", next[0].AgencyCode);
        Assert.Equal(D(2009, 6, 1), next[0].Start);
    }

    [Fact]
    public void Terms_of_other_lengths_end_on_the_last_day_of_their_last_month()
    {
        var next = Rotation.Generate([Unitar], ["undp"], months: 12, count: 1, firstStart: D(2000, 1, 1));
        Assert.Equal(new Term("undp", D(2010, 1, 1), D(2010, 12, 31)), next[0]);
    }

    [Fact]
    public void An_empty_order_or_a_silly_length_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Rotation.Generate([], [], 6, 1, D(2010, 1, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Rotation.Generate([], ["undp"], 0, 1, D(2010, 1, 1)));
    }
}
