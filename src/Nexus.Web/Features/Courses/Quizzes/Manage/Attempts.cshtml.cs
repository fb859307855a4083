using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;

namespace Nexus.Web.Features.Courses.Quizzes.Manage;

/// <summary>Staff view of one learner's attempts at a quiz, with every answer and its score.</summary>
public class AttemptsModel(AppDbContext db, IStringLocalizer<SharedResource> t, QuizService quizzes) : LearnerPage(db, t)
{
    public List<QuizAttempt> Attempts { get; private set; } = [];
    public QuizResult? Grade { get; private set; }

    public async Task<IActionResult> OnGetAsync(int courseId, int quizId, int registrationId, CancellationToken ct)
    {
        if (!await LoadAsync(courseId, quizId, registrationId, ct)) return NotFound();
        await quizzes.CloseOverdueAsync(quizId, [registrationId], ct);
        Attempts = await Db.QuizAttempts.AsNoTracking().AsSplitQuery().Include(a => a.Quiz)
            .Include(a => a.Answers).ThenInclude(x => x.Question).ThenInclude(q => q!.Options)
            .Where(a => a.QuizId == quizId && a.RegistrationId == registrationId).OrderBy(a => a.Number).ToListAsync(ct);
        foreach (var a in Attempts) GradedQuestion.Restore(a);
        Grade = (await QuizResults.BestByQuizAsync(Db, [registrationId], ct)).FirstOrDefault(r => r.QuizId == quizId);
        return Page();
    }
}
