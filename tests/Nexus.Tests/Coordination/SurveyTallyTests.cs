using System.Text;
using Nexus.Web.Features.Coordination;
using Nexus.Web.Features.Coordination.Surveys;

namespace Nexus.Tests.Coordination;

/// <summary>The results of a survey counted without a database, and its answers as a table for export.</summary>
public class SurveyTallyTests
{
    private static readonly SurveyQuestion Single = new() { Id = 1, Position = 1, Kind = QuestionKind.SingleChoice, Text = "One", Options = ["A", "B", "C"] };
    private static readonly SurveyQuestion Multi = new() { Id = 2, Position = 2, Kind = QuestionKind.MultipleChoice, Text = "Many", Options = ["X", "Y", "Z"] };
    private static readonly SurveyQuestion Scale = new() { Id = 3, Position = 3, Kind = QuestionKind.Scale, Text = "How much", ScaleMin = 1, ScaleMax = 5, ScaleMinLabel = "Low" };
    private static readonly SurveyQuestion Free = new() { Id = 4, Position = 4, Kind = QuestionKind.FreeText, Text = "Say" };
    private static readonly SurveyQuestion[] Questions = [Free, Scale, Multi, Single]; // out of order on purpose

    private static SurveyResponse R(string agency, int single, int[] multi, int? scale, string? text, int minute) => new()
    {
        AgencyCode = agency, SubmittedAt = new DateTime(2009, 8, 1, 10, minute, 0, DateTimeKind.Utc),
        Answers =
        [
            new() { QuestionId = 1, Choices = [single] },
            .. multi.Length > 0 ? new[] { new SurveyAnswer { QuestionId = 2, Choices = [.. multi] } } : [],
            .. scale is { } s ? new[] { new SurveyAnswer { QuestionId = 3, Scale = s } } : [],
            .. text is not null ? new[] { new SurveyAnswer { QuestionId = 4, Text = text } } : [],
        ],
    };

    // Submitted in the order IOM, ILO, UNDP, UNFPA; the texts' alphabetical order differs from both.
    private static readonly SurveyResponse[] Responses =
    [
        R("iom", 0, [0, 1], 5, "Zebra crossing", 1),
        R("ilo", 0, [1], 2, "apple", 2),
        R("undp", 2, [], 4, "Mango", 3),
        R("unfpa", 1, [1, 2], null, null, 4),
    ];

    private static readonly string[] Members = ["iom", "ilo", "undp", "unfpa", "unhcr", "who"];
    private static string Name(string code) => code.ToUpperInvariant();

    private static SurveyResult Tally(bool anonymous) => SurveyTally.Compute(Questions, Responses, Members, Name, anonymous);

    [Fact]
    public void The_response_rate_is_agencies_that_answered_over_member_agencies()
    {
        var r = Tally(anonymous: false);
        Assert.Equal((4, 6), (r.Responses, r.Members));
        Assert.Equal(4 * 100.0 / 6, r.Rate, 6);
        Assert.Equal(["UNHCR", "WHO"], r.NotAnswered);
    }

    [Fact]
    public void An_agency_that_answered_and_has_since_left_still_counts_among_those_asked()
    {
        var r = SurveyTally.Compute(Questions, Responses, ["iom", "ilo"], Name, anonymous: false);
        Assert.Equal((4, 4), (r.Responses, r.Members));
        Assert.Empty(r.NotAnswered);
    }

    [Fact]
    public void Questions_come_in_their_order_and_choices_are_counted_as_shares_of_those_who_answered()
    {
        var r = Tally(anonymous: false);
        Assert.Equal([1, 2, 3, 4], r.Questions.Select(q => q.Question.Id));
        var single = r.Questions[0];
        Assert.Equal(4, single.Answered);
        Assert.Equal([("A", 2, 50.0), ("B", 1, 25.0), ("C", 1, 25.0)], single.Counts.Select(c => (c.Label, c.Count, c.Percent)));
        Assert.Equal(["ILO", "IOM"], single.Counts[0].Agencies);

        // Several choices each: shares add up to more than 100 %, of the three agencies that answered.
        var multi = r.Questions[1];
        Assert.Equal(3, multi.Answered);
        Assert.Equal([1, 3, 1], multi.Counts.Select(c => c.Count));
        Assert.Equal(100.0, multi.Counts[1].Percent);
    }

    [Fact]
    public void A_scale_gives_its_distribution_mean_and_median()
    {
        var scale = Tally(anonymous: false).Questions[2];
        Assert.Equal(3, scale.Answered);
        Assert.Equal(["1 (Low)", "2", "3", "4", "5"], scale.Counts.Select(c => c.Label));
        Assert.Equal([0, 1, 0, 1, 1], scale.Counts.Select(c => c.Count));
        Assert.Equal(11 / 3.0, scale.Mean!.Value, 6);
        Assert.Equal(4, scale.Median);
    }

    [Theory]
    [InlineData(new int[0], null)]
    [InlineData(new[] { 3 }, 3.0)]
    [InlineData(new[] { 1, 2, 4, 5 }, 3.0)]
    [InlineData(new[] { 1, 2 }, 1.5)]
    [InlineData(new[] { 0, 0, 10 }, 0.0)]
    public void The_median_of_an_even_count_is_the_mean_of_the_middle_two(int[] sorted, double? median) =>
        Assert.Equal(median, SurveyTally.Median(sorted));

    [Fact]
    public void Attributed_results_name_the_agency_of_each_free_text_answer()
    {
        var free = Tally(anonymous: false).Questions[3];
        Assert.Equal([("ILO", "apple"), ("IOM", "Zebra crossing"), ("UNDP", "Mango")], free.Texts.Select(t => (t.Agency!, t.Text)));
    }

    [Fact]
    public void Anonymous_results_name_no_agency_anywhere_and_order_texts_by_their_text()
    {
        var r = Tally(anonymous: true);
        Assert.Empty(r.NotAnswered);
        Assert.All(r.Questions.SelectMany(q => q.Counts), c => Assert.Empty(c.Agencies));
        var free = r.Questions[3];
        Assert.All(free.Texts, t => Assert.Null(t.Agency));
        Assert.Equal(["apple", "Mango", "Zebra crossing"], free.Texts.Select(t => t.Text));
        // The counts are the same as in the attributed view.
        Assert.Equal(Tally(false).Questions.SelectMany(q => q.Counts.Select(c => c.Count)), r.Questions.SelectMany(q => q.Counts.Select(c => c.Count)));
    }

    [Fact]
    public void Answers_out_of_range_or_to_other_questions_are_not_counted()
    {
        SurveyResponse[] odd =
        [
            new() { AgencyCode = "iom", Answers = [new() { QuestionId = 1, Choices = [7] }, new() { QuestionId = 3, Scale = 9 }, new() { QuestionId = 99, Text = "x" }] },
        ];
        var r = SurveyTally.Compute(Questions, odd, Members, Name, anonymous: false);
        Assert.Equal(0, r.Questions[0].Answered);
        Assert.Equal(0, r.Questions[2].Answered);
        Assert.Null(r.Questions[2].Mean);
    }

    [Fact]
    public void The_attributed_export_has_one_row_per_agency_with_choices_as_text()
    {
        var table = SurveyExport.Build(Questions, Responses, Name, anonymous: false);
        Assert.Equal(["response", "agency", "submitted_at_utc", "Q1. One", "Q2. Many", "Q3. How much", "Q4. Say"], table.Headers);
        Assert.Equal(4, table.Rows.Count);
        Assert.Equal([1, "ILO", "2009-08-01T10:02:00Z", "A", "Y", 2, "apple"], table.Rows[0]);
        Assert.Equal([4, "UNFPA", "2009-08-01T10:04:00Z", "B", "Y; Z", null, null], table.Rows[3]);
    }

    [Fact]
    public void The_anonymous_export_has_no_agency_or_time_and_its_rows_do_not_follow_the_order_of_answering()
    {
        var table = SurveyExport.Build(Questions, Responses, Name, anonymous: true);
        Assert.Equal(["response", "Q1. One", "Q2. Many", "Q3. How much", "Q4. Say"], table.Headers);
        var all = string.Join("|", table.Rows.SelectMany(r => r).Select(c => c?.ToString()));
        foreach (var code in Members) Assert.DoesNotContain(Name(code), all);
        Assert.DoesNotContain("2009", all);
        // Rows sorted by their content: A/X;Y first, whatever the order of submission (IOM answered first).
        Assert.Equal(["A", "A", "B", "C"], table.Rows.Select(r => (string)r[1]!));
        Assert.Equal("X; Y", table.Rows[0][2]);
        Assert.Equal([1, 2, 3, 4], table.Rows.Select(r => (int)r[0]!));
    }

    [Fact]
    public void The_csv_keeps_spreadsheet_formulas_as_text_and_starts_with_a_byte_order_mark()
    {
        var table = new SurveyExport.Table(["response", "Q1. Say"], [[1, "=HYPERLINK(\"http://evil\")"], [2, "plain, with comma"]]);
        var bytes = SurveyExport.Csv(table);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.Contains("'=HYPERLINK", text);
        Assert.Contains("\"plain, with comma\"", text);
    }
}
