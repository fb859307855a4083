using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Courses.Manage;

/// <summary>What the staff course pages share: form errors keyed by field id, and Post-Redirect-Get messages.</summary>
public abstract class CourseManagePage(IStringLocalizer<SharedResource> localizer) : PageModel
{
    protected IStringLocalizer<SharedResource> Localizer => localizer;

    /// <summary>Messages by the id of the field they belong to, for the fields and the error summary.</summary>
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

    /// <summary>The aria-describedby of a field: its hint and its error, when there are any.</summary>
    public string? Described(string field, string? hint = null) =>
        string.Join(' ', new[] { hint, Err(field) is null ? null : field + "-error" }.Where(x => x is not null)) is { Length: > 0 } d ? d : null;
}
