namespace Nexus.Web.Features.Coordination.Surveys;

/// <summary>English labels of the survey codes, used as resource keys by the pages.</summary>
public static class SurveyText
{
    public static string Kind(QuestionKind k) => k switch
    {
        QuestionKind.SingleChoice => "Single choice",
        QuestionKind.MultipleChoice => "Multiple choice",
        QuestionKind.Scale => "Scale",
        _ => "Free text",
    };

    public static string Status(SurveyStatus s) => s switch
    {
        SurveyStatus.Draft => "Draft",
        SurveyStatus.Open => "Open",
        _ => "Closed",
    };
}
