using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Courses.Manage;

/// <summary>
/// Add a module to a course (at the end) or edit one: title, learning objectives, materials, required. The course's
/// Version is left alone: a module edit does not conflict with an edit of the course's own fields.
/// </summary>
public class ModuleModel(AppDbContext db, IStringLocalizer<SharedResource> t) : CourseManagePage(t)
{
    public sealed class InputModel
    {
        public string? Title { get; set; }
        public string? Objectives { get; set; }
        public string? Materials { get; set; }
        public bool Required { get; set; } = true;
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public int CourseId { get; private set; }
    public string CourseTitle { get; private set; } = "";
    public int? ModuleId { get; private set; }

    public async Task<IActionResult> OnGetAsync(int courseId, int? moduleId, CancellationToken ct)
    {
        if (!await LoadAsync(courseId, moduleId, ct)) return NotFound();
        if (moduleId is null) return Page();
        var m = await db.CourseModules.AsNoTracking().FirstAsync(x => x.Id == moduleId, ct);
        Input = new InputModel { Title = m.Title, Objectives = m.ObjectivesMarkdown, Materials = m.MaterialsMarkdown, Required = m.Required };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int courseId, int? moduleId, CancellationToken ct)
    {
        if (!await LoadAsync(courseId, moduleId, ct)) return NotFound();
        var errors = new FieldErrors();
        var f = CourseForms.Module(Input.Title, Input.Objectives, Input.Materials, Input.Required, errors);
        if (f is null)
        {
            Show(errors);
            return Page();
        }
        var module = moduleId is null
            ? new CourseModule { CourseId = courseId, Title = "", Order = await db.CourseModules.Where(m => m.CourseId == courseId).MaxAsync(m => (int?)m.Order, ct) ?? 0 }
            : await db.CourseModules.FirstAsync(m => m.Id == moduleId, ct);
        if (moduleId is null)
        {
            module.Order++;
            db.CourseModules.Add(module);
        }
        (module.Title, module.ObjectivesMarkdown, module.MaterialsMarkdown, module.Required) = (f.Title, f.Objectives, f.Materials, f.Required);
        await db.SaveChangesAsync(ct);
        return Done(CourseLinks.Manage(courseId) + "#modules", moduleId is null ? Localizer["Module added."] : Localizer["Module saved."]);
    }

    private async Task<bool> LoadAsync(int courseId, int? moduleId, CancellationToken ct)
    {
        var title = await db.Courses.Where(c => c.Id == courseId).Select(c => c.Title).FirstOrDefaultAsync(ct);
        if (title is null) return false;
        if (moduleId is not null && !await db.CourseModules.AnyAsync(m => m.Id == moduleId && m.CourseId == courseId, ct)) return false;
        (CourseId, CourseTitle, ModuleId) = (courseId, title, moduleId);
        return true;
    }
}
