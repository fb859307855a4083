using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Web.Data;

namespace Nexus.Web.Features.Projects.Processes;

public class IndexModel(AppDbContext db) : PageModel
{
    public List<ProcessDto> Processes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Processes = await ProjectQueries.ProcessesAsync(db, null, ct);
}
