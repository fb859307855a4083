using System.Globalization;
using Nexus.Web.Features.Events;

namespace Nexus.Web.Features.Courses.Quizzes;

/// <summary>How a drawn question is laid out on the answer form and the review, the same way on each visit.</summary>
public static class AttemptView
{
    /// <summary>
    /// The question's options in the order drawn for the attempt; an option added to the question since then comes
    /// last, so that what the learner sees and what is graded stay the same set.
    /// </summary>
    public static List<QuestionOption> Options(AttemptAnswer answer)
    {
        var options = answer.Question?.Options ?? [];
        var order = QuizGrading.ParseOrder(answer.OptionOrder);
        var byId = options.ToDictionary(o => o.Id);
        var shown = order.Where(byId.ContainsKey).Select(id => byId[id]).ToList();
        shown.AddRange(options.Where(o => !order.Contains(o.Id)).OrderBy(o => o.Order).ThenBy(o => o.Id));
        return shown;
    }

    /// <summary>
    /// The right-hand choices of a matching question: each distinct match once, in alphabetical order (which gives
    /// nothing away), represented by the id of the first option that carries it.
    /// </summary>
    public static List<(int Id, string Text)> Matches(Question q) =>
        q.Options.Where(o => !string.IsNullOrEmpty(o.Match)).GroupBy(o => o.Match!, StringComparer.Ordinal)
            .Select(g => (Id: g.Min(o => o.Id), Text: g.Key))
            .OrderBy(m => m.Text, StringComparer.Create(CultureInfo.CurrentCulture, ignoreCase: true)).ToList();

    /// <summary>A moment in the run's time zone, as pages show it.</summary>
    public static string When(DateTime utc, string timeZone) =>
        EventQueries.Local(utc, timeZone).ToString("g", CultureInfo.CurrentCulture);

    public static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("o", CultureInfo.InvariantCulture);
}

/// <summary>The model of the shared _AttemptSummary and _AttemptReview partials; questions get headings of this level.</summary>
public sealed record AttemptReview(QuizAttempt Attempt, int HeadingLevel = 2);
