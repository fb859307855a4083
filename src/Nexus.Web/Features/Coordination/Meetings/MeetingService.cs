using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Coordination.Meetings;

public sealed record MeetingInput(MeetingKind? Kind, string? Title, DateOnly? Date, string? Location, string? Agenda, string? Minutes);

public sealed record ActionInput(string? Title, string? Owner, DateOnly? Due);

/// <summary>
/// Meetings and their action items. Items raised at one meeting stay open across meetings: each later meeting
/// reviews them and records an update, until the owner or the chair closes them.
/// </summary>
public sealed class MeetingService(AppDbContext db, TimeProvider clock)
{
    public async Task<Meeting?> SaveAsync(int? id, MeetingInput input, FieldErrors errors, CancellationToken ct)
    {
        var title = errors.Text("title", input.Title, 300, required: true);
        var location = errors.Text("location", input.Location, 300, required: false);
        var agenda = errors.Text("agenda", input.Agenda, 20_000, required: false, multiline: true);
        var minutes = errors.Text("minutes", input.Minutes, 50_000, required: false, multiline: true);
        if (input.Kind is null || !Enum.IsDefined(input.Kind.Value)) errors.Add("kind", "Choose the kind of meeting.");
        if (input.Date is null) errors.Add("date", "Enter the meeting's date.");
        else if (input.Date.Value.Year is < 1990 or > 2200) errors.Add("date", "The date is outside any plausible meeting.");
        if (errors.Any) return null;
        var meeting = id is null ? new Meeting() : await db.Meetings.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (meeting is null) { errors.Add("title", "This meeting no longer exists."); return null; }
        meeting.Kind = input.Kind!.Value;
        meeting.Title = title;
        meeting.Date = input.Date!.Value;
        meeting.Location = NullIfEmpty(location);
        meeting.Agenda = NullIfEmpty(agenda);
        meeting.Minutes = NullIfEmpty(minutes);
        if (id is null) db.Meetings.Add(meeting);
        await db.SaveChangesAsync(ct);
        return meeting;
    }

    public async Task<bool> AddParticipantAsync(int meetingId, string? agency, string? person, string? position, FieldErrors errors, CancellationToken ct)
    {
        var name = errors.Text("person", person, 200, required: false);
        var role = errors.Text("position", position, 200, required: false);
        if (string.IsNullOrWhiteSpace(agency) || !await db.Agencies.AnyAsync(a => a.Code == agency, ct)) errors.Add("agency", "Choose the agency.");
        if (errors.Any) return false;
        if (!await db.Meetings.AnyAsync(m => m.Id == meetingId, ct)) { errors.Add("agency", "This meeting no longer exists."); return false; }
        db.MeetingParticipants.Add(new MeetingParticipant { MeetingId = meetingId, AgencyCode = agency!, PersonName = NullIfEmpty(name), Position = NullIfEmpty(role) });
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<bool> RemoveParticipantAsync(int meetingId, int participantId, CancellationToken ct) =>
        await db.MeetingParticipants.Where(p => p.Id == participantId && p.MeetingId == meetingId).ExecuteDeleteAsync(ct) > 0;

    public async Task<bool> AddDecisionAsync(int meetingId, string? text, FieldErrors errors, CancellationToken ct)
    {
        var clean = errors.Text("decision", text, 2000, required: true, multiline: true);
        if (errors.Any) return false;
        if (!await db.Meetings.AnyAsync(m => m.Id == meetingId, ct)) { errors.Add("decision", "This meeting no longer exists."); return false; }
        var position = await db.MeetingDecisions.Where(d => d.MeetingId == meetingId).Select(d => (int?)d.Position).MaxAsync(ct) ?? -1;
        db.MeetingDecisions.Add(new MeetingDecision { MeetingId = meetingId, Position = position + 1, Text = clean });
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<ActionItem?> AddActionAsync(int meetingId, ActionInput input, FieldErrors errors, CancellationToken ct)
    {
        var title = errors.Text("actionTitle", input.Title, 500, required: true);
        if (string.IsNullOrWhiteSpace(input.Owner) || !await db.Agencies.AnyAsync(a => a.Code == input.Owner, ct))
            errors.Add("owner", "Choose the agency that owns the action.");
        var meeting = await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId, ct);
        if (meeting is null) errors.Add("actionTitle", "This meeting no longer exists.");
        else if (input.Due is { } due && (due < meeting.Date || due.Year > 2200)) errors.Add("due", "The due date is before the meeting that raised the action.");
        if (errors.Any) return null;
        var item = new ActionItem { MeetingId = meetingId, Title = title, OwnerAgencyCode = input.Owner!, Due = input.Due, Status = ActionStatus.Open };
        db.ActionItems.Add(item);
        await db.SaveChangesAsync(ct);
        return item;
    }

    /// <summary>
    /// Records progress on an item, optionally at a meeting and with a new status. <paramref name="version"/> is the
    /// version the writer saw: a stale one is refused, so two people closing and reopening at once see each other.
    /// </summary>
    public async Task<ActionUpdate?> UpdateAsync(int itemId, int version, string? text, ActionStatus? status, DateOnly? due, int? meetingId,
        string author, FieldErrors errors, CancellationToken ct)
    {
        var clean = errors.Text("text", text, 4000, required: status is null && due is null, multiline: true);
        if (status is { } s && !Enum.IsDefined(s)) errors.Add("status", "Choose a status.");
        if (due is { Year: < 1990 or > 2200 }) errors.Add("due", "The due date is outside any plausible range.");
        if (errors.Any) return null;
        var item = await db.ActionItems.FirstOrDefaultAsync(a => a.Id == itemId, ct);
        if (item is null) { errors.Add("text", "This action item no longer exists."); return null; }
        if (item.Version != version) { errors.Add("text", "Someone else updated this action item meanwhile: check the latest state and record your update again."); return null; }
        if (meetingId is { } m && !await db.Meetings.AnyAsync(x => x.Id == m, ct)) meetingId = null;
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = status is { } st && st != item.Status ? status : null;
        if (changed is { } c)
        {
            item.Status = c;
            item.ClosedAt = c is ActionStatus.Done or ActionStatus.Dropped ? now : null;
        }
        if (due is { } d && d != item.Due) item.Due = d;
        item.Version++;
        var update = new ActionUpdate
        {
            ActionItemId = itemId, MeetingId = meetingId, At = now, AuthorName = author.Length > 200 ? author[..200] : author,
            Text = clean.Length > 0 ? clean : "", Status = changed,
        };
        db.ActionUpdates.Add(update);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException)
        {
            errors.Add("text", "Someone else updated this action item meanwhile: check the latest state and record your update again.");
            return null;
        }
        return update;
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}
