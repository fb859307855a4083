using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Events;

namespace Nexus.Web.Features.Series;

[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Infrastructure.Caching.PublicCache.Policy)]
public class DetailsModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public SeminarSeries Series { get; private set; } = null!;
    public List<EventCard> Events { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, string? slug, CancellationToken ct)
    {
        var s = await db.Series.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null) return NotFound();
        if (slug != s.Slug) return RedirectPermanent($"/series/{s.Id}/{s.Slug}{Request.QueryString}");
        Series = s;
        var now = clock.GetUtcNow().UtcDateTime;
        Events = await EventCard.LoadAsync(db, db.Events.AsNoTracking()
            .Where(e => e.SeriesId == id && e.Status != EventStatus.Draft && e.Kind != EventKind.Course).OrderBy(e => e.StartsAt), now, ct);
        return Page();
    }
}
