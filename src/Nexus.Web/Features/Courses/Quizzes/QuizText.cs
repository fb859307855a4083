using System.Globalization;

namespace Nexus.Web.Features.Courses.Quizzes;

/// <summary>English labels of the quiz codes; they are also the resource keys of their translations.</summary>
public static class QuizText
{
    public static string Kind(QuestionKind k) => k switch
    {
        QuestionKind.SingleChoice => "Single choice",
        QuestionKind.MultipleChoice => "Multiple choice",
        QuestionKind.TrueFalse => "True or false",
        QuestionKind.ShortAnswer => "Short answer",
        _ => "Matching",
    };

    public static string Status(AttemptStatus s) => s switch
    {
        AttemptStatus.InProgress => "In progress",
        AttemptStatus.Submitted => "Submitted",
        _ => "Closed at the time limit",
    };

    public static string Method(GradeMethod m) => m == GradeMethod.Last ? "Last attempt" : "Highest grade";

    /// <summary>Points and percentages without trailing zeros: 1, 0.5, 66.7.</summary>
    public static string Number(decimal value) => value.ToString("0.##", CultureInfo.CurrentCulture);

    /// <summary>A percentage as the page's language writes it: 66.7% in English, 66,7 % (no-break space) in French.</summary>
    public static string Percent(decimal value) =>
        Number(value) + (CultureInfo.CurrentCulture.TwoLetterISOLanguageName == "fr" ? "\u00A0%" : "%");
}
