using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Coordination.Documents;

/// <summary>
/// The group's agreed texts. Every edit is a new numbered version (history is never rewritten); a version is in
/// force once approved, and the latest approved version is the one in force, so a draft revision changes nothing
/// until the group approves it.
/// </summary>
public sealed class GroupDocuments(AppDbContext db, TimeProvider clock)
{
    public static GroupDocumentVersion? InForce(IEnumerable<GroupDocumentVersion> versions) =>
        versions.Where(v => v.ApprovedOn is not null).OrderByDescending(v => v.Number).FirstOrDefault();

    public async Task<GroupDocument?> CreateAsync(GroupDocumentKind? kind, string? title, string? body, string author, FieldErrors errors, CancellationToken ct)
    {
        var cleanTitle = errors.Text("title", title, 300, required: true);
        var text = errors.Text("body", body, 100_000, required: true, multiline: true);
        if (kind is null || !Enum.IsDefined(kind.Value)) errors.Add("kind", "Choose the kind of document.");
        if (errors.Any) return null;
        var doc = new GroupDocument
        {
            Kind = kind!.Value, Title = cleanTitle,
            Versions = [new GroupDocumentVersion { Number = 1, Body = text, CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = Cut(author, 200) }],
        };
        db.GroupDocuments.Add(doc);
        await db.SaveChangesAsync(ct);
        return doc;
    }

    /// <summary>
    /// Adds version <paramref name="basedOn"/> + 1. Someone who edited an older version is told, instead of
    /// silently replacing a newer text; the unique (document, number) index settles two simultaneous saves.
    /// </summary>
    public async Task<GroupDocumentVersion?> ReviseAsync(int documentId, int basedOn, string? body, string? note, string author, FieldErrors errors, CancellationToken ct)
    {
        var text = errors.Text("body", body, 100_000, required: true, multiline: true);
        var change = errors.Text("note", note, 1000, required: false);
        if (errors.Any) return null;
        var latest = await db.GroupDocumentVersions.Where(v => v.DocumentId == documentId).MaxAsync(v => (int?)v.Number, ct);
        if (latest is null) { errors.Add("body", "This document no longer exists."); return null; }
        if (latest != basedOn) { errors.Add("body", "Version {0} was saved meanwhile: open it, then make your change again.", latest); return null; }
        var version = new GroupDocumentVersion
        {
            DocumentId = documentId, Number = latest.Value + 1, Body = text, ChangeNote = change.Length == 0 ? null : change,
            CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = Cut(author, 200),
        };
        db.GroupDocumentVersions.Add(version);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException)
        {
            errors.Add("body", "Version {0} was saved meanwhile: open it, then make your change again.", latest.Value + 1);
            return null;
        }
        return version;
    }

    /// <summary>Records who approved a version and when (for example the principals at a meeting).</summary>
    public async Task<bool> ApproveAsync(int documentId, int number, DateOnly? on, string? by, int? meetingId, FieldErrors errors, CancellationToken ct)
    {
        var approver = errors.Text("approvedBy", by, 300, required: true);
        if (on is null) errors.Add("approvedOn", "Enter the date of the approval.");
        else if (on.Value.Year is < 1990 or > 2200) errors.Add("approvedOn", "The date is outside any plausible range.");
        if (meetingId is { } m && !await db.Meetings.AnyAsync(x => x.Id == m, ct)) errors.Add("meeting", "Choose a recorded meeting or none.");
        if (errors.Any) return false;
        var version = await db.GroupDocumentVersions.FirstOrDefaultAsync(v => v.DocumentId == documentId && v.Number == number, ct);
        if (version is null) { errors.Add("approvedBy", "This version no longer exists."); return false; }
        if (version.ApprovedOn is not null) { errors.Add("approvedBy", "This version is already approved."); return false; }
        version.ApprovedOn = on;
        version.ApprovedBy = approver;
        version.ApprovedAtMeetingId = meetingId;
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max];
}
