using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Library.Manage;

public sealed record ManageItemRow(int Id, string Slug, string Title, ItemStatus Status, int CurrentVersion, int? PublishedVersion, DateTime UpdatedAt)
{
    /// <summary>Published, but the latest version is not the one the public sees.</summary>
    public bool HasUnpublishedChanges => Status == ItemStatus.Published && PublishedVersion != CurrentVersion;
}

/// <summary>Every library item, drafts included, newest change first, a page at a time.</summary>
[Authorize(Policy = Policies.Staff)]
public class IndexModel(AppDbContext db) : PageModel
{
    public const int PageSize = 50;

    public string? Q { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public List<ManageItemRow> Rows { get; private set; } = [];

    // "page" is also Razor Pages' own route value (the page's path), so the number is read from the query string only.
    public async Task OnGetAsync(string? q, [FromQuery(Name = "page")] string? pageNumber, CancellationToken ct)
    {
        Q = FieldErrors.Clean(q)?.Trim() is { Length: > 0 and <= 200 } clean ? clean : null;
        PageNumber = int.TryParse(pageNumber, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and < 100_000 ? p : 1;

        var items = db.LibraryItems.AsNoTracking();
        if (Q is not null)
        {
            // Titles live in the JSON content, which the database cannot search cheaply; the slug is made from
            // the title, so every word of the filter must appear in it. A number also finds the item by id.
            var words = Q.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Where(w => w.Normalize(NormalizationForm.FormD).Any(c => c < 128 && char.IsLetterOrDigit(c)))
                .Select(w => Slugs.From(w)).Distinct().Take(10).ToList();
            if (int.TryParse(Q, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                items = items.Where(i => i.Id == id || i.Slug.Contains(Q));
            else if (words.Count == 0) items = items.Where(i => false);
            else foreach (var w in words) items = items.Where(i => i.Slug.Contains(w));
        }

        Total = await items.CountAsync(ct);
        PageNumber = Math.Min(PageNumber, PageCount);
        var rows = await items.OrderByDescending(i => i.UpdatedAt).ThenByDescending(i => i.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(i => new { i.Id, i.Slug, i.Status, i.CurrentVersion, i.PublishedVersion, i.UpdatedAt })
            .ToListAsync(ct);
        // Only this page's drafts are read, for their titles: the JSON content is never loaded for the whole table.
        var ids = rows.Select(r => r.Id).ToList();
        var drafts = await db.LibraryItems.AsNoTracking().Where(i => ids.Contains(i.Id)).Select(i => new { i.Id, i.Draft }).ToListAsync(ct);
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var titles = drafts.ToDictionary(d => d.Id, d => LibraryLanguages.Pick(d.Draft.Texts, language).Title);
        Rows = rows.Select(r => new ManageItemRow(r.Id, r.Slug, titles.GetValueOrDefault(r.Id, r.Slug), r.Status, r.CurrentVersion,
            r.PublishedVersion, r.UpdatedAt)).ToList();
    }

    public string PageUrl(int page) =>
        "/library/manage?" + string.Join("&", new[] { Q is null ? null : "q=" + Uri.EscapeDataString(Q), page > 1 ? $"page={page}" : null }
            .Where(x => x is not null));
}
