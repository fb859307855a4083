using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Features.Coordination.Meetings;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Coordination.Space.Meetings;

/// <summary>Every meeting of the group; the chair (or staff) schedules new ones.</summary>
public class IndexModel(AppDbContext db, MeetingService meetings, CoordinationAccess access, IStringLocalizer<SharedResource> t) : PageModel
{
    public GroupUser Me { get; private set; } = GroupUser.Public;
    public DateOnly Today { get; private set; }
    public List<Meeting> Meetings { get; private set; } = [];
    public Dictionary<int, int> OpenActions { get; private set; } = [];
    public Dictionary<string, string> Errors { get; private set; } = new();
    [BindProperty] public MeetingForm Form { get; set; } = new();

    public sealed class MeetingForm
    {
        public MeetingKind? Kind { get; set; }
        public string? Title { get; set; }
        public DateOnly? Date { get; set; }
        public string? Location { get; set; }
        public string? Agenda { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Me = await access.GetAsync(User, ct);
        if (!Me.CanEnterSpace) return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Me = await access.GetAsync(User, ct);
        if (!Me.RunsGroup) return Forbid();
        var errors = new FieldErrors();
        var meeting = await meetings.SaveAsync(null, new MeetingInput(Form.Kind, Form.Title, Form.Date, Form.Location, Form.Agenda, null), errors, ct);
        if (meeting is not null) return Redirect($"/coordination/space/meetings/{meeting.Id}");
        Errors = errors.Localized(t);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Today = access.Today();
        Meetings = await db.Meetings.AsNoTracking().OrderByDescending(m => m.Date).ToListAsync(ct);
        OpenActions = await db.ActionItems.AsNoTracking().Where(a => a.Status == ActionStatus.Open || a.Status == ActionStatus.InProgress)
            .GroupBy(a => a.MeetingId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
    }

    public string? Err(string field) => Errors.TryGetValue(field, out var m) ? m : null;
}
