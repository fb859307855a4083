using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Features.Agencies;
using Nexus.Web.Features.Coordination.Meetings;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Coordination.Space.Meetings;

/// <summary>
/// One meeting: agenda, participants, minutes, decisions, the action items it raised, and the review of items
/// still open from earlier meetings. Members read it; the chair (or staff) records it.
/// </summary>
public class DetailsModel(AppDbContext db, MeetingService meetings, CoordinationAccess access, IStringLocalizer<SharedResource> t) : PageModel
{
    public GroupUser Me { get; private set; } = GroupUser.Public;
    public Meeting Meeting { get; private set; } = null!;
    public List<ActionItem> Raised { get; private set; } = [];
    public List<ActionItem> ToReview { get; private set; } = [];
    public List<Agency> Agencies { get; private set; } = [];
    public Dictionary<string, string> Errors { get; private set; } = new();
    [BindProperty] public IndexModel.MeetingForm Form { get; set; } = new();
    [BindProperty] public string? Minutes { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        Me = await access.GetAsync(User, ct);
        if (!Me.CanEnterSpace) return Forbid();
        if (!await LoadAsync(id, ct)) return NotFound();
        Form = new() { Kind = Meeting.Kind, Title = Meeting.Title, Date = Meeting.Date, Location = Meeting.Location, Agenda = Meeting.Agenda };
        Minutes = Meeting.Minutes;
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(int id, CancellationToken ct) => RunAsync(id, errors =>
        meetings.SaveAsync(id, new MeetingInput(Form.Kind, Form.Title, Form.Date, Form.Location, Form.Agenda, Minutes), errors, ct), ct);

    public Task<IActionResult> OnPostParticipantAsync(int id, string? agency, string? person, string? position, CancellationToken ct) =>
        RunAsync(id, errors => meetings.AddParticipantAsync(id, agency, person, position, errors, ct), ct, "participants");

    public Task<IActionResult> OnPostRemoveParticipantAsync(int id, int participantId, CancellationToken ct) =>
        RunAsync(id, _ => meetings.RemoveParticipantAsync(id, participantId, ct), ct, "participants");

    public Task<IActionResult> OnPostDecisionAsync(int id, string? decision, CancellationToken ct) =>
        RunAsync(id, errors => meetings.AddDecisionAsync(id, decision, errors, ct), ct, "decisions");

    public Task<IActionResult> OnPostActionAsync(int id, string? actionTitle, string? owner, DateOnly? due, CancellationToken ct) =>
        RunAsync(id, errors => meetings.AddActionAsync(id, new ActionInput(actionTitle, owner, due), errors, ct), ct, "actions");

    public Task<IActionResult> OnPostReviewAsync(int id, int itemId, int version, string? text, ActionStatus? status, CancellationToken ct) =>
        RunAsync(id, async errors =>
        {
            var local = new FieldErrors();
            var update = await meetings.UpdateAsync(itemId, version, text, status, null, id, Me.Name, local, ct);
            // The review forms repeat per item: their messages are keyed by item.
            foreach (var (_, message) in local.ToDictionary()) errors.Add($"review-{itemId}", message.First());
            return update;
        }, ct, "review");

    private async Task<IActionResult> RunAsync<T>(int id, Func<FieldErrors, Task<T>> work, CancellationToken ct, string? anchor = null)
    {
        Me = await access.GetAsync(User, ct);
        if (!Me.RunsGroup) return Forbid();
        if (!await db.Meetings.AnyAsync(m => m.Id == id, ct)) return NotFound();
        var errors = new FieldErrors();
        await work(errors);
        if (!errors.Any) return Redirect($"/coordination/space/meetings/{id}" + (anchor is null ? "" : "#" + anchor));
        Errors = errors.Localized(t);
        await LoadAsync(id, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var meeting = await db.Meetings.AsNoTracking().Include(m => m.Participants).Include(m => m.Decisions.OrderBy(d => d.Position))
            .AsSplitQuery().FirstOrDefaultAsync(m => m.Id == id, ct);
        if (meeting is null) return false;
        Meeting = meeting;
        Raised = await db.ActionItems.AsNoTracking().Include(a => a.Updates.OrderBy(u => u.At)).Where(a => a.MeetingId == id)
            .OrderBy(a => a.Id).ToListAsync(ct);
        // Items raised at earlier meetings and still open, or reviewed at this one: what this meeting follows up.
        ToReview = await db.ActionItems.AsNoTracking().Include(a => a.Updates.OrderBy(u => u.At))
            .Where(a => a.MeetingId != id && db.Meetings.Any(m => m.Id == a.MeetingId && m.Date <= meeting.Date)
                && (a.Status == ActionStatus.Open || a.Status == ActionStatus.InProgress || a.Updates.Any(u => u.MeetingId == id)))
            .OrderBy(a => a.Due == null).ThenBy(a => a.Due).ToListAsync(ct);
        Agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.Acronym).ToListAsync(ct);
        return true;
    }

    public string Acronym(string code) => Agencies.FirstOrDefault(a => a.Code == code)?.Acronym ?? code;

    public string? Err(string field) => Errors.TryGetValue(field, out var m) ? m : null;
}
