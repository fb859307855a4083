using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;

namespace Nexus.Web.Features.Courses.Quizzes.Take;

/// <summary>A quiz as its learner sees it before starting: rules, attempts left, earlier grades; start or resume.</summary>
public class OverviewModel(QuizAccess access, QuizService quizzes, AppDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record AttemptRow(long Id, int Number, AttemptStatus Status, DateTime StartedAt, DateTime? SubmittedAt,
        decimal? Score, decimal MaxScore, decimal? Percent, bool? Passed);

    public LearnerQuiz Quiz { get; private set; } = null!;
    public List<AttemptRow> Attempts { get; private set; } = [];
    public int? Allowed { get; private set; }
    public int? Left { get; private set; }
    public int ExtraMinutes { get; private set; }
    public AttemptRow? Counted { get; private set; }
    public bool CountedPassed { get; private set; }
    public AttemptRow? Open => Attempts.FirstOrDefault(a => a.Status == AttemptStatus.InProgress);
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(int quizId, CancellationToken ct) =>
        await LoadAsync(quizId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostStartAsync(int quizId, CancellationToken ct)
    {
        if (await access.QuizAsync(quizId, User, ct) is not { } quiz) return NotFound();
        var result = await quizzes.StartAsync(quizId, quiz.Enrolment.RegistrationId, ct);
        switch (result.Outcome)
        {
            case StartOutcome.Started or StartOutcome.Resumed:
                return Redirect($"/learn/attempts/{result.AttemptId}");
            case StartOutcome.NoAttemptsLeft:
                Problem = t["You have no attempts left at this quiz."];
                break;
            case StartOutcome.NoQuestions:
                Problem = t["This quiz has no questions yet."];
                break;
            default:
                return NotFound();
        }
        await LoadAsync(quizId, ct);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<bool> LoadAsync(int quizId, CancellationToken ct)
    {
        if (await access.QuizAsync(quizId, User, ct) is not { } quiz) return false;
        Quiz = quiz;
        var registrationId = quiz.Enrolment.RegistrationId;
        await quizzes.CloseOverdueAsync(quizId, [registrationId], ct);
        Attempts = await db.QuizAttempts.AsNoTracking().Where(a => a.QuizId == quizId && a.RegistrationId == registrationId)
            .OrderBy(a => a.Number)
            .Select(a => new AttemptRow(a.Id, a.Number, a.Status, a.StartedAt, a.SubmittedAt, a.Score, a.MaxScore, a.Percent, a.Passed))
            .ToListAsync(ct);
        var over = await db.QuizOverrides.AsNoTracking().FirstOrDefaultAsync(o => o.QuizId == quizId && o.RegistrationId == registrationId, ct);
        ExtraMinutes = over?.ExtraMinutes ?? 0;
        Allowed = QuizGrading.AttemptsAllowed(quiz.Quiz.MaxAttempts, over?.ExtraAttempts ?? 0);
        Left = QuizGrading.AttemptsLeft(Allowed, Attempts.Count == 0 ? 0 : Attempts.Max(a => a.Number));
        var counted = QuizGrading.Counted(Attempts.Select(a => new AttemptResult(a.Id, a.Number, a.Status, a.Percent)), quiz.Quiz.GradeMethod);
        Counted = counted is null ? null : Attempts.First(a => a.Id == counted.AttemptId);
        CountedPassed = counted is not null && QuizGrading.Passes(counted.Percent!.Value, quiz.Quiz.PassPercent);
        return true;
    }

    public string When(DateTime utc) => AttemptView.When(utc, Quiz.TimeZone);
}
