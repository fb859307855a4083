using System.Globalization;

namespace Nexus.Web.Features.Coordination.Workplans;

/// <summary>English labels of the workplan's codes; they are also the resource keys for translations.</summary>
public static class WorkplanText
{
    public static string Status(WorkplanStatus s) => s == WorkplanStatus.Adopted ? "Adopted" : "Draft";

    public static string Status(ActivityStatus s) => s switch
    {
        ActivityStatus.Planned => "Planned",
        ActivityStatus.InProgress => "In progress",
        ActivityStatus.Done => "Done",
        ActivityStatus.Postponed => "Postponed",
        _ => "Dropped",
    };

    public static string Kind(ActivityKind k) => k == ActivityKind.Deliverable ? "Deliverable" : "Activity";

    public static string Evidence(EvidenceKind k) => k switch
    {
        EvidenceKind.LibraryItem => "Library item",
        EvidenceKind.Event => "Event",
        _ => "Web link",
    };

    /// <summary>Dates as the group writes them, in the page's culture: 1 June 2009 – 31 July 2010.</summary>
    public static string Date(DateOnly d) => d.ToString("d MMMM yyyy", CultureInfo.CurrentCulture);

    public static string Span(DateOnly start, DateOnly end) => $"{Date(start)} – {Date(end)}";
}
