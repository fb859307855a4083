using System.Text.Json;

namespace Nexus.Web.Features.Courses.Quizzes;

/// <summary>
/// The copy of a question kept with each graded answer. Staff may correct a question after learners have answered
/// it (a typo, a better explanation, a right answer that was wrong); a graded attempt keeps showing what the learner
/// was asked, what counted as right and the score it was given then. Moodle gets the same by versioning questions;
/// one copy per graded answer is simpler and costs a few hundred bytes each.
/// </summary>
public static class GradedQuestion
{
    private sealed record Copy(QuestionKind Kind, string Text, decimal Points, string Explanation, List<string> Accepted,
        bool CaseSensitive, bool? TrueFalse, List<OptionCopy> Options);

    private sealed record OptionCopy(int Id, int Order, string Text, bool Correct, string? Match, string Feedback);

    public static string ToJson(Question q) => JsonSerializer.Serialize(new Copy(q.Kind, q.Text, q.Points, q.Explanation,
        [.. q.AcceptedAnswers], q.CaseSensitive, q.TrueFalseAnswer,
        q.Options.OrderBy(o => o.Order).ThenBy(o => o.Id).Select(o => new OptionCopy(o.Id, o.Order, o.Text, o.Correct, o.Match, o.Feedback)).ToList()));

    /// <summary>The question as graded, detached from the database (same ids, so responses still point at its options).</summary>
    public static Question FromJson(int questionId, string json)
    {
        var c = JsonSerializer.Deserialize<Copy>(json) ?? throw new JsonException("An empty graded question.");
        return new Question
        {
            Id = questionId, Kind = c.Kind, Text = c.Text, Points = c.Points, Explanation = c.Explanation,
            AcceptedAnswers = c.Accepted, CaseSensitive = c.CaseSensitive, TrueFalseAnswer = c.TrueFalse,
            Options = c.Options.Select(o => new QuestionOption
            {
                Id = o.Id, QuestionId = questionId, Order = o.Order, Text = o.Text, Correct = o.Correct, Match = o.Match, Feedback = o.Feedback,
            }).ToList(),
        };
    }

    /// <summary>
    /// Shows an attempt (loaded without tracking) as it was graded: each graded answer's question becomes its copy.
    /// Answers of an open attempt have no copy and keep the live question.
    /// </summary>
    public static T Restore<T>(T attempt) where T : QuizAttempt?
    {
        if (attempt is null) return attempt;
        foreach (var a in attempt.Answers)
            if (a.GradedQuestion is { } json) a.Question = FromJson(a.QuestionId, json);
        return attempt;
    }
}
