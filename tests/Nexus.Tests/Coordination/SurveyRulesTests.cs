using Microsoft.Extensions.Primitives;
using Nexus.Web.Features.Coordination;
using Nexus.Web.Features.Coordination.Surveys;
using Nexus.Web.Infrastructure;

namespace Nexus.Tests.Coordination;

/// <summary>What the builder accepts as a question, and what a survey accepts as an agency's answers.</summary>
public class SurveyRulesTests
{
    private static readonly SurveyQuestion Single = new() { Id = 1, Position = 1, Kind = QuestionKind.SingleChoice, Text = "One", Required = true, Options = ["A", "B", "C"] };
    private static readonly SurveyQuestion Multi = new() { Id = 2, Position = 2, Kind = QuestionKind.MultipleChoice, Text = "Many", Required = false, Options = ["X", "Y", "Z"] };
    private static readonly SurveyQuestion Scale = new() { Id = 3, Position = 3, Kind = QuestionKind.Scale, Text = "How much", Required = true, ScaleMin = 0, ScaleMax = 10 };
    private static readonly SurveyQuestion Free = new() { Id = 4, Position = 4, Kind = QuestionKind.FreeText, Text = "Say", Required = false };
    private static readonly SurveyQuestion[] All = [Single, Multi, Scale, Free];

    private static (List<SurveyAnswer> Answers, IDictionary<string, string[]> Errors) Read(Dictionary<string, string[]> form, params SurveyQuestion[] questions)
    {
        var errors = new FieldErrors();
        var answers = SurveyRules.ReadAnswers(questions.Length > 0 ? questions : All, f => form.TryGetValue(f, out var v) ? new StringValues(v) : StringValues.Empty, errors);
        return (answers, errors.ToDictionary());
    }

    private static Dictionary<string, string[]> Valid() => new() { ["q1"] = ["1"], ["q2"] = ["2", "0"], ["q3"] = ["7"], ["q4"] = ["Fine."] };

    [Fact]
    public void A_complete_answer_is_read_question_by_question()
    {
        var (answers, errors) = Read(Valid());
        Assert.Empty(errors);
        Assert.Equal([1], answers.Single(a => a.QuestionId == 1).Choices);
        Assert.Equal([0, 2], answers.Single(a => a.QuestionId == 2).Choices);
        Assert.Equal(7, answers.Single(a => a.QuestionId == 3).Scale);
        Assert.Equal("Fine.", answers.Single(a => a.QuestionId == 4).Text);
    }

    [Fact]
    public void Required_questions_left_blank_are_named_and_optional_ones_get_no_answer()
    {
        var (answers, errors) = Read(new Dictionary<string, string[]> { ["q1"] = [""], ["q4"] = ["  "] });
        Assert.Equal(["q1", "q3"], errors.Keys.Order());
        Assert.Empty(answers);
    }

    [Theory]
    [InlineData("q1", "3")]      // one past the last option
    [InlineData("q1", "-1")]
    [InlineData("q1", "1.0")]
    [InlineData("q1", "A")]
    [InlineData("q1", "99999999999999999999")]
    [InlineData("q2", "5")]
    [InlineData("q3", "11")]
    [InlineData("q3", "-1")]
    [InlineData("q3", "five")]
    public void Choices_and_scale_values_out_of_range_are_refused(string field, string value)
    {
        var form = Valid();
        form[field] = [value];
        var (_, errors) = Read(form);
        Assert.Equal([field], errors.Keys);
    }

    [Fact]
    public void A_single_choice_with_two_values_is_refused()
    {
        var form = Valid();
        form["q1"] = ["0", "1"];
        Assert.Equal(["q1"], Read(form).Errors.Keys);
    }

    [Fact]
    public void A_multiple_choice_repeating_an_option_counts_it_once_and_a_flood_of_values_is_refused()
    {
        var form = Valid();
        form["q2"] = ["1", "1", "1"];
        Assert.Equal([1], Read(form).Answers.Single(a => a.QuestionId == 2).Choices);
        form["q2"] = Enumerable.Repeat("0", 5000).ToArray();
        Assert.Equal(["q2"], Read(form).Errors.Keys);
    }

    [Fact]
    public void Hostile_text_is_kept_as_written_and_oversized_or_control_text_is_refused()
    {
        var form = Valid();
        form["q4"] = ["<script>alert('x')</script> Zoë 👩🏽‍💼\nline two"];
        Assert.Equal(form["q4"][0], Read(form).Answers.Single(a => a.QuestionId == 4).Text);
        form["q4"] = [new string('a', SurveyRules.MaxTextAnswer + 1)];
        Assert.Equal(["q4"], Read(form).Errors.Keys);
        form["q4"] = [new string('a', SurveyRules.MaxTextAnswer)];
        Assert.Empty(Read(form).Errors);
        form["q4"] = ["bell\u0007"];
        Assert.Equal(["q4"], Read(form).Errors.Keys);
    }

    [Fact]
    public void Fields_of_unknown_questions_are_ignored()
    {
        var form = Valid();
        form["q999"] = ["1"];
        var (answers, errors) = Read(form);
        Assert.Empty(errors);
        Assert.Equal([1, 2, 3, 4], answers.Select(a => a.QuestionId).Order());
    }

    private static (SurveyQuestion? Question, IDictionary<string, string[]> Errors) Question(QuestionInput input)
    {
        var errors = new FieldErrors();
        return (SurveyRules.ReadQuestion(input, errors), errors.ToDictionary());
    }

    [Fact]
    public void A_choice_question_takes_its_options_one_per_line()
    {
        var (q, errors) = Question(new QuestionInput { Kind = "multiple-choice", Text = "Which?", Options = " Yes \r\n\r\nNo\nPerhaps ", Required = true });
        Assert.Empty(errors);
        Assert.Equal(QuestionKind.MultipleChoice, q!.Kind);
        Assert.Equal(["Yes", "No", "Perhaps"], q.Options);
        Assert.True(q.Required);
    }

    [Theory]
    [InlineData("Only one")]
    [InlineData("Yes\nyes")]
    [InlineData("")]
    public void A_choice_question_needs_two_to_twenty_different_options(string options)
    {
        var (q, errors) = Question(new QuestionInput { Kind = "single-choice", Text = "Which?", Options = options });
        Assert.Null(q);
        Assert.Equal(["options"], errors.Keys);
    }

    [Fact]
    public void Twenty_options_are_accepted_and_twenty_one_are_not()
    {
        var twenty = string.Join("\n", Enumerable.Range(1, 20).Select(i => $"Option {i}"));
        Assert.Empty(Question(new QuestionInput { Kind = "single-choice", Text = "Which?", Options = twenty }).Errors);
        Assert.Equal(["options"], Question(new QuestionInput { Kind = "single-choice", Text = "Which?", Options = twenty + "\nOption 21" }).Errors.Keys);
    }

    [Theory]
    [InlineData("0", "10", null)]
    [InlineData("1", "5", null)]
    [InlineData("-1", "5", "scaleMin")]
    [InlineData("0", "11", "scaleMax")]
    [InlineData("5", "5", "scaleMax")]
    [InlineData("7", "3", "scaleMax")]
    [InlineData("x", "5", "scaleMin")]
    public void A_scale_runs_between_zero_and_ten_from_low_to_high(string min, string max, string? wrong)
    {
        var (q, errors) = Question(new QuestionInput { Kind = "scale", Text = "How much?", ScaleMin = min, ScaleMax = max, ScaleMinLabel = "Low" });
        if (wrong is null)
        {
            Assert.Empty(errors);
            Assert.Equal((int.Parse(min), int.Parse(max), "Low", (string?)null), (q!.ScaleMin, q.ScaleMax, q.ScaleMinLabel, q.ScaleMaxLabel));
        }
        else Assert.Equal([wrong], errors.Keys);
    }

    [Fact]
    public void Options_typed_for_a_free_text_question_are_not_kept()
    {
        var (q, errors) = Question(new QuestionInput { Kind = "free-text", Text = "Why?", Options = "A\nB", ScaleMin = "99" });
        Assert.Empty(errors);
        Assert.Empty(q!.Options);
    }

    [Theory]
    [InlineData("essay", "kind")]
    [InlineData(null, "kind")]
    public void An_unknown_kind_is_refused(string? kind, string field) =>
        Assert.Contains(field, Question(new QuestionInput { Kind = kind, Text = "Q" }).Errors.Keys);

    [Fact]
    public void A_question_needs_a_text_of_at_most_a_thousand_characters()
    {
        Assert.Equal(["text"], Question(new QuestionInput { Kind = "free-text", Text = " " }).Errors.Keys);
        Assert.Equal(["text"], Question(new QuestionInput { Kind = "free-text", Text = new string('q', 1001) }).Errors.Keys);
    }

    [Theory]
    [InlineData(SurveyStatus.Open, null, false, true)]
    [InlineData(SurveyStatus.Open, "2030-06-15", false, true)]   // the closing day itself still takes answers
    [InlineData(SurveyStatus.Open, "2030-06-14", true, false)]
    [InlineData(SurveyStatus.Closed, "2030-07-01", true, false)]
    [InlineData(SurveyStatus.Draft, null, false, false)]
    public void An_open_survey_closes_after_its_closing_date(SurveyStatus status, string? closesOn, bool closed, bool accepts)
    {
        var today = new DateOnly(2030, 6, 15);
        DateOnly? last = closesOn is null ? null : DateOnly.Parse(closesOn);
        Assert.Equal(closed, SurveyRules.IsClosed(status, last, today));
        Assert.Equal(accepts, SurveyRules.AcceptsAnswers(status, last, today));
    }
}
