using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Web.Data;

namespace Nexus.Web.Features.Projects.Forum;

public class IndexModel(AppDbContext db) : PageModel
{
    public List<ForumMeetingDto> Meetings { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Meetings = await ProjectQueries.ForumAsync(db, null, ct);
}
