using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Events;

namespace Nexus.Web.Features.Home;

public sealed record FindingTeaser(int Id, string Slug, string Title, string Excerpt);

[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Infrastructure.Caching.PublicCache.Policy)]
public class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public List<EventCard> Upcoming { get; private set; } = [];
    public List<FindingTeaser> Findings { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        Upcoming = await EventCard.LoadAsync(db, db.Events.AsNoTracking()
            .Apply(new EventFilter { When = "upcoming" }, now).Where(e => e.Status == EventStatus.Published).Take(4), now, ct);
        var findings = await db.Events.AsNoTracking()
            .Where(e => e.Status == EventStatus.Held && e.FindingsMarkdown != null)
            .OrderByDescending(e => e.StartsAt).Take(3)
            .Select(e => new { e.Id, e.Slug, e.Title, e.FindingsMarkdown }).ToListAsync(ct);
        Findings = findings.Select(f => new FindingTeaser(f.Id, f.Slug, f.Title, Infrastructure.Markdown.Excerpt(f.FindingsMarkdown!, 240))).ToList();
    }
}
