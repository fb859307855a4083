using Nexus.Web.Features.Coordination;
using Nexus.Web.Features.Events;
using Nexus.Web.Features.Projects;
using Nexus.Web.Features.Reports;

namespace Nexus.Tests.Reports;

/// <summary>A small, fixed year of facts, built in code so the golden text depends on the templates alone.</summary>
public static class ReportSamples
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static EventFact E(int id, EventKind kind, string title, DateOnly date, string city = "New York", string? country = "United States of America",
        string? findings = null) =>
        new(id, kind, title, date, city, country, ["policy coherence"], findings, $"https://nexus.example.org/events/{id}/e{id}");

    public static ReportFacts Small(bool chaired = true) => new()
    {
        Year = 2009,
        OrganisationName = "United Nations Institute for Training and Research (UNITAR)",
        OrganisationShort = "UNITAR",
        BaseUrl = "https://nexus.example.org",
        ChairTerms = chaired
            ?
            [
                new("unitar", "UNITAR", "United Nations Institute for Training and Research", D(2009, 6, 1), D(2009, 12, 31), true),
                new("undp", "UNDP", "United Nations Development Programme", D(2010, 1, 1), D(2010, 6, 30), false),
            ]
            : [new("ilo", "ILO", "International Labour Organization", D(2009, 1, 1), D(2009, 6, 30), false)],
        Workplan = new("GMG workplan 2009-2010", D(2009, 6, 1), D(2010, 6, 30), null,
        [
            new("Fostering a strong sense of purpose within the Group",
                [new("Convene a high-level retreat of the principals.", "Principals agree on priorities for the crisis response.")]),
            new("Establishing clear rules of engagement", [new("Adopt working methods", null)]),
            new("Enhancing GMG visibility", []),
        ]),
        Meetings = [new(MeetingKind.Retreat, "High-level retreat of principals", D(2009, 10, 9), "near Geneva, Switzerland")],
        JointOutputs = [new(JointOutputKind.Statement, "Joint GMG statement to the Athens Global Forum", D(2009, 11, 4), "UNITAR",
            "https://nexus.example.org/library/gmg-statement-2009")],
        Events =
        [
            E(1, EventKind.Seminar, "Migration and the Economic Crisis", D(2009, 2, 26),
                findings: "The **crisis** hit [migrant workers](https://example.org) first.\n\nSecond paragraph, not quoted."),
            E(2, EventKind.Course, "International Migration Law Course 2009", D(2009, 3, 16)),
            E(3, EventKind.PolicySeminar, "Africa-EU Partnership on Migration", D(2009, 6, 7), "Brussels", "Belgium"),
            E(4, EventKind.Seminar, "Peacebuilding: The Role of Transnational Communities", D(2009, 6, 25)),
            E(5, EventKind.Panel, "International Migrants' Day 2009", D(2009, 12, 18)),
        ],
        Courses = [new("International Migration Law Course 2009", D(2009, 3, 16), ["Migration terminology", "Labour migration"],
            "https://nexus.example.org/events/2/e2")],
        Participation = new(7, [new("Member State or permanent mission", 4), new("Academia", 3)], [new("Female", 4), new("Male", 2), new("Prefer not to say", 1)]),
        Projects =
        [
            new("Strengthening capacities in international migration and development", D(2009, 1, 1), D(2011, 12, 31),
                [new(PartnerRole.Donor, "the Government of Spain"), new(PartnerRole.ImplementingPartner, "IOM")],
                [ProjectActivityType.SeriesExpansion, ProjectActivityType.ForumFollowUp],
                [
                    new(ProjectActivityType.SeriesExpansion, "Brussels policy seminar", D(2009, 6, 7), WorkStatus.Done,
                        E(3, EventKind.PolicySeminar, "Africa-EU Partnership on Migration", D(2009, 6, 7), "Brussels", "Belgium"),
                        [new("Report of the Brussels seminar", "https://nexus.example.org/library/brussels-report")]),
                    new(ProjectActivityType.ForumFollowUp, "Mapping of GFMD recommendations", D(2009, 9, 1), WorkStatus.InProgress, null, []),
                ]),
        ],
        FollowUps = [new(D(2009, 11, 20), "Briefed delegates on the Athens outcomes.", 2009, "Athens", "RT 1.1",
            "Make migration part of development planning.", null)],
    };
}
