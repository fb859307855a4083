using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Web.Data;

namespace Nexus.Web.Features.Projects;

public class DetailsModel(AppDbContext db) : PageModel
{
    public ProjectDetailDto Project { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (slug.Length > 200 || await ProjectQueries.ProjectAsync(db, slug, ct) is not { } p) return NotFound();
        Project = p;
        return Page();
    }
}
