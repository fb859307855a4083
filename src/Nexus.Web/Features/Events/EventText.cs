using Nexus.Web.Features.Registrations;

namespace Nexus.Web.Features.Events;

/// <summary>English labels of codes; they are also the resource keys for translations.</summary>
public static class EventText
{
    public static string Kind(EventKind k) => k switch
    {
        EventKind.Seminar => "Seminar",
        EventKind.Panel => "Panel discussion",
        EventKind.CourseSession => "Course session",
        EventKind.PolicySeminar => "Policy seminar",
        EventKind.Retreat => "Retreat",
        EventKind.Symposium => "Symposium",
        EventKind.Course => "Course",
        _ => "Press conference",
    };

    public static string Format(EventFormat f) => f switch
    {
        EventFormat.InPerson => "In person",
        EventFormat.Online => "Online",
        _ => "Hybrid (in person and online)",
    };

    public static string Status(EventStatus s) => s switch
    {
        EventStatus.Draft => "Draft",
        EventStatus.Published => "Published",
        EventStatus.Cancelled => "Cancelled",
        _ => "Held",
    };

    public static string Group(StakeholderGroup g) => g switch
    {
        StakeholderGroup.MemberState => "Member State or permanent mission",
        StakeholderGroup.UnSystem => "United Nations system entity",
        StakeholderGroup.InternationalOrganization => "Other international organization",
        StakeholderGroup.CivilSociety => "Civil society, NGO or migrant association",
        StakeholderGroup.PrivateSector => "Private sector",
        StakeholderGroup.Academia => "Academia",
        _ => "Media",
    };

    public static string Gender(Gender g) => g switch
    {
        Registrations.Gender.Female => "Female",
        Registrations.Gender.Male => "Male",
        Registrations.Gender.Other => "Other",
        _ => "Prefer not to say",
    };

    public static string RegistrationStatus(RegistrationStatus s) => s switch
    {
        Registrations.RegistrationStatus.Pending => "Pending approval",
        Registrations.RegistrationStatus.Confirmed => "Confirmed",
        Registrations.RegistrationStatus.Waitlisted => "On the waiting list",
        Registrations.RegistrationStatus.Offered => "Seat offered",
        Registrations.RegistrationStatus.Declined => "Declined",
        Registrations.RegistrationStatus.Cancelled => "Cancelled",
        Registrations.RegistrationStatus.Rejected => "Rejected",
        Registrations.RegistrationStatus.Attended => "Attended",
        _ => "No-show",
    };
}
