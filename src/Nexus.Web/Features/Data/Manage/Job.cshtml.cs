using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Web.Features.Data.Import;

namespace Nexus.Web.Features.Data.Manage;

/// <summary>The progress of one upload: the page refreshes itself while it runs; data-import.js updates it without reloads.</summary>
public class JobModel(ImportJobs jobs) : PageModel
{
    public ImportJob Job { get; private set; } = null!;

    public IActionResult OnGet(Guid id)
    {
        if (jobs.Find(id) is not { } job) return NotFound();
        Job = job;
        return Page();
    }

    public IActionResult OnGetStatus(Guid id) => jobs.Find(id) is { } j
        ? new JsonResult(new { state = j.State.ToString().ToLowerInvariant(), step = j.Step, done = j.Done, total = j.Total, message = j.Message, release = j.ReleaseId })
        : NotFound();
}
