using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Features.Accounts;

namespace Nexus.Web.Features.Library.Manage;

public sealed record VersionRow(int Number, DateTime CreatedAt, string CreatedBy, string Note);

/// <summary>The history of an item: every saved version, newest first, to compare, publish or bring back.</summary>
[Authorize(Policy = Policies.Staff)]
public class VersionsModel(AppDbContext db, LibraryService library, IStringLocalizer<SharedResource> t) : PageModel
{
    public ManageItemState Item { get; private set; } = null!;
    public string Title { get; private set; } = "";
    public List<VersionRow> Versions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var item = await db.LibraryItems.AsNoTracking().Where(i => i.Id == id)
            .Select(i => new { i.Id, i.Slug, i.Status, i.CurrentVersion, i.PublishedVersion, i.Draft }).FirstOrDefaultAsync(ct);
        if (item is null) return NotFound();
        Item = new ManageItemState(item.Id, item.Slug, item.Status, item.CurrentVersion, item.PublishedVersion);
        Title = LibraryLanguages.Pick(item.Draft.Texts, System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName).Title;
        // The content is not read here: the list needs only who, when and why.
        Versions = await db.LibraryVersions.AsNoTracking().Where(v => v.ItemId == id).OrderByDescending(v => v.Number)
            .Select(v => new VersionRow(v.Number, v.CreatedAt, v.CreatedBy, v.Note)).ToListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostPublishAsync(int id, int version, CancellationToken ct)
    {
        var result = await library.PublishAsync(id, version, ct);
        if (result.Item is null) return NotFound();
        return Done(id, result.Ok ? t["Version {0} is now public.", version] : t["There is no version {0}.", version]);
    }

    public async Task<IActionResult> OnPostRestoreAsync(int id, int version, CancellationToken ct)
    {
        var result = await library.RestoreAsync(id, version, await library.EditorAsync(User, ct), publish: false, ct);
        return result.Outcome switch
        {
            LibraryOutcome.Done => Done(id, t["Version {0} restored as draft version {1}. Publish it to make it public.", version, result.Item!.CurrentVersion]),
            _ when await db.LibraryItems.AnyAsync(i => i.Id == id, ct) => Done(id, t["There is no version {0}.", version]),
            _ => NotFound(),
        };
    }

    private RedirectResult Done(int id, LocalizedString message)
    {
        TempData["Message"] = message.Value;
        return Redirect($"/library/manage/{id}/versions");
    }
}
