using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Features.Accounts;

namespace Nexus.Web.Features.Library.Manage;

/// <summary>Two versions of an item side by side: what changed, line by line and word by word, who saved each and when.</summary>
[Authorize(Policy = Policies.Staff)]
public class CompareModel(AppDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    public ManageItemState Item { get; private set; } = null!;
    public string Title { get; private set; } = "";
    public VersionRow? Old { get; private set; }
    public VersionRow? New { get; private set; }
    /// <summary>Why nothing can be compared (a version that does not exist, a malformed number).</summary>
    public string? Problem { get; private set; }
    public List<FieldDiff> Fields { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, string? a, string? b, CancellationToken ct)
    {
        var item = await db.LibraryItems.AsNoTracking().Where(i => i.Id == id)
            .Select(i => new { i.Id, i.Slug, i.Status, i.CurrentVersion, i.PublishedVersion, i.Draft }).FirstOrDefaultAsync(ct);
        if (item is null) return NotFound();
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        Item = new ManageItemState(item.Id, item.Slug, item.Status, item.CurrentVersion, item.PublishedVersion);
        Title = LibraryLanguages.Pick(item.Draft.Texts, language).Title;

        // Without numbers, the latest version against the one before it.
        int? Parse(string? s) => string.IsNullOrWhiteSpace(s) ? null
            : int.TryParse(s.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : -1;
        var to = Parse(b) ?? item.CurrentVersion;
        var from = Parse(a) ?? to - 1;
        if (from == -1 || to == -1)
            return Refuse(t["Give two version numbers, e.g. ?a=1&b=2."]);
        if (from == to) return Refuse(t["Choose two different versions."]);
        if (from > to) (from, to) = (to, from);

        var versions = await db.LibraryVersions.AsNoTracking().Where(v => v.ItemId == id && (v.Number == from || v.Number == to)).ToListAsync(ct);
        var older = versions.FirstOrDefault(v => v.Number == from);
        var newer = versions.FirstOrDefault(v => v.Number == to);
        if (older is null || newer is null)
            return Refuse(t["There is no version {0}: this item has versions 1 to {1}.", older is null ? from : to, item.CurrentVersion]);
        Old = new VersionRow(older.Number, older.CreatedAt, older.CreatedBy, older.Note);
        New = new VersionRow(newer.Number, newer.CreatedAt, newer.CreatedBy, newer.Note);
        Fields = await FieldsAsync(older.Content, newer.Content, language, ct);
        return Page();
    }

    private PageResult Refuse(LocalizedString message)
    {
        Problem = message.Value;
        var page = Page();
        page.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }

    private async Task<List<FieldDiff>> FieldsAsync(ItemContent a, ItemContent b, string language, CancellationToken ct)
    {
        var labels = await LibraryLabels.LoadAsync(db, ct);
        var fileIds = a.FileIds.Concat(b.FileIds).Distinct().ToList();
        var files = await db.LibraryFiles.AsNoTracking().Where(f => fileIds.Contains(f.Id))
            .Select(f => new { f.Id, f.FileName, f.Format, f.SizeBytes, f.Language }).ToDictionaryAsync(f => f.Id, ct);
        var eventIds = new[] { a.EventId, b.EventId }.OfType<int>().Distinct().ToList();
        var events = await db.Events.AsNoTracking().Where(e => eventIds.Contains(e.Id))
            .Select(e => new { e.Id, e.Title, e.StartsAt }).ToDictionaryAsync(e => e.Id, ct);

        string Lines(IEnumerable<string> values) => string.Join("\n", values);
        string Files(ItemContent c) => Lines(c.FileIds.Select(i => files.TryGetValue(i, out var f)
            ? $"{f.FileName} ({f.Format.ToUpperInvariant()}, {Math.Max(1, f.SizeBytes / 1024)} kB{(f.Language is null ? "" : ", " + f.Language)})"
            : $"#{i}"));
        string Event(ItemContent c) => c.EventId is { } e ? events.TryGetValue(e, out var ev) ? $"{ev.StartsAt:yyyy-MM-dd} {ev.Title}" : $"#{e}" : "";

        var fields = new List<FieldDiff>
        {
            VersionDiff.Compare(t["Kind"], t[LibraryText.Kind(a.Kind)], t[LibraryText.Kind(b.Kind)]),
            VersionDiff.Compare(t["Publication date"], Date(a.PublishedOn), Date(b.PublishedOn)),
            VersionDiff.Compare(t["Licence"], a.Licence, b.Licence),
            VersionDiff.Compare(t["Authors"], Lines(a.Authors), Lines(b.Authors)),
            VersionDiff.Compare(t["Agencies"], Lines(a.Agencies.Select(labels.Agency)), Lines(b.Agencies.Select(labels.Agency))),
            VersionDiff.Compare(t["Themes"], Lines(a.Themes.Select(x => labels.Theme(x, language))), Lines(b.Themes.Select(x => labels.Theme(x, language)))),
            VersionDiff.Compare(t["Countries and regions"], Lines(a.Places.Select(Place)), Lines(b.Places.Select(Place))),
            VersionDiff.Compare(t["Files"], Files(a), Files(b)),
            VersionDiff.Compare(t["Related event"], Event(a), Event(b)),
        };
        foreach (var lang in b.Languages.Concat(a.Languages).Distinct())
        {
            var x = a.Texts.FirstOrDefault(x => x.Language == lang);
            var y = b.Texts.FirstOrDefault(x => x.Language == lang);
            var name = LibraryLabels.Language(lang);
            fields.Add(VersionDiff.Compare(t["Title ({0})", name], x?.Title, y?.Title));
            fields.Add(VersionDiff.Compare(t["Abstract ({0})", name], x?.Abstract, y?.Abstract));
            fields.Add(VersionDiff.Compare(t["Body ({0})", name], x?.Body, y?.Body));
        }
        return fields;
    }

    private static string Place(string code) => $"{code} {LibraryLabels.Place(code)}";
    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
