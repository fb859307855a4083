namespace Nexus.Web.Features.Coordination.Surveys;

/// <summary>How many agencies gave one answer (an option, or a value on a scale), and which when the survey is attributed.</summary>
public sealed record Tally(string Label, int Count, double Percent, IReadOnlyList<string> Agencies);

/// <summary>A free-text answer; the agency is null in an anonymous survey.</summary>
public sealed record TextEntry(string Text, string? Agency);

/// <summary>One question's results. Percentages are of the agencies that answered that question.</summary>
public sealed record QuestionResult(SurveyQuestion Question, int Answered, IReadOnlyList<Tally> Counts,
    double? Mean, double? Median, IReadOnlyList<TextEntry> Texts);

/// <summary>A survey's results: who answered out of the member agencies, and each question's tallies.</summary>
public sealed record SurveyResult(int Responses, int Members, IReadOnlyList<QuestionResult> Questions, IReadOnlyList<string> NotAnswered)
{
    public double Rate => Members == 0 ? 0 : 100.0 * Responses / Members;
}

/// <summary>
/// Counts the answers of a survey. In an anonymous survey nothing it returns names an agency: tallies carry no
/// agencies, free-text answers come in the order of their text (never by agency or by time of answer, which
/// could give the agency away) and the list of agencies that have not answered is empty.
/// </summary>
public static class SurveyTally
{
    /// <param name="members">Codes of the agencies expected to answer; an agency that answered counts even if it has left since.</param>
    /// <param name="agencyName">The name shown for an agency code (its acronym).</param>
    public static SurveyResult Compute(IReadOnlyList<SurveyQuestion> questions, IReadOnlyList<SurveyResponse> responses,
        IReadOnlyCollection<string> members, Func<string, string> agencyName, bool anonymous)
    {
        var answered = responses.Select(r => r.AgencyCode).ToHashSet(StringComparer.Ordinal);
        var expected = members.Concat(answered).ToHashSet(StringComparer.Ordinal);
        var missing = anonymous ? [] : expected.Where(a => !answered.Contains(a)).Select(agencyName).Order(StringComparer.OrdinalIgnoreCase).ToList();
        var results = questions.OrderBy(q => q.Position).Select(q => Question(q, responses, agencyName, anonymous)).ToList();
        return new SurveyResult(answered.Count, expected.Count, results, missing);
    }

    private static QuestionResult Question(SurveyQuestion q, IReadOnlyList<SurveyResponse> responses, Func<string, string> agencyName, bool anonymous)
    {
        var given = responses
            .SelectMany(r => r.Answers.Where(a => a.QuestionId == q.Id).Take(1).Select(a => (Agency: agencyName(r.AgencyCode), Answer: a)))
            .Where(x => q.Kind switch
            {
                QuestionKind.SingleChoice or QuestionKind.MultipleChoice => x.Answer.Choices.Any(i => i >= 0 && i < q.Options.Count),
                QuestionKind.Scale => x.Answer.Scale is { } s && s >= q.ScaleMin && s <= q.ScaleMax,
                _ => !string.IsNullOrEmpty(x.Answer.Text),
            })
            .OrderBy(x => x.Agency, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var n = given.Count;
        double Percent(int count) => n == 0 ? 0 : 100.0 * count / n;
        IReadOnlyList<string> Who(IEnumerable<string> agencies) => anonymous ? [] : agencies.ToList();

        switch (q.Kind)
        {
            case QuestionKind.SingleChoice:
            case QuestionKind.MultipleChoice:
            {
                var counts = q.Options.Select((option, i) =>
                {
                    var chose = given.Where(x => x.Answer.Choices.Contains(i)).Select(x => x.Agency).ToList();
                    return new Tally(option, chose.Count, Percent(chose.Count), Who(chose));
                }).ToList();
                return new QuestionResult(q, n, counts, null, null, []);
            }
            case QuestionKind.Scale:
            {
                var values = given.Select(x => x.Answer.Scale!.Value).Order().ToList();
                var counts = Enumerable.Range(q.ScaleMin, q.ScaleMax - q.ScaleMin + 1).Select(v =>
                {
                    var chose = given.Where(x => x.Answer.Scale == v).Select(x => x.Agency).ToList();
                    return new Tally(ScaleLabel(q, v), chose.Count, Percent(chose.Count), Who(chose));
                }).ToList();
                return new QuestionResult(q, n, counts, values.Count == 0 ? null : values.Average(), Median(values), []);
            }
            default:
            {
                var texts = anonymous
                    ? given.Select(x => new TextEntry(x.Answer.Text!, null))
                        .OrderBy(t => t.Text, StringComparer.OrdinalIgnoreCase).ThenBy(t => t.Text, StringComparer.Ordinal).ToList()
                    : given.Select(x => new TextEntry(x.Answer.Text!, x.Agency)).ToList();
                return new QuestionResult(q, n, [], null, null, texts);
            }
        }
    }

    /// <summary>A scale value as shown: the number, with the end's label at either end ("1 (Not at all)").</summary>
    public static string ScaleLabel(SurveyQuestion q, int value)
    {
        var label = value == q.ScaleMin ? q.ScaleMinLabel : value == q.ScaleMax ? q.ScaleMaxLabel : null;
        return string.IsNullOrWhiteSpace(label) ? value.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{value} ({label})";
    }

    /// <summary>The middle value of sorted values; the mean of the two middle ones for an even count.</summary>
    public static double? Median(IReadOnlyList<int> sorted) => sorted.Count == 0 ? null
        : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
        : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2.0;
}
