using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Projects.Manage;

/// <summary>Add or change an activity of a project: its kind, period, status and links to an event, countries, documents,
/// a Global Forum recommendation and a process. The form carries the activity's version: a stale form is refused
/// rather than overwriting a newer edit.</summary>
public class ActivityModel(AppDbContext db, IStringLocalizer<SharedResource> t, TimeProvider clock) : ManagePage(t)
{
    public sealed class InputModel
    {
        public string? Type { get; set; } = Codes.Of(ProjectActivityType.SeriesExpansion);
        public string? Title { get; set; }
        public string? Description { get; set; }
        public string? Start { get; set; }
        public string? End { get; set; }
        public string? Status { get; set; } = Codes.Of(WorkStatus.Planned);
        public string? Event { get; set; }
        public string? Countries { get; set; }
        public string? Documents { get; set; }
        public string? Recommendation { get; set; }
        public string? Process { get; set; }
        public int Version { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public string Slug { get; private set; } = "";
    public string ProjectTitle { get; private set; } = "";
    public int? Id { get; private set; }
    public List<(string Value, string Text)> EventOptions { get; private set; } = [];
    public List<(string Value, string Text)> RecommendationOptions { get; private set; } = [];
    public List<(string Value, string Text)> ProcessOptions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, int? id, CancellationToken ct)
    {
        var project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Slug == slug, ct);
        if (project is null) return NotFound();
        (Slug, ProjectTitle, Id) = (slug, project.Title, id);
        if (id is not null)
        {
            var a = await db.ProjectActivities.AsNoTracking().Include(x => x.Documents).ThenInclude(d => d.LibraryItem)
                .FirstOrDefaultAsync(x => x.Id == id && x.ProjectId == project.Id, ct);
            if (a is null) return NotFound();
            Input = new InputModel
            {
                Type = Codes.Of(a.Type), Title = a.Title, Description = a.DescriptionMarkdown, Start = ProjectForms.Iso(a.Start),
                End = ProjectForms.Iso(a.End), Status = Codes.Of(a.Status), Event = a.EventId?.ToString(), Countries = string.Join(", ", a.Countries),
                Documents = string.Join("\n", a.Documents.Select(d => d.LibraryItem!.Slug)), Recommendation = a.RecommendationId?.ToString(),
                Process = a.ProcessId?.ToString(), Version = a.Version,
            };
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, int? id, CancellationToken ct)
    {
        var project = await db.Projects.FirstOrDefaultAsync(p => p.Slug == slug, ct);
        if (project is null) return NotFound();
        (Slug, ProjectTitle, Id) = (slug, project.Title, id);
        var activity = id is null ? new ProjectActivity { Title = "", ProjectId = project.Id }
            : await db.ProjectActivities.Include(x => x.Documents).FirstOrDefaultAsync(x => x.Id == id && x.ProjectId == project.Id, ct);
        if (activity is null) return NotFound();
        await LoadAsync(ct);

        var errors = new FieldErrors();
        var type = ProjectForms.Enum<ProjectActivityType>("type", Input.Type, errors);
        var title = errors.Text("title", Input.Title, ProjectForms.MaxTitle, required: true);
        var description = errors.Text("description", Input.Description, ProjectForms.MaxLong, required: false, multiline: true);
        var start = ProjectForms.Date("start", Input.Start, required: false, errors);
        var end = ProjectForms.Date("end", Input.End, required: false, errors);
        ProjectForms.Period("end", start, end, errors);
        var status = ProjectForms.Enum<WorkStatus>("status", Input.Status, errors);
        var eventId = ProjectForms.Id("event", Input.Event, errors);
        if (eventId is not null && !await db.Events.AnyAsync(e => e.Id == eventId, ct)) errors.Add("event", "Choose one of the listed values.");
        var countries = ProjectForms.Countries("countries", Input.Countries, errors);
        var recommendation = ProjectForms.Id("recommendation", Input.Recommendation, errors);
        if (recommendation is not null && !await db.ForumRecommendations.AnyAsync(r => r.Id == recommendation, ct))
            errors.Add("recommendation", "Choose one of the listed values.");
        var process = ProjectForms.Id("process", Input.Process, errors);
        if (process is not null && !await db.ConsultativeProcesses.AnyAsync(p => p.Id == process, ct)) errors.Add("process", "Choose one of the listed values.");
        var documents = await DocumentsAsync(errors, ct);
        var version = PostedVersion(Input.Version);
        if (id is not null && version != activity.Version) errors.Add("title", StaleMessage);
        if (errors.Any)
        {
            Show(errors);
            return Page();
        }

        (activity.Type, activity.Title, activity.DescriptionMarkdown, activity.Start, activity.End, activity.Status) =
            (type, title, description, start, end, status);
        (activity.EventId, activity.Countries, activity.RecommendationId, activity.ProcessId) = (eventId, countries, recommendation, process);
        db.ActivityDocuments.RemoveRange(activity.Documents.Where(d => !documents.Contains(d.LibraryItemId)));
        foreach (var itemId in documents.Where(d => activity.Documents.All(x => x.LibraryItemId != d)))
            activity.Documents.Add(new ActivityDocument { LibraryItemId = itemId });
        if (id is null) db.ProjectActivities.Add(activity);
        else db.Entry(activity).Property(a => a.Version).OriginalValue = version;
        activity.Version++;
        project.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            Show("title", StaleMessage);
            return Page();
        }
        return Done($"/projects/{slug}#activity-{activity.Id}", id is null ? Localizer["Activity added."] : Localizer["Activity saved."]);
    }

    /// <summary>
    /// Removes an activity entered by mistake, with its document links. A form opened before someone else's save is
    /// refused, so nobody removes an activity they have not seen in its current state.
    /// </summary>
    public async Task<IActionResult> OnPostRemoveAsync(string slug, int id, CancellationToken ct)
    {
        var project = await db.Projects.FirstOrDefaultAsync(p => p.Slug == slug, ct);
        if (project is null) return NotFound();
        var version = PostedVersion(Input.Version);
        var removed = await db.ProjectActivities.Where(a => a.Id == id && a.ProjectId == project.Id && a.Version == version).ExecuteDeleteAsync(ct);
        if (removed == 0)
        {
            if (!await db.ProjectActivities.AnyAsync(a => a.Id == id && a.ProjectId == project.Id, ct)) return NotFound();
            return await ShowStaleAsync(slug, id, ct);
        }
        project.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return Done($"/projects/{slug}", Localizer["Activity removed."]);
    }

    private async Task<IActionResult> ShowStaleAsync(string slug, int id, CancellationToken ct)
    {
        var result = await OnGetAsync(slug, id, ct);
        Show("title", StaleMessage);
        return result;
    }

    private const string StaleMessage = "Someone else saved this activity after you opened it; reload the page to see their changes.";

    /// <summary>Library item slugs, one per line or separated by commas; every one must exist.</summary>
    private async Task<List<int>> DocumentsAsync(FieldErrors errors, CancellationToken ct)
    {
        var text = errors.Text("documents", Input.Documents, 4000, required: false, multiline: true);
        var slugs = text.Split([',', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Distinct().Take(50).ToList();
        if (slugs.Count == 0) return [];
        var found = await db.LibraryItems.Where(i => slugs.Contains(i.Slug)).Select(i => new { i.Id, i.Slug }).ToListAsync(ct);
        foreach (var missing in slugs.Where(s => found.All(f => f.Slug != s)))
            errors.Add("documents", "There is no library item {0}.", missing.Length > 60 ? missing[..60] + "…" : missing);
        return found.Select(f => f.Id).ToList();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        EventOptions = (await db.Events.AsNoTracking().OrderByDescending(e => e.StartsAt).Take(1000)
                .Select(e => new { e.Id, e.Title, e.StartsAt, e.City }).ToListAsync(ct))
            .Select(e => (e.Id.ToString(), $"{e.StartsAt:yyyy-MM-dd} · {e.Title}{(e.City.Length > 0 ? " (" + e.City + ")" : "")}")).ToList();
        RecommendationOptions = (await db.ForumRecommendations.AsNoTracking().OrderBy(r => r.Meeting!.Year).ThenBy(r => r.Id)
                .Select(r => new { r.Id, r.Meeting!.Year, r.Text }).ToListAsync(ct))
            .Select(r => (r.Id.ToString(), $"{r.Year}: {(r.Text.Length > 90 ? r.Text[..90] + "…" : r.Text)}")).ToList();
        ProcessOptions = (await db.ConsultativeProcesses.AsNoTracking().OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync(ct))
            .Select(p => (p.Id.ToString(), p.Name)).ToList();
    }
}
