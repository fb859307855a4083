using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Nexus.Web.Features.Courses.Quizzes.Take;

/// <summary>The grade of a finished attempt and, when the quiz shows feedback, the right answers and explanations.</summary>
public class ReviewModel(QuizAccess access, QuizService quizzes, TimeProvider clock) : PageModel
{
    public QuizAttempt Attempt { get; private set; } = null!;
    public string TimeZone { get; private set; } = "UTC";

    public async Task<IActionResult> OnGetAsync(long attemptId, CancellationToken ct)
    {
        if (await access.AttemptAsync(attemptId, User, ct) is not { } owner) return NotFound();
        var registrationId = owner.Enrolment.RegistrationId;
        var attempt = await quizzes.LoadAsync(attemptId, registrationId, ct);
        if (attempt is null) return NotFound();
        if (attempt.Status == AttemptStatus.InProgress)
        {
            if (QuizGrading.InTime(attempt.DeadlineAt, clock.GetUtcNow().UtcDateTime)) return Redirect($"/learn/attempts/{attemptId}");
            await quizzes.CloseOverdueAsync(attempt.QuizId, [registrationId], ct);
            attempt = await quizzes.LoadAsync(attemptId, registrationId, ct);
            if (attempt is null) return NotFound();
        }
        Attempt = attempt;
        TimeZone = owner.TimeZone;
        return Page();
    }
}
