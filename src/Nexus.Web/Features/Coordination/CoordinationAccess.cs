using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Nexus.Web.Data;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Coordination.Chairs;

namespace Nexus.Web.Features.Coordination;

/// <summary>
/// Who the signed-in user is to the group. Focal points speak for one agency; the focal points of the agency in the
/// chair also run the group (meetings, workplan, surveys) for the length of its term; staff can do everything.
/// </summary>
public sealed record GroupUser(string? UserId, string Name, bool IsStaff, string? AgencyCode, string? ChairAgencyCode)
{
    public static readonly GroupUser Public = new(null, "", false, null, null);

    /// <summary>A focal point linked to a member agency: one without (or of a non-member) sees nothing internal.</summary>
    public bool IsFocalPoint => AgencyCode is not null;
    public bool CanEnterSpace => IsStaff || IsFocalPoint;
    public bool IsChair => AgencyCode is not null && AgencyCode == ChairAgencyCode;
    /// <summary>Meetings, the workplan, surveys and the chairmanship's own records.</summary>
    public bool RunsGroup => IsStaff || IsChair;
    /// <summary>Comments, sign-offs, survey answers and led activities are given by the agency's own focal points.</summary>
    public bool SpeaksFor(string agencyCode) => IsFocalPoint && AgencyCode == agencyCode;
    public bool CanEditActivity(string leadAgencyCode) => RunsGroup || SpeaksFor(leadAgencyCode);
}

public sealed class CoordinationAccess(AppDbContext db, IOptions<CoordinationOptions> options, TimeProvider clock)
{
    public DateOnly Today() => Rotation.Today(clock.GetUtcNow(), options.Value.Zone());

    public async Task<GroupUser> GetAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        if (principal.Identity?.IsAuthenticated != true) return GroupUser.Public;
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var staff = principal.IsInRole(Roles.ProgrammeStaff) || principal.IsInRole(Roles.Administrator);
        var user = id is null ? null : await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.FullName, u.UserName, u.AgencyCode }).FirstOrDefaultAsync(ct);
        var agency = principal.IsInRole(Roles.AgencyFocalPoint) ? user?.AgencyCode : null;
        if (agency is not null)
        {
            // A focal point speaks for a member: the focal point of a partner that is not (or no longer) a member of
            // the group keeps the account but not the group's internal space.
            var today = Today();
            var member = await db.Agencies.AsNoTracking().AnyAsync(a => a.Code == agency && a.MemberSince != null && a.MemberSince <= today
                && (a.MemberUntil == null || a.MemberUntil >= today), ct);
            if (!member) agency = null;
        }
        var chair = agency is null ? null : await CurrentChairAsync(ct);
        var name = user is null ? "" : user.FullName is { Length: > 0 } n ? n : user.UserName ?? "";
        return new GroupUser(id, name, staff, agency, chair);
    }

    public async Task<string?> CurrentChairAsync(CancellationToken ct)
    {
        var today = Today();
        return await db.ChairTerms.AsNoTracking().Where(t => t.Start <= today && today <= t.End)
            .Select(t => t.AgencyCode).FirstOrDefaultAsync(ct);
    }
}
