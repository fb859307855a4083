using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;

namespace Nexus.Web.Features.Courses.Manage;

public sealed record CourseRow(int Id, string Slug, string Title, string Language, bool Published, int Modules, int Runs, DateTime UpdatedAt);

/// <summary>Staff list of every course, published or not.</summary>
public class IndexModel(AppDbContext db) : PageModel
{
    public List<CourseRow> Courses { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Courses = await db.Courses.AsNoTracking().OrderBy(c => c.Title)
            .Select(c => new CourseRow(c.Id, c.Slug, c.Title, c.Language, c.Published, c.Modules.Count, c.Runs.Count, c.UpdatedAt))
            .Take(1000).ToListAsync(ct);
}
