using Nexus.Web.Data;
using Nexus.Web.Features.Events;
using Nexus.Web.Features.Registrations;

namespace Nexus.Web.Features.Reports;

/// <summary>
/// A synthetic year for the report benchmark (acceptance 4: 200 events and 20,000 registrations): held events of
/// the series' kinds, some away from headquarters, registrations spread over every status, group and gender.
/// Same seed, same data.
/// </summary>
public static class ReportBenchData
{
    private static readonly EventKind[] Kinds = [EventKind.Seminar, EventKind.Seminar, EventKind.Seminar, EventKind.Panel, EventKind.PolicySeminar, EventKind.Course];
    private static readonly (string City, string Country)[] Away = [("Geneva", "CHE"), ("Brussels", "BEL"), ("Addis Ababa", "ETH"), ("Bangkok", "THA")];

    public static async Task<(int Events, int Registrations)> AddAsync(AppDbContext db, int year, int events, int registrations, int seed, DateTime now,
        CancellationToken ct)
    {
        var r = new Random(seed);
        var statuses = Enum.GetValues<RegistrationStatus>();
        var groups = Enum.GetValues<StakeholderGroup>();
        var genders = Enum.GetValues<Gender>();
        var list = new List<Event>(events);
        for (var i = 0; i < events; i++)
        {
            var kind = Kinds[r.Next(Kinds.Length)];
            var (city, country) = kind == EventKind.PolicySeminar ? Away[r.Next(Away.Length)] : ("New York", "USA");
            var starts = new DateTime(year, 1, 1, 15, 0, 0, DateTimeKind.Utc).AddDays(r.Next(365));
            var title = $"Synthetic {kind} {i + 1} on migration and development {year}";
            list.Add(new Event
            {
                Kind = kind, Title = title, Slug = $"synthetic-{year}-{i + 1}", Summary = "Generated for the report benchmark.",
                Themes = ["labour migration"], StartsAt = starts, EndsAt = starts.AddHours(3), City = city, Country = country,
                Venue = "Conference room", Status = EventStatus.Held, Capacity = 200,
                FindingsMarkdown = r.Next(3) == 0 ? $"Participants at event {i + 1} discussed the evidence. A second sentence follows." : null,
                CreatedAt = now, UpdatedAt = now,
            });
        }
        db.Events.AddRange(list);
        await db.SaveChangesAsync(ct);
        var regs = new List<Registration>(registrations);
        for (var i = 0; i < registrations; i++)
        {
            var email = $"bench{year}.{i}@example.org";
            regs.Add(new Registration
            {
                EventId = list[r.Next(list.Count)].Id, FullName = $"Participant {i}", Email = email, NormalizedEmail = email.ToUpperInvariant(),
                Status = statuses[r.Next(statuses.Length)], StakeholderGroup = groups[r.Next(groups.Length)],
                Gender = r.Next(10) == 0 ? null : genders[r.Next(genders.Length)], Country = "USA",
                CancelSecretHash = $"c{year}-{i}", TicketSecretHash = $"t{year}-{i}", CreatedAt = now, UpdatedAt = now,
            });
        }
        db.Registrations.AddRange(regs);
        await db.SaveChangesAsync(ct);
        return (list.Count, regs.Count);
    }
}
