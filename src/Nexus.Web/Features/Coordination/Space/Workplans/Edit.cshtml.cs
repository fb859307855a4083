using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Features.Coordination.Workplans;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Coordination.Space.Workplans;

/// <summary>Create a workplan or change its year, title, span, summary and status. Staff and the chair's focal points only.</summary>
public class EditModel(AppDbContext db, CoordinationAccess access, IStringLocalizer<SharedResource> t, TimeProvider clock) : WorkplanPage(db, access, t)
{
    public sealed class InputModel
    {
        public string? Year { get; set; }
        public string? Title { get; set; }
        public string? Start { get; set; }
        public string? End { get; set; }
        public string? Summary { get; set; }
        public string? Status { get; set; } = Codes.Of(WorkplanStatus.Draft);
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public int? Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        if (!await EnterAsync(ct) || !Group.RunsGroup) return Forbid();
        Id = id;
        if (id is null)
        {
            // A new plan usually starts with the coming chairmanship: offer this year and a year's span.
            Input.Year = Today.Year.ToString(CultureInfo.InvariantCulture);
            return Page();
        }
        var plan = await PlanAsync(id.Value, ct);
        if (plan is null) return NotFound();
        Input = new InputModel
        {
            Year = plan.Year.ToString(CultureInfo.InvariantCulture), Title = plan.Title, Start = WorkplanForms.Iso(plan.Start),
            End = WorkplanForms.Iso(plan.End), Summary = plan.Summary, Status = Codes.Of(plan.Status),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        if (!await EnterAsync(ct) || !Group.RunsGroup) return Forbid();
        Id = id;
        var plan = id is null ? new Workplan() : await Db.Workplans.FirstOrDefaultAsync(w => w.Id == id, ct);
        if (plan is null) return NotFound();
        var errors = new FieldErrors();
        var f = WorkplanForms.Workplan(Input.Year, Input.Title, Input.Start, Input.End, Input.Summary, Input.Status, errors);
        if (f is not null && await Db.Workplans.AnyAsync(w => w.Year == f.Year && w.Id != plan.Id, ct))
            errors.Add("year", "There is already a workplan for {0}.", f.Year);
        if (f is not null && id is not null && await ActivitiesOutsideAsync(plan.Id, f, ct) is { } outside)
            errors.Add("end", "{0} activities would fall due outside the span allowed; change their due dates first.", outside);
        if (f is null || errors.Any)
        {
            Show(errors);
            return Page();
        }

        if (f.Status == WorkplanStatus.Adopted && plan.Status != WorkplanStatus.Adopted) plan.AdoptedAt = clock.GetUtcNow().UtcDateTime;
        if (f.Status == WorkplanStatus.Draft) plan.AdoptedAt = null;
        (plan.Year, plan.Title, plan.Start, plan.End, plan.Summary, plan.Status) = (f.Year, f.Title, f.Start, f.End, f.Summary, f.Status);
        if (id is null) Db.Workplans.Add(plan);
        try
        {
            await Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone filed a workplan under the same year between the check and the save: the unique index decided.
            Db.ChangeTracker.Clear();
            if (!await Db.Workplans.AnyAsync(w => w.Year == f.Year && w.Id != (id ?? 0), ct)) throw;
            errors.Add("year", "There is already a workplan for {0}.", f.Year);
            Show(errors);
            return Page();
        }
        return Done(PlanUrl(plan.Id), id is null ? Localizer["Workplan created."] : Localizer["Workplan saved."]);
    }

    /// <summary>Shrinking a span must not leave activities with due dates the activity form would now refuse.</summary>
    private async Task<int?> ActivitiesOutsideAsync(int planId, WorkplanFields f, CancellationToken ct)
    {
        var (earliest, latest) = WorkplanRules.DueRange(f.Start, f.End);
        var n = await (from a in Db.WorkplanActivities
                       join o in Db.WorkplanObjectives on a.ObjectiveId equals o.Id
                       join p in Db.WorkplanPillars on o.PillarId equals p.Id
                       where p.WorkplanId == planId && a.Due != null && (a.Due < earliest || a.Due > latest)
                       select a.Id).CountAsync(ct);
        return n > 0 ? n : null;
    }
}
