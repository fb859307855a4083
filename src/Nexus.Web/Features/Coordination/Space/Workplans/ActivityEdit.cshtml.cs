using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Features.Coordination.Workplans;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Coordination.Space.Workplans;

public sealed record AgencyChoice(string Code, string Acronym, string Name, bool CanLead);

/// <summary>
/// Add an activity or deliverable under an objective, or change what it is, who leads it, who contributes and when
/// it is due. Staff and the chair's focal points only; the lead agency reports progress on the activity's own page.
/// The version the form was opened at travels with it, so an edit on top of someone else's is refused.
/// </summary>
public class ActivityEditModel(AppDbContext db, CoordinationAccess access, IStringLocalizer<SharedResource> t) : WorkplanPage(db, access, t)
{
    public sealed class InputModel
    {
        public string? Objective { get; set; }
        public string? Kind { get; set; } = Codes.Of(ActivityKind.Activity);
        public string? Title { get; set; }
        public string? Description { get; set; }
        public string? Lead { get; set; }
        public List<string?> Contributing { get; set; } = [];
        public string? Due { get; set; }
        public string? Status { get; set; } = Codes.Of(ActivityStatus.Planned);
        public string? Version { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public Workplan Plan { get; private set; } = null!;
    public int? ActivityId { get; private set; }
    public List<(string Pillar, List<(int Id, string Text)> Objectives)> Objectives { get; private set; } = [];
    public List<AgencyChoice> Agencies { get; private set; } = [];
    public string? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, int? activityId, int? objective, CancellationToken ct)
    {
        if (await LoadAsync(id, activityId, ct) is { } refused) return refused;
        if (activityId is null)
        {
            Input.Objective = objective?.ToString(CultureInfo.InvariantCulture);
            return Page();
        }
        var a = await ActivityAsync(activityId.Value, tracked: false, ct);
        if (a is null) return NotFound();
        Input = new InputModel
        {
            Objective = a.ObjectiveId.ToString(CultureInfo.InvariantCulture), Kind = Codes.Of(a.Kind), Title = a.Title, Description = a.Description,
            Lead = a.LeadAgencyCode, Contributing = [.. a.ContributingAgencies], Due = a.Due is { } d ? WorkplanForms.Iso(d) : null,
            Status = Codes.Of(a.Status), Version = a.Version.ToString(CultureInfo.InvariantCulture),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int? activityId, CancellationToken ct)
    {
        if (await LoadAsync(id, activityId, ct) is { } refused) return refused;
        var activity = activityId is null ? new WorkplanActivity() : await ActivityAsync(activityId.Value, tracked: true, ct);
        if (activity is null) return NotFound();
        var leads = Agencies.Where(a => a.CanLead || a.Code == activity.LeadAgencyCode).Select(a => a.Code).ToHashSet();
        var errors = new FieldErrors();
        var f = WorkplanForms.Activity(Input.Objective, Input.Kind, Input.Title, Input.Description, Input.Lead, Input.Contributing, Input.Due,
            activityId is null ? Input.Status : Codes.Of(activity.Status), Objectives.SelectMany(p => p.Objectives).Select(o => o.Id).ToList(),
            leads, Agencies.Select(a => a.Code).ToHashSet(), Plan.Start, Plan.End, errors);
        if (f is null)
        {
            Show(errors);
            return Page();
        }
        if (activity.ObjectiveId != f.ObjectiveId)
        {
            activity.Position = 1 + (await Db.WorkplanActivities.Where(a => a.ObjectiveId == f.ObjectiveId).MaxAsync(a => (int?)a.Position, ct) ?? 0);
            activity.ObjectiveId = f.ObjectiveId;
        }
        (activity.Kind, activity.Title, activity.Description, activity.LeadAgencyCode, activity.ContributingAgencies, activity.Due) =
            (f.Kind, f.Title, f.Description, f.Lead, f.Contributing, f.Due);
        if (activityId is null)
        {
            activity.Status = f.Status;
            Db.WorkplanActivities.Add(activity);
            await Db.SaveChangesAsync(ct);
            return Done(PlanUrl(id) + $"#objective-{activity.ObjectiveId}", Localizer["Activity added."]);
        }
        // A missing or mangled version cannot prove the form is current, so it is treated as stale.
        var expected = int.TryParse(Input.Version, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1;
        if (await ActivitySaves.SaveAsync(Db, activity, expected, ct) == SaveOutcome.Conflict)
        {
            Conflict = Localizer["Someone changed this activity while you were editing, so your changes were not saved. They are still in the form below: open the activity in another tab, compare, and save again from a fresh form."];
            return Page();
        }
        return Done($"{PlanUrl(id)}/activities/{activity.Id}", Localizer["Activity saved."]);
    }

    private Task<WorkplanActivity?> ActivityAsync(int activityId, bool tracked, CancellationToken ct)
    {
        var ids = Objectives.SelectMany(p => p.Objectives).Select(o => o.Id).ToList();
        var q = Db.WorkplanActivities.Where(a => a.Id == activityId && ids.Contains(a.ObjectiveId));
        return (tracked ? q : q.AsNoTracking()).FirstOrDefaultAsync(ct);
    }

    private async Task<IActionResult?> LoadAsync(int id, int? activityId, CancellationToken ct)
    {
        if (!await EnterAsync(ct) || !Group.RunsGroup) return Forbid();
        if (await PlanAsync(id, ct) is not { } plan) return NotFound();
        (Plan, ActivityId) = (plan, activityId);
        var rows = await (from o in Db.WorkplanObjectives.AsNoTracking()
                          join p in Db.WorkplanPillars on o.PillarId equals p.Id
                          where p.WorkplanId == id
                          orderby p.Position, p.Id, o.Position, o.Id
                          select new { Pillar = p.Title, PillarId = p.Id, o.Id, o.Text }).ToListAsync(ct);
        Objectives = rows.GroupBy(r => r.PillarId).Select(g => (g.First().Pillar, g.Select(r => (r.Id, r.Text)).ToList())).ToList();
        Agencies = (await Db.Agencies.AsNoTracking().OrderBy(a => a.Acronym).ToListAsync(ct))
            .Select(a => new AgencyChoice(a.Code, a.Acronym, a.Name, WorkplanRules.CanLead(a, plan.Start, plan.End))).ToList();
        return null;
    }
}
