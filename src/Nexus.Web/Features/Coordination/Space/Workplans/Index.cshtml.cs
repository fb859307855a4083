using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Features.Coordination.Workplans;

namespace Nexus.Web.Features.Coordination.Space.Workplans;

/// <summary>The group's workplans, newest first, with how far each has come.</summary>
public class IndexModel(AppDbContext db, CoordinationAccess access, IStringLocalizer<SharedResource> t) : WorkplanPage(db, access, t)
{
    public List<WorkplanListItem> Plans { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await EnterAsync(ct)) return Forbid();
        Plans = await WorkplanQueries.ListAsync(Db, Today, ct);
        return Page();
    }
}
