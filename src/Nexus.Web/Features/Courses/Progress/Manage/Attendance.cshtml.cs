using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Features.Events;
using Nexus.Web.Features.Registrations;

namespace Nexus.Web.Features.Courses.Progress.Manage;

public sealed record AttendanceLearner(int RegistrationId, string FullName, string Email, string Organization, RegistrationStatus Status);

/// <summary>Staff mark attendance for a whole run: learners taking part down, sessions across, one save for all ticks.</summary>
// A cohort of 200 over 12 sessions is 2,400 boxes, past the default limit of 1,024 form values.
[RequestFormLimits(ValueCountLimit = 20_000)]
public class AttendanceModel(AppDbContext db, ProgressService progress, AttendanceService attendance, IStringLocalizer<SharedResource> t) : PageModel
{
    public RunFacts Facts { get; private set; } = null!;
    public List<AttendanceLearner> Learners { get; private set; } = [];
    public HashSet<(int SessionId, int RegistrationId)> Present { get; private set; } = [];

    public static string Cell(int sessionId, int registrationId) => $"{sessionId}-{registrationId}";

    /// <summary>The ticks as shown, sent back with the form so that only what staff changed is applied.</summary>
    public string Shown => string.Join(',', Present.Select(p => Cell(p.SessionId, p.RegistrationId)));

    public async Task<IActionResult> OnGetAsync(int runId, CancellationToken ct) =>
        await LoadAsync(runId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int runId, List<string>? present, string? shown, CancellationToken ct)
    {
        if (!await db.CourseRuns.AnyAsync(r => r.Id == runId, ct)) return NotFound();
        var ticked = Parse(present);
        var before = Parse(shown?.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList());
        // A forged or truncated form must not become a 500: unreadable cells are simply ignored.
        var result = await attendance.SaveGridAsync(runId, ticked, before, User.FindFirstValue(ClaimTypes.NameIdentifier)!, ct);
        TempData["Message"] = result.Conflict
            ? t["Someone recorded attendance at the same moment. Nothing was saved: check the grid and save again."].Value
            : t["Attendance saved: {0} marked present, {1} unmarked.", result.Added, result.Removed].Value;
        return Redirect($"/courses/manage/runs/{runId}/attendance");
    }

    /// <summary>The grid as CSV: one row per learner, one column per session.</summary>
    public async Task<IActionResult> OnGetExportAsync(int runId, CancellationToken ct)
    {
        if (!await LoadAsync(runId, ct)) return NotFound();
        var sessions = Facts.Sessions;
        var headers = ProgressExport.UniqueHeaders(new[] { t["Name"].Value, t["Email"].Value, t["Organisation"].Value, t["Status"].Value }
            .Concat(sessions.Select(s => $"{EventQueries.Local(s.StartsAt, s.TimeZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} {s.Title}"))
            .Concat([t["Sessions attended"].Value, t["Sessions"].Value, t["Attendance (%)"].Value]));
        var rows = Learners.Select(l =>
        {
            var attended = sessions.Count(s => Present.Contains((s.SessionId, l.RegistrationId)));
            return (IReadOnlyList<object?>)new object?[] { l.FullName, l.Email, l.Organization, t[EventText.RegistrationStatus(l.Status)].Value }
                .Concat(sessions.Select(s => (object?)(Present.Contains((s.SessionId, l.RegistrationId)) ? "1" : "0")))
                .Concat([attended, sessions.Count, sessions.Count == 0 ? 0m : Math.Round(attended * 100m / sessions.Count, 1)]).ToList();
        });
        return File(ProgressExport.Csv(headers, rows), ProgressExport.CsvType, $"attendance-run-{runId}.csv");
    }

    private static HashSet<(int, int)> Parse(List<string>? cells)
    {
        var set = new HashSet<(int, int)>();
        foreach (var cell in (cells ?? []).Take(100_000))
        {
            var parts = cell.Split('-');
            if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var s)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var r))
                set.Add((s, r));
        }
        return set;
    }

    private async Task<bool> LoadAsync(int runId, CancellationToken ct)
    {
        if (await progress.RunFactsAsync(runId, ct) is not { } facts) return false;
        Facts = facts;
        var active = Enrolments.ActiveStatuses;
        Learners = await db.Registrations.AsNoTracking().Where(r => r.EventId == facts.Run.EventId && active.Contains(r.Status))
            .OrderBy(r => r.FullName).ThenBy(r => r.Id)
            .Select(r => new AttendanceLearner(r.Id, r.FullName, r.Email, r.Organization, r.Status)).ToListAsync(ct);
        Present = (await db.SessionAttendance.AsNoTracking().Where(a => a.Session!.RunId == runId)
            .Select(a => new { a.SessionId, a.RegistrationId }).ToListAsync(ct)).Select(a => (a.SessionId, a.RegistrationId)).ToHashSet();
        return true;
    }
}
