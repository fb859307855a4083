using System.Globalization;
using Microsoft.Extensions.Primitives;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Coordination.Surveys;

/// <summary>A survey's settings as typed in the builder.</summary>
public sealed class SurveyInput
{
    public string? Title { get; set; }
    public string? Introduction { get; set; }
    public bool Anonymous { get; set; }
    /// <summary>yyyy-MM-dd, in the group's time zone.</summary>
    public string? ClosesOn { get; set; }
}

/// <summary>A question as typed in the builder; the options of a choice question come one per line.</summary>
public sealed class QuestionInput
{
    public string? Kind { get; set; } = Codes.Of(QuestionKind.SingleChoice);
    public string? Text { get; set; }
    public bool Required { get; set; }
    public string? Options { get; set; }
    public string? ScaleMin { get; set; } = "1";
    public string? ScaleMax { get; set; } = "5";
    public string? ScaleMinLabel { get; set; }
    public string? ScaleMaxLabel { get; set; }

    public static QuestionInput From(SurveyQuestion q) => new()
    {
        Kind = Codes.Of(q.Kind), Text = q.Text, Required = q.Required, Options = string.Join("\n", q.Options),
        ScaleMin = q.ScaleMin.ToString(CultureInfo.InvariantCulture), ScaleMax = q.ScaleMax.ToString(CultureInfo.InvariantCulture),
        ScaleMinLabel = q.ScaleMinLabel, ScaleMaxLabel = q.ScaleMaxLabel,
    };
}

/// <summary>
/// What a survey accepts: the shape of its questions while the chair builds it, and each agency's answers. Error
/// keys are the ids of the form fields they belong to ("options", or "q12" for the answer to question 12).
/// </summary>
public static class SurveyRules
{
    public const int MinOptions = 2, MaxOptions = 20, MaxOptionLength = 200;
    public const int ScaleFloor = 0, ScaleCeiling = 10;
    public const int MaxTextAnswer = 8000;
    public const int MaxQuestions = 100;

    /// <summary>
    /// An open survey whose closing date has passed is closed for every purpose (answers refused, results shown to
    /// all focal points) without anyone having to press a button on the day.
    /// </summary>
    public static bool IsClosed(SurveyStatus status, DateOnly? closesOn, DateOnly today) =>
        status == SurveyStatus.Closed || status == SurveyStatus.Open && closesOn is { } last && last < today;

    public static bool AcceptsAnswers(SurveyStatus status, DateOnly? closesOn, DateOnly today) =>
        status == SurveyStatus.Open && !IsClosed(status, closesOn, today);

    public static string FieldId(int questionId) => "q" + questionId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The survey's settings, or null with the errors recorded.</summary>
    public static (string Title, string? Introduction, DateOnly? ClosesOn)? ReadSurvey(SurveyInput input, FieldErrors errors)
    {
        var title = errors.Text("title", input.Title, 300, required: true);
        var intro = errors.Text("introduction", input.Introduction, 4000, required: false, multiline: true);
        var closes = ReadClosingDate(input.ClosesOn, errors);
        if (errors.Any) return null;
        return (title, intro.Length == 0 ? null : intro, closes);
    }

    /// <summary>The closing date typed (yyyy-mm-dd), null when left empty or wrong (then with an error).</summary>
    public static DateOnly? ReadClosingDate(string? text, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            && d.Year is >= 2000 and <= 2200) return d;
        errors.Add("closesOn", "Give a date as yyyy-mm-dd.");
        return null;
    }

    /// <summary>
    /// A question from the builder's form, or null with the errors recorded. Fields that do not belong to the
    /// question's kind are reset, so a scale turned into free text does not keep stale options.
    /// </summary>
    public static SurveyQuestion? ReadQuestion(QuestionInput input, FieldErrors errors)
    {
        if (!Codes.TryParse<QuestionKind>(input.Kind, out var kind))
            errors.Add("kind", "Choose one of: {0}.", string.Join(", ", Codes.All<QuestionKind>()));
        var text = errors.Text("text", input.Text, 1000, required: true, multiline: true);
        var q = new SurveyQuestion { Kind = kind, Text = text, Required = input.Required };

        if (kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice)
            q.Options = ReadOptions(input.Options, errors);
        if (kind == QuestionKind.Scale)
        {
            var min = ReadScaleEnd("scaleMin", input.ScaleMin, errors);
            var max = ReadScaleEnd("scaleMax", input.ScaleMax, errors);
            if (min is { } lo && max is { } hi && lo >= hi) errors.Add("scaleMax", "Must be greater than the lowest value.");
            q.ScaleMin = min ?? 1;
            q.ScaleMax = max ?? 5;
            var low = errors.Text("scaleMinLabel", input.ScaleMinLabel, 100, required: false);
            var high = errors.Text("scaleMaxLabel", input.ScaleMaxLabel, 100, required: false);
            q.ScaleMinLabel = low.Length == 0 ? null : low;
            q.ScaleMaxLabel = high.Length == 0 ? null : high;
        }
        return errors.Any ? null : q;
    }

    private static List<string> ReadOptions(string? text, FieldErrors errors)
    {
        var cleaned = FieldErrors.Clean(text, multiline: true);
        if (cleaned is null)
        {
            errors.Add("options", "Contains characters that are not allowed.");
            return [];
        }
        var options = cleaned.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(o => o.Replace("\t", " ")).ToList();
        if (options.Count < MinOptions || options.Count > MaxOptions)
            errors.Add("options", "Give between {0} and {1} options, one per line.", MinOptions, MaxOptions);
        if (options.FirstOrDefault(o => o.Length > MaxOptionLength) is not null)
            errors.Add("options", "Each option has at most {0} characters.", MaxOptionLength);
        var duplicate = options.GroupBy(o => o, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) errors.Add("options", "The option \"{0}\" is given twice.", duplicate.Key);
        return options;
    }

    private static int? ReadScaleEnd(string field, string? text, FieldErrors errors)
    {
        if (int.TryParse(text?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) && v is >= ScaleFloor and <= ScaleCeiling)
            return v;
        errors.Add(field, "Give a whole number from {0} to {1}.", ScaleFloor, ScaleCeiling);
        return null;
    }

    /// <summary>
    /// An agency's answers as posted: for each question, the values of its field (a choice index, several for a
    /// multiple choice, a scale value, or text). Everything is checked against the question as stored, never
    /// trusting the form: indexes in range, one value where one is expected, required questions answered.
    /// Optional questions left blank get no answer row.
    /// </summary>
    public static List<SurveyAnswer> ReadAnswers(IReadOnlyList<SurveyQuestion> questions, Func<string, StringValues> form, FieldErrors errors)
    {
        var answers = new List<SurveyAnswer>();
        foreach (var q in questions.OrderBy(q => q.Position))
        {
            var field = FieldId(q.Id);
            var values = form(field).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToList();
            var answer = new SurveyAnswer { QuestionId = q.Id };
            switch (q.Kind)
            {
                case QuestionKind.SingleChoice:
                    if (values.Count == 0) { if (q.Required) errors.Add(field, "Choose an answer."); continue; }
                    if (values.Count > 1) { errors.Add(field, "Choose only one answer."); continue; }
                    if (Index(values[0], q.Options.Count) is not { } one) { errors.Add(field, "Choose one of the options given."); continue; }
                    answer.Choices = [one];
                    break;
                case QuestionKind.MultipleChoice:
                    if (values.Count == 0) { if (q.Required) errors.Add(field, "Choose at least one answer."); continue; }
                    var indexes = values.Take(MaxOptions + 1).Select(v => Index(v, q.Options.Count)).ToList();
                    if (values.Count > MaxOptions || indexes.Any(i => i is null)) { errors.Add(field, "Choose among the options given."); continue; }
                    answer.Choices = indexes.Select(i => i!.Value).Distinct().Order().ToList();
                    break;
                case QuestionKind.Scale:
                    if (values.Count == 0) { if (q.Required) errors.Add(field, "Choose a value."); continue; }
                    if (values.Count > 1
                        || !int.TryParse(values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s)
                        || s < q.ScaleMin || s > q.ScaleMax)
                    { errors.Add(field, "Choose a value from {0} to {1}.", q.ScaleMin, q.ScaleMax); continue; }
                    answer.Scale = s;
                    break;
                case QuestionKind.FreeText:
                    // One text field per question: several values are a forged form, read as the first.
                    var text = errors.Text(field, form(field).FirstOrDefault(), MaxTextAnswer, q.Required, multiline: true);
                    if (text.Length == 0) continue;
                    answer.Text = text;
                    break;
            }
            answers.Add(answer);
        }
        return answers;
    }

    private static int? Index(string value, int count) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < count ? i : null;
}
