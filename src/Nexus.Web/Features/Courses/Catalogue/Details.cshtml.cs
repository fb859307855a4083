using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Courses.Catalogue;

public sealed record ModuleView(int Id, int Order, string Title, string ObjectivesHtml, string MaterialsHtml, bool Required, int Quizzes);

/// <summary>A course: its description, modules, completion rule and runs with their sessions and seats.</summary>
public class DetailsModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public Course Course { get; private set; } = null!;
    public string DescriptionHtml { get; private set; } = "";
    public List<ModuleView> Modules { get; private set; } = [];
    public List<RunView> Runs { get; private set; } = [];
    public ILookup<int, SessionView> Sessions { get; private set; } = Array.Empty<SessionView>().ToLookup(s => s.RunId);

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var course = await db.Courses.AsNoTracking().Include(c => c.Modules)
            .FirstOrDefaultAsync(c => c.Slug == slug && c.Published, ct);
        if (course is null) return NotFound();
        Course = course;
        // Staff write Markdown; the sanitiser keeps markup from it, never script.
        DescriptionHtml = Markdown.ToSafeHtml(course.DescriptionMarkdown);
        var quizzes = await CourseCatalogue.QuizCountsAsync(db, course.Id, ct);
        Modules = course.Modules.OrderBy(m => m.Order).ThenBy(m => m.Id)
            .Select(m => new ModuleView(m.Id, m.Order, m.Title, Markdown.ToSafeHtml(m.ObjectivesMarkdown), Markdown.ToSafeHtml(m.MaterialsMarkdown),
                m.Required, quizzes.GetValueOrDefault(m.Id))).ToList();
        Runs = await CourseCatalogue.RunsAsync(db, db.CourseRuns.Where(r => r.CourseId == course.Id), clock.GetUtcNow().UtcDateTime, publicOnly: true, ct);
        Sessions = (await CourseCatalogue.SessionsAsync(db, Runs.Select(r => r.Id).ToList(), ct)).ToLookup(s => s.RunId);
        return Page();
    }
}
