using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Features.Accounts.Tokens;

namespace Nexus.Web.Features.Registrations.Manage;

public sealed record CheckInRow(int Id, int EventId, string EventTitle, string FullName, string Organization,
    RegistrationStatus Status, DateTime? CheckedInAt);

/// <summary>
/// Check-in at the door: the QR code on a ticket opens this page with its secret, or staff search by name.
/// Checking in is a POST, and a second check-in of the same person records nothing new.
/// </summary>
public class CheckInModel(AppDbContext db, RegistrationService service, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public int? EventId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public List<CheckInRow> Matches { get; private set; } = [];
    public string? EventTitle { get; private set; }
    public bool CodeNotFound { get; private set; }

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
        var back = Code is { Length: > 0 } ? $"?code={Uri.EscapeDataString(Code)}"
            : EventId is { } e ? $"?eventId={e}&q={Uri.EscapeDataString(Q ?? "")}" : "";
        return Redirect("/registrations/manage/checkin" + back);
    }
}
