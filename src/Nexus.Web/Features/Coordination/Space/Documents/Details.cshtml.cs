using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Features.Coordination.Documents;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Coordination.Space.Documents;

/// <summary>One agreed document: the version in force, any version by number, its history, revision and approval.</summary>
public class DetailsModel(AppDbContext db, GroupDocuments documents, CoordinationAccess access, IStringLocalizer<SharedResource> t) : PageModel
{
    public GroupUser Me { get; private set; } = GroupUser.Public;
    public GroupDocument Document { get; private set; } = null!;
    public GroupDocumentVersion Shown { get; private set; } = null!;
    public GroupDocumentVersion? InForce { get; private set; }
    public GroupDocumentVersion Latest { get; private set; } = null!;
    public List<Meeting> Meetings { get; private set; } = [];
    public Dictionary<string, string> Errors { get; private set; } = new();
    [BindProperty] public string? Body { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, int? v, CancellationToken ct)
    {
        Me = await access.GetAsync(User, ct);
        if (!Me.CanEnterSpace) return Forbid();
        if (!await LoadAsync(id, v, ct)) return NotFound();
        Body = Latest.Body;
        return Page();
    }

    public async Task<IActionResult> OnPostReviseAsync(int id, int basedOn, string? note, CancellationToken ct)
    {
        Me = await access.GetAsync(User, ct);
        if (!Me.RunsGroup) return Forbid();
        var errors = new FieldErrors();
        var version = await documents.ReviseAsync(id, basedOn, Body, note, Me.Name, errors, ct);
        return await DoneAsync(id, version?.Number, errors, ct);
    }

    public async Task<IActionResult> OnPostApproveAsync(int id, int number, DateOnly? approvedOn, string? approvedBy, int? meeting, CancellationToken ct)
    {
        Me = await access.GetAsync(User, ct);
        if (!Me.RunsGroup) return Forbid();
        var errors = new FieldErrors();
        await documents.ApproveAsync(id, number, approvedOn, approvedBy, meeting, errors, ct);
        return await DoneAsync(id, number, errors, ct);
    }

    private async Task<IActionResult> DoneAsync(int id, int? number, FieldErrors errors, CancellationToken ct)
    {
        if (!errors.Any) return Redirect($"/coordination/space/documents/{id}" + (number is { } n ? $"?v={n}" : ""));
        Errors = errors.Localized(t);
        if (!await LoadAsync(id, null, ct)) return NotFound();
        return Page();
    }

    private async Task<bool> LoadAsync(int id, int? number, CancellationToken ct)
    {
        var doc = await db.GroupDocuments.AsNoTracking().Include(d => d.Versions).FirstOrDefaultAsync(d => d.Id == id, ct);
        if (doc is null || doc.Versions.Count == 0) return false;
        Document = doc;
        Latest = doc.Versions.MaxBy(x => x.Number)!;
        InForce = GroupDocuments.InForce(doc.Versions);
        Shown = (number is { } n ? doc.Versions.FirstOrDefault(x => x.Number == n) : null) ?? InForce ?? Latest;
        Meetings = await db.Meetings.AsNoTracking().OrderByDescending(m => m.Date).Take(50).ToListAsync(ct);
        return true;
    }

    public string? Err(string field) => Errors.TryGetValue(field, out var m) ? m : null;
}
