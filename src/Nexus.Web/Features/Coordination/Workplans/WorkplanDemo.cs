using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;

namespace Nexus.Web.Features.Coordination.Workplans;

/// <summary>
/// The group's first annual workplan, drawn up by UNITAR with UNDP, the next chair, to carry one direction across
/// both chairmanships (June 2009 to July 2010), on three pillars. Statuses and notes are as the record of the UNITAR
/// chairmanship leaves them: the technical symposium proposed for early 2010 is still being prepared.
/// </summary>
public static class WorkplanDemo
{
    public const int Year = 2009;

    /// <summary>Adds the plan unless a workplan for 2009 exists. Its dates are historical, so <paramref name="now"/> plays no part.</summary>
    public static async Task SeedAsync(AppDbContext db, DateTime now, CancellationToken ct)
    {
        if (await db.Workplans.AnyAsync(w => w.Year == Year, ct)) return;
        var plan = new Workplan
        {
            Year = Year,
            Title = "GMG workplan 2009–2010",
            Start = new DateOnly(2009, 6, 1),
            End = new DateOnly(2010, 7, 31),
            Summary = "The first annual workplan of the Global Migration Group, proposed by UNITAR with the incoming chair UNDP so that the "
                      + "two six-month chairmanships share one strategic direction and thematic focus: timely, coherent analysis and guidance "
                      + "on migration governance during the global economic downturn.",
            Status = WorkplanStatus.Adopted,
            AdoptedAt = new DateTime(2009, 7, 15, 10, 0, 0, DateTimeKind.Utc),
        };

        plan.Pillars.Add(Pillar(1, "A strong sense of purpose within the Group",
            "Principals who own the Group's agenda and give it leadership in the crisis.",
            Objective(1, "Renew the principals' shared commitment and agree on priorities for the Group's response to the crisis",
                "Heads of agency agree on priorities for the Group's work on the crisis\nA shared reading of how the crisis affects migrants and migration",
                Act(1, ActivityKind.Activity, "Heads-of-agency retreat near Geneva", "unitar", ["iom", "undp", "ilo", "worldbank"], new(2009, 10, 9), ActivityStatus.Done,
                    "A retreat of the principals on the impact of the economic crisis on international migration and on migrants' well-being.",
                    Note(2009, 9, 1, "UNITAR focal point", "unitar", "Venue near Geneva confirmed; invitations sent to every head of agency.", ActivityStatus.InProgress),
                    Note(2009, 10, 12, "UNITAR focal point", "unitar", "Retreat held on 9 October. The principals called for active, “clever” leadership and a sense of urgency.", ActivityStatus.Done))),
            Objective(2, "Keep one strategic direction across two chairmanships",
                "One workplan carried from the UNITAR to the UNDP chairmanship\nA smooth handover between the chairs",
                Act(1, ActivityKind.Deliverable, "Annual workplan June 2009 – July 2010 agreed with the incoming chair", "unitar", ["undp"], new(2009, 7, 15), ActivityStatus.Done, null,
                    Note(2009, 7, 15, "UNITAR focal point", "unitar", "Workplan agreed with UNDP and shared with all members.", ActivityStatus.Done)),
                Act(2, ActivityKind.Activity, "Handover of the chairmanship to UNDP", "undp", ["unitar"], new(2010, 1, 1), ActivityStatus.Done, null,
                    Note(2010, 1, 4, "UNDP focal point", "undp", "Handover completed; open activities carried into the UNDP term.", ActivityStatus.Done)))));

        plan.Pillars.Add(Pillar(2, "Clear rules of engagement",
            "How the Group works: its working methods, its terms of reference and continuity between chairs.",
            Objective(1, "Set out the Group's working methods and re-prioritise its terms of reference",
                "Written working methods endorsed by the principals\nTerms of reference re-prioritised",
                Act(1, ActivityKind.Deliverable, "Study of other inter-agency coordination mechanisms", "unitar", [], new(2009, 9, 15), ActivityStatus.Done, null,
                    Note(2009, 9, 18, "UNITAR focal point", "unitar", "Study of comparable mechanisms finished and circulated.", ActivityStatus.Done)),
                Act(2, ActivityKind.Activity, "Survey of GMG members on the Group's functioning", "unitar", ["ilo", "iom", "unfpa", "undp"], new(2009, 9, 30), ActivityStatus.Done, null,
                    Note(2009, 10, 2, "UNITAR focal point", "unitar", "Answers received from the members; results feed the working methods review.", ActivityStatus.Done)),
                Act(3, ActivityKind.Deliverable, "Review of working methods and rules of engagement", "unitar", ["undp", "iom"], new(2009, 12, 15), ActivityStatus.Done,
                    "Draft working methods based on the study and the survey, for the principals' endorsement.",
                    Note(2009, 12, 10, "UNITAR focal point", "unitar", "Working methods articulated for the first time and endorsed.", ActivityStatus.Done))),
            Objective(2, "Ensure continuity when the chair changes every six months",
                "A troika of past, present and next chairs in place",
                Act(1, ActivityKind.Deliverable, "Proposal for a troika of GMG chairs", "unitar", ["undp"], new(2009, 10, 9), ActivityStatus.Done, null,
                    Note(2009, 10, 12, "UNITAR focal point", "unitar", "Broad support among the principals at the retreat.", ActivityStatus.Done)))));

        plan.Pillars.Add(Pillar(3, "GMG visibility",
            "Joint outputs that give governments policy recommendations, data and analysis on the crisis.",
            Objective(1, "Speak with one voice at the third Global Forum on Migration and Development",
                "A joint statement delivered at the opening of the Forum\nA joint presence before the press in Athens",
                Act(1, ActivityKind.Deliverable, "Joint GMG statement to the Global Forum in Athens", "unitar", ["iom", "undp", "unfpa", "ilo", "worldbank"], new(2009, 11, 4), ActivityStatus.Done,
                    "Development gains of migration recognised, migrants' rights protected, better data for policy-making.",
                    Note(2009, 11, 5, "UNITAR focal point", "unitar", "Delivered by UNITAR's Executive Director at the opening session on 4 November.", ActivityStatus.Done)),
                Act(2, ActivityKind.Activity, "Joint GMG press conference at the Global Forum", "unitar", ["iom", "undp"], new(2009, 11, 4), ActivityStatus.Done, null,
                    Note(2009, 11, 5, "UNITAR focal point", "unitar", "Press conference held in Athens with several principals.", ActivityStatus.Done))),
            Objective(2, "Give governments timely data and analysis on how the crisis affects migration",
                "Fact-sheets in the hands of the Forum's participants\nAn online inventory of members' data and analysis open to the public",
                Act(1, ActivityKind.Deliverable, "Fourteen fact-sheets on the impact of the crisis on migration", "unfpa", ["ilo", "iom", "undp", "unitar", "worldbank", "undesa"], new(2009, 11, 4), ActivityStatus.Done, null,
                    Note(2009, 10, 1, "UNFPA focal point", "unfpa", "Outline agreed; members drafting their sheets.", ActivityStatus.InProgress),
                    Note(2009, 11, 3, "UNFPA focal point", "unfpa", "All fourteen sheets compiled, printed for Athens and put on the GMG website.", ActivityStatus.Done)),
                Act(2, ActivityKind.Activity, "Technical symposium on migration and development", "unitar", ["undp", "iom"], new(2010, 3, 31), ActivityStatus.InProgress,
                    "A symposium to raise awareness of the development implications of migration and of the instruments and norms relating to it.",
                    Note(2009, 12, 14, "UNITAR focal point", "unitar", "Proposal for early 2010 circulated; dates and venue to be set with the UNDP chair.", ActivityStatus.InProgress)))));

        db.Workplans.Add(plan);
        await db.SaveChangesAsync(ct);
    }

    private static WorkplanPillar Pillar(int position, string title, string description, params WorkplanObjective[] objectives) =>
        new() { Position = position, Title = title, Description = description, Objectives = [.. objectives] };

    private static WorkplanObjective Objective(int position, string text, string outcomes, params WorkplanActivity[] activities) =>
        new() { Position = position, Text = text, ExpectedOutcomes = outcomes, Activities = [.. activities] };

    private static WorkplanActivity Act(int position, ActivityKind kind, string title, string lead, string[] contributing, DateOnly due,
        ActivityStatus status, string? description, params ProgressNote[] notes) => new()
    {
        Position = position, Kind = kind, Title = title, Description = description, LeadAgencyCode = lead, ContributingAgencies = [.. contributing],
        Due = due, Status = status, Version = notes.Length, Notes = [.. notes],
    };

    private static ProgressNote Note(int year, int month, int day, string author, string agency, string text, ActivityStatus? status) =>
        new() { At = new DateTime(year, month, day, 9, 0, 0, DateTimeKind.Utc), AuthorName = author, AgencyCode = agency, Text = text, Status = status };
}
