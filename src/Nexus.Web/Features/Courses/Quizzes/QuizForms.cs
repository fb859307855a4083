using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace Nexus.Web.Features.Courses.Quizzes;

/// <summary>
/// The names of the answer form's fields and how a posted form becomes responses. Every question of the attempt
/// gets an entry (null when nothing was posted for it), so saving after clearing an answer clears it.
/// </summary>
public static class QuizForms
{
    /// <summary>The field of a question: radios, checkboxes or the text box; also the id its errors link to.</summary>
    public static string FieldId(int questionId) => "q" + questionId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The select of one left-hand item of a matching question.</summary>
    public static string PairField(int questionId, int optionId) =>
        FieldId(questionId) + "-" + optionId.ToString(CultureInfo.InvariantCulture);

    public static Dictionary<int, QuizResponse?> Read(Func<string, StringValues> form, IEnumerable<AttemptAnswer> answers)
    {
        var responses = new Dictionary<int, QuizResponse?>();
        foreach (var answer in answers)
        {
            if (answer.Question is not { } q) continue;
            var values = form(FieldId(q.Id));
            responses[q.Id] = q.Kind switch
            {
                QuestionKind.SingleChoice or QuestionKind.MultipleChoice => values.Count == 0 ? null
                    : new QuizResponse { Options = values.Select(Id).ToList() },
                QuestionKind.TrueFalse => bool.TryParse(values.ToString(), out var b) ? new QuizResponse { Value = b } : null,
                QuestionKind.ShortAnswer => values.Count == 0 ? null : new QuizResponse { Text = values.ToString() },
                QuestionKind.Matching => Pairs(form, q),
                _ => null,
            };
        }
        return responses;
    }

    private static QuizResponse? Pairs(Func<string, StringValues> form, Question q)
    {
        var pairs = new Dictionary<int, int>();
        foreach (var item in q.Options)
        {
            var value = form(PairField(q.Id, item.Id)).ToString();
            if (value.Length > 0) pairs[item.Id] = Id(value);
        }
        return pairs.Count == 0 ? null : new QuizResponse { Pairs = pairs };
    }

    /// <summary>A posted option id; anything that is not one becomes -1, which no question has, and is refused as such.</summary>
    private static int Id(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : -1;
}
