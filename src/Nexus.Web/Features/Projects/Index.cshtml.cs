using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Web.Data;

namespace Nexus.Web.Features.Projects;

public class IndexModel(AppDbContext db) : PageModel
{
    public List<ProjectSummaryDto> Projects { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Projects = await ProjectQueries.ProjectsAsync(db, ct);
}
