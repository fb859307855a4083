using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Projects.Manage;

/// <summary>Form errors keyed by field id and Post-Redirect-Get messages, shared by the staff pages of the folder.</summary>
public abstract class ManagePage(IStringLocalizer<SharedResource> localizer) : PageModel
{
    protected IStringLocalizer<SharedResource> Localizer => localizer;

    public Dictionary<string, string> Errors { get; } = new(StringComparer.OrdinalIgnoreCase);

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

    public string? Err(string field) => Errors.TryGetValue(field, out var m) ? m : null;

    public string? Described(string field) => Err(field) is null ? null : field + "-error";

    public string Invalid(string field) => Err(field) is null ? "false" : "true";
}
