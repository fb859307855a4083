using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Features.Coordination.Workplans;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Coordination.Space.Workplans;

/// <summary>Add an objective under a pillar or change one (its text, expected outcomes, or pillar). Staff and the chair's focal points only.</summary>
public class ObjectiveModel(AppDbContext db, CoordinationAccess access, IStringLocalizer<SharedResource> t) : WorkplanPage(db, access, t)
{
    public sealed class InputModel
    {
        public string? Pillar { get; set; }
        public string? Text { get; set; }
        /// <summary>One per line.</summary>
        public string? ExpectedOutcomes { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public Workplan Plan { get; private set; } = null!;
    public int? ObjectiveId { get; private set; }
    public List<(int Id, string Title)> Pillars { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, int? objectiveId, int? pillar, CancellationToken ct)
    {
        if (await LoadAsync(id, objectiveId, ct) is { } refused) return refused;
        if (objectiveId is null)
        {
            Input.Pillar = (pillar ?? Pillars.FirstOrDefault().Id).ToString(CultureInfo.InvariantCulture);
            return Page();
        }
        var o = await Db.WorkplanObjectives.AsNoTracking().FirstOrDefaultAsync(x => x.Id == objectiveId, ct);
        if (o is null || Pillars.All(p => p.Id != o.PillarId)) return NotFound();
        Input = new InputModel { Pillar = o.PillarId.ToString(CultureInfo.InvariantCulture), Text = o.Text, ExpectedOutcomes = o.ExpectedOutcomes };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int? objectiveId, CancellationToken ct)
    {
        if (await LoadAsync(id, objectiveId, ct) is { } refused) return refused;
        var pillarIds = Pillars.Select(p => p.Id).ToList();
        var objective = objectiveId is null ? new WorkplanObjective()
            : await Db.WorkplanObjectives.FirstOrDefaultAsync(o => o.Id == objectiveId && pillarIds.Contains(o.PillarId), ct);
        if (objective is null) return NotFound();
        var errors = new FieldErrors();
        if (WorkplanForms.Objective(Input.Pillar, Input.Text, Input.ExpectedOutcomes, pillarIds, errors) is not { } f)
        {
            Show(errors);
            return Page();
        }
        if (objective.PillarId != f.PillarId)
        {
            // New, or moved to another pillar: it goes last there.
            objective.Position = 1 + (await Db.WorkplanObjectives.Where(o => o.PillarId == f.PillarId).MaxAsync(o => (int?)o.Position, ct) ?? 0);
            objective.PillarId = f.PillarId;
        }
        (objective.Text, objective.ExpectedOutcomes) = (f.Text, f.ExpectedOutcomes);
        if (objectiveId is null) Db.WorkplanObjectives.Add(objective);
        await Db.SaveChangesAsync(ct);
        return Done(PlanUrl(id) + $"#objective-{objective.Id}", objectiveId is null ? Localizer["Objective added."] : Localizer["Objective saved."]);
    }

    private async Task<IActionResult?> LoadAsync(int id, int? objectiveId, CancellationToken ct)
    {
        if (!await EnterAsync(ct) || !Group.RunsGroup) return Forbid();
        if (await PlanAsync(id, ct) is not { } plan) return NotFound();
        (Plan, ObjectiveId) = (plan, objectiveId);
        Pillars = (await Db.WorkplanPillars.AsNoTracking().Where(p => p.WorkplanId == id).OrderBy(p => p.Position).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.Title }).ToListAsync(ct)).Select(p => (p.Id, p.Title)).ToList();
        return null;
    }
}
