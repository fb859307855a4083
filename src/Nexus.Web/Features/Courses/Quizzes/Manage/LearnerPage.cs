using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;

namespace Nexus.Web.Features.Courses.Quizzes.Manage;

/// <summary>A staff page about one learner (a registration for a run of the course) at one quiz.</summary>
public abstract class LearnerPage(AppDbContext db, IStringLocalizer<SharedResource> t) : QuizManagePage(db, t)
{
    public sealed record LearnerInfo(int RegistrationId, string Name, string Email, string Run, string TimeZone);

    public Quiz Quiz { get; private set; } = null!;
    public LearnerInfo Learner { get; private set; } = null!;

    /// <summary>False (the page answers 404) unless the quiz is of the course and the registration of one of its runs.</summary>
    protected async Task<bool> LoadAsync(int courseId, int quizId, int registrationId, CancellationToken ct)
    {
        if (!await CourseAsync(courseId, ct)) return false;
        var quiz = await Db.Quizzes.AsNoTracking().FirstOrDefaultAsync(q => q.Id == quizId && q.Module!.CourseId == courseId, ct);
        if (quiz is null) return false;
        var learner = await (from r in Db.Registrations.AsNoTracking()
                             join run in Db.CourseRuns on r.EventId equals run.EventId
                             where r.Id == registrationId && run.CourseId == courseId
                             select new LearnerInfo(r.Id, r.FullName, r.Email, run.Title, run.Event!.TimeZone)).FirstOrDefaultAsync(ct);
        if (learner is null) return false;
        (Quiz, Learner) = (quiz, learner);
        return true;
    }

    public string LearnersUrl => $"{QuizUrl(Quiz.Id)}/learners";
    public string LearnerUrl => $"{LearnersUrl}/{Learner.RegistrationId}";
}
