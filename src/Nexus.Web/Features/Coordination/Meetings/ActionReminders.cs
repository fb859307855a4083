using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Nexus.Web.Data;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Infrastructure;
using Nexus.Web.Infrastructure.Email;

namespace Nexus.Web.Features.Coordination.Meetings;

/// <summary>
/// Emails the owner agency's focal points when an open action item falls due within the reminder window. Each
/// item is reminded once per due date (<see cref="ActionItem.RemindedFor"/>): moving the date earns a new reminder,
/// running on several instances or every few minutes sends nothing twice, because the claim is a conditional update.
/// </summary>
public sealed class ActionReminders(AppDbContext db, IOptions<CoordinationOptions> options, CoordinationAccess access, Links links,
    TimeProvider clock)
{
    public async Task<int> SendAsync(CancellationToken ct)
    {
        var today = access.Today();
        var until = today.AddDays(options.Value.ReminderDays);
        var due = await db.ActionItems.AsNoTracking()
            .Where(a => (a.Status == ActionStatus.Open || a.Status == ActionStatus.InProgress) && a.Due != null
                && a.Due >= today && a.Due <= until && (a.RemindedFor == null || a.RemindedFor != a.Due))
            .Select(a => new { a.Id, a.Title, a.Due, a.OwnerAgencyCode, a.MeetingId })
            .ToListAsync(ct);
        var sent = 0;
        foreach (var item in due)
        {
            var recipients = await (from u in db.Users
                                    join ur in db.UserRoles on u.Id equals ur.UserId
                                    join r in db.Roles on ur.RoleId equals r.Id
                                    where r.Name == Roles.AgencyFocalPoint && u.AgencyCode == item.OwnerAgencyCode && u.Email != null
                                    select new { u.Email, u.FullName }).ToListAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // Claim the reminder first: only the instance whose update changed the row queues the emails.
            var claimed = await db.ActionItems.Where(a => a.Id == item.Id && (a.RemindedFor == null || a.RemindedFor != a.Due))
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.RemindedFor, a => a.Due), ct);
            if (claimed == 0) continue;
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var r in recipients)
            {
                var body = new StringBuilder()
                    .AppendLine(CultureInfo.InvariantCulture, $"Dear {(r.FullName.Length > 0 ? r.FullName : "colleague")},").AppendLine()
                    .AppendLine(CultureInfo.InvariantCulture, $"This action item of the inter-agency group is owned by your agency and due on {item.Due:d MMMM yyyy}:").AppendLine()
                    .AppendLine(item.Title).AppendLine()
                    .AppendLine(CultureInfo.InvariantCulture, $"Record progress or close it here: {links.To($"/coordination/space/actions/{item.Id}")}");
                db.Outbox.Add(new OutboxMessage
                {
                    To = r.Email!, Kind = "action-reminder", Subject = $"Action item due {item.Due:d MMM yyyy}: {Shorten(item.Title, 80)}",
                    TextBody = body.ToString(), CreatedAt = now, NextAttemptAt = now,
                });
                sent++;
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        return sent;
    }

    private static string Shorten(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}

/// <summary>Runs the reminders every few minutes (the window is in days, so a few minutes late changes nothing).</summary>
public sealed class ActionReminderJob(IServiceScopeFactory scopes, IConfiguration config, ILogger<ActionReminderJob> log)
    : PeriodicJob(scopes, config, log)
{
    protected override TimeSpan Every => TimeSpan.FromMinutes(5);

    protected override async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var sent = await services.GetRequiredService<ActionReminders>().SendAsync(ct);
        if (sent == 0) return;
        Log.LogInformation("Queued {Count} action item reminders", sent);
        services.GetService<OutboxSignal>()?.Notify();
    }
}
