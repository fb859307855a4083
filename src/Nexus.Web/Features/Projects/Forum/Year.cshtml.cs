using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Web.Data;

namespace Nexus.Web.Features.Projects.Forum;

public class YearModel(AppDbContext db) : PageModel
{
    public ForumMeetingDto Meeting { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int year, CancellationToken ct)
    {
        if ((await ProjectQueries.ForumAsync(db, year, ct)).FirstOrDefault() is not { } m) return NotFound();
        Meeting = m;
        return Page();
    }
}
