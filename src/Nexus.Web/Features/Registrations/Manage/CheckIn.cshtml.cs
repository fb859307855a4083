using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Features.Accounts.Tokens;
using Nexus.Web.Features.Courses;
using Nexus.Web.Features.Courses.Progress;
using Nexus.Web.Features.Events;

namespace Nexus.Web.Features.Registrations.Manage;

public sealed record CheckInRow(int Id, int EventId, string EventTitle, string FullName, string Organization,
    RegistrationStatus Status, DateTime? CheckedInAt);

/// <summary>A session of the course run a ticket belongs to, as the door sees it.</summary>
public sealed record CheckInSession(int SessionId, string Title, DateTimeOffset StartsAt, bool Today, bool Attended);

/// <summary>
/// Check-in at the door: the QR code on a ticket opens this page with its secret, or staff search by name.
/// Checking in is a POST, and a second check-in of the same person records nothing new. A ticket for a course run
/// (an enrolment) also lists the run's sessions, today's first, to record the learner present at one of them.
/// </summary>
public class CheckInModel(AppDbContext db, RegistrationService service, AttendanceService attendance, TimeProvider clock,
    IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public int? EventId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public List<CheckInRow> Matches { get; private set; } = [];
    public string? EventTitle { get; private set; }
    public bool CodeNotFound { get; private set; }
    /// <summary>Sessions by registration id, for the matches that are enrolments in a course run.</summary>
    public Dictionary<int, List<CheckInSession>> Sessions { get; } = new();

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = db.Registrations.AsNoTracking().AsQueryable();
        if (!string.IsNullOrWhiteSpace(Code))
        {
            if (Code.Length > 100) { CodeNotFound = true; return; }
            var hash = TokenSecrets.Hash(Code.Trim());
            query = query.Where(r => r.TicketSecretHash == hash);
        }
        else if (EventId is { } eventId)
        {
            EventTitle = await db.Events.Where(e => e.Id == eventId).Select(e => e.Title).FirstOrDefaultAsync(ct);
            query = query.Where(r => r.EventId == eventId && (r.Status == RegistrationStatus.Confirmed
                                     || r.Status == RegistrationStatus.Attended || r.Status == RegistrationStatus.NoShow));
            var q = (Q ?? "").Trim();
            if (q.Length > 200) q = q[..200];
            if (q.Length > 0)
            {
                var lower = q.ToLowerInvariant();
                query = query.Where(r => r.FullName.ToLower().Contains(lower) || r.Organization.ToLower().Contains(lower));
            }
        }
        else return;
        Matches = await query.OrderBy(r => r.FullName).Take(50)
            .Select(r => new CheckInRow(r.Id, r.EventId, r.Event!.Title, r.FullName, r.Organization, r.Status, r.CheckedInAt))
            .ToListAsync(ct);
        CodeNotFound = Code is not null && Matches.Count == 0;
        await LoadSessionsAsync(ct);
    }

    private async Task LoadSessionsAsync(CancellationToken ct)
    {
        var eventIds = Matches.Where(m => Enrolments.ActiveStatuses.Contains(m.Status)).Select(m => m.EventId).Distinct().ToList();
        if (eventIds.Count == 0) return;
        var sessions = await db.CourseSessions.AsNoTracking().Where(s => eventIds.Contains(s.Run!.EventId))
            .Select(s => new { s.Id, RunEventId = s.Run!.EventId, s.Event!.Title, s.Event.StartsAt, s.Event.TimeZone }).ToListAsync(ct);
        if (sessions.Count == 0) return;
        var ids = Matches.Select(m => m.Id).ToList();
        var present = (await db.SessionAttendance.AsNoTracking().Where(a => ids.Contains(a.RegistrationId))
            .Select(a => new { a.RegistrationId, a.SessionId }).ToListAsync(ct)).Select(a => (a.RegistrationId, a.SessionId)).ToHashSet();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var m in Matches.Where(m => eventIds.Contains(m.EventId)))
            Sessions[m.Id] = sessions.Where(s => s.RunEventId == m.EventId)
                .Select(s => new CheckInSession(s.Id, s.Title, EventQueries.Local(s.StartsAt, s.TimeZone),
                    EventQueries.Local(s.StartsAt, s.TimeZone).Date == EventQueries.Local(now, s.TimeZone).Date, present.Contains((m.Id, s.Id))))
                .OrderByDescending(s => s.Today).ThenBy(s => s.StartsAt).ToList();
    }

    /// <summary>Records a learner present at one session of their run (a scan at the session's door).</summary>
    public async Task<IActionResult> OnPostSessionAsync(int id, int sessionId, CancellationToken ct)
    {
        var name = await db.Registrations.AsNoTracking().Where(r => r.Id == id).Select(r => r.FullName).FirstOrDefaultAsync(ct);
        var session = await db.CourseSessions.AsNoTracking().Where(s => s.Id == sessionId).Select(s => s.Event!.Title).FirstOrDefaultAsync(ct);
        var outcome = await attendance.MarkAsync(sessionId, id, AttendanceSource.Scanned,
            User.FindFirstValue(ClaimTypes.NameIdentifier)!, ct);
        TempData["Message"] = outcome switch
        {
            AttendanceOutcome.Marked => t["{0} is checked in at {1}.", name!, session!].Value,
            AttendanceOutcome.AlreadyMarked => t["{0} was already checked in at {1}.", name!, session!].Value,
            AttendanceOutcome.SessionNotFound => t["No such session."].Value,
            AttendanceOutcome.NotThisRun => t["This session is not part of this learner's course run."].Value,
            _ => t["Only confirmed participants can be checked in."].Value,
        };
        return Redirect("/registrations/manage/checkin" + Back());
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var result = await service.CheckInAsync(id, User.FindFirstValue(ClaimTypes.NameIdentifier)!, ct);
        TempData["Message"] = result.Outcome switch
        {
            ChangeOutcome.Done => t["{0} is checked in.", result.Registration!.FullName].Value,
            ChangeOutcome.AlreadyDone => t["{0} was already checked in.", result.Registration!.FullName].Value,
            ChangeOutcome.NotFound => t["No such registration."].Value,
            _ => t["Only confirmed participants can be checked in."].Value,
        };
        return Redirect("/registrations/manage/checkin" + Back());
    }

    private string Back() => Code is { Length: > 0 } ? $"?code={Uri.EscapeDataString(Code)}"
        : EventId is { } e ? $"?eventId={e}&q={Uri.EscapeDataString(Q ?? "")}" : "";
}
