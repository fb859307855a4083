using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;

namespace Nexus.Web.Features.Courses.Catalogue;

public sealed record CourseCard(int Id, string Slug, string Title, string Summary, string Language, decimal? Hours, int Modules, RunView? NextRun);

/// <summary>The course catalogue: published courses, each with the run a learner would enrol in next.</summary>
public class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public List<CourseCard> Courses { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var courses = await db.Courses.AsNoTracking().Where(c => c.Published).OrderBy(c => c.Title)
            .Select(c => new { c.Id, c.Slug, c.Title, c.Summary, c.Language, c.Hours, Modules = c.Modules.Count })
            .Take(200).ToListAsync(ct);
        var ids = courses.Select(c => c.Id).ToList();
        var runs = await CourseCatalogue.RunsAsync(db, db.CourseRuns.Where(r => ids.Contains(r.CourseId)), now, publicOnly: true, ct);
        Courses = courses.Select(c => new CourseCard(c.Id, c.Slug, c.Title, c.Summary, c.Language, c.Hours, c.Modules,
            CourseRules.NextRun(runs.Where(r => r.CourseId == c.Id), r => r.Event.StartsAt, r => r.State))).ToList();
    }
}
