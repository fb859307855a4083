using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Projects.Manage;

/// <summary>Create a project or change its facts and partners. The version read with the form guards against lost edits.</summary>
public class EditModel(AppDbContext db, IStringLocalizer<SharedResource> t, TimeProvider clock) : ManagePage(t)
{
    public const int PartnerRows = 4;

    public sealed class PartnerInput
    {
        public string? Role { get; set; }
        public string? Agency { get; set; }
        public string? Name { get; set; }
    }

    public sealed class InputModel
    {
        public string? Title { get; set; }
        public string? Slug { get; set; }
        public string? Summary { get; set; }
        public string? Objectives { get; set; }
        public string? Start { get; set; }
        public string? End { get; set; }
        public string? Budget { get; set; }
        public string? Currency { get; set; }
        public string? Status { get; set; } = Codes.Of(ProjectStatus.Planned);
        public int Version { get; set; }
        public List<PartnerInput> Partners { get; set; } = [];
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public string? Slug { get; private set; }
    public List<(string Value, string Text)> Agencies { get; private set; } = [];
    private Dictionary<string, string> _agencyNames = [];

    public async Task<IActionResult> OnGetAsync(string? slug, CancellationToken ct)
    {
        Slug = slug;
        if (slug is not null)
        {
            var p = await db.Projects.AsNoTracking().Include(x => x.Partners).FirstOrDefaultAsync(x => x.Slug == slug, ct);
            if (p is null) return NotFound();
            Input = new InputModel
            {
                Title = p.Title, Slug = p.Slug, Summary = p.Summary, Objectives = p.ObjectivesMarkdown, Start = ProjectForms.Iso(p.Start),
                End = ProjectForms.Iso(p.End), Budget = p.Budget?.ToString(CultureInfo.InvariantCulture), Currency = p.Currency,
                Status = Codes.Of(p.Status), Version = p.Version,
                Partners = p.Partners.OrderBy(x => x.Order).Select(x => new PartnerInput { Role = Codes.Of(x.Role), Agency = x.AgencyCode, Name = x.Name }).ToList(),
            };
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? slug, CancellationToken ct)
    {
        Slug = slug;
        var project = slug is null ? new Project { Title = "" }
            : await db.Projects.Include(x => x.Partners).FirstOrDefaultAsync(x => x.Slug == slug, ct);
        if (project is null) return NotFound();
        await LoadAsync(ct);

        var errors = new FieldErrors();
        var title = errors.Text("title", Input.Title, ProjectForms.MaxTitle, required: true);
        var newSlug = ProjectForms.Slug("slug", Input.Slug, title, errors);
        var summary = errors.Text("summary", Input.Summary, ProjectForms.MaxSummary, required: false, multiline: true);
        var objectives = errors.Text("objectives", Input.Objectives, ProjectForms.MaxLong, required: false, multiline: true);
        var start = ProjectForms.Date("start", Input.Start, required: true, errors);
        var end = ProjectForms.Date("end", Input.End, required: true, errors);
        ProjectForms.Period("end", start, end, errors);
        var budget = ProjectForms.Budget("budget", Input.Budget, errors);
        var currency = ProjectForms.Currency("currency", Input.Currency, required: budget is not null, errors);
        var status = ProjectForms.Enum<ProjectStatus>("status", Input.Status, errors);
        var partners = Partners(errors);
        if (newSlug.Length > 0 && await db.Projects.AnyAsync(p => p.Slug == newSlug && p.Id != project.Id, ct))
            errors.Add("slug", "Another project already uses this address.");
        var version = PostedVersion(Input.Version);
        if (slug is not null && version != project.Version)
            errors.Add("title", "Someone else saved this project after you opened it; reload the page to see their changes.");
        if (errors.Any)
        {
            Show(errors);
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        (project.Title, project.Slug, project.Summary, project.ObjectivesMarkdown, project.Start, project.End) =
            (title, newSlug, summary, objectives, start!.Value, end!.Value);
        (project.Budget, project.Currency, project.Status, project.UpdatedAt) = (budget, currency, status, now);
        project.Version++;
        db.ProjectPartners.RemoveRange(project.Partners);
        project.Partners = partners;
        if (slug is null)
        {
            project.CreatedAt = now;
            db.Projects.Add(project);
        }
        else db.Entry(project).Property(p => p.Version).OriginalValue = version;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            Show("title", "Someone else saved this project after you opened it; reload the page to see their changes.");
            return Page();
        }
        catch (DbUpdateException)
        {
            // Two saves raced for the same address: the unique index decided.
            db.ChangeTracker.Clear();
            Show("slug", "Another project already uses this address.");
            return Page();
        }
        return Done("/projects/" + project.Slug, slug is null ? Localizer["Project created."] : Localizer["Project saved."]);
    }

    private List<ProjectPartner> Partners(FieldErrors errors)
    {
        var list = new List<ProjectPartner>();
        var known = _agencyNames;
        for (var i = 0; i < Math.Min(Input.Partners.Count, PartnerRows + 20); i++)
        {
            var row = Input.Partners[i];
            var name = errors.Text($"partner-{i}-name", row.Name, 300, required: false);
            var agency = string.IsNullOrWhiteSpace(row.Agency) ? null : row.Agency.Trim();
            if (agency is not null && !known.ContainsKey(agency))
            {
                errors.Add($"partner-{i}-agency", "Choose one of the listed values.");
                continue;
            }
            if (name.Length == 0 && agency is null) continue;
            var role = ProjectForms.Enum<PartnerRole>($"partner-{i}-role", row.Role, errors);
            list.Add(new ProjectPartner { Role = role, AgencyCode = agency, Name = name.Length > 0 ? name : known[agency!], Order = list.Count });
        }
        return list;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.Acronym).Select(a => new { a.Code, a.Acronym, a.Name }).ToListAsync(ct);
        Agencies = agencies.Select(a => (a.Code, $"{a.Acronym} – {a.Name}")).ToList();
        _agencyNames = agencies.ToDictionary(a => a.Code, a => a.Name);
        while (Input.Partners.Count < PartnerRows) Input.Partners.Add(new PartnerInput { Role = Codes.Of(PartnerRole.Donor) });
    }
}
