using Nexus.Web.Features.Agencies;
using Nexus.Web.Features.Coordination;
using Nexus.Web.Features.Coordination.Outputs;

namespace Nexus.Tests.Coordination;

/// <summary>The joint outputs' rules on their own: who signs off, when publication is allowed, which moves are.</summary>
public class JointOutputRulesTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static Agency A(string code, DateOnly? since, DateOnly? until = null) =>
        new() { Code = code, Acronym = code.ToUpperInvariant(), Name = code, MemberSince = since, MemberUntil = until };

    private static JointOutputSignOff S(string code, SignOffDecision d, string? note = null) => new() { AgencyCode = code, Decision = d, Note = note };

    private static readonly DateOnly Deadline = D(2009, 10, 23);

    // ---- who signs off ---------------------------------------------------------------------------------------

    [Fact]
    public void The_members_on_the_circulation_day_are_asked_and_nobody_else()
    {
        var agencies = new[]
        {
            A("unitar", D(2009, 6, 1)), A("iom", D(2009, 6, 1)),
            A("macarthur", null),                              // a partner, never a member
            A("left", D(2009, 6, 1), until: D(2009, 9, 30)),   // left before
            A("joined", D(2009, 11, 1)),                       // joined after circulation
            A("lastday", D(2009, 6, 1), until: D(2009, 10, 7)) // its last day is the circulation day: still a member
        };
        var rows = JointOutputRules.OpenSignOffs(agencies, D(2009, 10, 7));
        Assert.Equal(["iom", "lastday", "unitar"], rows.Select(r => r.AgencyCode));
        Assert.All(rows, r => Assert.Equal(SignOffDecision.Pending, r.Decision));
    }

    [Fact]
    public void A_member_that_joined_after_circulation_does_not_hold_up_publication()
    {
        var agencies = new[] { A("unitar", D(2009, 6, 1)), A("iom", D(2009, 6, 1)) };
        var rows = JointOutputRules.OpenSignOffs(agencies, D(2009, 10, 7));
        foreach (var r in rows) r.Decision = SignOffDecision.Endorsed;
        // UNDP joins the next week: the rows were fixed at circulation, so nothing waits for it.
        var check = JointOutputRules.CheckPublication(JointOutputStatus.Agreed, rows, Deadline, D(2009, 10, 14));
        Assert.True(check.CanPublish);
        Assert.DoesNotContain(rows, r => r.AgencyCode == "undp");
    }

    [Fact]
    public void With_no_members_nobody_is_asked_and_the_output_cannot_be_published()
    {
        Assert.Empty(JointOutputRules.OpenSignOffs([A("macarthur", null), A("joined", D(2010, 1, 1))], D(2009, 10, 7)));
        var check = JointOutputRules.CheckPublication(JointOutputStatus.Circulated, [], Deadline, D(2009, 12, 1));
        Assert.False(check.CanPublish);
        Assert.Equal(PublishProblem.NoSignatories, check.Problem);
        Assert.False(JointOutputRules.AllAgreed([]));
    }

    // ---- the deadline ----------------------------------------------------------------------------------------

    [Theory]
    [InlineData(22, false)] // the day before the deadline
    [InlineData(23, false)] // the deadline day itself is still a day to answer
    [InlineData(24, true)]  // the day after: silence counts as no objection
    public void Silence_counts_as_no_objection_only_after_the_deadline_day(int day, bool publishable)
    {
        var rows = new[] { S("unitar", SignOffDecision.Endorsed), S("iom", SignOffDecision.Pending) };
        var check = JointOutputRules.CheckPublication(JointOutputStatus.Circulated, rows, Deadline, D(2009, 10, day),
            new Dictionary<string, string> { ["iom"] = "IOM" });
        Assert.Equal(publishable, check.CanPublish);
        Assert.Equal(publishable, JointOutputRules.DeadlinePassed(Deadline, D(2009, 10, day)));
        if (!publishable)
        {
            var blocker = Assert.Single(check.Blockers);
            Assert.Equal(("iom", "IOM", BlockReason.NoAnswer), (blocker.AgencyCode, blocker.Acronym, blocker.Reason));
        }
    }

    [Fact]
    public void Without_a_deadline_silence_always_blocks()
    {
        var check = JointOutputRules.CheckPublication(JointOutputStatus.Circulated, [S("iom", SignOffDecision.Pending)], null, D(2030, 1, 1));
        Assert.False(check.CanPublish);
        Assert.Equal(SignOffDecision.Pending, JointOutputRules.Effective(SignOffDecision.Pending, null, D(2030, 1, 1)));
    }

    // ---- objections ------------------------------------------------------------------------------------------

    [Fact]
    public void An_objection_blocks_even_long_after_the_deadline_and_names_the_agency_and_its_reason()
    {
        var rows = new[] { S("unitar", SignOffDecision.Endorsed), S("ohchr", SignOffDecision.Objected, "Add the rights instruments."), S("iom", SignOffDecision.Pending) };
        var check = JointOutputRules.CheckPublication(JointOutputStatus.Circulated, rows, Deadline, D(2012, 1, 1),
            new Dictionary<string, string> { ["ohchr"] = "OHCHR" });
        Assert.False(check.CanPublish);
        var blocker = Assert.Single(check.Blockers); // IOM's silence passed the deadline: only the objection remains
        Assert.Equal(("OHCHR", BlockReason.Objected, "Add the rights instruments."), (blocker.Acronym, blocker.Reason, blocker.Note));
    }

    [Fact]
    public void An_objection_stops_blocking_once_the_agency_changes_its_answer()
    {
        var ohchr = S("ohchr", SignOffDecision.Objected, "Not yet.");
        var rows = new[] { S("unitar", SignOffDecision.Endorsed), ohchr };
        Assert.Equal(JointOutputStatus.Circulated, JointOutputRules.AfterAnswers(JointOutputStatus.Circulated, rows));
        ohchr.Decision = SignOffDecision.Endorsed;
        Assert.Equal(JointOutputStatus.Agreed, JointOutputRules.AfterAnswers(JointOutputStatus.Circulated, rows));
        Assert.True(JointOutputRules.CheckPublication(JointOutputStatus.Agreed, rows, Deadline, D(2009, 10, 20)).CanPublish);
    }

    [Fact]
    public void Withdrawing_an_endorsement_takes_an_agreed_output_back_to_circulated()
    {
        var rows = new[] { S("unitar", SignOffDecision.Endorsed), S("iom", SignOffDecision.Objected, "Changed our mind.") };
        Assert.Equal(JointOutputStatus.Circulated, JointOutputRules.AfterAnswers(JointOutputStatus.Agreed, rows));
    }

    [Fact]
    public void A_recorded_no_objection_counts_like_an_endorsement()
    {
        var rows = new[] { S("unitar", SignOffDecision.Endorsed), S("iom", SignOffDecision.NoObjection) };
        Assert.True(JointOutputRules.AllAgreed(rows));
        Assert.Empty(JointOutputRules.Blockers(rows, Deadline, D(2009, 10, 1)));
    }

    [Fact]
    public void Blockers_list_every_waiting_or_objecting_agency_in_order()
    {
        var rows = new[] { S("ilo", SignOffDecision.Pending), S("iom", SignOffDecision.Endorsed), S("ohchr", SignOffDecision.Objected, "No."), S("undp", SignOffDecision.Pending) };
        var blockers = JointOutputRules.Blockers(rows, Deadline, D(2009, 10, 1));
        Assert.Equal([("ilo", BlockReason.NoAnswer), ("ohchr", BlockReason.Objected), ("undp", BlockReason.NoAnswer)],
            blockers.Select(b => (b.AgencyCode, b.Reason)));
        Assert.Null(blockers[0].Note);
    }

    // ---- status ----------------------------------------------------------------------------------------------

    [Fact]
    public void A_draft_and_a_published_output_cannot_be_published()
    {
        var rows = new[] { S("iom", SignOffDecision.Endorsed) };
        Assert.Equal(PublishProblem.NotCirculated, JointOutputRules.CheckPublication(JointOutputStatus.Draft, rows, Deadline, D(2009, 11, 1)).Problem);
        Assert.Equal(PublishProblem.AlreadyPublished, JointOutputRules.CheckPublication(JointOutputStatus.Published, rows, Deadline, D(2009, 11, 1)).Problem);
    }

    [Theory]
    [InlineData(JointOutputStatus.Draft, JointOutputStatus.Circulated, true)]
    [InlineData(JointOutputStatus.Circulated, JointOutputStatus.Agreed, true)]
    [InlineData(JointOutputStatus.Agreed, JointOutputStatus.Published, true)]
    [InlineData(JointOutputStatus.Agreed, JointOutputStatus.Circulated, true)]
    [InlineData(JointOutputStatus.Circulated, JointOutputStatus.Draft, true)]
    [InlineData(JointOutputStatus.Agreed, JointOutputStatus.Draft, true)]
    [InlineData(JointOutputStatus.Draft, JointOutputStatus.Agreed, false)]
    [InlineData(JointOutputStatus.Draft, JointOutputStatus.Published, false)]
    [InlineData(JointOutputStatus.Circulated, JointOutputStatus.Published, false)]
    [InlineData(JointOutputStatus.Circulated, JointOutputStatus.Circulated, false)]
    [InlineData(JointOutputStatus.Published, JointOutputStatus.Draft, false)]
    [InlineData(JointOutputStatus.Published, JointOutputStatus.Circulated, false)]
    public void Only_the_workflow_moves_are_allowed(JointOutputStatus from, JointOutputStatus to, bool allowed) =>
        Assert.Equal(allowed, JointOutputRules.CanMove(from, to));

    [Theory]
    [InlineData(JointOutputStatus.Draft, true, false)]
    [InlineData(JointOutputStatus.Circulated, true, true)]
    [InlineData(JointOutputStatus.Agreed, true, true)]
    [InlineData(JointOutputStatus.Published, false, false)]
    public void Editing_a_circulated_text_reopens_it_and_a_published_one_cannot_be_edited(JointOutputStatus status, bool editable, bool reopens)
    {
        Assert.Equal(editable, JointOutputRules.CanEdit(status));
        Assert.Equal(reopens, JointOutputRules.EditReopens(status));
    }

    // ---- circulation dates -----------------------------------------------------------------------------------

    [Fact]
    public void Circulation_dates_may_be_today_but_not_in_the_past_and_comments_come_first()
    {
        var today = D(2009, 10, 7);
        Assert.Empty(JointOutputRules.CheckCirculationDates(today, today, today));
        Assert.Equal([("deadline", CirculationDateProblem.InThePast)], JointOutputRules.CheckCirculationDates(today, D(2009, 10, 6), today));
        Assert.Equal([("commentsDue", CirculationDateProblem.AfterDeadline)], JointOutputRules.CheckCirculationDates(D(2009, 10, 20), D(2009, 10, 19), today));
        Assert.Equal([("commentsDue", CirculationDateProblem.Missing), ("deadline", CirculationDateProblem.Missing)],
            JointOutputRules.CheckCirculationDates(null, null, today));
        Assert.Equal([("deadline", CirculationDateProblem.TooFar)], JointOutputRules.CheckCirculationDates(today, D(2010, 10, 8), today));
    }
}
