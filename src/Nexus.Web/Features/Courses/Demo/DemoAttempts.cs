using Nexus.Web.Data;
using Nexus.Web.Features.Courses.Quizzes;

namespace Nexus.Web.Features.Courses.Demo;

/// <summary>Past attempts at a quiz, drawn and graded by the same rules as live ones.</summary>
internal static class DemoAttempts
{
    /// <summary>
    /// One attempt, and a second when the first fails (as most learners would retake); returns the best grade when
    /// one passed, else null. Each answer is right with a probability that differs from learner to learner.
    /// </summary>
    public static decimal? Write(AppDbContext db, Random rng, Quiz quiz, List<Question> questions, int registrationId, DateTime courseEnd)
    {
        var skill = 0.55 + (rng.NextDouble() * 0.45);
        var byBank = new Dictionary<int, List<Question>> { [quiz.Draws[0].BankId] = questions };
        decimal? best = null;
        var started = courseEnd.AddHours(-2).AddMinutes(rng.Next(0, 60));
        for (var number = 1; number <= 2; number++)
        {
            var attempt = new QuizAttempt
            {
                QuizId = quiz.Id, RegistrationId = registrationId, Number = number, StartedAt = started,
                DeadlineAt = QuizGrading.Deadline(started, quiz.TimeLimitMinutes, 0),
                SubmittedAt = started.AddMinutes(rng.Next(4, 12)), Status = AttemptStatus.Submitted,
            };
            var drawn = QuizGrading.Draw(quiz.Draws, byBank, quiz.ShuffleQuestions, rng);
            var scores = new List<(decimal Score, decimal Points)>();
            for (var i = 0; i < drawn.Count; i++)
            {
                var q = drawn[i].Question;
                var response = rng.NextDouble() < skill ? Right(q) : Wrong(q);
                var score = QuizGrading.Score(q, response);
                scores.Add((score, q.Points));
                attempt.Answers.Add(new AttemptAnswer
                {
                    QuestionId = q.Id, Order = i + 1, OptionOrder = QuizGrading.FormatOrder(drawn[i].OptionOrder),
                    Response = QuizResponse.ToJson(response), Score = score,
                });
            }
            var grade = QuizGrading.Grade(scores, quiz.PassPercent);
            (attempt.Score, attempt.MaxScore, attempt.Percent, attempt.Passed) = (grade.Score, grade.MaxScore, grade.Percent, grade.Passed);
            db.QuizAttempts.Add(attempt);
            if (grade.Passed) best = best is null ? grade.Percent : Math.Max(best.Value, grade.Percent);
            if (grade.Passed || rng.NextDouble() < 0.3) break;
            started = started.AddDays(rng.Next(1, 4));
        }
        return best;
    }

    private static QuizResponse Right(Question q) => q.Kind switch
    {
        QuestionKind.TrueFalse => new QuizResponse { Value = q.TrueFalseAnswer },
        QuestionKind.ShortAnswer => new QuizResponse { Text = q.AcceptedAnswers[0] },
        QuestionKind.Matching => new QuizResponse { Pairs = q.Options.ToDictionary(o => o.Id, o => o.Id) },
        _ => new QuizResponse { Options = q.Options.Where(o => o.Correct).Select(o => o.Id).ToList() },
    };

    private static QuizResponse Wrong(Question q) => q.Kind switch
    {
        QuestionKind.TrueFalse => new QuizResponse { Value = !q.TrueFalseAnswer },
        QuestionKind.ShortAnswer => new QuizResponse { Text = "I do not remember" },
        // Every left-hand item paired with the next one's match: all pairs wrong.
        QuestionKind.Matching => new QuizResponse
        {
            Pairs = q.Options.Select((o, i) => (o.Id, Next: q.Options[(i + 1) % q.Options.Count].Id)).ToDictionary(p => p.Id, p => p.Next),
        },
        _ => new QuizResponse { Options = q.Options.Where(o => !o.Correct).Take(1).Select(o => o.Id).ToList() },
    };
}
