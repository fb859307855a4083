using Nexus.Web.Features.Reports;

namespace Nexus.Tests.Reports;

/// <summary>The templates on their own: structure, lettering, numbers and notes, without a database.</summary>
public class ReportDrafterTests
{
    [Fact]
    public void Without_a_chairmanship_that_year_the_section_is_left_out_and_the_letters_shift()
    {
        var d = ReportDrafter.Draft(ReportSamples.Small(chaired: false));
        Assert.Equal(["introduction", "seminars", "capacity"], d.Sections.Select(s => s.Key));
        Assert.Equal([null, "A", "B"], d.Sections.Select(s => s.Letter));
        Assert.DoesNotContain("chairmanship", ReportDrafter.ToPlainText(d));
    }

    [Fact]
    public void With_a_chairmanship_it_comes_first_as_A_and_names_the_next_chair()
    {
        var d = ReportDrafter.Draft(ReportSamples.Small());
        Assert.Equal(["A", "B", "C"], d.Sections.Skip(1).Select(s => s.Letter));
        var chair = d.Sections.Single(s => s.Key == ReportDrafter.Chairmanship).Text;
        Assert.Contains("on 1 June 2009 for a period of seven months", chair);
        Assert.Contains("United Nations Development Programme (UNDP), took over on 1 January 2010", chair);
    }

    [Fact]
    public void A_policy_seminar_away_names_the_partners_it_was_held_with()
    {
        var facts = ReportSamples.Small();
        facts = facts with
        {
            Events = facts.Events.Select(e => e.Kind == Nexus.Web.Features.Events.EventKind.PolicySeminar
                ? e with { Partners = ["the Government of Spain", "IOM"] } : e).ToList(),
        };
        var text = ReportDrafter.ToPlainText(ReportDrafter.Draft(facts));
        Assert.Contains("was held in Brussels, Belgium, on 7 June 2009, together with the Government of Spain and IOM", text);
        // Without partners the sentence reads as before.
        Assert.DoesNotContain("together with", ReportDrafter.ToPlainText(ReportDrafter.Draft(ReportSamples.Small())));
    }

    [Theory]
    [InlineData("Near Geneva, Switzerland", " near Geneva, Switzerland")]
    [InlineData("Geneva", " in Geneva")]
    [InlineData("  at the Palais des Nations ", " at the Palais des Nations")]
    [InlineData("Inverness", " in Inverness")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void A_meeting_place_reads_as_part_of_the_sentence(string? typed, string expected) =>
        Assert.Equal(expected, ReportDrafter.MeetingPlace(typed));

    [Fact]
    public void Participation_figures_are_printed_exactly()
    {
        var facts = ReportSamples.Small() with
        {
            Participation = new(1234, [new("Academia", 1000), new("Media", 234)], [new("Female", 634), new("Male", 600)]),
        };
        var text = ReportDrafter.Draft(facts).Sections.Single(s => s.Key == ReportDrafter.Seminars).Text;
        Assert.Contains("1,234 participants", text);
        Assert.Contains("Academia, 1,000; Media, 234", text);
        Assert.Contains("female, 634; male, 600", text);
    }

    [Fact]
    public void A_year_without_projects_says_no_capacity_development_was_recorded()
    {
        var d = ReportDrafter.Draft(ReportSamples.Small() with { Projects = [], FollowUps = [] });
        Assert.Equal(["No capacity-development activity was recorded for 2009."], d.Sections.Single(s => s.Key == ReportDrafter.Capacity).Paragraphs);
    }

    [Fact]
    public void A_source_cited_twice_keeps_one_note_and_every_note_is_cited()
    {
        var d = ReportDrafter.Draft(ReportSamples.Small());
        Assert.Equal(d.Notes.Count, d.Notes.Select(n => n.Text).Distinct().Count());
        var all = string.Join("\n", d.Sections.Select(s => s.Text));
        Assert.All(d.Notes, n => Assert.Contains($"[^{n.Number}]", all));
        Assert.Equal(Enumerable.Range(1, d.Notes.Count), d.Notes.Select(n => n.Number));
    }

    [Fact]
    public void Drafting_is_deterministic_and_the_hash_follows_the_text()
    {
        var a = ReportDrafter.Draft(ReportSamples.Small());
        var b = ReportDrafter.Draft(ReportSamples.Small());
        Assert.Equal(ReportDrafter.ToPlainText(a), ReportDrafter.ToPlainText(b));
        Assert.Equal(a.Sections[1].Hash, b.Sections[1].Hash);
        var changed = ReportDrafter.Draft(ReportSamples.Small() with { Meetings = [] });
        Assert.NotEqual(a.Sections[1].Hash, changed.Sections[1].Hash);
        Assert.Equal(a.Sections[2].Hash, changed.Sections[2].Hash);
    }

    [Fact]
    public void An_edit_replaces_its_section_only_and_is_split_into_paragraphs()
    {
        var d = ReportDrafter.Draft(ReportSamples.Small());
        var edited = ReportDrafter.WithEdits(d, new Dictionary<string, string> { ["seminars"] = "First  line\nstill first.\r\n\r\nSecond." });
        Assert.Equal(["First line still first.", "Second."], edited.Sections.Single(s => s.Key == "seminars").Paragraphs);
        Assert.Equal(d.Sections.Single(s => s.Key == "capacity").Paragraphs, edited.Sections.Single(s => s.Key == "capacity").Paragraphs);
    }

    [Theory]
    [InlineData(new[] { "x" }, "x")]
    [InlineData(new[] { "x", "y" }, "(a) x, and (b) y")]
    [InlineData(new[] { "x", "y", "z" }, "(a) x; (b) y, and (c) z")]
    public void Enumerations_follow_the_seeds(string[] items, string expected) => Assert.Equal(expected, ReportDrafter.Lettered(items));

    [Fact]
    public void Findings_keep_their_first_paragraph_without_markdown()
    {
        Assert.Equal("A bold claim and a link.", ReportDrafter.FirstParagraph("A **bold** claim and [a link](https://x.org)\n\nMore."));
    }

    [Fact]
    public void Note_markers_split_into_runs()
    {
        Assert.Equal([("Held", (int?)null), ("", 3), (".", null)], ReportDrafter.Runs("Held[^3]."));
    }
}
