using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;

namespace Nexus.Web.Features.Courses.Quizzes;

/// <summary>
/// The grade that counts for one learner (registration) at one quiz, by the quiz's grade method. Passed compares
/// that grade with the quiz's current pass mark, so lowering a pass mark lets earlier grades pass.
/// </summary>
public sealed record QuizResult(int RegistrationId, int QuizId, long AttemptId, decimal Percent, bool Passed, int Attempts);

/// <summary>Quiz grades for other parts of a course (progress, completion, the gradebook).</summary>
public static class QuizResults
{
    /// <summary>
    /// For each registration and each quiz it has a graded attempt at (submitted or timed out), the counted grade.
    /// Quizzes without such an attempt are absent. Attempts still open past their deadline are not graded yet:
    /// call <see cref="QuizService.CloseOverdueAsync"/> first to count them.
    /// </summary>
    public static async Task<List<QuizResult>> BestByQuizAsync(AppDbContext db, IReadOnlyCollection<int> registrationIds,
        CancellationToken ct)
    {
        if (registrationIds.Count == 0) return [];
        var rows = await (from a in db.QuizAttempts.AsNoTracking()
                          join q in db.Quizzes on a.QuizId equals q.Id
                          where registrationIds.Contains(a.RegistrationId)
                          select new { a.RegistrationId, a.QuizId, a.Id, a.Number, a.Status, a.Percent, q.GradeMethod, q.PassPercent })
            .ToListAsync(ct);
        var results = new List<QuizResult>();
        foreach (var g in rows.GroupBy(r => (r.RegistrationId, r.QuizId)))
        {
            var first = g.First();
            var counted = QuizGrading.Counted(g.Select(r => new AttemptResult(r.Id, r.Number, r.Status, r.Percent)), first.GradeMethod);
            if (counted is null) continue;
            results.Add(new QuizResult(g.Key.RegistrationId, g.Key.QuizId, counted.AttemptId, counted.Percent!.Value,
                QuizGrading.Passes(counted.Percent.Value, first.PassPercent), g.Count()));
        }
        return results;
    }
}
