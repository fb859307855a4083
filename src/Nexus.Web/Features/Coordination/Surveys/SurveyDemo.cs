using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;

namespace Nexus.Web.Features.Coordination.Surveys;

/// <summary>
/// Demo surveys: the survey of members UNITAR ran in the summer of 2009 to prepare the Group's working methods
/// (closed and attributed, answered by most members before the October retreat), an anonymous survey open now on
/// the current workplan, and a draft the chair is still writing.
/// </summary>
public static class SurveyDemo
{
    private static readonly string[] Q1 = ["Once a year", "Twice a year", "At a yearly retreat, plus a meeting each chairmanship", "Only when an issue calls for it"];
    private static readonly string[] Q2 =
    [
        "Written rules of engagement for members",
        "A troika of the outgoing, current and incoming chairs",
        "A standing working group of focal points",
        "A shared calendar of members' migration events",
        "Joint products endorsed by every member",
    ];
    private static readonly string[] Q5 = ["Yes, six months is about right", "Longer terms, of a year", "Shorter terms", "No view"];

    // Per agency: principals' meetings (Q1), working methods wanted (Q2), how well it works now (Q3, 1-5),
    // usefulness of a retreat (Q4, 1-5), length of the chair's term (Q5), one change (Q6). Three members did not answer.
    private static readonly (string Agency, int Q1, int[] Q2, int Q3, int? Q4, int Q5, string? Q6, int Day)[] Answers2009 =
    [
        ("unitar", 2, [0, 1, 4], 3, 5, 1, "Agree a short set of rules on how the chair consults members before anything goes out in the Group's name.", 16),
        ("iom", 2, [0, 1, 2], 2, 5, 1, "A troika would stop each new chair from starting again from a blank page.", 20),
        ("ilo", 1, [0, 2, 4], 3, 4, 1, "Circulate papers at least two weeks before principals meet.", 21),
        ("undp", 2, [1, 3], 3, 4, 0, null, 24),
        ("unfpa", 2, [0, 1, 4], 2, 5, 1, "Give joint products a clear sign-off procedure and deadline.", 27),
        ("unhcr", 1, [0, 2], 3, 3, 0, "Keep protection questions visible in the Group's work on mixed movements.", 28),
        ("unicef", 2, [0, 3], 3, 4, 1, null, 31),
        ("ohchr", 1, [0, 4], 2, 4, 3, "Make the rules of engagement say how members can disagree with a joint text.", 34),
        ("undesa", 0, [2, 3], 4, 3, 0, "Share data work between members before each Global Forum.", 35),
        ("unctad", 2, [1, 2, 3], 3, 4, 1, null, 41),
        ("worldbank", 0, [2], 4, 2, 3, "Fewer meetings, with more technical work between them.", 44),
        ("unesco", 2, [0, 1, 3], 3, 5, 1, null, 52),
        ("regional-commissions", 1, [2, 3], 3, 4, 0, "Bring regional perspectives in through the commissions' focal points.", 58),
        ("unifem", 2, [0, 1, 4], 2, 5, 1, "Name a focal point per agency and keep the list current.", 63),
    ];

    public static async Task SeedAsync(AppDbContext db, DateTime now, CancellationToken ct)
    {
        if (await db.Surveys.AnyAsync(ct)) return;
        var today = DateOnly.FromDateTime(now);
        // A member's response is linked to one of its focal points' accounts when the demo has one (IOM's).
        var focalPoints = await db.Users.AsNoTracking().Where(u => u.AgencyCode != null)
            .Select(u => new { u.Id, u.AgencyCode }).ToListAsync(ct);
        string By(string agency) => focalPoints.FirstOrDefault(u => u.AgencyCode == agency)?.Id ?? "";

        var workingMethods = new Survey
        {
            Title = "Survey of members on the Group's working methods",
            Introduction = "UNITAR, as chair, asks each member agency how the Group should work: how often principals meet, "
                + "what rules members should agree, and how the chair passes from one agency to the next. The answers, with a "
                + "study of how comparable inter-agency mechanisms are organised, will prepare the working methods for the "
                + "heads-of-agency retreat in October.",
            Anonymous = false,
            Status = SurveyStatus.Closed,
            ClosesOn = new DateOnly(2009, 9, 11),
            CreatedAt = new DateTime(2009, 7, 6, 9, 0, 0, DateTimeKind.Utc),
            CreatedBy = "UNITAR chairmanship",
            Questions =
            [
                new() { Position = 1, Kind = QuestionKind.SingleChoice, Required = true, Options = [.. Q1],
                    Text = "How often should the principals of the member agencies meet?" },
                new() { Position = 2, Kind = QuestionKind.MultipleChoice, Required = true, Options = [.. Q2],
                    Text = "Which of these should the Group's working methods include?" },
                new() { Position = 3, Kind = QuestionKind.Scale, Required = true, ScaleMin = 1, ScaleMax = 5,
                    ScaleMinLabel = "Not at all", ScaleMaxLabel = "Fully",
                    Text = "How well does the Group's present way of working let your agency contribute?" },
                new() { Position = 4, Kind = QuestionKind.Scale, Required = false, ScaleMin = 1, ScaleMax = 5,
                    ScaleMinLabel = "Not useful", ScaleMaxLabel = "Very useful",
                    Text = "How useful would a yearly retreat of the heads of agency be?" },
                new() { Position = 5, Kind = QuestionKind.SingleChoice, Required = true, Options = [.. Q5],
                    Text = "Should the chair keep rotating among members every six months?" },
                new() { Position = 6, Kind = QuestionKind.FreeText, Required = false,
                    Text = "What one change would most improve the way the Group works?" },
            ],
        };

        var current = new Survey
        {
            Title = "Focal points' views on this year's workplan",
            Introduction = "A short anonymous survey at mid-term: which parts of the workplan are on track, and where the "
                + "Group should put its effort before the next chair takes over. Answers are shown without agency names.",
            Anonymous = true,
            Status = SurveyStatus.Open,
            ClosesOn = today.AddDays(21),
            CreatedAt = now.AddDays(-6),
            CreatedBy = "Programme staff",
            Questions =
            [
                new() { Position = 1, Kind = QuestionKind.SingleChoice, Required = true,
                    Options = ["A strong sense of purpose within the Group", "Clear rules of engagement", "The Group's visibility"],
                    Text = "Which pillar of the workplan has advanced most so far?" },
                new() { Position = 2, Kind = QuestionKind.MultipleChoice, Required = false,
                    Options = ["Joint statements", "Fact-sheets", "Press conferences", "Technical symposia", "Joint reports"],
                    Text = "Which joint products should the Group prepare next?" },
                new() { Position = 3, Kind = QuestionKind.Scale, Required = true, ScaleMin = 0, ScaleMax = 10,
                    ScaleMinLabel = "Not confident", ScaleMaxLabel = "Fully confident",
                    Text = "How confident are you that the workplan will be completed by the end of its period?" },
                new() { Position = 4, Kind = QuestionKind.FreeText, Required = false,
                    Text = "Anything the chair should know before the next principals' meeting?" },
            ],
        };

        var draft = new Survey
        {
            Title = "Topics for the technical symposium",
            Introduction = "Draft: the chair is collecting topics before circulating this survey to members.",
            Anonymous = false,
            Status = SurveyStatus.Draft,
            CreatedAt = now.AddDays(-1),
            CreatedBy = "Programme staff",
            Questions =
            [
                new() { Position = 1, Kind = QuestionKind.MultipleChoice, Required = true,
                    Options = ["Migration data and statistics", "Remittances", "Labour mobility", "Migration and climate"],
                    Text = "Which topics should the symposium cover?" },
            ],
        };

        db.Surveys.AddRange(workingMethods, current, draft);
        await db.SaveChangesAsync(ct);

        var q = workingMethods.Questions.OrderBy(x => x.Position).Select(x => x.Id).ToArray();
        foreach (var a in Answers2009)
        {
            var answers = new List<SurveyAnswer>
            {
                new() { QuestionId = q[0], Choices = [a.Q1] },
                new() { QuestionId = q[1], Choices = [.. a.Q2] },
                new() { QuestionId = q[2], Scale = a.Q3 },
                new() { QuestionId = q[4], Choices = [a.Q5] },
            };
            if (a.Q4 is { } retreat) answers.Add(new() { QuestionId = q[3], Scale = retreat });
            if (a.Q6 is { } text) answers.Add(new() { QuestionId = q[5], Text = text });
            db.SurveyResponses.Add(new SurveyResponse
            {
                SurveyId = workingMethods.Id, AgencyCode = a.Agency, SubmittedBy = By(a.Agency),
                SubmittedAt = new DateTime(2009, 7, 6, 14, 0, 0, DateTimeKind.Utc).AddDays(a.Day).AddHours(a.Q3), Answers = answers,
            });
        }

        var c = current.Questions.OrderBy(x => x.Position).Select(x => x.Id).ToArray();
        (string Agency, int Pillar, int[] Products, int Confidence, string? Note)[] currentAnswers =
        [
            ("ilo", 0, [1, 3], 7, null),
            ("undp", 2, [0, 4], 6, "The symposium needs a date soon if members are to plan for it."),
            ("unfpa", 2, [1], 8, null),
            ("unhcr", 1, [], 5, "Rules of engagement should be adopted before the handover."),
        ];
        for (var i = 0; i < currentAnswers.Length; i++)
        {
            var (agency, pillar, products, confidence, note) = currentAnswers[i];
            var answers = new List<SurveyAnswer>
            {
                new() { QuestionId = c[0], Choices = [pillar] },
                new() { QuestionId = c[2], Scale = confidence },
            };
            if (products.Length > 0) answers.Add(new() { QuestionId = c[1], Choices = [.. products] });
            if (note is not null) answers.Add(new() { QuestionId = c[3], Text = note });
            db.SurveyResponses.Add(new SurveyResponse
            {
                SurveyId = current.Id, AgencyCode = agency, SubmittedBy = By(agency),
                SubmittedAt = now.AddDays(-5 + i).AddHours(-confidence), Answers = answers,
            });
        }
        await db.SaveChangesAsync(ct);
    }
}
