using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Courses.Quizzes.Manage;

/// <summary>
/// What the staff pages of banks and quizzes share beyond the course pages' form handling: the course they belong
/// to (a bank or quiz of another course is not found). The folder is for staff only.
/// </summary>
public abstract class QuizManagePage(AppDbContext db, IStringLocalizer<SharedResource> localizer)
    : Courses.Manage.CourseManagePage(localizer)
{
    protected AppDbContext Db => db;

    public int CourseId { get; private set; }
    public string CourseTitle { get; private set; } = "";

    protected async Task<bool> CourseAsync(int courseId, CancellationToken ct)
    {
        var title = await db.Courses.Where(c => c.Id == courseId).Select(c => c.Title).FirstOrDefaultAsync(ct);
        if (title is null) return false;
        (CourseId, CourseTitle) = (courseId, title);
        return true;
    }

    public string BanksUrl => $"/courses/manage/{CourseId}/banks";
    public string QuizzesUrl => $"/courses/manage/{CourseId}/quizzes";
    public string BankUrl(int bankId) => $"{BanksUrl}/{bankId}";

    public string QuestionUrl(int bankId, int questionId) => $"{BankUrl(bankId)}/questions/{questionId}";
    public string QuizUrl(int quizId) => $"{QuizzesUrl}/{quizId}";
}
