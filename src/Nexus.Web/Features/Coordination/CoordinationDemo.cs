using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Nexus.Web.Data;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Coordination.Chairs;

namespace Nexus.Web.Features.Coordination;

/// <summary>
/// The group as the 2009 report describes it (UNITAR in the chair from 1 June 2009 for seven months, UNDP next, the
/// retreat near Geneva on 9 October 2009, the troika proposal, the working methods), then an illustrative rotation
/// up to next year so that the demo has a chair today. Only the 2009 and 2010 terms come from the record.
/// </summary>
public static class CoordinationDemo
{
    /// <summary>The order the illustrative terms after mid-2010 follow; invented for the demo.</summary>
    private static readonly string[] DemoOrder =
        ["unitar", "undp", "iom", "ilo", "unfpa", "worldbank", "unhcr", "unesco", "unctad", "undesa", "ohchr", "unicef", "unodc", "fao", "who", "regional-commissions"];

    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var db = services.GetRequiredService<AppDbContext>();
        if (await db.ChairTerms.AnyAsync(ct)) return;
        var chairs = services.GetRequiredService<ChairService>();
        var options = services.GetRequiredService<IOptions<CoordinationOptions>>().Value;
        var today = services.GetRequiredService<CoordinationAccess>().Today();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

        var unitar = new ChairTerm
        {
            AgencyCode = "unitar", Start = new(2009, 6, 1), End = new(2009, 12, 31),
            Note = "Seven months; proposed the first annual workplan with UNDP, the next chair.",
            Handover = options.HandoverChecklist.Select((t, i) => new HandoverTask { Position = i, Title = t, DoneAt = new DateTime(2009, 5, 29, 12, 0, 0, DateTimeKind.Utc), DoneBy = "Outgoing chair" }).ToList(),
        };
        var undp = new ChairTerm
        {
            AgencyCode = "undp", Start = new(2010, 1, 1), End = new(2010, 6, 30), Note = "Second half of the 2009-2010 workplan.",
            Handover = options.HandoverChecklist.Select((t, i) => new HandoverTask { Position = i, Title = t, DoneAt = new DateTime(2009, 12, 18, 12, 0, 0, DateTimeKind.Utc), DoneBy = "UNITAR" }).ToList(),
        };
        db.ChairTerms.AddRange(unitar, undp);
        db.RotationSlots.AddRange(DemoOrder.Select((c, i) => new RotationSlot { Position = i, AgencyCode = c }));
        await db.SaveChangesAsync(ct);

        // Illustrative terms from July 2010 until a year from today, in the demo order after UNDP.
        var months = options.TermMonths;
        var count = 0;
        for (var start = new DateOnly(2010, 7, 1); start <= today.AddYears(1); start = start.AddMonths(months)) count++;
        var generated = new List<ChairTerm>();
        while (count > 0)
        {
            // The page generates at most 20 terms at a time; so does the demo.
            var errors = new Infrastructure.FieldErrors();
            var batch = await chairs.GenerateAsync(Math.Min(count, 20), months, new DateOnly(2010, 7, 1), errors, ct);
            if (errors.Any) throw new InvalidOperationException("Demo rotation: " + string.Join(" ", errors.ToDictionary().SelectMany(e => e.Value)));
            generated.AddRange(batch);
            count -= batch.Count;
        }
        foreach (var t in generated.Where(t => t.Start > new DateOnly(2010, 6, 30))) t.Note = "Illustrative demo term.";
        await db.SaveChangesAsync(ct);

        await LinkFocalPointsAsync(services, db, generated, today, ct);
        await SeedMeetingsAsync(db, today, now, ct);
        SeedDocuments(db, now);
        await db.SaveChangesAsync(ct);
        await Workplans.WorkplanDemo.SeedAsync(db, now, ct);
        await Outputs.JointOutputDemo.SeedAsync(db, now, ct);
        await Surveys.SurveyDemo.SeedAsync(db, now, ct);
    }

    /// <summary>The demo focal point speaks for IOM; the demo chair account for whichever agency chairs today.</summary>
    private static async Task LinkFocalPointsAsync(IServiceProvider services, AppDbContext db, List<ChairTerm> terms, DateOnly today, CancellationToken ct)
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var chairToday = terms.FirstOrDefault(t => t.Start <= today && today <= t.End)?.AgencyCode ?? "unitar";
        foreach (var (email, agency) in new[] { ("focal.point@nexus.example", chairToday == "iom" ? "ilo" : "iom"), (Demo.DemoData.ChairEmail, chairToday) })
        {
            var user = await users.FindByEmailAsync(email);
            if (user is null) continue;
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.AgencyCode, agency), ct);
        }
    }

    private static async Task SeedMeetingsAsync(AppDbContext db, DateOnly today, DateTime now, CancellationToken ct)
    {
        var retreat = new Meeting
        {
            Kind = MeetingKind.Retreat, Title = "Heads of agency retreat", Date = new(2009, 10, 9), Location = "Near Geneva, Switzerland",
            Agenda = "1. The economic crisis and its effects on migrants and on migration\n2. The group's purpose and leadership\n3. Rules of engagement and working methods\n4. Joint outputs for the Global Forum in Athens",
            Minutes = "The heads of agency asked for active and clever leadership from the chair and agreed that the crisis made joint work more urgent. They discussed the crisis's effects on international migration and on migrants' well-being, and supported a troika of past, present and next chairs.",
            Participants = new[] { "unitar", "undp", "iom", "ilo", "unfpa", "unhcr", "worldbank", "ohchr", "undesa", "unctad" }
                .Select(a => new MeetingParticipant { AgencyCode = a }).ToList(),
            Decisions =
            [
                new() { Position = 0, Text = "A troika of the previous, current and next chairs will ensure continuity between the six-month chairmanships." },
                new() { Position = 1, Text = "The group will speak with one voice at the third Global Forum in Athens through a joint statement." },
                new() { Position = 2, Text = "Working methods will be drafted from a study of other inter-agency mechanisms and a survey of members." },
            ],
        };
        var focal = new Meeting
        {
            Kind = MeetingKind.FocalPoints, Title = "Focal points' meeting", Date = today.AddDays(14), Location = "Geneva and online",
            Agenda = "1. Follow-up of open action items\n2. Progress of the workplan\n3. Next joint outputs",
        };
        db.Meetings.AddRange(retreat, focal);
        await db.SaveChangesAsync(ct);
        db.ActionItems.AddRange(
            new ActionItem
            {
                MeetingId = retreat.Id, Title = "Circulate the draft working methods to members", OwnerAgencyCode = "unitar", Due = new(2009, 11, 15),
                Status = ActionStatus.Done, ClosedAt = new DateTime(2009, 11, 12, 9, 0, 0, DateTimeKind.Utc),
                Updates = [new() { At = new DateTime(2009, 11, 12, 9, 0, 0, DateTimeKind.Utc), AuthorName = "UNITAR", Text = "Draft sent to all focal points.", Status = ActionStatus.Done }],
            },
            new ActionItem
            {
                MeetingId = retreat.Id, Title = "Compile the fact-sheets on the crisis for the Athens Forum", OwnerAgencyCode = "unfpa", Due = new(2009, 10, 30),
                Status = ActionStatus.Done, ClosedAt = new DateTime(2009, 10, 29, 9, 0, 0, DateTimeKind.Utc),
            },
            new ActionItem
            {
                MeetingId = retreat.Id, Title = "Prepare a concept note for the technical symposium", OwnerAgencyCode = "unitar", Due = today.AddDays(5),
                Status = ActionStatus.InProgress,
                Updates = [new() { At = now.AddDays(-3), AuthorName = "UNITAR", Text = "Outline shared with UNDP for comments.", Status = ActionStatus.InProgress }],
            },
            new ActionItem { MeetingId = retreat.Id, Title = "Propose the troika's terms of reference", OwnerAgencyCode = "undp", Due = today.AddDays(-10), Status = ActionStatus.Open });
    }

    private static void SeedDocuments(AppDbContext db, DateTime now)
    {
        db.GroupDocuments.Add(new GroupDocument
        {
            Kind = GroupDocumentKind.WorkingMethods, Title = "Rules of engagement and working methods",
            Versions =
            [
                new()
                {
                    Number = 1, CreatedAt = new DateTime(2009, 9, 15, 10, 0, 0, DateTimeKind.Utc), CreatedBy = "UNITAR",
                    Body = "## Chair\nThe chair rotates every six months in an agreed order. The previous, current and next chairs form a troika.\n\n## Decisions\nJoint outputs need the agreement of every member. When a member has not answered by the deadline set by the chair, its no-objection is recorded.\n\n## Meetings\nPrincipals meet at least once a year; focal points meet as the workplan requires.",
                    ApprovedOn = new DateOnly(2009, 10, 9), ApprovedBy = "Heads of agency retreat",
                },
                new()
                {
                    Number = 2, CreatedAt = now.AddDays(-2), CreatedBy = "Programme staff", ChangeNote = "Adds focal points' duties (draft).",
                    Body = "## Chair\nThe chair rotates every six months in an agreed order. The previous, current and next chairs form a troika.\n\n## Decisions\nJoint outputs need the agreement of every member. When a member has not answered by the deadline set by the chair, its no-objection is recorded.\n\n## Meetings\nPrincipals meet at least once a year; focal points meet as the workplan requires.\n\n## Focal points\nEach member names a focal point who comments, signs off and answers surveys for the agency.",
                },
            ],
        });
        db.GroupDocuments.Add(new GroupDocument
        {
            Kind = GroupDocumentKind.TermsOfReference, Title = "Terms of reference",
            Versions =
            [
                new()
                {
                    Number = 1, CreatedAt = new DateTime(2009, 9, 15, 10, 0, 0, DateTimeKind.Utc), CreatedBy = "UNITAR",
                    Body = "The members work together so that governments get consistent analysis and advice on migration from the UN system, IOM and the World Bank, and so that the instruments and norms on migration are known and used more widely.",
                    ApprovedOn = new DateOnly(2009, 10, 9), ApprovedBy = "Heads of agency retreat",
                },
            ],
        });
    }
}
