using Microsoft.EntityFrameworkCore;
using Nexus.Web.Features.Courses;

namespace Nexus.Tests.Courses;

/// <summary>The constraints the course services lean on, checked on both databases.</summary>
public abstract class CourseModelTests(AppFixture fixture)
{
    private AppFactory App => fixture.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_built_course_reads_back_with_its_run_sessions_and_quiz_bank()
    {
        var built = await CourseTestData.CourseAsync(App, modules: 3);
        var course = await App.Db(db => db.Courses.AsNoTracking().Include(c => c.Modules).Include(c => c.Runs).ThenInclude(r => r.Sessions)
            .SingleAsync(c => c.Id == built.Course.Id, Ct));
        Assert.Equal([1, 2, 3], course.Modules.Select(m => m.Order).Order());
        Assert.Equal(3, course.Runs.Single().Sessions.Count);
        var questions = await App.Db(db => db.Questions.Include(q => q.Options).Where(q => q.BankId == built.Bank.Id).ToListAsync(Ct));
        Assert.Equal(4, questions.Count);
        Assert.Equal(["UNHCR"], questions.Single(q => q.Kind == QuestionKind.ShortAnswer).AcceptedAnswers);
    }

    [Fact]
    public async Task The_same_attempt_number_cannot_be_stored_twice_for_a_learner()
    {
        var built = await CourseTestData.CourseAsync(App);
        var learner = await CourseTestData.EnrolAsync(App, built.Run, TestData.UniqueEmail());
        await App.Db(async db =>
        {
            db.QuizAttempts.Add(new QuizAttempt { QuizId = built.Quiz.Id, RegistrationId = learner.Id, Number = 1, StartedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync(Ct);
        });
        await Assert.ThrowsAsync<DbUpdateException>(() => App.Db(async db =>
        {
            db.QuizAttempts.Add(new QuizAttempt { QuizId = built.Quiz.Id, RegistrationId = learner.Id, Number = 1, StartedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync(Ct);
        }));
    }

    [Fact]
    public async Task A_learner_is_marked_present_at_a_session_once()
    {
        var built = await CourseTestData.CourseAsync(App);
        var learner = await CourseTestData.EnrolAsync(App, built.Run, TestData.UniqueEmail());
        SessionAttendance Row() => new() { SessionId = built.Sessions[0].Id, RegistrationId = learner.Id, At = DateTime.UtcNow };
        await App.Db(async db => { db.SessionAttendance.Add(Row()); return await db.SaveChangesAsync(Ct); });
        await Assert.ThrowsAsync<DbUpdateException>(() => App.Db(async db => { db.SessionAttendance.Add(Row()); return await db.SaveChangesAsync(Ct); }));
    }
}

public sealed class CourseModelTestsOnSqlite(SqliteApp fixture) : CourseModelTests(fixture), IClassFixture<SqliteApp>;
public sealed class CourseModelTestsOnPostgres(PostgresApp fixture) : CourseModelTests(fixture), IClassFixture<PostgresApp>;
