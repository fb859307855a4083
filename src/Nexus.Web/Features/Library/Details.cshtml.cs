using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Library.Citations;
using Nexus.Web.Features.Library.Search;
using Nexus.Web.Infrastructure;
using Nexus.Web.Infrastructure.Caching;

namespace Nexus.Web.Features.Library;

public sealed record RelatedItem(string Slug, string Title, string Language, ItemKind Kind, DateOnly PublishedOn);

public sealed record FileLink(string Url, string FileName, string Format, long SizeBytes, string? Language);

/// <summary>One item as the public sees it: its published version, files, related items and how to cite it.</summary>
[OutputCache(PolicyName = PublicCache.Policy)]
public class DetailsModel(AppDbContext db, LibraryCatalog catalog, Links links) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Lang { get; set; }

    public LibraryDocument Document { get; private set; } = null!;
    public ItemText Text { get; private set; } = null!;
    public LibraryLabels Labels { get; private set; } = null!;
    public List<FileLink> Files { get; private set; } = [];
    public List<RelatedItem> Related { get; private set; } = [];
    public (int Id, string Title, string Slug)? Event { get; private set; }
    public string CitationText { get; private set; } = "";
    public string JsonLd { get; private set; } = "";
    public string Language { get; } = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (!CitationEndpoints.IsSlug(slug)) return NotFound();
        var doc = await db.LibraryDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Slug == slug && d.Visible, ct);
        if (doc is null) return NotFound();
        Document = doc;
        // ?lang= picks one of the item's own languages; otherwise the reader's, with the usual fallback.
        Text = LibraryLanguages.Pick(doc.Texts, doc.Texts.Any(t => t.Language == Lang) ? Lang : Language);
        Labels = await LibraryLabels.LoadAsync(db, ct);

        var files = await db.LibraryFiles.AsNoTracking().Where(f => doc.FileIds.Contains(f.Id))
            .Select(f => new { f.Id, f.FileName, f.Format, f.SizeBytes, f.Language }).ToDictionaryAsync(f => f.Id, ct);
        Files = doc.FileIds.Where(files.ContainsKey).Select(id => files[id])
            .Select(f => new FileLink($"/library/files/{f.Id}/{Uri.EscapeDataString(f.FileName)}", f.FileName, f.Format, f.SizeBytes, f.Language))
            .ToList();

        if (doc.EventId is { } eventId)
        {
            var e = await db.Events.AsNoTracking().Where(x => x.Id == eventId && x.Status != Events.EventStatus.Draft)
                .Select(x => new { x.Id, x.Title, x.Slug }).FirstOrDefaultAsync(ct);
            if (e is not null) Event = (e.Id, e.Title, e.Slug);
        }

        var snapshot = await catalog.CurrentAsync(db, ct);
        var relatedIds = LibraryRelated.Find(snapshot, doc.ItemId, 5);
        var related = await db.LibraryDocuments.AsNoTracking().Where(d => relatedIds.Contains(d.ItemId))
            .Select(d => new { d.ItemId, d.Slug, d.Texts, d.Kind, d.PublishedOn }).ToListAsync(ct);
        Related = relatedIds.Select(id => related.FirstOrDefault(r => r.ItemId == id)).Where(r => r is not null)
            .Select(r => { var t = LibraryLanguages.Pick(r!.Texts, Language); return new RelatedItem(r.Slug, t.Title, t.Language, r.Kind, r.PublishedOn); })
            .ToList();

        var source = CitationSource.From(doc, Labels.Agencies, links, Text.Language, Labels.Themes) with
        {
            Files = Files.Select(f => new CitationFile(links.To(f.Url), Infrastructure.Files.FileStore.ContentTypeOf(f.Format switch
            {
                "pdf" => Infrastructure.Files.FileKind.Pdf, "docx" => Infrastructure.Files.FileKind.Docx,
                "xlsx" => Infrastructure.Files.FileKind.Xlsx, _ => Infrastructure.Files.FileKind.Csv,
            }), f.FileName, f.SizeBytes, f.Language)).ToList(),
        };
        CitationText = Citation.Text(source);
        JsonLd = Citation.JsonLd(source);
        return Page();
    }
}

/// <summary>Items that share themes and places with an item: two points per shared theme, one per shared place.</summary>
public static class LibraryRelated
{
    public static List<int> Find(LibraryCatalog.Snapshot snapshot, int itemId, int count)
    {
        if (!snapshot.Entries.TryGetValue(itemId, out var item)) return [];
        var best = new PriorityQueue<(int Id, int Score, int Day), (int Score, int Day)>();
        foreach (var e in snapshot.ByDate)
        {
            if (e.ItemId == itemId) continue;
            var score = 0;
            foreach (var t in e.Themes) if (Array.IndexOf(item.Themes, t) >= 0) score += 2;
            foreach (var p in e.Places) if (Array.IndexOf(item.Places, p) >= 0) score += 1;
            if (score == 0) continue;
            var key = (score, e.PublishedOn.DayNumber);
            if (best.Count < count) best.Enqueue((e.ItemId, score, key.DayNumber), key);
            else if (best.TryPeek(out _, out var worst) && key.CompareTo(worst) > 0) best.EnqueueDequeue((e.ItemId, score, key.DayNumber), key);
        }
        var list = new List<(int Id, int Score, int Day)>();
        while (best.TryDequeue(out var x, out _)) list.Add(x);
        return list.OrderByDescending(x => x.Score).ThenByDescending(x => x.Day).Select(x => x.Id).ToList();
    }
}
