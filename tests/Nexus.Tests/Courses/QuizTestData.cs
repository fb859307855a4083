using Microsoft.EntityFrameworkCore;
using Nexus.Web.Features.Courses;
using Nexus.Web.Features.Courses.Quizzes;

namespace Nexus.Tests.Courses;

/// <summary>Quiz settings and answers for the quiz tests, on top of <see cref="CourseTestData"/>.</summary>
public static class QuizTestData
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Changes the quiz's settings (attempts, time limit, grade method...) directly in the database.</summary>
    public static Task SetAsync(AppFactory app, int quizId, Action<Quiz> change) => app.Db(async db =>
    {
        var quiz = await db.Quizzes.SingleAsync(q => q.Id == quizId, Ct);
        change(quiz);
        return await db.SaveChangesAsync(Ct);
    });

    public static Task<StartResult> StartAsync(AppFactory app, int quizId, int registrationId) =>
        app.With<QuizService, StartResult>(s => s.StartAsync(quizId, registrationId, Ct));

    public static Task<SubmitResult> SubmitAsync(AppFactory app, long attemptId, int registrationId, IReadOnlyDictionary<int, QuizResponse?>? responses) =>
        app.With<QuizService, SubmitResult>(s => s.SubmitAsync(attemptId, registrationId, responses, Ct));

    public static Task<SaveResult> SaveAsync(AppFactory app, long attemptId, int registrationId, IReadOnlyDictionary<int, QuizResponse?> responses) =>
        app.With<QuizService, SaveResult>(s => s.SaveAsync(attemptId, registrationId, responses, Ct));

    public static Task<QuizAttempt> AttemptAsync(AppFactory app, long attemptId) => app.Db(db =>
        db.QuizAttempts.AsNoTracking().AsSplitQuery().Include(a => a.Answers).ThenInclude(x => x.Question).ThenInclude(q => q!.Options)
            .SingleAsync(a => a.Id == attemptId, Ct));

    /// <summary>The right response to every question of the attempt.</summary>
    public static async Task<Dictionary<int, QuizResponse?>> RightAsync(AppFactory app, long attemptId) =>
        (await AttemptAsync(app, attemptId)).Answers.ToDictionary(a => a.QuestionId, a => (QuizResponse?)Right(a.Question!));

    /// <summary>A wrong response to every question of the attempt.</summary>
    public static async Task<Dictionary<int, QuizResponse?>> WrongAsync(AppFactory app, long attemptId) =>
        (await AttemptAsync(app, attemptId)).Answers.ToDictionary(a => a.QuestionId, a => (QuizResponse?)Wrong(a.Question!));

    public static QuizResponse Right(Question q) => q.Kind switch
    {
        QuestionKind.SingleChoice or QuestionKind.MultipleChoice => new QuizResponse { Options = q.Options.Where(o => o.Correct).Select(o => o.Id).ToList() },
        QuestionKind.TrueFalse => new QuizResponse { Value = q.TrueFalseAnswer },
        QuestionKind.ShortAnswer => new QuizResponse { Text = q.AcceptedAnswers[0] },
        _ => new QuizResponse { Pairs = q.Options.ToDictionary(o => o.Id, o => o.Id) },
    };

    public static QuizResponse Wrong(Question q) => q.Kind switch
    {
        QuestionKind.SingleChoice => new QuizResponse { Options = [q.Options.First(o => !o.Correct).Id] },
        QuestionKind.MultipleChoice => new QuizResponse { Options = q.Options.Where(o => !o.Correct).Select(o => o.Id).ToList() },
        QuestionKind.TrueFalse => new QuizResponse { Value = !q.TrueFalseAnswer },
        QuestionKind.ShortAnswer => new QuizResponse { Text = "no idea" },
        _ => new QuizResponse { Pairs = new Dictionary<int, int>() },
    };
}
