using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Events;
using Nexus.Web.Infrastructure.Countries;

namespace Nexus.Web.Features.Registrations;

public sealed record ParticipationRow(int EventId, RegistrationStatus Status, StakeholderGroup Group, Gender? Gender, string Country);

public sealed record Breakdown(string Key, int Count);

public sealed record EventParticipation(int EventId, string Title, DateTime StartsAt, int Registered, int Confirmed, int Attended, int NoShow, int Waitlisted);

public sealed record ParticipationReport(int Year, List<EventParticipation> Events, List<Breakdown> ByGroup, List<Breakdown> ByGender,
    List<Breakdown> ByRegion, int Participants);

/// <summary>
/// Seat use for staff, by stakeholder group, gender and region. "Participants" here are those who held a confirmed
/// seat (confirmed, attended or no-show), which is what planning rooms and quotas needs. The annual report asks a
/// different question, who actually took part, and counts by <see cref="Reports.ReportFactsQuery.Counts"/>.
/// </summary>
public static class ParticipationStatistics
{
    public static bool IsParticipant(RegistrationStatus s) =>
        s is RegistrationStatus.Confirmed or RegistrationStatus.Attended or RegistrationStatus.NoShow;

    public static async Task<ParticipationReport> ForYearAsync(AppDbContext db, int year, CancellationToken ct = default)
    {
        var from = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var to = from.AddYears(1);
        var events = await db.Events.AsNoTracking()
            .Where(e => e.StartsAt >= from && e.StartsAt < to && e.Status != EventStatus.Draft)
            .OrderBy(e => e.StartsAt).Select(e => new { e.Id, e.Title, e.StartsAt }).ToListAsync(ct);
        var ids = events.Select(e => e.Id).ToList();
        var rows = await db.Registrations.AsNoTracking().Where(r => ids.Contains(r.EventId))
            .Select(r => new ParticipationRow(r.EventId, r.Status, r.StakeholderGroup, r.Gender, r.Country)).ToListAsync(ct);
        return Build(year, events.Select(e => (e.Id, e.Title, e.StartsAt)).ToList(), rows);
    }

    public static ParticipationReport Build(int year, IReadOnlyList<(int Id, string Title, DateTime StartsAt)> events, IReadOnlyList<ParticipationRow> rows)
    {
        var perEvent = events.Select(e =>
        {
            var mine = rows.Where(r => r.EventId == e.Id).ToList();
            return new EventParticipation(e.Id, e.Title, e.StartsAt,
                mine.Count(r => r.Status is not (RegistrationStatus.Cancelled or RegistrationStatus.Rejected or RegistrationStatus.Declined)),
                mine.Count(r => IsParticipant(r.Status)),
                mine.Count(r => r.Status == RegistrationStatus.Attended),
                mine.Count(r => r.Status == RegistrationStatus.NoShow),
                mine.Count(r => r.Status == RegistrationStatus.Waitlisted));
        }).ToList();
        var participants = rows.Where(r => IsParticipant(r.Status)).ToList();
        static List<Breakdown> Count(IEnumerable<string> keys) =>
            keys.GroupBy(k => k).Select(g => new Breakdown(g.Key, g.Count())).OrderByDescending(b => b.Count).ThenBy(b => b.Key).ToList();
        return new ParticipationReport(year, perEvent,
            Count(participants.Select(r => EventText.Group(r.Group))),
            Count(participants.Select(r => r.Gender is { } g ? EventText.Gender(g) : "Not stated")),
            Count(participants.Select(r => Countries.Find(r.Country)?.Region is { Length: > 0 } region ? region : "Unknown")),
            participants.Count);
    }
}
