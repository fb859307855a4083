using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Features.Coordination.Workplans;

namespace Nexus.Web.Features.Coordination.Space.Workplans;

/// <summary>
/// How far a workplan has come, per pillar and per lead agency: activities by status, the share done, and what is
/// overdue. A focal point's own agency comes first.
/// </summary>
public class ProgressModel(AppDbContext db, CoordinationAccess access, IStringLocalizer<SharedResource> t) : WorkplanPage(db, access, t)
{
    public WorkplanView Plan { get; private set; } = null!;
    public List<(AgencyRef Agency, ProgressCounts Counts)> ByAgency { get; private set; } = [];
    public List<(PillarView Pillar, ActivityView Activity)> OverdueItems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await EnterAsync(ct)) return Forbid();
        if (await WorkplanQueries.LoadAsync(Db, id, Today, ct) is not { } plan) return NotFound();
        Plan = plan;
        var mine = Group.AgencyCode;
        ByAgency = plan.ByLead().OrderBy(x => x.Agency.Code == mine ? 0 : 1).ToList();
        OverdueItems = plan.Pillars.SelectMany(p => p.Activities.Where(a => a.Overdue).Select(a => (p, a)))
            .OrderBy(x => x.a.Lead.Code == mine ? 0 : 1).ThenBy(x => x.a.Due).ToList();
        return Page();
    }
}
