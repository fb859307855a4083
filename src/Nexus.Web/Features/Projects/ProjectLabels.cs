namespace Nexus.Web.Features.Projects;

/// <summary>English labels (the resource keys) for the project vocabulary, shared by pages and forms.</summary>
public static class ProjectLabels
{
    public static string Type(ProjectActivityType t) => t switch
    {
        ProjectActivityType.SeriesExpansion => "Expanding the seminar series to other UN locations and the regional commissions",
        ProjectActivityType.ForumFollowUp => "Follow-up of Global Forum recommendations and actionable outcomes",
        ProjectActivityType.ProcessDialogue => "Dialogue among regional and international migration policy processes",
        ProjectActivityType.DevelopmentDimension => "Strengthening the development dimension",
        _ => "Country-level capacity-building",
    };

    public static string Status(ProjectStatus s) => s switch
    {
        ProjectStatus.Planned => "Planned",
        ProjectStatus.Active => "Active",
        ProjectStatus.Completed => "Completed",
        _ => "Closed",
    };

    public static string Status(WorkStatus s) => s switch
    {
        WorkStatus.Planned => "Planned",
        WorkStatus.InProgress => "In progress",
        WorkStatus.Done => "Done",
        _ => "Cancelled",
    };

    public static string Status(FollowUpStatus s) => s switch
    {
        FollowUpStatus.Open => "Open",
        FollowUpStatus.InProgress => "In progress",
        FollowUpStatus.Done => "Done",
        _ => "Superseded",
    };

    public static string Kind(RecommendationKind k) => k == RecommendationKind.Recommendation ? "Recommendation" : "Actionable outcome";

    public static string Role(PartnerRole r) => r == PartnerRole.Donor ? "Donor" : "Implementing partner";
}

public static class ProjectAccess
{
    /// <summary>Whether to show staff links; the Manage folder's policy is what actually guards the pages.</summary>
    public static bool IsStaff(System.Security.Claims.ClaimsPrincipal user) =>
        user.IsInRole(Accounts.Roles.ProgrammeStaff) || user.IsInRole(Accounts.Roles.Administrator);

    public static string CountryName(string iso3) => Infrastructure.Countries.Countries.Find(iso3)?.Name ?? iso3;
}
