using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Features.Coordination.Workplans;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Coordination.Space.Workplans;

/// <summary>Add a pillar to a workplan or change one. Staff and the chair's focal points only.</summary>
public class PillarModel(AppDbContext db, CoordinationAccess access, IStringLocalizer<SharedResource> t) : WorkplanPage(db, access, t)
{
    public sealed class InputModel
    {
        public string? Title { get; set; }
        public string? Description { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public Workplan Plan { get; private set; } = null!;
    public int? PillarId { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, int? pillarId, CancellationToken ct)
    {
        if (!await EnterAsync(ct) || !Group.RunsGroup) return Forbid();
        if (await PlanAsync(id, ct) is not { } plan) return NotFound();
        (Plan, PillarId) = (plan, pillarId);
        if (pillarId is null) return Page();
        var pillar = await Db.WorkplanPillars.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pillarId && p.WorkplanId == id, ct);
        if (pillar is null) return NotFound();
        Input = new InputModel { Title = pillar.Title, Description = pillar.Description };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int? pillarId, CancellationToken ct)
    {
        if (!await EnterAsync(ct) || !Group.RunsGroup) return Forbid();
        if (await PlanAsync(id, ct) is not { } plan) return NotFound();
        (Plan, PillarId) = (plan, pillarId);
        var pillar = pillarId is null
            ? new WorkplanPillar { WorkplanId = id, Position = await Db.WorkplanPillars.Where(p => p.WorkplanId == id).MaxAsync(p => (int?)p.Position, ct) ?? 0 }
            : await Db.WorkplanPillars.FirstOrDefaultAsync(p => p.Id == pillarId && p.WorkplanId == id, ct);
        if (pillar is null) return NotFound();
        var errors = new FieldErrors();
        if (WorkplanForms.Pillar(Input.Title, Input.Description, errors) is not { } f)
        {
            Show(errors);
            return Page();
        }
        (pillar.Title, pillar.Description) = (f.Title, f.Description);
        if (pillarId is null)
        {
            pillar.Position++;
            Db.WorkplanPillars.Add(pillar);
        }
        await Db.SaveChangesAsync(ct);
        return Done(PlanUrl(id) + $"#pillar-{pillar.Id}", pillarId is null ? Localizer["Pillar added."] : Localizer["Pillar saved."]);
    }
}
