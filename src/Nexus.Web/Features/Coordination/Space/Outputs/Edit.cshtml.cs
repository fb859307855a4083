using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Features.Coordination.Outputs;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Coordination.Space.Outputs;

/// <summary>
/// Drafts a joint output or edits its text. Staff and the chair may draft for any member agency; a focal point
/// drafts and edits the outputs their own agency leads. The version the form was opened at travels with it, so a
/// save on top of someone else's change is refused instead of overwriting it.
/// </summary>
public class EditModel(AppDbContext db, CoordinationAccess access, JointOutputService outputs, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed class InputModel
    {
        public string? Kind { get; set; } = Codes.Of(JointOutputKind.Statement);
        public string? Title { get; set; }
        public string? Summary { get; set; }
        public string? Body { get; set; }
        public string? LeadAgency { get; set; }
        public string? Version { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public GroupUser Me { get; private set; } = GroupUser.Public;
    public int? Id { get; private set; }
    public JointOutputStatus? Status { get; private set; }
    public Dictionary<string, string> Errors { get; } = new();
    public string? Problem { get; private set; }
    public List<(string Code, string Name)> LeadOptions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        Me = await access.GetAsync(User, ct);
        if (!Me.CanEnterSpace) return Forbid();
        if (id is null)
        {
            Input.LeadAgency = Me.AgencyCode;
            await LoadOptionsAsync(null, ct);
            return Page();
        }
        var output = await db.JointOutputs.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (output is null) return NotFound();
        if (!Me.CanEditActivity(output.LeadAgencyCode)) return Forbid();
        if (!JointOutputRules.CanEdit(output.Status))
        {
            TempData["Message"] = t["A published output can no longer be edited."].Value;
            return Redirect($"/coordination/space/outputs/{output.Id}");
        }
        (Id, Status) = (output.Id, output.Status);
        Input = new InputModel
        {
            Kind = Codes.Of(output.Kind), Title = output.Title, Summary = output.Summary, Body = output.Body,
            LeadAgency = output.LeadAgencyCode, Version = output.Version.ToString(CultureInfo.InvariantCulture),
        };
        await LoadOptionsAsync(output.LeadAgencyCode, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        var input = new OutputInput(Input.Kind, Input.Title, Input.Summary, Input.Body, Input.LeadAgency);
        // A missing or mangled version cannot prove the form is current, so it is treated as stale.
        var expected = int.TryParse(Input.Version, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1;
        var result = id is null ? await outputs.CreateAsync(User, input, ct) : await outputs.UpdateAsync(User, id.Value, input, expected, ct);
        switch (result.Outcome)
        {
            case OutputOutcome.Done:
                TempData["Message"] = (id is null ? t["Draft saved. Circulate it to the member agencies when it is ready."]
                    : result.Reopened ? t["Saved. The output went back to draft and the sign-offs were cleared: circulate it again."]
                    : t["Saved."]).Value;
                return Redirect($"/coordination/space/outputs/{result.Id}");
            case OutputOutcome.NotFound:
                return NotFound();
            case OutputOutcome.Forbidden:
                return Forbid();
        }
        Me = await access.GetAsync(User, ct);
        if (id is not null)
        {
            var current = await db.JointOutputs.AsNoTracking().Where(o => o.Id == id).Select(o => new { o.Status, o.LeadAgencyCode }).FirstOrDefaultAsync(ct);
            if (current is null) return NotFound();
            (Id, Status) = (id, current.Status);
            await LoadOptionsAsync(current.LeadAgencyCode, ct);
        }
        else await LoadOptionsAsync(null, ct);
        if (result.Errors is { } errors)
            foreach (var (field, message) in errors.Localized(t)) Errors[field] = message;
        Problem = result.Message;
        Response.StatusCode = result.Outcome == OutputOutcome.Invalid ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
        return Page();
    }

    /// <summary>The agencies the reader may name as lead: any member for those who run the group, else their own.</summary>
    private async Task LoadOptionsAsync(string? currentLead, CancellationToken ct)
    {
        var today = access.Today();
        var agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.Acronym).ToListAsync(ct);
        LeadOptions = agencies
            .Where(a => (a.IsMemberOn(today) && (Me.RunsGroup || a.Code == Me.AgencyCode)) || a.Code == currentLead)
            .Select(a => (a.Code, $"{a.Acronym}: {a.Name}")).ToList();
    }
}
