using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Library.Manage;

public sealed record ManageFileRow(int Id, string FileName, string Format, string? Language, long SizeBytes, bool HasText, string? TextError)
{
    public string Url => $"/library/files/{Id}/{Uri.EscapeDataString(FileName)}";
}

public sealed record ManageItemState(int Id, string Slug, ItemStatus Status, int CurrentVersion, int? PublishedVersion)
{
    public bool HasUnpublishedChanges => Status == ItemStatus.Published && PublishedVersion != CurrentVersion;
}

public sealed record EventChoice(int Id, string Title, DateTime StartsAt);

/// <summary>
/// Create or edit a library item. Every save is a new version; "Save draft" leaves the public page as it was,
/// "Save and publish" makes the new version public. The version the form was opened at travels in a hidden field,
/// so a save on top of someone else's newer version is refused instead of silently overwriting it.
/// </summary>
[Authorize(Policy = Policies.Staff)]
// Razor Pages take filters from the page model, not from handlers: the upload limit covers the page's posts.
[RequestSizeLimit(LibraryService.MaxFileBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = LibraryService.MaxFileBytes + 1024 * 1024)]
public partial class EditModel(AppDbContext db, LibraryService library, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed class TextForm
    {
        public string? Language { get; set; }
        public string? Title { get; set; }
        public string? Abstract { get; set; }
        public string? Body { get; set; }
    }

    public sealed class InputModel
    {
        public string? Kind { get; set; } = Codes.Of(ItemKind.Report);
        public List<TextForm> Texts { get; set; } = [];
        /// <summary>One per line.</summary>
        public string? Authors { get; set; }
        public List<string> Agencies { get; set; } = [];
        public List<string> Themes { get; set; } = [];
        /// <summary>M49 or ISO alpha-3 codes separated by commas.</summary>
        public string? Places { get; set; }
        public string? PublishedOn { get; set; }
        public string? Licence { get; set; } = "CC-BY-4.0";
        public string? EventId { get; set; }
        /// <summary>The version the form was opened at.</summary>
        public string? Version { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public ManageItemState? Item { get; private set; }
    /// <summary>Messages by the id of the field they belong to, for the fields and the error summary.</summary>
    public Dictionary<string, string> Errors { get; } = new();
    /// <summary>Set when the save was refused because someone saved a newer version meanwhile.</summary>
    public string? Conflict { get; private set; }
    public List<ManageFileRow> Files { get; private set; } = [];
    public List<(string Code, string Name)> ThemeOptions { get; private set; } = [];
    public List<(string Code, string Name)> AgencyOptions { get; private set; } = [];
    public List<EventChoice> Events { get; private set; } = [];
    // Posted back by the upload form when it is refused, so the person need not choose again.
    public string? FileLanguage { get; private set; }
    public bool PublishFile { get; private set; }

    public string UiLanguage => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        if (!await LoadAsync(id, fillInput: true, ct)) return NotFound();
        if (id is null) Input.PublishedOn = library.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        AddEmptyText();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, string? publish, CancellationToken ct)
    {
        if (!await LoadAsync(id, fillInput: false, ct)) return NotFound();
        var publishNow = publish == "true";

        // A language block left empty (the spare one offered for a translation) is not a text.
        var texts = Input.Texts.Where(b => b is not null && !(Blank(b.Title) && Blank(b.Abstract) && Blank(b.Body))).ToList();
        Input.Texts = texts; // the form shows the blocks in this order, so error indexes match the blocks
        var errors = new FieldErrors();
        int? eventId = null;
        if (!Blank(Input.EventId))
        {
            if (int.TryParse(Input.EventId, NumberStyles.None, CultureInfo.InvariantCulture, out var e) && Events.Any(x => x.Id == e)) eventId = e;
            else errors.Add("eventId", "No such event.");
        }
        var input = new ItemInput
        {
            Kind = Input.Kind,
            Texts = texts.Select(b => new TextInput { Language = b.Language, Title = b.Title, Abstract = b.Abstract, Body = b.Body }).ToList(),
            Authors = Lines(Input.Authors, '\n'),
            Agencies = Input.Agencies,
            Themes = Input.Themes,
            Places = Lines(Input.Places, PlaceSeparators),
            PublishedOn = Input.PublishedOn,
            Licence = Input.Licence,
            EventId = eventId,
        };
        var (themes, agencies) = await library.VocabularyAsync(ct);
        var current = id is null ? null : await db.LibraryItems.AsNoTracking().Where(i => i.Id == id).Select(i => i.Draft).FirstOrDefaultAsync(ct);
        var (content, contentErrors) = input.ToContent(themes, agencies, library.Today, current?.FileIds);
        if (content is null || errors.Any)
        {
            ShowErrors(contentErrors);
            ShowErrors(errors);
            AddEmptyText();
            return Page();
        }

        var editor = await library.EditorAsync(User, ct);
        if (id is null)
        {
            var created = await library.CreateAsync(content, editor, publishNow, ct);
            return Saved(created.Item!.Id, publishNow ? t["Item created and published."] : t["Item created as a draft."]);
        }

        // A missing or mangled version number cannot prove the form is current, so it is treated as stale.
        var expected = int.TryParse(Input.Version, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1;
        var result = await library.UpdateAsync(id.Value, content, editor, publishNow, expected, ct);
        switch (result.Outcome)
        {
            case LibraryOutcome.Done:
                return Saved(id.Value, publishNow ? t["Saved and published as version {0}.", result.Item!.CurrentVersion]
                    : t["Saved as draft version {0}. The public page is unchanged.", result.Item!.CurrentVersion]);
            case LibraryOutcome.Conflict:
                Conflict = t["Someone saved a newer version (version {0}) while you were editing, so your changes were not saved. They are still in the form below: open the latest version in another tab, compare, and apply your changes there.", result.Item!.CurrentVersion];
                AddEmptyText();
                return Page();
            default:
                return NotFound();
        }
    }

    public async Task<IActionResult> OnPostPublishAsync(int id, string? version, CancellationToken ct)
    {
        int? number = int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
        var result = await library.PublishAsync(id, number, ct);
        if (result.Item is null) return NotFound();
        return Saved(id, result.Ok ? t["Version {0} is now public.", result.Item.PublishedVersion ?? 0] : t["There is no version {0}.", number ?? 0]);
    }

    public async Task<IActionResult> OnPostUnpublishAsync(int id, CancellationToken ct)
    {
        var result = await library.UnpublishAsync(id, ct);
        return result.Ok ? Saved(id, t["The item is no longer public."]) : NotFound();
    }

    public async Task<IActionResult> OnPostUploadAsync(int id, IFormFile? file, string? fileLanguage, string? publishFile, CancellationToken ct)
    {
        if (!await LoadAsync(id, fillInput: true, ct)) return NotFound();
        AddEmptyText();
        FileLanguage = fileLanguage;
        PublishFile = publishFile == "true";
        var errors = new FieldErrors();
        var language = Blank(fileLanguage) ? null : fileLanguage!.Trim().ToLowerInvariant();
        if (language is not null && !LibraryLanguages.All.Contains(language))
            errors.Add("fileLanguage", "Choose one of: {0}.", string.Join(", ", LibraryLanguages.All));
        if (file is null || file.Length == 0) errors.Add("file", "Choose a file.");
        else if (file.Length > LibraryService.MaxFileBytes) errors.Add("file", "The file is too large.");
        if (errors.Any)
        {
            ShowErrors(errors);
            return Page();
        }

        await using var stream = file!.OpenReadStream();
        var result = await library.AttachFileAsync(id, stream, file.FileName, language, await library.EditorAsync(User, ct), PublishFile, ct);
        switch (result.Outcome)
        {
            case LibraryOutcome.Done:
                return Saved(id, PublishFile ? t["File {0} added and published.", result.File!.FileName]
                    : t["File {0} added in a draft version.", result.File!.FileName], "#files");
            case LibraryOutcome.Invalid:
                errors.Add("file", "Give a PDF, Word (.docx), Excel (.xlsx) or CSV file.");
                ShowErrors(errors);
                return Page();
            default:
                return NotFound();
        }
    }

    public async Task<IActionResult> OnPostRemoveFileAsync(int id, int fileId, CancellationToken ct)
    {
        // Kept as a draft like any other edit: the public sees the change once the item is published again.
        var result = await library.RemoveFileAsync(id, fileId, await library.EditorAsync(User, ct), publish: false, ct);
        return Saved(id, result.Ok ? t["File removed in a draft version. Publish to remove it from the public page."] : t["That file is not part of the item."], "#files");
    }

    /// <summary>The id of the form field a <see cref="ItemInput"/> error key belongs to: "texts[1].title" → "texts-1-title".</summary>
    public static string FieldId(string key)
    {
        var m = TextKey().Match(key);
        return m.Success ? $"texts-{m.Groups[1].Value}-{m.Groups[2].Value}" : key;
    }

    [GeneratedRegex(@"^texts\[(\d{1,3})\]\.(language|title|abstract|body)$", RegexOptions.IgnoreCase)]
    private static partial Regex TextKey();

    private void ShowErrors(FieldErrors errors)
    {
        foreach (var (key, message) in errors.Localized(t))
        {
            var field = FieldId(key);
            Errors[field] = Errors.TryGetValue(field, out var before) ? before + " " + message : message;
        }
    }

    private RedirectResult Saved(int id, LocalizedString message, string fragment = "")
    {
        TempData["Message"] = message.Value;
        return Redirect($"/library/manage/edit/{id}{fragment}");
    }

    /// <summary>Offers one empty block for a further translation, in a language the item does not have yet.</summary>
    private void AddEmptyText()
    {
        if (Input.Texts.Count >= LibraryLanguages.All.Length) return;
        var used = Input.Texts.Select(b => b.Language).ToHashSet();
        var spare = LibraryLanguages.All.Where(l => !used.Contains(l)).OrderBy(l => l == UiLanguage ? 0 : l == "en" ? 1 : 2).First();
        Input.Texts.Add(new TextForm { Language = spare });
    }

    private async Task<bool> LoadAsync(int? id, bool fillInput, CancellationToken ct)
    {
        var language = UiLanguage;
        ThemeOptions = (await db.LibraryThemes.AsNoTracking().OrderBy(x => x.Order).ToListAsync(ct)).Select(x => (x.Code, x.NameIn(language))).ToList();
        AgencyOptions = (await db.Agencies.AsNoTracking().OrderBy(a => a.Acronym).Select(a => new { a.Code, a.Acronym, a.Name }).ToListAsync(ct))
            .Select(a => (a.Code, $"{a.Acronym}: {a.Name}")).ToList();
        Events = await db.Events.AsNoTracking().OrderByDescending(e => e.StartsAt).Select(e => new EventChoice(e.Id, e.Title, e.StartsAt)).ToListAsync(ct);
        if (id is null) return true;

        var item = await db.LibraryItems.AsNoTracking().Where(i => i.Id == id)
            .Select(i => new { i.Id, i.Slug, i.Status, i.CurrentVersion, i.PublishedVersion, i.Draft }).FirstOrDefaultAsync(ct);
        if (item is null) return false;
        Item = new ManageItemState(item.Id, item.Slug, item.Status, item.CurrentVersion, item.PublishedVersion);
        var fileIds = item.Draft.FileIds;
        var files = await db.LibraryFiles.AsNoTracking().Where(f => fileIds.Contains(f.Id))
            .Select(f => new ManageFileRow(f.Id, f.FileName, f.Format, f.Language, f.SizeBytes, f.Text != "", f.TextError)).ToListAsync(ct);
        Files = fileIds.Select(i => files.FirstOrDefault(f => f.Id == i)).OfType<ManageFileRow>().ToList();
        if (fillInput)
        {
            var c = ItemInput.From(item.Draft);
            Input = new InputModel
            {
                Kind = c.Kind,
                Texts = (c.Texts ?? []).Select(x => new TextForm { Language = x.Language, Title = x.Title, Abstract = x.Abstract, Body = x.Body }).ToList(),
                Authors = string.Join("\n", c.Authors ?? []), Agencies = c.Agencies ?? [], Themes = c.Themes ?? [],
                Places = string.Join(", ", c.Places ?? []), PublishedOn = c.PublishedOn, Licence = c.Licence,
                EventId = c.EventId?.ToString(CultureInfo.InvariantCulture), Version = item.CurrentVersion.ToString(CultureInfo.InvariantCulture),
            };
        }
        return true;
    }

    /// <summary>The places typed in the form with their names, so a wrong code shows at a glance.</summary>
    public List<(string Code, string? Name)> PlaceNames() =>
        Lines(Input.Places, PlaceSeparators).Take(100)
            .Select(c => (c, Infrastructure.Countries.Regions.PlaceName(c) ?? Infrastructure.Countries.Countries.Find(c)?.Name)).ToList();

    private static readonly char[] PlaceSeparators = [',', ';', ' ', '\n', '\r', '\t'];

    private static bool Blank(string? s) => string.IsNullOrWhiteSpace(s);

    private static List<string> Lines(string? text, params char[] separators) =>
        (text ?? "").Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
