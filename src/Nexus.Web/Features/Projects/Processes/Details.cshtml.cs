using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Web.Data;

namespace Nexus.Web.Features.Projects.Processes;

public class DetailsModel(AppDbContext db) : PageModel
{
    public ProcessDto Process { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (slug.Length > 200 || (await ProjectQueries.ProcessesAsync(db, slug, ct)).FirstOrDefault() is not { } p) return NotFound();
        Process = p;
        return Page();
    }
}
