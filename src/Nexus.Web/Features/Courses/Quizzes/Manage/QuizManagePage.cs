using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Courses.Quizzes.Manage;

/// <summary>
/// What the staff pages of banks and quizzes share: the course they belong to (a bank or quiz of another course is
/// not found), form errors keyed by field id, and Post-Redirect-Get messages. The folder is for staff only.
/// </summary>
public abstract class QuizManagePage(AppDbContext db, IStringLocalizer<SharedResource> localizer) : PageModel
{
    protected AppDbContext Db => db;
    protected IStringLocalizer<SharedResource> Localizer => localizer;

    public int CourseId { get; private set; }
    public string CourseTitle { get; private set; } = "";
    public Dictionary<string, string> Errors { get; } = new(StringComparer.OrdinalIgnoreCase);

    protected async Task<bool> CourseAsync(int courseId, CancellationToken ct)
    {
        var title = await db.Courses.Where(c => c.Id == courseId).Select(c => c.Title).FirstOrDefaultAsync(ct);
        if (title is null) return false;
        (CourseId, CourseTitle) = (courseId, title);
        return true;
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

    public string? Err(string field) => Errors.TryGetValue(field, out var m) ? m : null;

    /// <summary>The aria-describedby of a field: its hint and its error, when there are any.</summary>
    public string? Described(string field, string? hint = null) =>
        string.Join(' ', new[] { hint, Err(field) is null ? null : field + "-error" }.Where(x => x is not null)) is { Length: > 0 } d ? d : null;

    public string BanksUrl => $"/courses/manage/{CourseId}/banks";
    public string QuizzesUrl => $"/courses/manage/{CourseId}/quizzes";
    public string BankUrl(int bankId) => $"{BanksUrl}/{bankId}";
    public string QuizUrl(int quizId) => $"{QuizzesUrl}/{quizId}";
}
