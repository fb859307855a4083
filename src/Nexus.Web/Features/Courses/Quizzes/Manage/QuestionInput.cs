using System.Globalization;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Courses.Quizzes.Manage;

/// <summary>One row of the question form: a choice (text, right or not, feedback) or a matching pair (text, match).</summary>
public sealed class OptionInput
{
    public int? Id { get; set; }
    public string? Text { get; set; }
    public bool Correct { get; set; }
    public string? Match { get; set; }
    public string? Feedback { get; set; }
}

/// <summary>The question form as posted, and the rules a question must meet before it is saved.</summary>
public sealed class QuestionInput
{
    public const int MaxText = 4000;
    public const int MaxOptionText = 1000;
    public const int MaxFeedback = 2000;
    public const int MaxOptions = 20;
    public const int MaxAccepted = 20;
    public const decimal MaxPoints = 1000;

    public string? Text { get; set; }
    public string? Points { get; set; } = "1";
    public string? Explanation { get; set; }
    /// <summary>Short answer: one accepted answer per line.</summary>
    public string? Accepted { get; set; }
    public bool CaseSensitive { get; set; }
    /// <summary>True/false: "true" or "false".</summary>
    public string? TrueFalse { get; set; }
    public List<OptionInput> Options { get; set; } = [];

    public static QuestionInput From(Question q) => new()
    {
        Text = q.Text, Points = q.Points.ToString("0.##", CultureInfo.InvariantCulture), Explanation = q.Explanation,
        Accepted = string.Join('\n', q.AcceptedAnswers), CaseSensitive = q.CaseSensitive,
        TrueFalse = q.TrueFalseAnswer?.ToString().ToLowerInvariant(),
        Options = q.Options.OrderBy(o => o.Order).ThenBy(o => o.Id)
            .Select(o => new OptionInput { Id = o.Id, Text = o.Text, Correct = o.Correct, Match = o.Match, Feedback = o.Feedback }).ToList(),
    };

    public static bool UsesOptions(QuestionKind k) => k is QuestionKind.SingleChoice or QuestionKind.MultipleChoice or QuestionKind.Matching;

    /// <summary>
    /// Checks the form for a question of <paramref name="q"/>'s kind and, when it is acceptable, writes it into the
    /// question: options are changed in place by id (so past responses keep pointing at them), blank rows are
    /// dropped, and an existing option left blank is removed. Nothing is written when there is an error.
    /// </summary>
    public void ApplyTo(Question q, FieldErrors errors, DateTime now)
    {
        var text = errors.Text("text", Text, MaxText, required: true, multiline: true);
        var points = ParsePoints(Points, errors);
        var explanation = errors.Text("explanation", Explanation, MaxText, required: false, multiline: true);
        var rows = (Options ?? []).ToList();
        if (rows.Count > MaxOptions) errors.Add("options", "At most {0} options.", MaxOptions);
        rows = rows.Take(MaxOptions).ToList();

        var kept = new List<(int Index, OptionInput Row, string Text, string? Match, string Feedback)>();
        if (UsesOptions(q.Kind))
        {
            var known = q.Options.Select(o => o.Id).ToHashSet();
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                var optionText = errors.Text($"option-{i}-text", row.Text, MaxOptionText, required: false);
                var match = q.Kind == QuestionKind.Matching ? errors.Text($"option-{i}-match", row.Match, MaxOptionText, required: false) : null;
                var feedback = q.Kind == QuestionKind.Matching ? "" : errors.Text($"option-{i}-feedback", row.Feedback, MaxFeedback, required: false, multiline: true);
                if (row.Id is { } id && !known.Contains(id)) errors.Add($"option-{i}-text", "An option that is not part of this question was sent.");
                if (optionText.Length == 0 && string.IsNullOrEmpty(match)) continue;
                if (q.Kind == QuestionKind.Matching && (optionText.Length == 0 || string.IsNullOrEmpty(match)))
                {
                    errors.Add(optionText.Length == 0 ? $"option-{i}-text" : $"option-{i}-match", "A pair needs both an item and its match.");
                    continue;
                }
                kept.Add((i, row, optionText, match, feedback));
            }
            var correct = kept.Count(k => k.Row.Correct);
            switch (q.Kind)
            {
                case QuestionKind.SingleChoice:
                    if (kept.Count < 2) errors.Add("options", "Write at least two options.");
                    else if (correct != 1) errors.Add("options", "Mark exactly one option as right.");
                    break;
                case QuestionKind.MultipleChoice:
                    if (kept.Count < 2) errors.Add("options", "Write at least two options.");
                    else if (correct == 0) errors.Add("options", "Mark at least one option as right.");
                    break;
                case QuestionKind.Matching:
                    if (kept.Count < 2) errors.Add("options", "Write at least two pairs.");
                    break;
            }
        }

        bool? trueFalse = null;
        if (q.Kind == QuestionKind.TrueFalse)
        {
            if (bool.TryParse(TrueFalse, out var tf)) trueFalse = tf;
            else errors.Add("truefalse", "Choose the right answer.");
        }

        var accepted = new List<string>();
        if (q.Kind == QuestionKind.ShortAnswer)
        {
            foreach (var line in (Accepted ?? "").Split('\n'))
            {
                var a = FieldErrors.Clean(line);
                if (a is null) { errors.Add("accepted", "Contains characters that are not allowed."); continue; }
                if (a.Length == 0) continue;
                if (a.Length > QuizGrading.MaxTextLength) errors.Add("accepted", "Each accepted answer has at most {0} characters.", QuizGrading.MaxTextLength);
                else accepted.Add(a);
            }
            accepted = accepted.Distinct(StringComparer.Ordinal).ToList();
            if (accepted.Count == 0) errors.Add("accepted", "Write at least one accepted answer.");
            else if (accepted.Count > MaxAccepted) errors.Add("accepted", "At most {0} accepted answers.", MaxAccepted);
        }
        if (errors.Any) return;

        (q.Text, q.Points, q.Explanation, q.UpdatedAt) = (text, points!.Value, explanation, now);
        q.TrueFalseAnswer = trueFalse;
        q.AcceptedAnswers = accepted;
        q.CaseSensitive = q.Kind == QuestionKind.ShortAnswer && CaseSensitive;
        var byId = q.Options.ToDictionary(o => o.Id);
        var keep = new HashSet<int>();
        for (var order = 0; order < kept.Count; order++)
        {
            var k = kept[order];
            var option = k.Row.Id is { } id && byId.TryGetValue(id, out var existing) ? existing : null;
            if (option is null)
            {
                option = new QuestionOption { Text = k.Text };
                q.Options.Add(option);
            }
            else keep.Add(option.Id);
            (option.Order, option.Text, option.Match, option.Feedback) = (order + 1, k.Text, k.Match, k.Feedback);
            option.Correct = q.Kind != QuestionKind.Matching && k.Row.Correct;
        }
        q.Options.RemoveAll(o => o.Id != 0 && !keep.Contains(o.Id));
    }

    private static decimal? ParsePoints(string? value, FieldErrors errors)
    {
        var text = (value ?? "").Trim().Replace(',', '.');
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var points))
        {
            errors.Add("points", "Enter a number of points, such as 1 or 0.5.");
            return null;
        }
        if (points > MaxPoints)
        {
            errors.Add("points", "At most {0} points.", MaxPoints);
            return null;
        }
        if (points != Math.Round(points, 2))
        {
            errors.Add("points", "At most two decimals.");
            return null;
        }
        return points;
    }
}
