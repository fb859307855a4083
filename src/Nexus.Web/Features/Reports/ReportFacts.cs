using Nexus.Web.Features.Coordination;
using Nexus.Web.Features.Events;
using Nexus.Web.Features.Projects;

namespace Nexus.Web.Features.Reports;

/// <summary>
/// Everything the annual report of one year says, gathered once from the database. A plain record so that the
/// templates of <see cref="ReportDrafter"/> are pure functions of it (and the golden test can build one in code).
/// </summary>
public sealed record ReportFacts
{
    public required int Year { get; init; }
    /// <summary>Full name as printed, e.g. "United Nations Institute for Training and Research (UNITAR)".</summary>
    public required string OrganisationName { get; init; }
    /// <summary>The acronym used in running text, e.g. "UNITAR".</summary>
    public required string OrganisationShort { get; init; }
    /// <summary>Public base URL the notes cite pages under, without a trailing slash; empty for relative links.</summary>
    public string BaseUrl { get; init; } = "";
    /// <summary>The inter-agency group's chair terms overlapping the year, in order.</summary>
    public IReadOnlyList<ChairTermFact> ChairTerms { get; init; } = [];
    /// <summary>True when one of <see cref="ChairTerms"/> is the organisation's own.</summary>
    public bool OrganisationChaired => ChairTerms.Any(t => t.IsOrganisation);
    public WorkplanFact? Workplan { get; init; }
    public IReadOnlyList<MeetingFact> Meetings { get; init; } = [];
    public IReadOnlyList<OutputFact> JointOutputs { get; init; } = [];
    /// <summary>Events of the seminar series held (or due) that year: seminars, panels, courses, policy seminars.</summary>
    public IReadOnlyList<EventFact> Events { get; init; } = [];
    public IReadOnlyList<CourseFact> Courses { get; init; } = [];
    public ParticipationFact Participation { get; init; } = new(0, [], []);
    public IReadOnlyList<ProjectFact> Projects { get; init; } = [];
    public IReadOnlyList<FollowUpFact> FollowUps { get; init; } = [];

    public IEnumerable<EventFact> Seminars => Events.Where(e => e.Kind == EventKind.Seminar);
    public IEnumerable<EventFact> Panels => Events.Where(e => e.Kind == EventKind.Panel);
    /// <summary>Policy seminars held away from United Nations Headquarters.</summary>
    public IEnumerable<EventFact> PolicySeminarsAway => Events.Where(e => e.Kind == EventKind.PolicySeminar && !e.AtHeadquarters);
}

public sealed record ChairTermFact(string AgencyCode, string AgencyAcronym, string AgencyName, DateOnly Start, DateOnly End, bool IsOrganisation);

public sealed record WorkplanFact(string Title, DateOnly Start, DateOnly End, string? Summary, IReadOnlyList<PillarFact> Pillars);

public sealed record PillarFact(string Title, IReadOnlyList<ObjectiveFact> Objectives);

public sealed record ObjectiveFact(string Text, string? ExpectedOutcomes);

public sealed record MeetingFact(MeetingKind Kind, string Title, DateOnly Date, string? Location);

public sealed record OutputFact(JointOutputKind Kind, string Title, DateOnly PublishedOn, string LeadAgencyAcronym, string? Url);

public sealed record EventFact(int Id, EventKind Kind, string Title, DateOnly Date, string City, string? CountryName,
    IReadOnlyList<string> Themes, string? FindingsMarkdown, string Url)
{
    public const string HeadquartersCity = "New York";
    /// <summary>Organisations the event was held with, as recorded on the event.</summary>
    public IReadOnlyList<string> Partners { get; init; } = [];
    public bool AtHeadquarters => string.Equals(City.Trim(), HeadquartersCity, StringComparison.OrdinalIgnoreCase) || City.Trim().Length == 0;
}

public sealed record CourseFact(string Title, DateOnly Start, IReadOnlyList<string> Topics, string Url);

public sealed record CountFact(string Label, int Count);

/// <summary>Participants by stakeholder group and by gender; both breakdowns add up to <see cref="Total"/>.</summary>
public sealed record ParticipationFact(int Total, IReadOnlyList<CountFact> ByGroup, IReadOnlyList<CountFact> ByGender);

public sealed record PartnerFact(PartnerRole Role, string Name);

public sealed record ProjectFact(string Title, DateOnly Start, DateOnly End, IReadOnlyList<PartnerFact> Partners,
    IReadOnlyList<ProjectActivityType> ActivityTypes, IReadOnlyList<ActivityFact> Activities);

/// <summary>An activity of the year; <see cref="Event"/> is set when it was (or will be) an event.</summary>
public sealed record ActivityFact(ProjectActivityType Type, string Title, DateOnly? Start, WorkStatus Status, EventFact? Event,
    IReadOnlyList<SourceFact> Documents);

public sealed record SourceFact(string Title, string Url);

public sealed record FollowUpFact(DateOnly On, string Text, int ForumYear, string ForumCity, string? Reference, string Recommendation,
    string? EvidenceUrl);
