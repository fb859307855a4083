using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;

namespace Nexus.Web.Features.Courses.Quizzes;

/// <summary>A published quiz as one learner meets it: through their enrolment in a run of its course.</summary>
public sealed record LearnerQuiz(Quiz Quiz, string ModuleTitle, int CourseId, string CourseTitle, string CourseSlug,
    Enrolment Enrolment, string TimeZone);

/// <summary>
/// Who may see a quiz or an attempt on the learner pages: the learner whose enrolment it is, found the way
/// <see cref="Enrolments"/> finds it (the account, or its confirmed email). Anyone else is answered 404.
/// </summary>
public sealed class QuizAccess(AppDbContext db, Enrolments enrolments)
{
    /// <summary>
    /// The quiz with the learner's newest active enrolment in a run of its course (a learner retaking the course
    /// in a later cohort starts afresh there). Null when the quiz is not published or the user is not enrolled.
    /// </summary>
    public async Task<LearnerQuiz?> QuizAsync(int quizId, ClaimsPrincipal user, CancellationToken ct)
    {
        var row = await db.Quizzes.AsNoTracking().Where(q => q.Id == quizId && q.Published)
            .Select(q => new { Quiz = q, Module = q.Module!.Title, q.Module.CourseId, Course = q.Module.Course!.Title, q.Module.Course.Slug })
            .FirstOrDefaultAsync(ct);
        if (row is null) return null;
        var enrolment = (await enrolments.AllForUserAsync(user, ct)).FirstOrDefault(e => e.CourseId == row.CourseId && e.Active);
        if (enrolment is null) return null;
        return new LearnerQuiz(row.Quiz, row.Module, row.CourseId, row.Course, row.Slug, enrolment, await TimeZoneAsync(enrolment.RunId, ct));
    }

    /// <summary>The enrolment an attempt belongs to, when it is one of the user's; null otherwise.</summary>
    public async Task<(Enrolment Enrolment, string TimeZone)?> AttemptAsync(long attemptId, ClaimsPrincipal user, CancellationToken ct)
    {
        var registrationId = await db.QuizAttempts.Where(a => a.Id == attemptId).Select(a => (int?)a.RegistrationId).FirstOrDefaultAsync(ct);
        if (registrationId is null) return null;
        var enrolment = (await enrolments.AllForUserAsync(user, ct)).FirstOrDefault(e => e.RegistrationId == registrationId);
        if (enrolment is null) return null;
        return (enrolment, await TimeZoneAsync(enrolment.RunId, ct));
    }

    private async Task<string> TimeZoneAsync(int runId, CancellationToken ct) =>
        await db.CourseRuns.Where(r => r.Id == runId).Select(r => r.Event!.TimeZone).FirstOrDefaultAsync(ct) ?? "UTC";
}
