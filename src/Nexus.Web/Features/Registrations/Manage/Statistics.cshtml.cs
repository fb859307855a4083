using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;

namespace Nexus.Web.Features.Registrations.Manage;

public class StatisticsModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public ParticipationReport Report { get; private set; } = null!;
    public List<int> Years { get; private set; } = [];

    public async Task OnGetAsync(int? year, CancellationToken ct)
    {
        Years = (await db.Events.Select(e => e.StartsAt).ToListAsync(ct)).Select(d => d.Year).Distinct().OrderDescending().ToList();
        var chosen = year is >= 1990 and <= 2200 ? year.Value : clock.GetUtcNow().Year;
        Report = await ParticipationStatistics.ForYearAsync(db, chosen, ct);
    }
}
