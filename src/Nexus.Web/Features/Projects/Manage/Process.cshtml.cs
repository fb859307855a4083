using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Projects.Manage;

/// <summary>Create or edit a regional consultative process: its facts, member States and dialogue events.</summary>
public class ProcessModel(AppDbContext db, IStringLocalizer<SharedResource> t) : ManagePage(t)
{
    public sealed class InputModel
    {
        public string? Name { get; set; }
        public string? Slug { get; set; }
        public string? Acronym { get; set; }
        public string? Region { get; set; }
        public string? Secretariat { get; set; }
        public string? Members { get; set; }
        public string? Description { get; set; }
        public List<string> Events { get; set; } = [];
        public int Version { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public string? Slug { get; private set; }
    public List<(string Value, string Text)> EventOptions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? slug, CancellationToken ct)
    {
        Slug = slug;
        if (slug is not null)
        {
            var p = await db.ConsultativeProcesses.AsNoTracking().Include(x => x.Events).FirstOrDefaultAsync(x => x.Slug == slug, ct);
            if (p is null) return NotFound();
            Input = new InputModel
            {
                Name = p.Name, Slug = p.Slug, Acronym = p.Acronym, Region = p.Region, Secretariat = p.Secretariat,
                Members = string.Join(", ", p.MemberStates), Description = p.DescriptionMarkdown, Events = p.Events.Select(e => e.EventId.ToString()).ToList(),
                Version = p.Version,
            };
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? slug, CancellationToken ct)
    {
        Slug = slug;
        var process = slug is null ? new ConsultativeProcess { Name = "" }
            : await db.ConsultativeProcesses.Include(x => x.Events).FirstOrDefaultAsync(x => x.Slug == slug, ct);
        if (process is null) return NotFound();
        await LoadAsync(ct);

        var errors = new FieldErrors();
        var name = errors.Text("name", Input.Name, 300, required: true);
        var newSlug = ProjectForms.Slug("slug", Input.Slug, name, errors);
        var acronym = errors.Text("acronym", Input.Acronym, 40, required: false);
        var region = errors.Text("region", Input.Region, 120, required: false);
        var secretariat = errors.Text("secretariat", Input.Secretariat, 300, required: false);
        var members = ProjectForms.Countries("members", Input.Members, errors);
        var description = errors.Text("description", Input.Description, ProjectForms.MaxLong, required: false, multiline: true);
        var eventIds = new List<int>();
        foreach (var value in Input.Events.Take(200))
            if (ProjectForms.Id("events", value, errors) is { } id && !eventIds.Contains(id)) eventIds.Add(id);
        var known = await db.Events.Where(e => eventIds.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct);
        if (known.Count != eventIds.Count) errors.Add("events", "Choose one of the listed values.");
        if (newSlug.Length > 0 && await db.ConsultativeProcesses.AnyAsync(p => p.Slug == newSlug && p.Id != process.Id, ct))
            errors.Add("slug", "Another process already uses this address.");
        var version = PostedVersion(Input.Version);
        if (slug is not null && version != process.Version) errors.Add("name", StaleMessage);
        if (errors.Any)
        {
            Show(errors);
            return Page();
        }

        (process.Name, process.Slug, process.Acronym, process.Region, process.Secretariat) =
            (name, newSlug, acronym.Length == 0 ? null : acronym, region, secretariat);
        (process.MemberStates, process.DescriptionMarkdown) = (members, description);
        db.ProcessEvents.RemoveRange(process.Events.Where(e => !eventIds.Contains(e.EventId)));
        foreach (var id in eventIds.Where(id => process.Events.All(e => e.EventId != id))) process.Events.Add(new ProcessEvent { EventId = id });
        if (slug is null) db.ConsultativeProcesses.Add(process);
        else db.Entry(process).Property(p => p.Version).OriginalValue = version;
        process.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            Show("name", StaleMessage);
            return Page();
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            Show("slug", "Another process already uses this address.");
            return Page();
        }
        return Done("/processes/" + process.Slug, slug is null ? Localizer["Process created."] : Localizer["Process saved."]);
    }

    /// <summary>
    /// Removes a process entered by mistake, with its event links. A process that project activities refer to stays
    /// (the annual report and the project pages cite it through them), and so does one saved by someone else since
    /// the form was opened: nobody removes what they have not seen.
    /// </summary>
    public async Task<IActionResult> OnPostRemoveAsync(string slug, CancellationToken ct)
    {
        var process = await db.ConsultativeProcesses.AsNoTracking().FirstOrDefaultAsync(p => p.Slug == slug, ct);
        if (process is null) return NotFound();
        var version = PostedVersion(Input.Version);
        // One statement: the check and the removal cannot be separated by another save.
        var removed = await db.ConsultativeProcesses
            .Where(p => p.Id == process.Id && p.Version == version && !db.ProjectActivities.Any(a => a.ProcessId == p.Id))
            .ExecuteDeleteAsync(ct);
        if (removed == 1) return Done("/processes", Localizer["Process removed."]);

        var linked = await db.ProjectActivities.Where(a => a.ProcessId == process.Id).OrderBy(a => a.Title).Select(a => a.Title).ToListAsync(ct);
        var result = await OnGetAsync(slug, ct);
        if (linked.Count > 0)
            Show("name", "Project activities refer to this process ({0}); link them to another process first.", string.Join("; ", linked.Take(5)));
        else Show("name", StaleMessage);
        return result;
    }

    private const string StaleMessage = "Someone else saved this process after you opened it; reload the page to see their changes.";

    private async Task LoadAsync(CancellationToken ct) =>
        EventOptions = (await db.Events.AsNoTracking().OrderByDescending(e => e.StartsAt).Take(1000)
                .Select(e => new { e.Id, e.Title, e.StartsAt }).ToListAsync(ct))
            .Select(e => (e.Id.ToString(), $"{e.StartsAt:yyyy-MM-dd} · {e.Title}")).ToList();
}
