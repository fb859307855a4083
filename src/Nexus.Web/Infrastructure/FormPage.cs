using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Nexus.Web.Infrastructure;

/// <summary>
/// What staff form pages share: messages keyed by field id (for the fields, their aria attributes and the error
/// summary), and Post-Redirect-Get with a one-time message.
/// </summary>
public abstract class FormPage(IStringLocalizer<SharedResource> localizer) : PageModel
{
    protected IStringLocalizer<SharedResource> Localizer => localizer;

    public Dictionary<string, string> Errors { get; } = new(StringComparer.OrdinalIgnoreCase);

    protected void Show(FieldErrors errors)
    {
        foreach (var (key, message) in errors.Localized(localizer))
            Errors[key] = Errors.TryGetValue(key, out var before) ? before + " " + message : message;
    }

    /// <summary>One message on one field: a conflict found while saving, after the fields themselves were valid.</summary>
    protected void Show(string field, string message, params object[] args)
    {
        var errors = new FieldErrors();
        errors.Add(field, message, args);
        Show(errors);
    }

    /// <summary>
    /// The record version a form posted in <c>Input.Version</c>. A missing field, or one that does not bind as a
    /// number (a tampered or truncated form), is -1, which no record has: the form then counts as stale, rather than
    /// as version 0, which a record never saved through a form has.
    /// </summary>
    protected int PostedVersion(int bound) =>
        Request.HasFormContentType && Request.Form.ContainsKey("Input.Version")
        && ModelState.GetValidationState("Input.Version") != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid
            ? bound : -1;

    protected RedirectResult Done(string url, LocalizedString message)
    {
        TempData["Message"] = message.Value;
        return Redirect(url);
    }

    public string? Err(string field) => Errors.TryGetValue(field, out var m) ? m : null;

    /// <summary>The aria-describedby of a field: its hint and its error, when there are any.</summary>
    public string? Described(string field, string? hint = null) =>
        string.Join(' ', new[] { hint, Err(field) is null ? null : field + "-error" }.Where(x => x is not null)) is { Length: > 0 } d ? d : null;

    public string Invalid(string field) => Err(field) is null ? "false" : "true";
}
