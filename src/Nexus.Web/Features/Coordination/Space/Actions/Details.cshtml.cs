using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Features.Coordination.Meetings;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Coordination.Space.Actions;

/// <summary>One action item and its history. Its owner agency's focal points and the chair record progress.</summary>
public class DetailsModel(AppDbContext db, MeetingService meetings, CoordinationAccess access, IStringLocalizer<SharedResource> t) : PageModel
{
    public GroupUser Me { get; private set; } = GroupUser.Public;
    public ActionItem Item { get; private set; } = null!;
    public Meeting Meeting { get; private set; } = null!;
    public Dictionary<int, string> MeetingTitles { get; private set; } = [];
    public string OwnerName { get; private set; } = "";
    public Dictionary<string, string> Errors { get; private set; } = new();
    public bool CanUpdate => Me.RunsGroup || Me.SpeaksFor(Item.OwnerAgencyCode);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        Me = await access.GetAsync(User, ct);
        if (!Me.CanEnterSpace) return Forbid();
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(int id, int version, string? text, ActionStatus? status, DateOnly? due, CancellationToken ct)
    {
        Me = await access.GetAsync(User, ct);
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!CanUpdate) return Forbid();
        // Only the chair moves a due date: the owner reports, the group sets deadlines.
        if (!Me.RunsGroup) due = null;
        var errors = new FieldErrors();
        await meetings.UpdateAsync(id, version, text, status, due, null, Me.Name, errors, ct);
        if (!errors.Any) return Redirect($"/coordination/space/actions/{id}");
        Errors = errors.Localized(t);
        await LoadAsync(id, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var item = await db.ActionItems.AsNoTracking().Include(a => a.Updates.OrderBy(u => u.At)).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (item is null) return false;
        Item = item;
        Meeting = await db.Meetings.AsNoTracking().FirstAsync(m => m.Id == item.MeetingId, ct);
        var ids = item.Updates.Where(u => u.MeetingId != null).Select(u => u.MeetingId!.Value).Distinct().ToList();
        MeetingTitles = await db.Meetings.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Title, ct);
        OwnerName = await db.Agencies.Where(a => a.Code == item.OwnerAgencyCode).Select(a => a.Acronym + " – " + a.Name).FirstAsync(ct);
        return true;
    }

    public string? Err(string field) => Errors.TryGetValue(field, out var m) ? m : null;
}
