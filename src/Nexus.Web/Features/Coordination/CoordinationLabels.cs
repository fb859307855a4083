using Nexus.Web.Features.Agencies;

namespace Nexus.Web.Features.Coordination;

/// <summary>English labels of the group's codes; they are also the resource keys pages translate.</summary>
public static class CoordinationLabels
{
    public static string Kind(AgencyKind k) => k switch
    {
        AgencyKind.UnEntity => "UN entities",
        AgencyKind.SpecialisedAgency => "Specialised agencies",
        AgencyKind.FundOrProgramme => "Funds and programmes",
        AgencyKind.RegionalCommission => "Regional commissions",
        AgencyKind.OtherInternationalOrganisation => "Other international organisations",
        AgencyKind.InternationalFinancialInstitution => "International financial institutions",
        _ => "Other partners",
    };

    public static string Meeting(MeetingKind k) => k switch
    {
        MeetingKind.Principals => "Principals' meeting",
        MeetingKind.Retreat => "Retreat",
        MeetingKind.WorkingGroup => "Working group",
        _ => "Focal points' meeting",
    };

    public static string Action(ActionStatus s) => s switch
    {
        ActionStatus.Open => "Open",
        ActionStatus.InProgress => "In progress",
        ActionStatus.Done => "Done",
        _ => "Dropped",
    };

    public static string Document(GroupDocumentKind k) => k switch
    {
        GroupDocumentKind.RulesOfEngagement => "Rules of engagement",
        GroupDocumentKind.TermsOfReference => "Terms of reference",
        GroupDocumentKind.WorkingMethods => "Working methods",
        _ => "Other document",
    };
}
