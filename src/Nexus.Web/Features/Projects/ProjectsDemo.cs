using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Events;

namespace Nexus.Web.Features.Projects;

/// <summary>
/// The capacity-development project of the 2010 report (Government of Spain, IOM, started in 2009), the Global Forum
/// meetings of 2007-2010 and a few regional consultative processes. The project's facts come from the report; the
/// forum themes, hosts and process members are public facts; the recommendations are short paraphrases. The project's
/// end date is not in the report: the demo gives it two years.
/// </summary>
public static class ProjectsDemo
{
    public const string ProjectSlug = "migration-development-capacities-spain-iom";
    public const string BrusselsTitle = "Africa-EU 7th Partnership on Migration, Mobility and Employment: Moving Forward involving Non-State Actors";
    public const string AddisTitle = "Africa-EU Partnership on Migration, Mobility and Employment: Follow-up Seminar with Non-State Actors";

    public static async Task SeedAsync(AppDbContext db, DateTime now, CancellationToken ct)
    {
        if (await db.Projects.AnyAsync(ct) || await db.ForumMeetings.AnyAsync(ct)) return;

        // The events are found by title (and, for Brussels, by day) so the demo works whatever ids DemoData gave them.
        var brussels = await db.Events.Where(e => e.Title == BrusselsTitle && e.StartsAt >= new DateTime(2009, 6, 6, 0, 0, 0, DateTimeKind.Utc)
            && e.StartsAt < new DateTime(2009, 6, 8, 0, 0, 0, DateTimeKind.Utc)).Select(e => (int?)e.Id).FirstOrDefaultAsync(ct);
        var addis = await db.Events.Where(e => e.Title == AddisTitle).OrderBy(e => e.StartsAt).Select(e => (int?)e.Id).FirstOrDefaultAsync(ct);
        var hasIom = await db.Agencies.AnyAsync(a => a.Code == "iom", ct);

        var forum = Forum(now);
        db.ForumMeetings.AddRange(forum);
        var processes = Processes();
        db.ConsultativeProcesses.AddRange(processes);
        if (brussels is not null) processes.Single(p => p.Slug == "africa-eu-partnership").Events.Add(new ProcessEvent { EventId = brussels.Value });
        if (addis is not null) processes.Single(p => p.Slug == "africa-eu-partnership").Events.Add(new ProcessEvent { EventId = addis.Value });

        var manila = forum.Single(m => m.Year == 2008);
        var athens = forum.Single(m => m.Year == 2009);
        var project = new Project
        {
            Slug = ProjectSlug,
            Title = "Strengthening capacities in international migration and development",
            Summary = "A multi-year joint project of UNITAR and IOM, supported by the Government of Spain, begun in 2009 to build the "
                + "capacities of States and other stakeholders in the field of international migration and development.",
            ObjectivesMarkdown = """
                - Take the migration policy seminar series beyond New York, to other United Nations locations and the regional commissions.
                - Follow up the recommendations and actionable outcomes of the Global Forum on Migration and Development.
                - Help regional and international migration policy processes, regional consultative processes among them, talk to one another.
                - Give the development dimension more weight in these discussions.
                - Build capacities at country level, for national and local stakeholders alike.
                """,
            Start = new(2009, 1, 1), End = new(2010, 12, 31), Status = ProjectStatus.Active,
            CreatedAt = now, UpdatedAt = now, Version = 1,
            Partners =
            [
                new ProjectPartner { Role = PartnerRole.Donor, Name = "Government of Spain", Order = 0 },
                new ProjectPartner { Role = PartnerRole.ImplementingPartner, AgencyCode = hasIom ? "iom" : null, Name = "International Organization for Migration (IOM)", Order = 1 },
            ],
            Activities =
            [
                new ProjectActivity
                {
                    Type = ProjectActivityType.SeriesExpansion, Title = "Policy seminar in Brussels on the Africa-EU partnership",
                    DescriptionMarkdown = "The first policy seminar away from United Nations Headquarters looked at where the Africa-EU partnership on "
                        + "migration, mobility and employment stood, and at how African and European civil society could take a fuller part in it.",
                    Start = new(2009, 6, 7), End = new(2009, 6, 7), Status = WorkStatus.Done, EventId = brussels, Countries = ["BEL"],
                    Process = processes.Single(p => p.Slug == "africa-eu-partnership"),
                },
                new ProjectActivity
                {
                    Type = ProjectActivityType.SeriesExpansion, Title = "Follow-up seminar in Addis Ababa",
                    DescriptionMarkdown = "A follow-up to the Brussels seminar, planned in Addis Ababa in 2010.",
                    Start = new(2010, 1, 1), End = new(2010, 12, 31), Status = WorkStatus.Planned, EventId = addis, Countries = ["ETH"],
                    Process = processes.Single(p => p.Slug == "africa-eu-partnership"),
                },
                new ProjectActivity
                {
                    Type = ProjectActivityType.ForumFollowUp, Title = "Global Forum outcomes in the seminar series",
                    DescriptionMarkdown = "Bring the recommendations of the Athens meeting before the delegations that attend the seminar series.",
                    Start = new(2010, 1, 1), Status = WorkStatus.Planned, Recommendation = athens.Recommendations[0],
                },
                new ProjectActivity
                {
                    Type = ProjectActivityType.ProcessDialogue, Title = "Dialogue among regional consultative processes",
                    DescriptionMarkdown = "Give regional consultative processes a place to compare their work with one another and with global processes.",
                    Start = new(2010, 1, 1), Status = WorkStatus.Planned, Recommendation = manila.Recommendations[1],
                },
                new ProjectActivity
                {
                    Type = ProjectActivityType.DevelopmentDimension, Title = "Development in migration policy discussions",
                    DescriptionMarkdown = "Bring the development side of migration into the discussions the project supports.",
                    Start = new(2009, 6, 7), Status = WorkStatus.InProgress,
                },
                new ProjectActivity
                {
                    Type = ProjectActivityType.CountryCapacity, Title = "Country-level capacity-building",
                    DescriptionMarkdown = "Training for national and local stakeholders in selected countries.",
                    Status = WorkStatus.Planned,
                },
            ],
        };
        db.Projects.Add(project);
        await db.SaveChangesAsync(ct);

        // The Brussels seminar answers the Manila call for regional cooperation; recorded once both rows have ids.
        if (brussels is not null)
        {
            var rec = manila.Recommendations[1];
            rec.FollowUps.Add(new FollowUpEntry
            {
                On = new(2009, 6, 7), EventId = brussels, At = now,
                Text = "UNITAR and IOM held a policy seminar in Brussels on the Africa-EU partnership on migration, mobility and employment, "
                    + "with African and European civil society; a follow-up in Addis Ababa was planned for 2010.",
                EvidenceUrl = "http://europafrica.files.wordpress.com/2009/08/report-africa-eu-7th-partnership-iom-unitar.pdf",
            });
            rec.Status = FollowUpStatus.InProgress;
            await db.SaveChangesAsync(ct);
        }
    }

    private static List<ForumMeeting> Forum(DateTime now)
    {
        ForumRecommendation R(RecommendationKind kind, string text, FollowUpStatus status = FollowUpStatus.Open, params FollowUpEntry[] followUps) =>
            new() { Kind = kind, Text = text, Status = status, UpdatedAt = now, FollowUps = [.. followUps] };
        // The reports give the year of these actions, not the day: the 2007 and 2008 entries carry approximate dates.
        FollowUpEntry F(DateOnly on, string text) => new() { On = on, Text = text, At = now };

        return
        [
            new ForumMeeting
            {
                Year = 2007, City = "Brussels", HostCountry = "BEL", StartsOn = new(2007, 7, 9), EndsOn = new(2007, 7, 11),
                Theme = "Migration and socio-economic development",
                Recommendations =
                [
                    R(RecommendationKind.Recommendation, "Keep delegations informed between meetings, so that the Forum's discussion carries on where Governments work.",
                        FollowUpStatus.Done,
                        F(new(2007, 7, 1), "Before the first meeting, the seminar series in New York kept delegates up to date on the preparations by the Government of Belgium.")),
                    R(RecommendationKind.ActionableOutcome, "Build the capacities of countries of origin to take migration into account in development planning."),
                ],
            },
            new ForumMeeting
            {
                Year = 2008, City = "Manila", HostCountry = "PHL", StartsOn = new(2008, 10, 27), EndsOn = new(2008, 10, 30),
                Theme = "Protecting and empowering migrants for development",
                Recommendations =
                [
                    R(RecommendationKind.Recommendation, "Train the international community on the migration priorities the host Government identifies.",
                        FollowUpStatus.Done,
                        F(new(2008, 3, 1), "UNITAR and its partner agencies worked with the Government of the Philippines on the priorities for training in 2008: urbanisation, climate change, labour migration of women and the migration law course.")),
                    R(RecommendationKind.Recommendation, "Strengthen regional cooperation through regional consultative processes and inter-regional fora."),
                    R(RecommendationKind.ActionableOutcome, "Protect the rights of migrants, women migrant workers in particular, throughout migration."),
                ],
            },
            new ForumMeeting
            {
                Year = 2009, City = "Athens", HostCountry = "GRC", StartsOn = new(2009, 11, 2), EndsOn = new(2009, 11, 5),
                Theme = "Integrating migration policies into development strategies for the benefit of all",
                Recommendations =
                [
                    R(RecommendationKind.Recommendation, "Mainstream migration into national development plans and poverty reduction strategies."),
                    R(RecommendationKind.ActionableOutcome, "Collect more robust data on migration, to give policy a solid evidence base.",
                        FollowUpStatus.InProgress,
                        F(new(2009, 11, 4), "Fact-sheets on the effects of the economic crisis on migration, compiled by the Global Migration Group, were made available to participants; they remain online for public use.")),
                ],
            },
            new ForumMeeting
            {
                Year = 2010, City = "Puerto Vallarta", HostCountry = "MEX", StartsOn = new(2010, 11, 8), EndsOn = new(2010, 11, 11),
                Theme = "Partnerships for migration and human development: shared prosperity, shared responsibility",
                Recommendations =
                [
                    R(RecommendationKind.Recommendation, "Work in partnership with civil society, migrants' associations included, on migration and human development."),
                ],
            },
        ];
    }

    private static List<ConsultativeProcess> Processes() =>
    [
        new()
        {
            Slug = "colombo-process", Name = "Regional Consultative Process on Overseas Employment and Contractual Labour for Countries of Origin in Asia",
            Acronym = "Colombo Process", Region = "Asia", Secretariat = "IOM",
            MemberStates = ["AFG", "BGD", "CHN", "IND", "IDN", "NPL", "PAK", "PHL", "LKA", "THA", "VNM"],
            DescriptionMarkdown = "Countries of origin of Asian labour migrants, meeting since 2003 on overseas employment and contract labour.",
        },
        new()
        {
            Slug = "regional-conference-on-migration", Name = "Regional Conference on Migration", Acronym = "Puebla Process",
            Region = "North and Central America", Secretariat = "Technical secretariat in San José, Costa Rica",
            MemberStates = ["BLZ", "CAN", "CRI", "DOM", "SLV", "GTM", "HND", "MEX", "NIC", "PAN", "USA"],
            DescriptionMarkdown = "Meeting since 1996, when it began in Puebla, Mexico.",
        },
        new()
        {
            Slug = "budapest-process", Name = "Budapest Process", Region = "Europe and neighbouring regions",
            Secretariat = "International Centre for Migration Policy Development (ICMPD)",
            MemberStates = ["HUN", "TUR", "AUT", "DEU"],
            DescriptionMarkdown = "A consultative forum begun in 1993. *Selected members only.*",
        },
        new()
        {
            Slug = "abu-dhabi-dialogue", Name = "Abu Dhabi Dialogue", Region = "Asia and the Gulf",
            Secretariat = "United Arab Emirates",
            MemberStates = ["ARE", "BHR", "KWT", "OMN", "QAT", "SAU", "BGD", "IND", "NPL", "PAK", "PHL", "LKA"],
            DescriptionMarkdown = "Asian countries of origin and destination of labour migrants, meeting since 2008. *Selected members only.*",
        },
        new()
        {
            Slug = "midsa", Name = "Migration Dialogue for Southern Africa", Acronym = "MIDSA", Region = "Southern Africa", Secretariat = "IOM",
            MemberStates = ["ZAF", "BWA", "LSO", "MOZ", "NAM", "ZMB", "ZWE"],
            DescriptionMarkdown = "Dialogue among the States of the Southern African Development Community, begun in 2000. *Selected members only.*",
        },
        new()
        {
            Slug = "bali-process", Name = "Bali Process on People Smuggling, Trafficking in Persons and Related Transnational Crime",
            Acronym = "Bali Process", Region = "Asia and the Pacific", Secretariat = "Co-chaired by Australia and Indonesia",
            MemberStates = ["AUS", "IDN", "NZL", "THA", "MYS", "PHL"],
            DescriptionMarkdown = "Begun in 2002. *Selected members only.*",
        },
        new()
        {
            Slug = "africa-eu-partnership", Name = "Africa-EU Partnership on Migration, Mobility and Employment", Region = "Africa and Europe",
            Secretariat = "African Union Commission and European Commission",
            DescriptionMarkdown = "An inter-regional policy process of the Joint Africa-EU Strategy, not a regional consultative process; "
                + "the project's seminars in Brussels and Addis Ababa are dialogues with it.",
        },
    ];
}
