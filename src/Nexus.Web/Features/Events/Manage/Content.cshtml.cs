using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Nexus.Web.Data;
using Nexus.Web.Infrastructure;
using Nexus.Web.Infrastructure.Files;

namespace Nexus.Web.Features.Events.Manage;

/// <summary>The programme of an event: speakers, agenda, materials and, afterwards, its findings.</summary>
public class ContentModel(AppDbContext db, FileStore files, IOptions<NexusOptions> options, TimeProvider clock,
    Infrastructure.Caching.ProgrammeChanges changes, IStringLocalizer<SharedResource> t) : PageModel
{
    public Event Event { get; private set; } = null!;
    public Dictionary<string, string> Errors { get; } = new();

    [BindProperty] public string? SpeakerName { get; set; }
    [BindProperty] public string? SpeakerAffiliation { get; set; }
    [BindProperty] public SpeakerRole SpeakerRole { get; set; }
    [BindProperty] public string? AgendaTime { get; set; }
    [BindProperty] public string? AgendaEnd { get; set; }
    [BindProperty] public string? AgendaTitle { get; set; }
    [BindProperty] public string? AgendaDescription { get; set; }
    [BindProperty] public string? MaterialTitle { get; set; }
    [BindProperty] public string? Findings { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Findings = Event.FindingsMarkdown;
        return Page();
    }

    public async Task<IActionResult> OnPostSpeakerAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var errors = new FieldErrors();
        var name = errors.Text("speakerName", SpeakerName, 200, required: true);
        var affiliation = errors.Text("speakerAffiliation", SpeakerAffiliation, 300, required: false);
        if (!Enum.IsDefined(SpeakerRole)) errors.Add("speakerRole", "Choose a role.");
        if (Fail(errors)) return Page();
        db.Speakers.Add(new Speaker { EventId = id, Name = name, Affiliation = affiliation, Role = SpeakerRole, Order = Event.Speakers.Count + 1 });
        return await SavedAsync(id, ct);
    }

    public async Task<IActionResult> OnPostDeleteSpeakerAsync(int id, int itemId, CancellationToken ct)
    {
        await db.Speakers.Where(s => s.Id == itemId && s.EventId == id).ExecuteDeleteAsync(ct);
        return await SavedAsync(id, ct, save: false);
    }

    public async Task<IActionResult> OnPostAgendaAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var errors = new FieldErrors();
        var title = errors.Text("agendaTitle", AgendaTitle, 300, required: true);
        var description = errors.Text("agendaDescription", AgendaDescription, 2000, required: false, multiline: true);
        var starts = ParseTime("agendaTime", AgendaTime, errors, required: true);
        var ends = ParseTime("agendaEnd", AgendaEnd, errors, required: false);
        if (starts is not null && ends is not null && ends <= starts) errors.Add("agendaEnd", "Must be after the start.");
        if (Fail(errors)) return Page();
        db.AgendaItems.Add(new AgendaItem
        {
            EventId = id, Title = title, Description = description, StartsAt = starts!.Value, EndsAt = ends, Order = Event.Agenda.Count + 1,
        });
        return await SavedAsync(id, ct);
    }

    public async Task<IActionResult> OnPostDeleteAgendaAsync(int id, int itemId, CancellationToken ct)
    {
        await db.AgendaItems.Where(s => s.Id == itemId && s.EventId == id).ExecuteDeleteAsync(ct);
        return await SavedAsync(id, ct, save: false);
    }

    public async Task<IActionResult> OnPostMaterialAsync(int id, IFormFile? file, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var errors = new FieldErrors();
        var title = errors.Text("materialTitle", MaterialTitle, 300, required: true);
        if (file is null || file.Length == 0) errors.Add("file", "Choose a file.");
        else if (file.Length > options.Value.MaxUploadBytes) errors.Add("file", "The file is too large.");
        if (Fail(errors)) return Page();

        await using var buffer = new MemoryStream();
        await file!.CopyToAsync(buffer, ct);
        var kind = FileStore.Sniff(buffer);
        if (kind is null)
        {
            errors.Add("file", "Upload a PDF, DOCX, PPTX or XLSX file.");
            Fail(errors);
            return Page();
        }
        var stored = await files.SaveAsync(buffer, kind.Value, ct);
        var baseName = Path.GetFileNameWithoutExtension(Path.GetFileName(file.FileName));
        var safeName = $"{Slugs.From(string.IsNullOrWhiteSpace(baseName) ? title : baseName, 80)}.{FileStore.ExtensionOf(kind.Value)}";
        db.Materials.Add(new Material
        {
            EventId = id, Title = title, FileName = safeName, ContentType = stored.ContentType, SizeBytes = stored.Size,
            StorageKey = stored.Key, Sha256 = stored.Sha256, UploadedAt = clock.GetUtcNow().UtcDateTime,
        });
        return await SavedAsync(id, ct);
    }

    public async Task<IActionResult> OnPostDeleteMaterialAsync(int id, int itemId, CancellationToken ct)
    {
        var m = await db.Materials.FirstOrDefaultAsync(x => x.Id == itemId && x.EventId == id, ct);
        if (m is not null)
        {
            db.Materials.Remove(m);
            await db.SaveChangesAsync(ct);
            files.Delete(m.StorageKey);
        }
        return await SavedAsync(id, ct, save: false);
    }

    public async Task<IActionResult> OnPostFindingsAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var errors = new FieldErrors();
        var text = errors.Text("findings", Findings, 100_000, required: false, multiline: true);
        if (Fail(errors)) return Page();
        await db.Events.Where(e => e.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.FindingsMarkdown, text.Length == 0 ? null : text)
            .SetProperty(e => e.UpdatedAt, clock.GetUtcNow().UtcDateTime), ct);
        return await SavedAsync(id, ct, save: false);
    }

    private DateTime? ParseTime(string field, string? value, FieldErrors errors, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) errors.Add(field, "Required.");
            return null;
        }
        if (!DateTime.TryParseExact(value.Trim(), ["yyyy-MM-ddTHH:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            errors.Add(field, "Give a time, e.g. 10:30.");
            return null;
        }
        var zone = TimeZoneInfo.FindSystemTimeZoneById(Event.TimeZone);
        // A bare time belongs to the event's first day.
        if (value.Trim().Length <= 5) local = EventQueries.Local(Event.StartsAt, Event.TimeZone).Date + local.TimeOfDay;
        if (zone.IsInvalidTime(local))
        {
            errors.Add(field, "This time does not exist in the event's time zone (clock change).");
            return null;
        }
        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);
    }

    private bool Fail(FieldErrors errors)
    {
        foreach (var (field, message) in errors.Localized(t)) Errors[field] = message;
        return errors.Any;
    }

    private async Task<IActionResult> SavedAsync(int id, CancellationToken ct, bool save = true)
    {
        if (save) await db.SaveChangesAsync(ct);
        else await changes.ChangedAsync(ct); // bulk updates bypass SaveChanges and its cache eviction
        TempData["Message"] = t["Saved."].Value;
        return Redirect($"/events/manage/content/{id}");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var e = await db.Events.AsNoTracking().AsSplitQuery()
            .Include(x => x.Speakers).Include(x => x.Agenda).Include(x => x.Materials)
            .FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null) return false;
        Event = e;
        return true;
    }
}
