using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Features.Coordination.Documents;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Coordination.Space.Documents;

/// <summary>The group's rules of engagement, terms of reference and working methods, with the version in force.</summary>
public class IndexModel(AppDbContext db, GroupDocuments documents, CoordinationAccess access, IStringLocalizer<SharedResource> t) : PageModel
{
    public GroupUser Me { get; private set; } = GroupUser.Public;
    public List<GroupDocument> Documents { get; private set; } = [];
    public Dictionary<string, string> Errors { get; private set; } = new();
    [BindProperty] public GroupDocumentKind? Kind { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Body { get; set; }

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
        var doc = await documents.CreateAsync(Kind, Title, Body, Me.Name, errors, ct);
        if (doc is not null) return Redirect($"/coordination/space/documents/{doc.Id}");
        Errors = errors.Localized(t);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Documents = await db.GroupDocuments.AsNoTracking().Include(d => d.Versions).OrderBy(d => d.Kind).ThenBy(d => d.Title).ToListAsync(ct);

    public string? Err(string field) => Errors.TryGetValue(field, out var m) ? m : null;
}
