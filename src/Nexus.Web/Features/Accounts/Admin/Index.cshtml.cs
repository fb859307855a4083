using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Features.Accounts.Tokens;

namespace Nexus.Web.Features.Accounts.Admin;

public sealed record UserRow(string Id, string Email, string FullName, IReadOnlyList<string> Roles, bool Disabled, DateTime CreatedAt);

public sealed record TokenRow(int Id, string Owner, string Name, string Prefix, string Scopes, DateTime CreatedAt, DateTime? ExpiresAt,
    DateTime? LastUsedAt, DateTime? RevokedAt);

/// <summary>
/// Administrators: accounts (roles, disable and enable) and every personal access token (revoke). Disabling an
/// account locks it and changes its security stamp, so its sessions end within the stamp-validation interval
/// and its tokens stop at once.
/// </summary>
public class IndexModel(AppDbContext db, UserManager<AppUser> users, TokenService tokens, TimeProvider clock,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public List<UserRow> Users { get; private set; } = [];
    public List<TokenRow> Tokens { get; private set; } = [];
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var query = db.Users.AsNoTracking();
        var q = (Q ?? "").Trim().ToUpperInvariant();
        if (q.Length is > 0 and <= 200) query = query.Where(u => u.NormalizedEmail!.Contains(q));
        var list = await query.OrderBy(u => u.Email).Take(200).ToListAsync(ct);
        var ids = list.Select(u => u.Id).ToList();
        var roles = await db.UserRoles.Where(ur => ids.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(ct);
        Users = list.Select(u => new UserRow(u.Id, u.Email ?? "", u.FullName,
            roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order().ToList(),
            u.LockoutEnd is { } end && end > now.AddYears(1), u.CreatedAt)).ToList();
        Tokens = await db.ApiTokens.AsNoTracking().OrderByDescending(x => x.CreatedAt).Take(200)
            .Select(x => new TokenRow(x.Id, x.User!.Email ?? "", x.Name, x.Prefix, x.Scopes, x.CreatedAt, x.ExpiresAt, x.LastUsedAt, x.RevokedAt))
            .ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostDisableAsync(string id) => await SetDisabledAsync(id, disabled: true);
    public async Task<IActionResult> OnPostEnableAsync(string id) => await SetDisabledAsync(id, disabled: false);

    public async Task<IActionResult> OnPostRevokeAsync(int tokenId)
    {
        var done = await tokens.RevokeAsync(tokenId, User.FindFirstValue(ClaimTypes.NameIdentifier)!, actorIsAdmin: true);
        TempData["Message"] = done ? t["Token revoked."].Value : t["This token was already revoked."].Value;
        return Redirect("/accounts/admin");
    }

    private async Task<IActionResult> SetDisabledAsync(string id, bool disabled)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        if (user.Id == User.FindFirstValue(ClaimTypes.NameIdentifier))
        {
            TempData["Message"] = t["You cannot disable your own account."].Value;
            return Redirect("/accounts/admin");
        }
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, disabled ? DateTimeOffset.MaxValue : null);
        // A new stamp ends the person's sessions at the next validation (within 30 seconds).
        await users.UpdateSecurityStampAsync(user);
        TempData["Message"] = disabled ? t["Account disabled."].Value : t["Account enabled."].Value;
        return Redirect("/accounts/admin");
    }
}
