using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Reports;

/// <summary>The drafted report of a year as HTML, with staff's edits and a warning where the data moved since.</summary>
public class YearModel(ReportService reports, IStringLocalizer<SharedResource> t) : PageModel
{
    public ReportView View { get; private set; } = null!;
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(int year, CancellationToken ct)
    {
        if (!ReportService.ValidYear(year)) return NotFound();
        View = await reports.LoadAsync(year, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDiscardAsync(int year, string? key, int version, CancellationToken ct)
    {
        if (!ReportService.ValidYear(year)) return NotFound();
        var outcome = await reports.DiscardAsync(year, key ?? "", version, ct);
        if (outcome == EditOutcome.Discarded) return Redirect($"/reports/{year}");
        Message = outcome == EditOutcome.Conflict
            ? t["Someone changed this section in the meantime; review it before discarding."]
            : t["There is no edit of this section to discard."];
        View = await reports.LoadAsync(year, ct);
        return Page();
    }
}
