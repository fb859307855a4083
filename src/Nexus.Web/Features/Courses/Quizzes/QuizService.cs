using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Infrastructure;
using Npgsql;

namespace Nexus.Web.Features.Courses.Quizzes;

public enum StartOutcome { Started, Resumed, NotFound, NotEnrolled, NoAttemptsLeft, NoQuestions }

public sealed record StartResult(StartOutcome Outcome, long? AttemptId = null);

public enum SaveOutcome { Saved, Invalid, Closed, NotFound }

public sealed record SaveResult(SaveOutcome Outcome, FieldErrors? Errors = null);

public enum SubmitOutcome
{
    /// <summary>This call graded the attempt.</summary>
    Graded,
    /// <summary>The deadline and its grace had passed: closed and graded on the answers saved in time.</summary>
    TimedOut,
    /// <summary>Already graded (a second click, a second tab): the stored grade is returned unchanged.</summary>
    AlreadyClosed,
    Invalid,
    NotFound,
}

public sealed record SubmitResult(SubmitOutcome Outcome, QuizAttempt? Attempt = null, FieldErrors? Errors = null);

/// <summary>
/// Taking a quiz: starting (or resuming) an attempt, saving answers, submitting, and closing attempts whose time ran
/// out. Every method takes the registration id of the enrolment the caller has already checked belongs to the user;
/// an attempt of another registration is not found.
/// </summary>
public sealed class QuizService(AppDbContext db, TimeProvider clock, ILogger<QuizService> log)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Starts an attempt, or returns the one in progress. Two tabs starting at once both compute the same next
    /// number; the unique index (quiz, registration, number) lets one insert win, and the other returns that attempt.
    /// </summary>
    public async Task<StartResult> StartAsync(int quizId, int registrationId, CancellationToken ct, Random? random = null)
    {
        var quiz = await db.Quizzes.AsNoTracking().Include(q => q.Draws).Include(q => q.Module)
            .FirstOrDefaultAsync(q => q.Id == quizId && q.Published, ct);
        if (quiz?.Module is null) return new StartResult(StartOutcome.NotFound);
        if (!await IsActiveEnrolmentAsync(quiz.Module.CourseId, registrationId, ct)) return new StartResult(StartOutcome.NotEnrolled);

        await CloseOverdueAsync(quizId, [registrationId], ct);
        // One statement reads both the open attempt and the last number: read separately, a tab starting between the
        // two reads would be missed by the first and counted by the second, and this one would start attempt 2.
        var mine = await db.QuizAttempts.Where(a => a.QuizId == quizId && a.RegistrationId == registrationId)
            .Select(a => new { a.Id, a.Number, a.Status }).ToListAsync(ct);
        if (mine.Where(a => a.Status == AttemptStatus.InProgress).OrderBy(a => a.Number).FirstOrDefault() is { } open)
            return new StartResult(StartOutcome.Resumed, open.Id);
        var used = mine.Count == 0 ? 0 : mine.Max(a => a.Number);
        var over = await db.QuizOverrides.AsNoTracking()
            .FirstOrDefaultAsync(o => o.QuizId == quizId && o.RegistrationId == registrationId, ct);
        if (!QuizGrading.MayStart(QuizGrading.AttemptsAllowed(quiz.MaxAttempts, over?.ExtraAttempts ?? 0), used))
            return new StartResult(StartOutcome.NoAttemptsLeft);

        var bankIds = quiz.Draws.Select(d => d.BankId).Distinct().ToList();
        var questions = await db.Questions.AsNoTracking().Include(q => q.Options)
            .Where(q => bankIds.Contains(q.BankId) && !q.Retired).ToListAsync(ct);
        var drawn = QuizGrading.Draw(quiz.Draws, questions.GroupBy(q => q.BankId).ToDictionary(g => g.Key, g => g.ToList()),
            quiz.ShuffleQuestions, random ?? Random.Shared);
        if (drawn.Count == 0) return new StartResult(StartOutcome.NoQuestions);

        var now = Now;
        var attempt = new QuizAttempt
        {
            QuizId = quizId, RegistrationId = registrationId, Number = used + 1, StartedAt = now, Status = AttemptStatus.InProgress,
            DeadlineAt = QuizGrading.Deadline(now, quiz.TimeLimitMinutes, over?.ExtraMinutes ?? 0),
            MaxScore = drawn.Sum(d => Math.Round(Math.Max(0, d.Question.Points), 2)),
            Answers = drawn.Select((d, i) => new AttemptAnswer
            {
                QuestionId = d.Question.Id, Order = i + 1, OptionOrder = QuizGrading.FormatOrder(d.OptionOrder),
            }).ToList(),
        };
        db.QuizAttempts.Add(attempt);
        try
        {
            await db.SaveChangesAsync(ct);
            return new StartResult(StartOutcome.Started, attempt.Id);
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            var other = await OpenAttemptAsync(quizId, registrationId, ct)
                        ?? await db.QuizAttempts.Where(a => a.QuizId == quizId && a.RegistrationId == registrationId && a.Number == used + 1)
                            .Select(a => (long?)a.Id).FirstOrDefaultAsync(ct);
            if (other is null) throw;
            log.LogInformation("Attempt {Number} at quiz {QuizId} was started twice at once; the second start resumed it.", used + 1, quizId);
            return new StartResult(StartOutcome.Resumed, other);
        }
    }

    /// <summary>Stores the responses of an attempt in progress. Refused as a whole when one of them is not acceptable.</summary>
    public async Task<SaveResult> SaveAsync(long attemptId, int registrationId, IReadOnlyDictionary<int, QuizResponse?> responses,
        CancellationToken ct)
    {
        var attempt = await LoadAsync(attemptId, registrationId, ct);
        if (attempt is null) return new SaveResult(SaveOutcome.NotFound);
        if (attempt.Status != AttemptStatus.InProgress) return new SaveResult(SaveOutcome.Closed);
        if (!QuizGrading.InTime(attempt.DeadlineAt, Now))
        {
            await FinishAsync(attempt.Id, AttemptStatus.TimedOut, attempt.DeadlineAt!.Value, null, ct);
            return new SaveResult(SaveOutcome.Closed);
        }
        var (clean, errors) = Check(attempt, responses);
        if (errors.Any) return new SaveResult(SaveOutcome.Invalid, errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Holds the attempt's row while the answers are written, so a submission cannot grade between the check and
        // the write (it waits, and then grades what was saved); zero rows means it was submitted meanwhile.
        if (await ClaimAsync(attemptId, AttemptStatus.InProgress, null, ct) == 0) return new SaveResult(SaveOutcome.Closed);
        await WriteResponsesAsync(attemptId, clean, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new SaveResult(SaveOutcome.Saved);
    }

    /// <summary>
    /// Submits and grades an attempt exactly once. Several submissions of one attempt at the same moment (a double
    /// click, two tabs, the countdown and the learner) race for one conditional update of its status; the one that
    /// changes the row grades it, the others find it graded and return the stored grade. A submission arriving after
    /// the deadline and its grace is not counted: the attempt closes as timed out with the answers saved before.
    /// </summary>
    public async Task<SubmitResult> SubmitAsync(long attemptId, int registrationId, IReadOnlyDictionary<int, QuizResponse?>? responses,
        CancellationToken ct)
    {
        var attempt = await LoadAsync(attemptId, registrationId, ct);
        if (attempt is null) return new SubmitResult(SubmitOutcome.NotFound);
        if (attempt.Status != AttemptStatus.InProgress) return new SubmitResult(SubmitOutcome.AlreadyClosed, attempt);
        var now = Now;
        if (!QuizGrading.InTime(attempt.DeadlineAt, now))
            return await FinishAsync(attempt.Id, AttemptStatus.TimedOut, attempt.DeadlineAt!.Value, null, ct);
        Dictionary<int, QuizResponse?>? clean = null;
        if (responses is not null)
        {
            FieldErrors errors;
            (clean, errors) = Check(attempt, responses);
            if (errors.Any) return new SubmitResult(SubmitOutcome.Invalid, attempt, errors);
        }
        return await FinishAsync(attempt.Id, AttemptStatus.Submitted, now, clean, ct);
    }

    /// <summary>
    /// Closes as timed out, graded on the answers saved in time, the attempts of these registrations (at one quiz, or
    /// every quiz when <paramref name="quizId"/> is null) whose deadline and grace have passed. Called when a learner
    /// opens a quiz or an attempt and by staff pages, so that what they see is already closed; the background job
    /// (<see cref="OverdueAttemptJob"/>) closes the rest within a minute or so.
    /// </summary>
    public async Task<int> CloseOverdueAsync(int? quizId, IReadOnlyCollection<int> registrationIds, CancellationToken ct) =>
        (await CloseAsync(Overdue().Where(a => registrationIds.Contains(a.RegistrationId) && (quizId == null || a.QuizId == quizId)), ct)).Count;

    /// <summary>
    /// Closes up to <paramref name="limit"/> overdue attempts of anyone, the longest overdue first, and gives the
    /// registrations whose attempts it closed (their course may now be complete).
    /// </summary>
    public async Task<IReadOnlyList<int>> CloseAllOverdueAsync(int limit, CancellationToken ct) =>
        (await CloseAsync(Overdue().OrderBy(a => a.DeadlineAt).ThenBy(a => a.Id).Take(limit), ct)).Distinct().ToList();

    private IQueryable<QuizAttempt> Overdue()
    {
        var cutoff = Now - QuizGrading.Grace;
        return db.QuizAttempts.AsNoTracking().Where(a => a.Status == AttemptStatus.InProgress && a.DeadlineAt != null && a.DeadlineAt < cutoff);
    }

    /// <summary>Closes these attempts at their deadlines; the registrations of those this call closed (not another instance).</summary>
    private async Task<List<int>> CloseAsync(IQueryable<QuizAttempt> attempts, CancellationToken ct)
    {
        var overdue = await attempts.Select(a => new { a.Id, a.RegistrationId, Deadline = a.DeadlineAt!.Value }).ToListAsync(ct);
        var closed = new List<int>();
        foreach (var a in overdue)
            if ((await FinishAsync(a.Id, AttemptStatus.TimedOut, a.Deadline, null, ct)).Outcome == SubmitOutcome.TimedOut) closed.Add(a.RegistrationId);
        return closed;
    }

    /// <summary>
    /// Grades again, on the question as it is now, every graded answer to it (after staff corrected a right answer,
    /// say): each answer's score and its copy of the question, then each attempt's grade from its answers' copies.
    /// Open attempts are left alone; they are graded on the current question when they close. Completions and
    /// certificates already recorded stay. Returns the attempts regraded and how many of their grades changed.
    /// </summary>
    public async Task<(int Attempts, int Changed)> RegradeAsync(int questionId, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var question = await db.Questions.AsNoTracking().Include(q => q.Options).SingleAsync(q => q.Id == questionId, ct);
        var copy = GradedQuestion.ToJson(question);
        var attempts = await db.QuizAttempts.Include(a => a.Quiz).Include(a => a.Answers).ThenInclude(x => x.Question)
            .Where(a => a.Status != AttemptStatus.InProgress && a.Answers.Any(x => x.QuestionId == questionId))
            .AsSplitQuery().ToListAsync(ct);
        var changed = 0;
        foreach (var attempt in attempts)
        {
            foreach (var answer in attempt.Answers.Where(x => x.QuestionId == questionId))
            {
                answer.Score = QuizGrading.Score(question, QuizResponse.Parse(answer.Response));
                answer.GradedQuestion = copy;
            }
            // The other answers' points as they were graded: their own copies, when they have them.
            var grade = QuizGrading.Grade(attempt.Answers.Select(x => (x.Score ?? 0,
                x.GradedQuestion is { } json ? GradedQuestion.FromJson(x.QuestionId, json).Points : x.Question!.Points)), attempt.Quiz!.PassPercent);
            if ((attempt.Score, attempt.MaxScore, attempt.Percent, attempt.Passed) != (grade.Score, grade.MaxScore, grade.Percent, grade.Passed)) changed++;
            (attempt.Score, attempt.MaxScore, attempt.Percent, attempt.Passed) = (grade.Score, grade.MaxScore, grade.Percent, grade.Passed);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return (attempts.Count, changed);
    }

    /// <summary>
    /// An attempt of this registration with its answers, questions and options, not tracked; a graded attempt's
    /// questions as they were when it was graded.
    /// </summary>
    public async Task<QuizAttempt?> LoadAsync(long attemptId, int registrationId, CancellationToken ct) =>
        GradedQuestion.Restore(await db.QuizAttempts.AsNoTracking().AsSplitQuery()
            .Include(a => a.Quiz)
            .Include(a => a.Answers).ThenInclude(x => x.Question).ThenInclude(q => q!.Options)
            .FirstOrDefaultAsync(a => a.Id == attemptId && a.RegistrationId == registrationId, ct));

    // ---- inside ----------------------------------------------------------------------------------------------------

    private Task<bool> IsActiveEnrolmentAsync(int courseId, int registrationId, CancellationToken ct)
    {
        var active = Enrolments.ActiveStatuses;
        return (from r in db.Registrations
                join run in db.CourseRuns on r.EventId equals run.EventId
                where r.Id == registrationId && run.CourseId == courseId && active.Contains(r.Status)
                select r.Id).AnyAsync(ct);
    }

    private Task<long?> OpenAttemptAsync(int quizId, int registrationId, CancellationToken ct) =>
        db.QuizAttempts.Where(a => a.QuizId == quizId && a.RegistrationId == registrationId && a.Status == AttemptStatus.InProgress)
            .OrderBy(a => a.Number).Select(a => (long?)a.Id).FirstOrDefaultAsync(ct);

    /// <summary>The responses to the attempt's own questions, checked; responses to other questions are ignored.</summary>
    private static (Dictionary<int, QuizResponse?> Clean, FieldErrors Errors) Check(QuizAttempt attempt, IReadOnlyDictionary<int, QuizResponse?> responses)
    {
        var errors = new FieldErrors();
        var clean = new Dictionary<int, QuizResponse?>();
        foreach (var answer in attempt.Answers)
        {
            if (answer.Question is null || !responses.TryGetValue(answer.QuestionId, out var response)) continue;
            clean[answer.QuestionId] = QuizGrading.Check(answer.Question, response, errors, QuizForms.FieldId(answer.QuestionId));
        }
        return (clean, errors);
    }

    /// <summary>
    /// The conditional update that decides: moves the attempt from in progress to <paramref name="status"/> and
    /// answers how many rows changed (1 for the caller that won, 0 for everyone else). Inside a transaction it also
    /// holds the row (PostgreSQL's row lock, SQLite's write lock) until commit.
    /// </summary>
    private Task<int> ClaimAsync(long attemptId, AttemptStatus status, DateTime? submittedAt, CancellationToken ct) =>
        db.QuizAttempts.Where(a => a.Id == attemptId && a.Status == AttemptStatus.InProgress)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, status).SetProperty(a => a.SubmittedAt, submittedAt), ct);

    private async Task WriteResponsesAsync(long attemptId, IReadOnlyDictionary<int, QuizResponse?> responses, CancellationToken ct)
    {
        if (responses.Count == 0) return;
        var answers = await db.AttemptAnswers.Where(x => x.AttemptId == attemptId).ToListAsync(ct);
        foreach (var answer in answers)
            if (responses.TryGetValue(answer.QuestionId, out var response)) answer.Response = QuizResponse.ToJson(response);
    }

    private async Task<SubmitResult> FinishAsync(long attemptId, AttemptStatus status, DateTime closedAt,
        IReadOnlyDictionary<int, QuizResponse?>? responses, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            if (await ClaimAsync(attemptId, status, closedAt, ct) == 1)
            {
                // Read after the claim, inside the transaction: a save committed just before is included.
                var attempt = await db.QuizAttempts.Include(a => a.Quiz).SingleAsync(a => a.Id == attemptId, ct);
                var answers = await db.AttemptAnswers.Include(x => x.Question).ThenInclude(q => q!.Options)
                    .Where(x => x.AttemptId == attemptId).AsSplitQuery().ToListAsync(ct);
                foreach (var answer in answers)
                {
                    if (responses is not null && responses.TryGetValue(answer.QuestionId, out var response))
                        answer.Response = QuizResponse.ToJson(response);
                    answer.Score = QuizGrading.Score(answer.Question!, QuizResponse.Parse(answer.Response));
                    answer.GradedQuestion = GradedQuestion.ToJson(answer.Question!);
                }
                var grade = QuizGrading.Grade(answers.Select(x => (x.Score ?? 0, x.Question!.Points)), attempt.Quiz!.PassPercent);
                // The claim already wrote these two; the tracked copy must agree, or SaveChanges would undo them.
                attempt.Status = status;
                attempt.SubmittedAt = closedAt;
                (attempt.Score, attempt.MaxScore, attempt.Percent, attempt.Passed) = (grade.Score, grade.MaxScore, grade.Percent, grade.Passed);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                db.ChangeTracker.Clear();
                return new SubmitResult(status == AttemptStatus.TimedOut ? SubmitOutcome.TimedOut : SubmitOutcome.Graded,
                    await LoadByIdAsync(attemptId, ct));
            }
        }
        db.ChangeTracker.Clear();
        return new SubmitResult(SubmitOutcome.AlreadyClosed, await LoadByIdAsync(attemptId, ct));
    }

    private async Task<QuizAttempt?> LoadByIdAsync(long attemptId, CancellationToken ct) =>
        GradedQuestion.Restore(await db.QuizAttempts.AsNoTracking().AsSplitQuery().Include(a => a.Quiz)
            .Include(a => a.Answers).ThenInclude(x => x.Question).ThenInclude(q => q!.Options)
            .FirstOrDefaultAsync(a => a.Id == attemptId, ct));

    internal static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        // SQLITE_CONSTRAINT_UNIQUE (2067) and SQLITE_CONSTRAINT_PRIMARYKEY (1555).
        SqliteException s => s.SqliteErrorCode == 19 && s.SqliteExtendedErrorCode is 2067 or 1555,
        _ => false,
    };
}
