using System.Globalization;
using System.Security.Claims;
using System.Text;
using CsvHelper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using Nexus.Web.Data;
using Nexus.Web.Features.Certificates;
using Nexus.Web.Features.Events;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Registrations.Manage;

public sealed record RegistrationRow(int Id, string FullName, string Email, string Organization, StakeholderGroup Group,
    string Country, Gender? Gender, RegistrationStatus Status, int? Position, bool ListPublicly, string AccessibilityNeeds,
    DateTime CreatedAt, DateTime? CheckedInAt, DateTime? OfferExpiresAt, bool HasNoteVerbale);

/// <summary>Staff view of one event's registrations: decide, promote, mark attendance, export.</summary>
public class IndexModel(AppDbContext db, RegistrationService service, AttendanceCertificates attendanceCertificates,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public Event Event { get; private set; } = null!;
    public SeatCounts Counts { get; private set; } = SeatCounts.None;
    public List<RegistrationRow> Rows { get; private set; } = [];
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }

    public async Task<IActionResult> OnGetAsync(int eventId, CancellationToken ct)
    {
        if (!await LoadAsync(eventId, ct)) return NotFound();
        return Page();
    }

    /// <summary>CSV or XLSX of every registration. Values that a spreadsheet would run as a formula are neutralised.</summary>
    public async Task<IActionResult> OnGetExportAsync(int eventId, string? format, CancellationToken ct)
    {
        if (!await LoadAsync(eventId, ct, allStatuses: true)) return NotFound();
        var rows = Rows.Select(r => new Dictionary<string, object?>
        {
            ["id"] = r.Id, ["fullName"] = Safe(r.FullName), ["email"] = Safe(r.Email), ["organization"] = Safe(r.Organization),
            ["stakeholderGroup"] = Codes.Of(r.Group), ["country"] = r.Country, ["gender"] = r.Gender is { } g ? Codes.Of(g) : "",
            ["status"] = Codes.Of(r.Status), ["waitlistPosition"] = r.Position, ["listPublicly"] = r.ListPublicly,
            ["accessibilityNeeds"] = Safe(r.AccessibilityNeeds),
            ["registeredAt"] = r.CreatedAt.ToString("u", CultureInfo.InvariantCulture),
            ["checkedInAt"] = r.CheckedInAt?.ToString("u", CultureInfo.InvariantCulture) ?? "",
        }).ToList();
        var name = $"registrations-{Event.Id}-{Event.Slug}";
        if (format == "xlsx")
        {
            var stream = new MemoryStream();
            await stream.SaveAsAsync(rows, cancellationToken: ct);
            stream.Position = 0;
            return File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx");
        }
        await using var text = new StringWriter(CultureInfo.InvariantCulture);
        await using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            foreach (var header in rows.FirstOrDefault()?.Keys ?? Enumerable.Empty<string>()) csv.WriteField(header);
            await csv.NextRecordAsync();
            foreach (var row in rows)
            {
                foreach (var value in row.Values) csv.WriteField(value);
                await csv.NextRecordAsync();
            }
        }
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray(), "text/csv; charset=utf-8", name + ".csv");
    }

    public Task<IActionResult> OnPostApproveAsync(int eventId, int id, CancellationToken ct) => Act(eventId, id, service.ApproveAsync, ct);
    public Task<IActionResult> OnPostRejectAsync(int eventId, int id, CancellationToken ct) => Act(eventId, id, service.RejectAsync, ct);
    public Task<IActionResult> OnPostPromoteAsync(int eventId, int id, CancellationToken ct) => Act(eventId, id, service.PromoteAsync, ct);
    public Task<IActionResult> OnPostAttendedAsync(int eventId, int id, CancellationToken ct) => Act(eventId, id, service.CheckInAsync, ct);
    public Task<IActionResult> OnPostNoShowAsync(int eventId, int id, CancellationToken ct) => Act(eventId, id, service.MarkNoShowAsync, ct);
    public Task<IActionResult> OnPostCancelAsync(int eventId, int id, CancellationToken ct) =>
        Act(eventId, id, (rid, actor, c) => service.CancelAsync(rid, actor, c), ct);

    /// <summary>Certificates of attendance for everyone recorded as present, when the event offers them.</summary>
    public async Task<IActionResult> OnPostCertificatesAsync(int eventId, CancellationToken ct)
    {
        var (issued, refusal) = await attendanceCertificates.IssueAllAsync(eventId, User.Identity?.Name ?? User.FindFirstValue(ClaimTypes.NameIdentifier)!, ct);
        if (refusal == AttendanceCertificateRefusal.NotFound) return NotFound();
        TempData["Message"] = refusal == AttendanceCertificateRefusal.None
            ? t["{0} certificates issued.", issued].Value
            : t[AttendanceCertificateRules.Message(refusal)].Value;
        return Redirect($"/registrations/manage/{eventId}");
    }

    private async Task<IActionResult> Act(int eventId, int id, Func<int, string, CancellationToken, Task<ChangeResult>> action, CancellationToken ct)
    {
        if (!await db.Registrations.AnyAsync(r => r.Id == id && r.EventId == eventId, ct)) return NotFound();
        var result = await action(id, User.FindFirstValue(ClaimTypes.NameIdentifier)!, ct);
        TempData["Message"] = result.Outcome switch
        {
            ChangeOutcome.Done => t["Done."].Value,
            ChangeOutcome.AlreadyDone => t["Nothing to do: already done."].Value,
            ChangeOutcome.Full => t["The event is full. Raise its capacity first."].Value,
            _ => result.Message is { } m ? t[m].Value : t["This action is not possible for this registration."].Value,
        };
        return Redirect($"/registrations/manage/{eventId}" + (Status is { Length: > 0 } s ? $"?status={Uri.EscapeDataString(s)}" : ""));
    }

    /// <summary>A leading =, +, - or @ makes spreadsheets evaluate the cell; a quote keeps it text (OWASP CSV injection).</summary>
    public static string Safe(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    private async Task<bool> LoadAsync(int eventId, CancellationToken ct, bool allStatuses = false)
    {
        var e = await db.Events.AsNoTracking().FirstOrDefaultAsync(x => x.Id == eventId, ct);
        if (e is null) return false;
        Event = e;
        Counts = await EventQueries.CountsAsync(db, e, ct);
        var query = db.Registrations.AsNoTracking().Where(r => r.EventId == eventId);
        if (!allStatuses && Codes.TryParse<RegistrationStatus>(Status, out var status)) query = query.Where(r => r.Status == status);
        var list = await query.OrderBy(r => r.Status == RegistrationStatus.Waitlisted ? r.WaitlistTicket : 0).ThenBy(r => r.Id).ToListAsync(ct);
        var waiting = await db.Registrations.Where(r => r.EventId == eventId && r.Status == RegistrationStatus.Waitlisted)
            .Select(r => r.WaitlistTicket!.Value).ToListAsync(ct);
        Rows = list.Select(r => new RegistrationRow(r.Id, r.FullName, r.Email, r.Organization, r.StakeholderGroup, r.Country, r.Gender,
            r.Status, r.Status == RegistrationStatus.Waitlisted ? RegistrationRules.WaitlistPosition(r.WaitlistTicket!.Value, waiting) : null,
            r.ListPublicly, r.AccessibilityNeeds, r.CreatedAt, r.CheckedInAt, r.OfferExpiresAt, r.NoteVerbaleKey is not null)).ToList();
        return true;
    }
}
