using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Features.Coordination.Workplans;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Coordination.Space.Workplans;

/// <summary>
/// What every workplan page shares: who the user is to the group (the folder's policy lets staff and focal points
/// in; a focal point with no agency is refused here), form errors keyed by field id, and Post-Redirect-Get messages.
/// </summary>
public abstract class WorkplanPage(AppDbContext db, CoordinationAccess access, IStringLocalizer<SharedResource> localizer) : PageModel
{
    protected AppDbContext Db => db;
    protected IStringLocalizer<SharedResource> Localizer => localizer;
    protected CoordinationAccess Access => access;

    public GroupUser Group { get; private set; } = GroupUser.Public;
    public DateOnly Today { get; private set; }
    /// <summary>Messages by the id of the field they belong to, for the fields and the error summary.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>False when the user has no rights in the space: the caller answers <see cref="PageModel.Forbid()"/>.</summary>
    protected async Task<bool> EnterAsync(CancellationToken ct)
    {
        Group = await access.GetAsync(User, ct);
        Today = access.Today();
        return Group.CanEnterSpace;
    }

    protected void Show(FieldErrors errors)
    {
        foreach (var (key, message) in errors.Localized(localizer))
            Errors[key] = Errors.TryGetValue(key, out var before) ? before + " " + message : message;
    }

    protected RedirectResult Done(string url, LocalizedString message)
    {
        TempData["Message"] = message.Value;
        return Redirect(url);
    }

    protected Task<Workplan?> PlanAsync(int id, CancellationToken ct) => db.Workplans.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, ct);

    public string? Err(string field) => Errors.TryGetValue(field, out var m) ? m : null;

    /// <summary>The aria-describedby of a field: its hint and its error, when there are any.</summary>
    public string? Described(string field, string? hint = null) =>
        string.Join(' ', new[] { hint, Err(field) is null ? null : field + "-error" }.Where(x => x is not null)) is { Length: > 0 } d ? d : null;

    public static string PlanUrl(int workplanId) => $"/coordination/space/workplans/{workplanId}";
}
