using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;

namespace Nexus.Web.Features.Coordination.Space.Actions;

/// <summary>Every action item across meetings, filtered by status and owner; overdue ones stand out.</summary>
public class IndexModel(AppDbContext db, CoordinationAccess access) : PageModel
{
    public GroupUser Me { get; private set; } = GroupUser.Public;
    public DateOnly Today { get; private set; }
    public List<ActionItem> Items { get; private set; } = [];
    public Dictionary<string, string> Acronyms { get; private set; } = [];
    public Dictionary<int, Meeting> Meetings { get; private set; } = [];
    [FromQuery] public string? Status { get; set; }
    [FromQuery] public string? Owner { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Me = await access.GetAsync(User, ct);
        if (!Me.CanEnterSpace) return Forbid();
        Today = access.Today();
        Acronyms = await db.Agencies.AsNoTracking().OrderBy(a => a.Acronym).ToDictionaryAsync(a => a.Code, a => a.Acronym, ct);
        var query = db.ActionItems.AsNoTracking().Include(a => a.Updates).AsQueryable();
        // "open" (the default) means open or in progress; "all" shows everything; a status name filters on it.
        Status = string.IsNullOrWhiteSpace(Status) ? "open" : Status.Trim().ToLowerInvariant();
        if (Status == "open") query = query.Where(a => a.Status == ActionStatus.Open || a.Status == ActionStatus.InProgress);
        else if (Status == "overdue") query = query.Where(a => (a.Status == ActionStatus.Open || a.Status == ActionStatus.InProgress) && a.Due < Today);
        else if (Enum.TryParse<ActionStatus>(Status, ignoreCase: true, out var s) && Enum.IsDefined(s)) query = query.Where(a => a.Status == s);
        else Status = "all";
        if (!string.IsNullOrWhiteSpace(Owner) && Acronyms.ContainsKey(Owner)) query = query.Where(a => a.OwnerAgencyCode == Owner);
        else Owner = null;
        Items = await query.OrderBy(a => a.Due == null).ThenBy(a => a.Due).ThenBy(a => a.Id).Take(500).ToListAsync(ct);
        var ids = Items.Select(a => a.MeetingId).Distinct().ToList();
        Meetings = await db.Meetings.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
        return Page();
    }

    public string Acronym(string code) => Acronyms.TryGetValue(code, out var a) ? a : code;
}
