using Nexus.Web.Features.Agencies;
using Nexus.Web.Features.Coordination;
using Nexus.Web.Features.Coordination.Workplans;
using Nexus.Web.Infrastructure;

namespace Nexus.Tests.Coordination;

/// <summary>The workplan's rules and form checks, without a database.</summary>
public class WorkplanRulesTests
{
    private static readonly DateOnly Today = new(2009, 11, 10);
    private static readonly HashSet<string> Members = ["unitar", "undp", "unfpa", "iom"];
    private static readonly HashSet<string> Known = ["unitar", "undp", "unfpa", "iom", "macarthur"];

    [Theory]
    [InlineData(ActivityStatus.Planned, -1, true)]
    [InlineData(ActivityStatus.InProgress, -1, true)]
    [InlineData(ActivityStatus.InProgress, 0, false)]
    [InlineData(ActivityStatus.Done, -30, false)]
    [InlineData(ActivityStatus.Postponed, -30, false)]
    [InlineData(ActivityStatus.Dropped, -30, false)]
    public void Only_open_activities_past_their_due_date_are_overdue(ActivityStatus status, int dueInDays, bool overdue) =>
        Assert.Equal(overdue, WorkplanRules.IsOverdue(status, Today.AddDays(dueInDays), Today));

    [Fact]
    public void An_activity_without_a_due_date_is_never_overdue() =>
        Assert.False(WorkplanRules.IsOverdue(ActivityStatus.Planned, null, Today));

    [Fact]
    public void Counts_give_every_status_and_leave_dropped_activities_out_of_the_share_done()
    {
        var counts = WorkplanRules.Count(
        [
            (ActivityStatus.Done, null), (ActivityStatus.Done, null), (ActivityStatus.InProgress, Today.AddDays(-1)),
            (ActivityStatus.Planned, Today.AddDays(3)), (ActivityStatus.Dropped, Today.AddDays(-9)),
        ], Today);
        Assert.Equal(5, counts.Total);
        Assert.Equal(2, counts.Done);
        Assert.Equal(0, counts.Count(ActivityStatus.Postponed));
        Assert.Equal(5, counts.ByStatus.Count);
        Assert.Equal(1, counts.Overdue);
        Assert.Equal(0.5, counts.ShareDone);
        Assert.Equal(0, ProgressCounts.Empty.ShareDone);
        Assert.Equal(0, WorkplanRules.Count([(ActivityStatus.Dropped, null)], Today).ShareDone);
    }

    [Fact]
    public void Moving_swaps_with_the_neighbour_and_renumbers_from_one()
    {
        (int, int)[] siblings = [(10, 1), (11, 5), (12, 9)];
        Assert.Equal(new Dictionary<int, int> { [10] = 1, [12] = 2, [11] = 3 }, WorkplanRules.Move(siblings, 12, up: true));
        Assert.Equal(new Dictionary<int, int> { [11] = 1, [10] = 2, [12] = 3 }, WorkplanRules.Move(siblings, 10, up: false));
        Assert.Null(WorkplanRules.Move(siblings, 10, up: true));
        Assert.Null(WorkplanRules.Move(siblings, 12, up: false));
        Assert.Null(WorkplanRules.Move(siblings, 99, up: true));
    }

    [Fact]
    public void The_plan_for_a_day_is_the_one_covering_it_else_the_latest()
    {
        var a = new Plan(new(2009, 6, 1), new(2010, 7, 31));
        var b = new Plan(new(2010, 8, 1), new(2011, 7, 31));
        Assert.Same(a, WorkplanRules.ForDay([a, b], new(2009, 12, 1), p => p.Start, p => p.End));
        Assert.Same(b, WorkplanRules.ForDay([a, b], new(2011, 1, 1), p => p.Start, p => p.End));
        Assert.Same(b, WorkplanRules.ForDay([a, b], new(2015, 1, 1), p => p.Start, p => p.End));
        Assert.Same(b, WorkplanRules.ForDay([a, b], new(2001, 1, 1), p => p.Start, p => p.End));
        Assert.Null(WorkplanRules.ForDay(Array.Empty<Plan>(), Today, p => p.Start, p => p.End));
    }

    private sealed record Plan(DateOnly Start, DateOnly End);

    [Fact]
    public void Only_an_agency_that_is_a_member_during_the_plan_can_lead()
    {
        var member = new Agency { Code = "unitar", Acronym = "UNITAR", Name = "x", MemberSince = new(2009, 6, 1) };
        var partner = new Agency { Code = "macarthur", Acronym = "MacArthur", Name = "x" };
        var left = new Agency { Code = "old", Acronym = "OLD", Name = "x", MemberSince = new(2000, 1, 1), MemberUntil = new(2008, 12, 31) };
        Assert.True(WorkplanRules.CanLead(member, new(2009, 1, 1), new(2010, 7, 31)));
        Assert.False(WorkplanRules.CanLead(partner, new(2009, 1, 1), new(2010, 7, 31)));
        Assert.False(WorkplanRules.CanLead(left, new(2009, 6, 1), new(2010, 7, 31)));
    }

    [Fact]
    public void A_workplan_form_names_every_bad_field()
    {
        var errors = new FieldErrors();
        Assert.Null(WorkplanForms.Workplan("2009", "  ", "2010-07-31", "2009-06-01", null, "adopted", errors));
        var messages = errors.ToDictionary();
        Assert.Contains("Required.", messages["title"]);
        Assert.Contains("The end must not be before the start.", messages["end"]);
        Assert.Contains(messages["year"], m => m.StartsWith("The year is the year the span starts in"));

        errors = new FieldErrors();
        Assert.Null(WorkplanForms.Workplan("12", new string('x', 301), "2009-02-30", "soon", "a\u0000b", "final", errors));
        Assert.Equal(["end", "start", "status", "summary", "title", "year"], errors.ToDictionary().Keys.Order());

        errors = new FieldErrors();
        Assert.Null(WorkplanForms.Workplan("2009", "Long", "2009-06-01", "2019-06-01", null, null, errors));
        Assert.Contains("A workplan spans at most three years.", errors.ToDictionary()["end"]);
    }

    [Fact]
    public void A_valid_workplan_form_is_cleaned()
    {
        var errors = new FieldErrors();
        var f = WorkplanForms.Workplan(" 2009 ", "  GMG workplan 2009–2010 ", "2009-06-01", "2010-07-31", "", "adopted", errors);
        Assert.False(errors.Any);
        Assert.Equal(new WorkplanFields(2009, "GMG workplan 2009–2010", new(2009, 6, 1), new(2010, 7, 31), null, WorkplanStatus.Adopted), f);
    }

    [Fact]
    public void An_activity_form_refuses_unknown_and_non_member_leads_and_far_away_due_dates()
    {
        ActivityFields? Try(string lead, string? due, out Dictionary<string, string[]> messages, params string[] contributing)
        {
            var errors = new FieldErrors();
            var f = WorkplanForms.Activity("7", "deliverable", "Fact-sheets", null, lead, contributing, due, "planned", [7], Members, Known,
                new(2009, 6, 1), new(2010, 7, 31), errors);
            messages = new Dictionary<string, string[]>(errors.ToDictionary());
            return f;
        }
        Assert.Null(Try("who-knows", null, out var m1));
        Assert.Equal(["No agency has that code."], m1["lead"]);
        Assert.Null(Try("macarthur", null, out var m2));
        Assert.Equal(["That agency is not a member of the group during this workplan."], m2["lead"]);
        Assert.Null(Try("unfpa", "2030-01-01", out var m3));
        Assert.Equal(["Give a date between 2008-06-01 and 2011-07-31."], m3["due"]);
        Assert.Null(Try("unfpa", "9999-12-31", out var m4));
        Assert.Contains("due", m4.Keys);
        Assert.Null(Try("unfpa", null, out var m5, "atlantis"));
        Assert.Contains("contributing", m5.Keys);

        var ok = Try("UNFPA", "2009-11-04", out var none, "unfpa", "iom", "iom", "macarthur");
        Assert.Empty(none);
        Assert.Equal("unfpa", ok!.Lead);
        Assert.Equal(["iom", "macarthur"], ok.Contributing); // the lead is not its own contributor; no duplicates
        Assert.Equal(ActivityKind.Deliverable, ok.Kind);
    }

    [Fact]
    public void An_activity_must_hang_under_an_objective_of_the_plan()
    {
        var errors = new FieldErrors();
        Assert.Null(WorkplanForms.Activity("8", null, "x", null, "unitar", [], null, null, [7], Members, Known, new(2009, 6, 1), new(2010, 7, 31), errors));
        Assert.Contains("objective", errors.ToDictionary().Keys);
    }

    [Fact]
    public void An_update_needs_a_note_or_a_new_status()
    {
        var errors = new FieldErrors();
        Assert.Null(WorkplanForms.Update("  ", "planned", ActivityStatus.Planned, errors));
        Assert.Contains("note", errors.ToDictionary().Keys);
        errors = new FieldErrors();
        Assert.Equal((null, ActivityStatus.Done), WorkplanForms.Update("", "done", ActivityStatus.Planned, errors));
        Assert.Equal(("Sheets printed.", null), WorkplanForms.Update(" Sheets printed. ", "planned", ActivityStatus.Planned, errors));
        Assert.Null(WorkplanForms.Update(new string('x', 4001), null, ActivityStatus.Planned, errors));
        Assert.Null(WorkplanForms.Update("ok", "finished", ActivityStatus.Planned, errors));
        Assert.Equal(["note", "status"], errors.ToDictionary().Keys.Order());
    }

    [Theory]
    [InlineData("https://www.globalmigrationgroup.org/fact-sheets", true)]
    [InlineData("http://example.org/a?b=c", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("data:text/html,<script>alert(1)</script>", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("ftp://example.org/x", false)]
    [InlineData("www.example.org", false)]
    [InlineData("https://exa mple.org", false)]
    public void Evidence_links_are_web_addresses_only(string url, bool accepted)
    {
        var errors = new FieldErrors();
        Assert.Equal(accepted, WorkplanForms.WebAddress("evidenceUrl", url, errors) is not null);
        Assert.Equal(!accepted, errors.Any);
    }

    [Fact]
    public void Expected_outcomes_are_read_one_per_line()
    {
        Assert.Equal(["Shared priorities", "A retreat held"], WorkplanRules.Outcomes("Shared priorities\r\n\n  A retreat held  \n"));
        var errors = new FieldErrors();
        var f = WorkplanForms.Objective("3", "Speak with one voice", " One \r\n\r\nTwo ", [3], errors);
        Assert.Equal("One\nTwo", f!.ExpectedOutcomes);
    }

    [Fact]
    public void The_export_drops_characters_xml_cannot_hold() =>
        Assert.Equal("ab😀c\td", WorkplanExport.Clean("a\u0001b😀\uD800c\td\uFFFE"));
}
