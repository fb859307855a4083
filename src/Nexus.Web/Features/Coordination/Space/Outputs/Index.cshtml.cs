using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Coordination.Outputs;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Coordination.Space.Outputs;

public sealed record OutputRow(int Id, string Title, JointOutputKind Kind, string LeadAcronym, JointOutputStatus Status,
    DateOnly? Deadline, int Answered, int Asked, SignOffDecision? Mine);

/// <summary>The group's joint outputs, filtered by status; a focal point can list those waiting for their agency's answer.</summary>
public class IndexModel(AppDbContext db, CoordinationAccess access) : PageModel
{
    public GroupUser Me { get; private set; } = GroupUser.Public;
    public JointOutputStatus? Status { get; private set; }
    public bool AwaitingMine { get; private set; }
    public DateOnly Today { get; private set; }
    public List<OutputRow> Rows { get; private set; } = [];
    public bool CanCreate => Me.RunsGroup || Me.IsFocalPoint;

    public async Task<IActionResult> OnGetAsync(string? status, string? awaiting, CancellationToken ct)
    {
        Me = await access.GetAsync(User, ct);
        if (!Me.CanEnterSpace) return Forbid();
        Today = access.Today();
        Status = Codes.TryParse<JointOutputStatus>(status, out var s) ? s : null;
        AwaitingMine = awaiting == "mine" && Me.IsFocalPoint;

        var outputs = db.JointOutputs.AsNoTracking();
        if (Status is { } only) outputs = outputs.Where(o => o.Status == only);
        var mine = Me.AgencyCode;
        if (AwaitingMine)
            outputs = outputs.Where(o => o.Status == JointOutputStatus.Circulated
                                         && o.SignOffs.Any(x => x.AgencyCode == mine && x.Decision == SignOffDecision.Pending));
        Rows = await outputs
            .OrderBy(o => o.Status == JointOutputStatus.Published).ThenByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id)
            .Select(o => new OutputRow(o.Id, o.Title, o.Kind,
                db.Agencies.Where(a => a.Code == o.LeadAgencyCode).Select(a => a.Acronym).FirstOrDefault() ?? o.LeadAgencyCode,
                o.Status, o.NoObjectionDeadline,
                o.SignOffs.Count(x => x.Decision != SignOffDecision.Pending), o.SignOffs.Count(),
                o.SignOffs.Where(x => x.AgencyCode == mine).Select(x => (SignOffDecision?)x.Decision).FirstOrDefault()))
            .Take(500).ToListAsync(ct);
        return Page();
    }
}
