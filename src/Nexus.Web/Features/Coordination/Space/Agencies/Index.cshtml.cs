using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Agencies;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Coordination.Space.Agencies;

/// <summary>
/// The member agencies and their focal points. Members see who speaks for whom; staff edit an agency's kind and
/// membership dates and link a user account to an agency as its focal point.
/// </summary>
public class IndexModel(AppDbContext db, UserManager<AppUser> users, CoordinationAccess access, IStringLocalizer<SharedResource> t) : PageModel
{
    public GroupUser Me { get; private set; } = GroupUser.Public;
    public DateOnly Today { get; private set; }
    public List<Agency> Agencies { get; private set; } = [];
    public ILookup<string, AppUser> FocalPoints { get; private set; } = Enumerable.Empty<AppUser>().ToLookup(u => "");
    public Dictionary<string, string> Errors { get; private set; } = new();
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public AgencyKind? Kind { get; set; }
    [BindProperty] public DateOnly? MemberSince { get; set; }
    [BindProperty] public DateOnly? MemberUntil { get; set; }
    [BindProperty] public string? Website { get; set; }

    public async Task<IActionResult> OnGetAsync(string? edit, CancellationToken ct)
    {
        Me = await access.GetAsync(User, ct);
        if (!Me.CanEnterSpace) return Forbid();
        await LoadAsync(ct);
        // The edit form starts from the agency's stored values, so saving it never blanks what was not retyped.
        if (Agencies.FirstOrDefault(a => a.Code == edit) is { } agency)
            (Code, Kind, MemberSince, MemberUntil, Website) = (agency.Code, agency.Kind, agency.MemberSince, agency.MemberUntil, agency.Website);
        return Page();
    }

    public async Task<IActionResult> OnPostAgencyAsync(CancellationToken ct)
    {
        Me = await access.GetAsync(User, ct);
        if (!Me.IsStaff) return Forbid();
        var errors = new FieldErrors();
        var agency = await db.Agencies.FirstOrDefaultAsync(a => a.Code == Code, ct);
        if (agency is null) errors.Add("code", "Choose an agency.");
        if (Kind is null || !Enum.IsDefined(Kind.Value)) errors.Add("kind", "Choose the kind of organisation.");
        if (MemberSince is { } s && MemberUntil is { } u && u < s) errors.Add("memberUntil", "Membership ends before it starts.");
        if (MemberUntil is not null && MemberSince is null) errors.Add("memberSince", "Enter when the membership started.");
        var site = errors.Text("website", Website, 500, required: false);
        if (site.Length > 0 && !(Uri.TryCreate(site, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
            errors.Add("website", "Enter a web address starting with https://.");
        if (!errors.Any)
        {
            agency!.Kind = Kind!.Value;
            agency.MemberSince = MemberSince;
            agency.MemberUntil = MemberUntil;
            agency.Website = site.Length == 0 ? null : site;
            await db.SaveChangesAsync(ct);
            return Redirect($"/coordination/space/agencies#agency-{agency.Code}");
        }
        Errors = errors.Localized(t);
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>Makes the account with this email a focal point of the agency (an account speaks for one agency).</summary>
    public async Task<IActionResult> OnPostLinkAsync(string? agency, string? email, CancellationToken ct)
    {
        Me = await access.GetAsync(User, ct);
        if (!Me.IsStaff) return Forbid();
        var errors = new FieldErrors();
        var address = errors.Email("email", email);
        if (string.IsNullOrWhiteSpace(agency) || !await db.Agencies.AnyAsync(a => a.Code == agency, ct)) errors.Add("agency", "Choose an agency.");
        var user = errors.Any ? null : await users.FindByEmailAsync(address);
        if (!errors.Any && user is null) errors.Add("email", "No account has this email address: ask the person to register first.");
        if (!errors.Any)
        {
            if (!await users.IsInRoleAsync(user!, Roles.AgencyFocalPoint))
            {
                var result = await users.AddToRoleAsync(user!, Roles.AgencyFocalPoint);
                if (!result.Succeeded) errors.Add("email", "The account could not be given the focal point role.");
            }
            if (!errors.Any)
            {
                user!.AgencyCode = agency;
                await users.UpdateAsync(user);
                return Redirect($"/coordination/space/agencies#agency-{agency}");
            }
        }
        Errors = errors.Localized(t);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostUnlinkAsync(string userId, CancellationToken ct)
    {
        Me = await access.GetAsync(User, ct);
        if (!Me.IsStaff) return Forbid();
        var user = await users.FindByIdAsync(userId);
        if (user is null) return NotFound();
        var agency = user.AgencyCode;
        user.AgencyCode = null;
        await users.UpdateAsync(user);
        await users.RemoveFromRoleAsync(user, Roles.AgencyFocalPoint);
        return Redirect($"/coordination/space/agencies#agency-{agency}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Today = access.Today();
        Agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.Acronym).ToListAsync(ct);
        var focal = await users.GetUsersInRoleAsync(Roles.AgencyFocalPoint);
        FocalPoints = focal.Where(u => u.AgencyCode is not null).OrderBy(u => u.FullName).ToLookup(u => u.AgencyCode!);
    }

    public string? Err(string field) => Errors.TryGetValue(field, out var m) ? m : null;
}
