using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Coordination.Chairs;

namespace Nexus.Web.Features.Coordination.Space;

/// <summary>
/// The group space's front page: what is waiting for the reader's agency (sign-offs, survey answers, action items)
/// and what is coming (meetings, the next handover).
/// </summary>
public class IndexModel(AppDbContext db, ChairService chairs, CoordinationAccess access) : PageModel
{
    public GroupUser Me { get; private set; } = GroupUser.Public;
    public DateOnly Today { get; private set; }
    public Troika<ChairTerm> Troika { get; private set; } = new(null, null, null);
    public Dictionary<string, string> Acronyms { get; private set; } = [];
    public List<JointOutput> AwaitingSignOff { get; private set; } = [];
    public List<Survey> SurveysToAnswer { get; private set; } = [];
    public List<ActionItem> Actions { get; private set; } = [];
    public List<Meeting> Meetings { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Me = await access.GetAsync(User, ct);
        if (!Me.CanEnterSpace) return Forbid();
        Today = access.Today();
        Troika = await chairs.TroikaAsync(Today, ct);
        Acronyms = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Acronym, ct);
        var open = new[] { ActionStatus.Open, ActionStatus.InProgress };
        var actions = db.ActionItems.AsNoTracking().Where(a => open.Contains(a.Status));
        var circulated = db.JointOutputs.AsNoTracking().Where(o => o.Status == JointOutputStatus.Circulated);
        if (Me.AgencyCode is { } mine && !Me.IsStaff)
        {
            actions = actions.Where(a => a.OwnerAgencyCode == mine);
            circulated = circulated.Where(o => o.SignOffs.Any(s => s.AgencyCode == mine && s.Decision == SignOffDecision.Pending));
            SurveysToAnswer = await db.Surveys.AsNoTracking()
                .Where(s => s.Status == SurveyStatus.Open && !db.SurveyResponses.Any(r => r.SurveyId == s.Id && r.AgencyCode == mine))
                .OrderBy(s => s.ClosesOn).ToListAsync(ct);
        }
        else SurveysToAnswer = await db.Surveys.AsNoTracking().Where(s => s.Status == SurveyStatus.Open).OrderBy(s => s.ClosesOn).ToListAsync(ct);
        // Due dates first, undated last (ordering nulls portably: a flag, then the date).
        Actions = await actions.OrderBy(a => a.Due == null).ThenBy(a => a.Due).Take(50).ToListAsync(ct);
        AwaitingSignOff = await circulated.OrderBy(o => o.NoObjectionDeadline).ToListAsync(ct);
        Meetings = await db.Meetings.AsNoTracking().Where(m => m.Date >= Today).OrderBy(m => m.Date).Take(5).ToListAsync(ct);
        return Page();
    }

    public string Acronym(string code) => Acronyms.TryGetValue(code, out var a) ? a : code;
}
