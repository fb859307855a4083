using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Features.Registrations;

namespace Nexus.Web.Features.Courses.Quizzes.Manage;

/// <summary>The learners of one run at a quiz: attempts, the grade that counts, and their extra time or attempts.</summary>
public class LearnersModel(AppDbContext db, IStringLocalizer<SharedResource> t, QuizService quizzes) : QuizManagePage(db, t)
{
    public sealed record RunOption(int Id, string Title);
    public sealed record Row(int RegistrationId, string Name, string Email, RegistrationStatus Status, int Attempts, bool Open,
        QuizResult? Grade, QuizOverride? Override);

    public Quiz Quiz { get; private set; } = null!;
    public List<RunOption> Runs { get; private set; } = [];
    public int? RunId { get; private set; }
    public List<Row> Learners { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int courseId, int quizId, int? run, CancellationToken ct)
    {
        if (!await CourseAsync(courseId, ct)) return NotFound();
        var quiz = await Db.Quizzes.AsNoTracking().FirstOrDefaultAsync(q => q.Id == quizId && q.Module!.CourseId == courseId, ct);
        if (quiz is null) return NotFound();
        Quiz = quiz;
        Runs = await Db.CourseRuns.AsNoTracking().Where(r => r.CourseId == courseId).OrderByDescending(r => r.Event!.StartsAt)
            .Select(r => new RunOption(r.Id, r.Title)).ToListAsync(ct);
        // The newest run unless another is asked for; an unknown run shows none.
        RunId = run is null ? Runs.FirstOrDefault()?.Id : Runs.FirstOrDefault(r => r.Id == run)?.Id;
        if (RunId is null) return Page();

        var active = Enrolments.ActiveStatuses;
        var enrolled = await (from r in Db.Registrations.AsNoTracking()
                              join cr in Db.CourseRuns on r.EventId equals cr.EventId
                              where cr.Id == RunId && active.Contains(r.Status)
                              orderby r.FullName, r.Id
                              select new { r.Id, r.FullName, r.Email, r.Status }).ToListAsync(ct);
        var ids = enrolled.Select(e => e.Id).ToList();
        await quizzes.CloseOverdueAsync(quizId, ids, ct);
        var attempts = await Db.QuizAttempts.AsNoTracking().Where(a => a.QuizId == quizId && ids.Contains(a.RegistrationId))
            .GroupBy(a => a.RegistrationId)
            .Select(g => new { g.Key, Count = g.Count(), Open = g.Any(a => a.Status == AttemptStatus.InProgress) }).ToListAsync(ct);
        var grades = (await QuizResults.BestByQuizAsync(Db, ids, ct)).Where(r => r.QuizId == quizId).ToDictionary(r => r.RegistrationId);
        var overrides = await Db.QuizOverrides.AsNoTracking().Where(o => o.QuizId == quizId && ids.Contains(o.RegistrationId))
            .ToDictionaryAsync(o => o.RegistrationId, ct);
        Learners = enrolled.Select(e =>
        {
            var a = attempts.FirstOrDefault(x => x.Key == e.Id);
            return new Row(e.Id, e.FullName, e.Email, e.Status, a?.Count ?? 0, a?.Open ?? false, grades.GetValueOrDefault(e.Id), overrides.GetValueOrDefault(e.Id));
        }).ToList();
        return Page();
    }

    public string LearnerUrl(int registrationId) => $"{QuizUrl(Quiz.Id)}/learners/{registrationId}";
}
