using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;

namespace Nexus.Web.Features.Coordination.Workplans;

public sealed record AgencyRef(string Code, string Acronym, string Name);

public sealed record NoteView(int Id, DateTime At, string AuthorName, string? AgencyCode, string Text, ActivityStatus? Status);

public sealed record ActivityView(int Id, int ObjectiveId, int Position, ActivityKind Kind, string Title, string? Description,
    AgencyRef Lead, IReadOnlyList<AgencyRef> Contributing, DateOnly? Due, ActivityStatus Status, int Version, NoteView? LatestNote, bool Overdue);

public sealed record ObjectiveView(int Id, int PillarId, int Position, string Text, string? ExpectedOutcomesText, IReadOnlyList<ActivityView> Activities)
{
    public IReadOnlyList<string> ExpectedOutcomes => WorkplanRules.Outcomes(ExpectedOutcomesText);
}

public sealed record PillarView(int Id, int Position, string Title, string? Description, IReadOnlyList<ObjectiveView> Objectives)
{
    public IEnumerable<ActivityView> Activities => Objectives.SelectMany(o => o.Activities);
}

/// <summary>A whole workplan as pages, exports and the API read it: pillars, objectives and activities in order.</summary>
public sealed record WorkplanView(int Id, int Year, string Title, DateOnly Start, DateOnly End, string? Summary, WorkplanStatus Status,
    DateTime? AdoptedAt, IReadOnlyList<PillarView> Pillars, DateOnly Today)
{
    public IEnumerable<ActivityView> Activities => Pillars.SelectMany(p => p.Activities);
    public ProgressCounts Progress => Counts(Activities);
    public ProgressCounts Counts(IEnumerable<ActivityView> activities) => WorkplanRules.Count(activities.Select(a => (a.Status, a.Due)), Today);

    /// <summary>Progress of the activities each agency leads, agencies by acronym.</summary>
    public IReadOnlyList<(AgencyRef Agency, ProgressCounts Counts)> ByLead() =>
        Activities.GroupBy(a => a.Lead.Code).Select(g => (g.First().Lead, Counts(g)))
            .OrderBy(x => x.Lead.Acronym, StringComparer.OrdinalIgnoreCase).ToList();
}

public sealed record WorkplanListItem(int Id, int Year, string Title, DateOnly Start, DateOnly End, WorkplanStatus Status, ProgressCounts Progress);

public sealed record PillarProgress(int Id, string Title, ProgressCounts Counts);

/// <summary>An adopted workplan's progress as of a day, for the group's public page.</summary>
public sealed record WorkplanProgress(int Id, int Year, string Title, DateOnly Start, DateOnly End, DateOnly Day,
    IReadOnlyList<PillarProgress> Pillars, ProgressCounts Total);

public static class WorkplanQueries
{
    public static async Task<WorkplanView?> LoadAsync(AppDbContext db, int id, DateOnly today, CancellationToken ct)
    {
        var plan = await db.Workplans.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, ct);
        return plan is null ? null : await TreeAsync(db, plan, today, ct);
    }

    public static async Task<WorkplanView?> AdoptedForYearAsync(AppDbContext db, int year, DateOnly today, CancellationToken ct)
    {
        var plan = await db.Workplans.AsNoTracking().FirstOrDefaultAsync(w => w.Year == year && w.Status == WorkplanStatus.Adopted, ct);
        return plan is null ? null : await TreeAsync(db, plan, today, ct);
    }

    public static async Task<List<WorkplanListItem>> ListAsync(AppDbContext db, DateOnly today, CancellationToken ct)
    {
        var plans = await db.Workplans.AsNoTracking().OrderByDescending(w => w.Year).ToListAsync(ct);
        var activities = await (from a in db.WorkplanActivities.AsNoTracking()
                                join o in db.WorkplanObjectives on a.ObjectiveId equals o.Id
                                join p in db.WorkplanPillars on o.PillarId equals p.Id
                                select new { p.WorkplanId, a.Status, a.Due }).ToListAsync(ct);
        var byPlan = activities.ToLookup(a => a.WorkplanId, a => (a.Status, a.Due));
        return plans.Select(w => new WorkplanListItem(w.Id, w.Year, w.Title, w.Start, w.End, w.Status, WorkplanRules.Count(byPlan[w.Id], today))).ToList();
    }

    /// <summary>
    /// The adopted workplan whose span covers <paramref name="day"/>, else the latest adopted one, with its
    /// activities counted by status per pillar; null when no workplan was ever adopted.
    /// </summary>
    public static async Task<WorkplanProgress?> ProgressForDayAsync(AppDbContext db, DateOnly day, CancellationToken ct)
    {
        var adopted = await db.Workplans.AsNoTracking().Where(w => w.Status == WorkplanStatus.Adopted)
            .Select(w => new { w.Id, w.Year, w.Title, w.Start, w.End }).ToListAsync(ct);
        var plan = WorkplanRules.ForDay(adopted, day, w => w.Start, w => w.End);
        if (plan is null) return null;
        var pillars = await db.WorkplanPillars.AsNoTracking().Where(p => p.WorkplanId == plan.Id)
            .OrderBy(p => p.Position).ThenBy(p => p.Id).Select(p => new { p.Id, p.Title }).ToListAsync(ct);
        var ids = pillars.Select(p => p.Id).ToList();
        var activities = await (from a in db.WorkplanActivities.AsNoTracking()
                                join o in db.WorkplanObjectives on a.ObjectiveId equals o.Id
                                where ids.Contains(o.PillarId)
                                select new { o.PillarId, a.Status, a.Due }).ToListAsync(ct);
        var byPillar = activities.ToLookup(a => a.PillarId, a => (a.Status, a.Due));
        return new WorkplanProgress(plan.Id, plan.Year, plan.Title, plan.Start, plan.End, day,
            pillars.Select(p => new PillarProgress(p.Id, p.Title, WorkplanRules.Count(byPillar[p.Id], day))).ToList(),
            WorkplanRules.Count(activities.Select(a => (a.Status, a.Due)), day));
    }

    public static async Task<Dictionary<string, AgencyRef>> AgenciesAsync(AppDbContext db, CancellationToken ct) =>
        await db.Agencies.AsNoTracking().Select(a => new AgencyRef(a.Code, a.Acronym, a.Name)).ToDictionaryAsync(a => a.Code, ct);

    public static AgencyRef Agency(IReadOnlyDictionary<string, AgencyRef> agencies, string code) =>
        agencies.TryGetValue(code, out var a) ? a : new AgencyRef(code, code.ToUpperInvariant(), code);

    private static async Task<WorkplanView> TreeAsync(AppDbContext db, Workplan plan, DateOnly today, CancellationToken ct)
    {
        var pillars = await db.WorkplanPillars.AsNoTracking().Where(p => p.WorkplanId == plan.Id).ToListAsync(ct);
        var pillarIds = pillars.Select(p => p.Id).ToList();
        var objectives = await db.WorkplanObjectives.AsNoTracking().Where(o => pillarIds.Contains(o.PillarId)).ToListAsync(ct);
        var objectiveIds = objectives.Select(o => o.Id).ToList();
        var activities = await db.WorkplanActivities.AsNoTracking().Where(a => objectiveIds.Contains(a.ObjectiveId)).ToListAsync(ct);
        var activityIds = activities.Select(a => a.Id).ToList();
        // Only the latest note of each activity is shown here; a workplan has tens of activities and a few notes each.
        var notes = (await db.ProgressNotes.AsNoTracking().Where(n => activityIds.Contains(n.ActivityId))
                .Select(n => new { n.ActivityId, View = new NoteView(n.Id, n.At, n.AuthorName, n.AgencyCode, n.Text, n.Status) }).ToListAsync(ct))
            .GroupBy(n => n.ActivityId).ToDictionary(g => g.Key, g => g.MaxBy(n => (n.View.At, n.View.Id))!.View);
        var agencies = await AgenciesAsync(db, ct);

        ActivityView View(WorkplanActivity a) => new(a.Id, a.ObjectiveId, a.Position, a.Kind, a.Title, a.Description,
            Agency(agencies, a.LeadAgencyCode), a.ContributingAgencies.Select(c => Agency(agencies, c)).ToList(), a.Due, a.Status, a.Version,
            notes.GetValueOrDefault(a.Id), WorkplanRules.IsOverdue(a.Status, a.Due, today));
        var activitiesBy = activities.ToLookup(a => a.ObjectiveId);
        var objectivesBy = objectives.ToLookup(o => o.PillarId);
        return new WorkplanView(plan.Id, plan.Year, plan.Title, plan.Start, plan.End, plan.Summary, plan.Status, plan.AdoptedAt,
            pillars.OrderBy(p => p.Position).ThenBy(p => p.Id).Select(p => new PillarView(p.Id, p.Position, p.Title, p.Description,
                objectivesBy[p.Id].OrderBy(o => o.Position).ThenBy(o => o.Id).Select(o => new ObjectiveView(o.Id, o.PillarId, o.Position, o.Text, o.ExpectedOutcomes,
                    activitiesBy[o.Id].OrderBy(a => a.Position).ThenBy(a => a.Id).Select(View).ToList())).ToList())).ToList(),
            today);
    }
}
