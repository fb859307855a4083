using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Reports;

/// <summary>Staff choose the year whose annual report to draft.</summary>
public class IndexModel(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public List<int> Years { get; private set; } = [];
    public string? Year { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? year, CancellationToken ct)
    {
        Year = year;
        if (year is not null)
        {
            if (int.TryParse(year, out var y) && ReportService.ValidYear(y)) return Redirect($"/reports/{y}");
            Error = t["Enter a year between {0} and {1}.", ReportService.FirstYear, ReportService.LastYear];
        }
        var first = await db.Events.MinAsync(e => (DateTime?)e.StartsAt, ct);
        var thisYear = clock.GetUtcNow().Year;
        var from = Math.Max(ReportService.FirstYear, first?.Year ?? thisYear);
        // Events may all lie ahead (a new deployment planning next year): the list then starts there.
        var to = Math.Max(thisYear, from);
        Years = Enumerable.Range(from, to - from + 1).Reverse().ToList();
        return Page();
    }
}
