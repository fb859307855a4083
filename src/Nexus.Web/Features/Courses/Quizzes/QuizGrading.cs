using System.Text;
using System.Text.RegularExpressions;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Courses.Quizzes;

/// <summary>The grade of an attempt: points earned and possible, the percentage (one decimal) and the pass flag.</summary>
public sealed record AttemptGrade(decimal Score, decimal MaxScore, decimal Percent, bool Passed);

/// <summary>An attempt as the quiz grade sees it.</summary>
public sealed record AttemptResult(long AttemptId, int Number, AttemptStatus Status, decimal? Percent);

/// <summary>A question as drawn for an attempt, with its option ids in the order the learner sees them.</summary>
public sealed record DrawnQuestion(Question Question, IReadOnlyList<int> OptionOrder);

/// <summary>
/// The rules of self-assessment, without a database: scoring each kind of question, grading an attempt, attempts
/// and deadlines with their overrides, the grade that counts, and the random draw of questions.
/// </summary>
public static partial class QuizGrading
{
    /// <summary>
    /// A submission sent at the deadline (by the countdown script, or a learner clicking in the last second) still
    /// counts when it arrives this much later: the network and the server queue take time.
    /// </summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    /// <summary>Longest short answer accepted; far above any accepted answer, far below the stored response's limit.</summary>
    public const int MaxTextLength = 500;

    // ---- scoring ------------------------------------------------------------------------------------------------

    /// <summary>Points earned on one question, rounded to the cent as stored.</summary>
    public static decimal Score(Question question, QuizResponse? response) =>
        Round(Math.Max(0, question.Points) * Fraction(question, response));

    /// <summary>The share of the question's points a response earns, 0 to 1.</summary>
    public static decimal Fraction(Question question, QuizResponse? response)
    {
        if (response is null) return 0;
        return question.Kind switch
        {
            QuestionKind.SingleChoice => SingleChoice(question, response),
            QuestionKind.MultipleChoice => MultipleChoice(question, response),
            QuestionKind.TrueFalse => question.TrueFalseAnswer is { } answer && response.Value == answer ? 1 : 0,
            QuestionKind.ShortAnswer => ShortAnswer(question, response),
            QuestionKind.Matching => Matching(question, response),
            _ => 0,
        };
    }

    private static decimal SingleChoice(Question q, QuizResponse r) =>
        // Two options sent for one choice is a tampered form, not a lucky guess.
        r.Options is [var id] && q.Options.Any(o => o.Id == id && o.Correct) ? 1 : 0;

    /// <summary>
    /// The share of right options chosen minus the share of wrong options chosen, never below zero: ticking every
    /// box earns nothing, and each right tick is worth as much as each wrong tick costs, in proportion.
    /// </summary>
    private static decimal MultipleChoice(Question q, QuizResponse r)
    {
        var right = q.Options.Where(o => o.Correct).Select(o => o.Id).ToHashSet();
        var wrong = q.Options.Where(o => !o.Correct).Select(o => o.Id).ToHashSet();
        if (right.Count == 0) return 0; // the editor refuses such a question; an old one earns nothing
        var chosen = (r.Options ?? []).Distinct().ToList();
        var gained = (decimal)chosen.Count(right.Contains) / right.Count;
        var lost = wrong.Count == 0 ? 0 : (decimal)chosen.Count(wrong.Contains) / wrong.Count;
        return Math.Max(0, gained - lost);
    }

    private static decimal ShortAnswer(Question q, QuizResponse r)
    {
        var given = NormaliseAnswer(r.Text);
        if (string.IsNullOrEmpty(given)) return 0;
        var comparison = q.CaseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        return q.AcceptedAnswers.Select(NormaliseAnswer).Any(a => !string.IsNullOrEmpty(a) && string.Equals(a, given, comparison)) ? 1 : 0;
    }

    /// <summary>
    /// Each left-hand item matched rightly earns its share. Items are compared by the text of the match chosen, so two
    /// items with the same right-hand text accept either of its option ids.
    /// </summary>
    private static decimal Matching(Question q, QuizResponse r)
    {
        var items = q.Options.Where(o => !string.IsNullOrEmpty(o.Match)).ToList();
        if (items.Count == 0 || r.Pairs is null) return 0;
        var byId = q.Options.GroupBy(o => o.Id).ToDictionary(g => g.Key, g => g.First());
        var right = items.Count(item => r.Pairs.TryGetValue(item.Id, out var chosen)
                                        && byId.TryGetValue(chosen, out var option) && option.Match == item.Match);
        return (decimal)right / items.Count;
    }

    /// <summary>
    /// A short answer as compared: Unicode NFC (an accent typed as a combining mark equals the precomposed letter),
    /// trimmed, inner runs of white space folded to one space. Null when the text is not valid Unicode.
    /// </summary>
    public static string? NormaliseAnswer(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        try
        {
            return Spaces().Replace(text.Normalize(NormalizationForm.FormC), " ").Trim();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    // ---- grading an attempt --------------------------------------------------------------------------------------

    /// <summary>
    /// The grade of an attempt from each question's score and points. A quiz worth no points at all cannot be
    /// failed: there was nothing to get wrong, and a learner must not be kept from completion by it.
    /// </summary>
    public static AttemptGrade Grade(IEnumerable<(decimal Score, decimal Points)> answers, decimal passPercent)
    {
        var list = answers.ToList();
        var score = list.Sum(a => a.Score);
        var max = list.Sum(a => Round(Math.Max(0, a.Points)));
        var percent = max == 0 ? 100m : Math.Round(score * 100 / max, 1, MidpointRounding.AwayFromZero);
        return new AttemptGrade(score, max, percent, Passes(percent, passPercent));
    }

    /// <summary>The rounded percentage, as the learner sees it, is what is compared with the pass mark.</summary>
    public static bool Passes(decimal percent, decimal passPercent) => percent >= passPercent;

    private static decimal Round(decimal points) => Math.Round(points, 2, MidpointRounding.AwayFromZero);

    // ---- attempts and time ---------------------------------------------------------------------------------------

    /// <summary>Attempts a learner may make: the quiz's limit plus the override's extra attempts; null is unlimited.</summary>
    public static int? AttemptsAllowed(int? maxAttempts, int extraAttempts) =>
        maxAttempts is null ? null : Math.Max(0, maxAttempts.Value + Math.Max(0, extraAttempts));

    /// <summary>Attempts left after <paramref name="used"/> (every attempt started counts); null is unlimited.</summary>
    public static int? AttemptsLeft(int? allowed, int used) => allowed is null ? null : Math.Max(0, allowed.Value - used);

    public static bool MayStart(int? allowed, int used) => allowed is null || used < allowed.Value;

    /// <summary>The start plus the time limit and the override's extra minutes; null when the quiz is untimed.</summary>
    public static DateTime? Deadline(DateTime startedAt, int? timeLimitMinutes, int extraMinutes) =>
        timeLimitMinutes is null ? null : startedAt.AddMinutes(timeLimitMinutes.Value + Math.Max(0, extraMinutes));

    /// <summary>Whether something arriving at <paramref name="now"/> still counts: untimed, or by the deadline plus the grace.</summary>
    public static bool InTime(DateTime? deadline, DateTime now) => deadline is null || now <= deadline.Value + Grace;

    /// <summary>
    /// The attempt whose grade counts for the quiz: the best (the earliest of equal bests) or the last, among the
    /// attempts that were submitted or closed at their deadline. Null when there is none yet.
    /// </summary>
    public static AttemptResult? Counted(IEnumerable<AttemptResult> attempts, GradeMethod method)
    {
        var graded = attempts.Where(a => a.Status is AttemptStatus.Submitted or AttemptStatus.TimedOut && a.Percent is not null);
        return method == GradeMethod.Last
            ? graded.OrderByDescending(a => a.Number).FirstOrDefault()
            : graded.OrderByDescending(a => a.Percent).ThenBy(a => a.Number).FirstOrDefault();
    }

    // ---- drawing questions ---------------------------------------------------------------------------------------

    /// <summary>
    /// The questions of a new attempt. Each draw, in order, takes <see cref="QuizDraw.Count"/> questions at random from
    /// the bank's questions that are not retired and not already drawn (all of them when the count is null or the
    /// bank has fewer). Without shuffling, questions keep the draw order and their bank order, and options their
    /// authored order; with it, both are shuffled. The draw depends only on <paramref name="random"/>.
    /// </summary>
    public static List<DrawnQuestion> Draw(IEnumerable<QuizDraw> draws, IReadOnlyDictionary<int, List<Question>> questionsByBank,
        bool shuffle, Random random)
    {
        var drawn = new List<Question>();
        var taken = new HashSet<int>();
        foreach (var draw in draws.OrderBy(d => d.Order).ThenBy(d => d.Id))
        {
            if (!questionsByBank.TryGetValue(draw.BankId, out var bank)) continue;
            var pool = bank.Where(q => !q.Retired && !taken.Contains(q.Id)).OrderBy(q => q.Id).ToArray();
            var count = Math.Clamp(draw.Count ?? pool.Length, 0, pool.Length);
            if (count < pool.Length)
            {
                random.Shuffle(pool);
                pool = pool.Take(count).OrderBy(q => q.Id).ToArray();
            }
            foreach (var q in pool) taken.Add(q.Id);
            drawn.AddRange(pool);
        }
        var order = drawn.ToArray();
        if (shuffle) random.Shuffle(order);
        return order.Select(q => new DrawnQuestion(q, OptionOrder(q, shuffle, random))).ToList();
    }

    private static int[] OptionOrder(Question q, bool shuffle, Random random)
    {
        if (q.Kind is QuestionKind.TrueFalse or QuestionKind.ShortAnswer) return [];
        var ids = q.Options.OrderBy(o => o.Order).ThenBy(o => o.Id).Select(o => o.Id).ToArray();
        if (shuffle) random.Shuffle(ids);
        return ids;
    }

    /// <summary>Option ids as stored in <see cref="AttemptAnswer.OptionOrder"/>.</summary>
    public static string FormatOrder(IEnumerable<int> ids) => string.Join(',', ids);

    public static List<int> ParseOrder(string? stored) =>
        (stored ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => int.TryParse(s, out var id) ? id : 0).Where(id => id > 0).ToList();

    // ---- checking what a learner sends ---------------------------------------------------------------------------

    /// <summary>
    /// The response cleaned for storing, or an error recorded under <paramref name="field"/>: an option or pair that
    /// does not belong to the question (a tampered form), two options for a single choice, a text too long or with
    /// control characters. Parts that do not apply to the question's kind are dropped.
    /// </summary>
    public static QuizResponse? Check(Question q, QuizResponse? response, FieldErrors errors, string field)
    {
        if (response is null || response.IsEmpty) return null;
        var ids = q.Options.Select(o => o.Id).ToHashSet();
        switch (q.Kind)
        {
            case QuestionKind.SingleChoice:
            case QuestionKind.MultipleChoice:
            {
                var chosen = (response.Options ?? []).Distinct().ToList();
                if (chosen.Count == 0) return null;
                if (chosen.Any(id => !ids.Contains(id)))
                {
                    errors.Add(field, "An option that is not part of this question was sent.");
                    return null;
                }
                if (q.Kind == QuestionKind.SingleChoice && chosen.Count > 1)
                {
                    errors.Add(field, "Choose one option.");
                    return null;
                }
                return new QuizResponse { Options = chosen };
            }
            case QuestionKind.TrueFalse:
                return response.Value is null ? null : new QuizResponse { Value = response.Value };
            case QuestionKind.ShortAnswer:
            {
                if (string.IsNullOrWhiteSpace(response.Text)) return null;
                var text = FieldErrors.Clean(response.Text);
                if (text is null)
                {
                    errors.Add(field, "Contains characters that are not allowed.");
                    return null;
                }
                if (text.Length > MaxTextLength)
                {
                    errors.Add(field, "At most {0} characters.", MaxTextLength);
                    return null;
                }
                return text.Length == 0 ? null : new QuizResponse { Text = text };
            }
            case QuestionKind.Matching:
            {
                var items = q.Options.Where(o => !string.IsNullOrEmpty(o.Match)).Select(o => o.Id).ToHashSet();
                var pairs = (response.Pairs ?? new Dictionary<int, int>()).Where(p => p.Value != 0).ToDictionary(p => p.Key, p => p.Value);
                if (pairs.Any(p => !items.Contains(p.Key) || !items.Contains(p.Value)))
                {
                    errors.Add(field, "An option that is not part of this question was sent.");
                    return null;
                }
                return pairs.Count == 0 ? null : new QuizResponse { Pairs = pairs };
            }
            default:
                return null;
        }
    }
}
