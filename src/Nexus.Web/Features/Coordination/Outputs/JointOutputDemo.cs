using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;

namespace Nexus.Web.Features.Coordination.Outputs;

/// <summary>
/// The joint outputs of UNITAR's 2009 chairmanship: the statement read in Athens at the third Global Forum, the
/// fact-sheets on the crisis that UNFPA started, the joint press conference at the Forum, and the technical
/// symposium UNITAR proposed for early 2010, still out for sign-off. Published ones point at the demo library's items
/// when those exist.
/// </summary>
public static class JointOutputDemo
{
    private static readonly TimeZoneInfo Geneva = TimeZoneInfo.FindSystemTimeZoneById("Europe/Zurich");

    /// <summary>Seeds an empty table; <paramref name="now"/> is not needed, every date is in 2009 and 2010.</summary>
    public static async Task SeedAsync(AppDbContext db, DateTime now, CancellationToken ct)
    {
        if (await db.JointOutputs.AnyAsync(ct)) return;
        var agencies = await db.Agencies.AsNoTracking().ToListAsync(ct);
        var acronyms = agencies.ToDictionary(a => a.Code, a => a.Acronym);
        var statement = await db.LibraryItems.AsNoTracking().Where(i => i.Slug.StartsWith("joint-statement-of-the-global-migration-group"))
            .OrderBy(i => i.Id).Select(i => (int?)i.Id).FirstOrDefaultAsync(ct);
        var factSheet = await db.LibraryItems.AsNoTracking().Where(i => i.Slug.StartsWith("the-economic-crisis-and-international-migration"))
            .OrderBy(i => i.Id).Select(i => (int?)i.Id).FirstOrDefaultAsync(ct);

        // Members on the day each output was circulated; every one of them was asked.
        List<JointOutputSignOff> Asked(DateOnly circulated) => JointOutputRules.OpenSignOffs(agencies, circulated);
        void Answer(JointOutputSignOff s, SignOffDecision decision, DateOnly day, string? note = null)
        {
            s.Decision = decision;
            s.At = At(day, 11);
            s.PersonName = $"{acronyms.GetValueOrDefault(s.AgencyCode, s.AgencyCode)} focal point";
            s.Note = note;
        }

        var athens = new JointOutput
        {
            Kind = JointOutputKind.Statement, LeadAgencyCode = "unitar", Status = JointOutputStatus.Published,
            Title = "Joint statement of the Global Migration Group to the third Global Forum on Migration and Development",
            Summary = "Read on behalf of all members at the opening of the Forum in Athens, 4 November 2009.",
            Body = """
                The agencies of the Global Migration Group commit to working as one so that:

                - the gains migration brings to development are recognised and put to use;
                - the rights of migrants, and of the families they support, are protected;
                - better migration data are gathered, so that policy rests on evidence.

                The Group will keep Governments informed of its joint work on the effects of the economic crisis on migrants.
                """,
            CreatedAt = At(new(2009, 10, 5), 9), CommentsDue = new(2009, 10, 16), NoObjectionDeadline = new(2009, 10, 23),
            CirculatedAt = At(new(2009, 10, 7), 10), AgreedAt = At(new(2009, 10, 23), 16), PublishedAt = At(new(2009, 11, 4), 10),
            LibraryItemId = statement, Version = 6,
        };
        athens.SignOffs = Asked(new(2009, 10, 7));
        foreach (var (s, n) in athens.SignOffs.Select((s, n) => (s, n))) Answer(s, SignOffDecision.Endorsed, new DateOnly(2009, 10, 12).AddDays(n % 10));
        athens.Comments =
        [
            Comment("iom", new(2009, 10, 13), "We suggest naming the families of migrants as well as migrants themselves in the second point."),
            Comment("undesa", new(2009, 10, 15), "The data point could mention census rounds; otherwise no change from us."),
        ];

        var factSheets = new JointOutput
        {
            Kind = JointOutputKind.FactSheetSeries, LeadAgencyCode = "unfpa", Status = JointOutputStatus.Published,
            Title = "Fact-sheets on the impact of the economic crisis on international migration",
            Summary = "Fourteen short notes, started by UNFPA and written by several members, handed to the participants of the Athens Forum.",
            Body = """
                A series of fourteen fact-sheets, each on one aspect of the crisis: remittances, employment of migrant
                workers, return, women migrants, children left behind, irregular migration, and more.

                Each sheet is written by the member best placed to do so and reviewed by the others; together they form
                an inventory of data and analysis that anyone can consult.
                """,
            CreatedAt = At(new(2009, 9, 1), 9), CommentsDue = new(2009, 9, 25), NoObjectionDeadline = new(2009, 10, 9),
            CirculatedAt = At(new(2009, 9, 14), 10), AgreedAt = At(new(2009, 10, 12), 9), PublishedAt = At(new(2009, 11, 2), 12),
            LibraryItemId = factSheet, Version = 8,
        };
        factSheets.SignOffs = Asked(new(2009, 9, 14));
        foreach (var (s, n) in factSheets.SignOffs.Select((s, n) => (s, n)))
            Answer(s, n % 4 == 3 ? SignOffDecision.NoObjection : SignOffDecision.Endorsed, new DateOnly(2009, 9, 21).AddDays(n % 12));
        // No-objections were recorded by the chair the day after the deadline.
        foreach (var s in factSheets.SignOffs.Where(s => s.Decision == SignOffDecision.NoObjection))
            (s.At, s.PersonName) = (At(new(2009, 10, 12), 9), "UNITAR, chair");
        factSheets.Comments = [Comment("ilo", new(2009, 9, 22), "The sheet on unemployment should use the latest labour force survey figures.")];

        var press = new JointOutput
        {
            Kind = JointOutputKind.PressConference, LeadAgencyCode = "unitar", Status = JointOutputStatus.Agreed,
            Title = "Joint press conference of the Global Migration Group at the third Global Forum",
            Summary = "Speaking points agreed for the Group's press conference in Athens.",
            Body = """
                Speaking points for the principals at the press conference:

                1. The Group speaks with one voice on migration and development.
                2. The crisis must not become a reason to roll back the protection of migrants.
                3. The fact-sheets released at the Forum are open to all.
                """,
            CreatedAt = At(new(2009, 10, 19), 9), CommentsDue = new(2009, 10, 26), NoObjectionDeadline = new(2009, 10, 30),
            CirculatedAt = At(new(2009, 10, 21), 10), AgreedAt = At(new(2009, 10, 30), 9), Version = 5,
        };
        press.SignOffs = Asked(new(2009, 10, 21));
        foreach (var (s, n) in press.SignOffs.Select((s, n) => (s, n)))
            Answer(s, SignOffDecision.Endorsed, new DateOnly(2009, 10, 22).AddDays(n % 8));

        var symposium = new JointOutput
        {
            Kind = JointOutputKind.Symposium, LeadAgencyCode = "unitar", Status = JointOutputStatus.Circulated,
            Title = "Proposal: a technical symposium of the Global Migration Group in early 2010",
            Summary = "UNITAR proposes a technical symposium to raise public awareness of how migration affects development.",
            Body = """
                **Purpose.** Bring together experts of the member agencies, Governments and researchers to discuss the
                development side of international migration, and the instruments and norms that apply to it.

                **Form.** Two days, early 2010, with sessions led by different members.

                **Ask of the members.** Endorse the proposal and name a contact for the programme committee.
                """,
            CreatedAt = At(new(2009, 11, 23), 9), CommentsDue = new(2009, 12, 11), NoObjectionDeadline = new(2010, 1, 15),
            CirculatedAt = At(new(2009, 11, 27), 10), Version = 6,
        };
        symposium.SignOffs = Asked(new(2009, 11, 27));
        foreach (var s in symposium.SignOffs.Where(s => s.AgencyCode is "unitar" or "iom" or "unfpa" or "ilo" or "undp"))
            Answer(s, SignOffDecision.Endorsed, new DateOnly(2009, 12, 3));
        symposium.Comments =
        [
            Comment("undp", new(2009, 12, 4), "Glad to help; we could lead a session on remittances and local development."),
            Comment("ohchr", new(2009, 12, 9), "We would like a session on the rights-based instruments before we endorse."),
        ];

        db.JointOutputs.AddRange(athens, factSheets, press, symposium);
        await db.SaveChangesAsync(ct);

        JointOutputComment Comment(string agency, DateOnly day, string text) => new()
        {
            AgencyCode = agency, AuthorId = "", AuthorName = $"{acronyms.GetValueOrDefault(agency, agency)} focal point", At = At(day, 14), Text = text,
        };
    }

    /// <summary>A day and hour in Geneva as UTC.</summary>
    private static DateTime At(DateOnly day, int hour) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(hour, 0)), Geneva);
}
