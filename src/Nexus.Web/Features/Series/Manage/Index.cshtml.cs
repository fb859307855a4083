using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Series.Manage;

/// <summary>Staff list and edit the seminar series on one page.</summary>
public class IndexModel(AppDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed class InputModel
    {
        public int? Id { get; set; }
        public string? Name { get; set; }
        public int? StartYear { get; set; }
        public int? EndYear { get; set; }
        public string? Description { get; set; }
        public string? Partners { get; set; }
        public string? GfmdHost { get; set; }
        public string? GfmdPriorities { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public List<SeminarSeries> All { get; private set; } = [];
    public Dictionary<string, string> Errors { get; } = new();

    public async Task OnGetAsync(int? edit, CancellationToken ct)
    {
        All = await db.Series.AsNoTracking().OrderByDescending(s => s.StartYear).ToListAsync(ct);
        if (All.FirstOrDefault(s => s.Id == edit) is { } s)
            Input = new InputModel
            {
                Id = s.Id, Name = s.Name, StartYear = s.StartYear, EndYear = s.EndYear, Description = s.Description,
                Partners = string.Join(", ", s.Partners), GfmdHost = s.GfmdHost, GfmdPriorities = s.GfmdPriorities,
            };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var errors = new FieldErrors();
        var name = errors.Text("name", Input.Name, 300, required: true);
        var description = errors.Text("description", Input.Description, 4000, required: false, multiline: true);
        var host = errors.Text("gfmdHost", Input.GfmdHost, 200, required: false);
        var priorities = errors.Text("gfmdPriorities", Input.GfmdPriorities, 4000, required: false, multiline: true);
        var partners = errors.Text("partners", Input.Partners, 2000, required: false)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        if (Input.StartYear is not (>= 1990 and <= 2200)) errors.Add("startYear", "A year between 1990 and 2200.");
        var end = Input.EndYear ?? Input.StartYear;
        if (end < Input.StartYear || end > Input.StartYear + 5) errors.Add("endYear", "The same as the start year, or up to five years later.");
        SeminarSeries? series = null;
        if (Input.Id is { } id && (series = await db.Series.FirstOrDefaultAsync(s => s.Id == id, ct)) is null) return NotFound();
        var slug = Slugs.From(name);
        if (name.Length > 0 && await db.Series.AnyAsync(s => s.Slug == slug && s.Id != (Input.Id ?? 0), ct))
            errors.Add("name", "Another series has this name.");
        if (errors.Any)
        {
            foreach (var (field, message) in errors.Localized(t)) Errors[field] = message;
            All = await db.Series.AsNoTracking().OrderByDescending(s => s.StartYear).ToListAsync(ct);
            return Page();
        }
        series ??= db.Series.Add(new SeminarSeries { Name = name }).Entity;
        series.Name = name;
        series.Slug = slug;
        series.StartYear = Input.StartYear!.Value;
        series.EndYear = end!.Value;
        series.Description = description;
        series.Partners = partners;
        series.GfmdHost = host;
        series.GfmdPriorities = priorities;
        await db.SaveChangesAsync(ct);
        TempData["Message"] = t["Series saved."].Value;
        return Redirect("/series/manage");
    }
}
