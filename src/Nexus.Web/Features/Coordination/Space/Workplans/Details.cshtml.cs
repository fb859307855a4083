using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Features.Coordination.Workplans;

namespace Nexus.Web.Features.Coordination.Space.Workplans;

/// <summary>
/// One workplan: pillars, objectives with their expected outcomes, and activities. A focal point finds the
/// activities its agency leads first. Those who run the group also reorder and remove pillars, objectives and activities.
/// </summary>
public class DetailsModel(AppDbContext db, CoordinationAccess access, IStringLocalizer<SharedResource> t) : WorkplanPage(db, access, t)
{
    public WorkplanView Plan { get; private set; } = null!;
    public List<ActivityView> Mine { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await EnterAsync(ct)) return Forbid();
        var plan = await WorkplanQueries.LoadAsync(Db, id, Today, ct);
        if (plan is null) return NotFound();
        Plan = plan;
        if (Group.AgencyCode is { } mine) Mine = plan.Activities.Where(a => a.Lead.Code == mine).ToList();
        return Page();
    }

    public Task<IActionResult> OnPostMovePillarAsync(int id, int itemId, bool up, CancellationToken ct) =>
        RunAsync(id, async () =>
        {
            var siblings = await Db.WorkplanPillars.Where(p => p.WorkplanId == id).ToListAsync(ct);
            return Move(siblings, itemId, up, p => p.Id, p => p.Position, (p, n) => p.Position = n);
        }, Localizer["Pillar moved."], ct);

    public Task<IActionResult> OnPostMoveObjectiveAsync(int id, int itemId, bool up, CancellationToken ct) =>
        RunAsync(id, async () =>
        {
            var pillarId = await Db.WorkplanObjectives.Where(o => o.Id == itemId && Db.WorkplanPillars.Any(p => p.Id == o.PillarId && p.WorkplanId == id))
                .Select(o => (int?)o.PillarId).FirstOrDefaultAsync(ct);
            if (pillarId is null) return false;
            var siblings = await Db.WorkplanObjectives.Where(o => o.PillarId == pillarId).ToListAsync(ct);
            return Move(siblings, itemId, up, o => o.Id, o => o.Position, (o, n) => o.Position = n);
        }, Localizer["Objective moved."], ct);

    public Task<IActionResult> OnPostMoveActivityAsync(int id, int itemId, bool up, CancellationToken ct) =>
        RunAsync(id, async () =>
        {
            var objectiveId = await ActivitiesOf(id).Where(a => a.Id == itemId).Select(a => (int?)a.ObjectiveId).FirstOrDefaultAsync(ct);
            if (objectiveId is null) return false;
            var siblings = await Db.WorkplanActivities.Where(a => a.ObjectiveId == objectiveId).ToListAsync(ct);
            // Every save of an activity moves its version on, a reordering too: the rule stays simple to reason about.
            return Move(siblings, itemId, up, a => a.Id, a => a.Position, (a, n) => { if (a.Position != n) { a.Position = n; a.Version++; } });
        }, Localizer["Activity moved."], ct);

    // Removing relies on the database's cascades: objectives, activities, notes and evidence go with what holds them.
    public Task<IActionResult> OnPostRemovePillarAsync(int id, int itemId, CancellationToken ct) =>
        RunAsync(id, async () => await Db.WorkplanPillars.Where(p => p.Id == itemId && p.WorkplanId == id).ExecuteDeleteAsync(ct) > 0,
            Localizer["Pillar removed with its objectives and activities."], ct);

    public Task<IActionResult> OnPostRemoveObjectiveAsync(int id, int itemId, CancellationToken ct) =>
        RunAsync(id, async () => await Db.WorkplanObjectives
                .Where(o => o.Id == itemId && Db.WorkplanPillars.Any(p => p.Id == o.PillarId && p.WorkplanId == id)).ExecuteDeleteAsync(ct) > 0,
            Localizer["Objective removed with its activities."], ct);

    public Task<IActionResult> OnPostRemoveActivityAsync(int id, int itemId, CancellationToken ct) =>
        RunAsync(id, async () => await ActivitiesOf(id).Where(a => a.Id == itemId).ExecuteDeleteAsync(ct) > 0,
            Localizer["Activity removed."], ct);

    private IQueryable<WorkplanActivity> ActivitiesOf(int planId) =>
        Db.WorkplanActivities.Where(a => Db.WorkplanObjectives.Any(o => o.Id == a.ObjectiveId
            && Db.WorkplanPillars.Any(p => p.Id == o.PillarId && p.WorkplanId == planId)));

    private async Task<IActionResult> RunAsync(int id, Func<Task<bool>> change, LocalizedString message, CancellationToken ct)
    {
        if (!await EnterAsync(ct) || !Group.RunsGroup) return Forbid();
        if (!await Db.Workplans.AnyAsync(w => w.Id == id, ct)) return NotFound();
        if (!await change()) return Done(PlanUrl(id), Localizer["Nothing to change: it may have been moved or removed meanwhile."]);
        try
        {
            await Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Done(PlanUrl(id), Localizer["Someone changed the workplan at the same moment; nothing was moved. Try again."]);
        }
        return Done(PlanUrl(id), message);
    }

    private static bool Move<T>(List<T> siblings, int itemId, bool up, Func<T, int> id, Func<T, int> position, Action<T, int> set)
    {
        var order = WorkplanRules.Move(siblings.Select(s => (id(s), position(s))).ToList(), itemId, up);
        if (order is null) return false;
        foreach (var s in siblings) set(s, order[id(s)]);
        return true;
    }
}

/// <summary>A table of activities for the _ActivityTable partial.</summary>
public sealed record ActivityTable(int WorkplanId, string Caption, IReadOnlyList<ActivityView> Items, bool Manage, string? Id = null);
