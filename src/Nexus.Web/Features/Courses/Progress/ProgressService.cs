using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Certificates;
using Nexus.Web.Features.Events;
using Nexus.Web.Features.Registrations;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Courses.Progress;

public sealed record RunInfo(int RunId, string RunTitle, int CourseId, string CourseTitle, decimal? Hours, CompletionRule Rule,
    int EventId, DateTime StartsAt, DateTime EndsAt, string TimeZone);

public sealed record SessionInfo(int SessionId, int EventId, string Title, DateTime StartsAt, DateTime EndsAt, string TimeZone, int? ModuleId);

public sealed record QuizInfo(int QuizId, int ModuleId, string Title, bool Published, GradeMethod GradeMethod, decimal PassPercent);

/// <summary>Everything about a run that a learner's progress is computed from, loaded once per run.</summary>
public sealed record RunFacts(RunInfo Run, IReadOnlyList<ModuleFact> Modules, IReadOnlyList<SessionInfo> Sessions, IReadOnlyList<QuizInfo> Quizzes);

public sealed record CompletionView(int Id, DateTime CompletedAt, decimal AttendancePercent, decimal? QuizPercent, string? CertificateCode,
    bool CertificateRevoked, string? RevocationReason, bool ByHand);

public sealed record LearnerProgress(Enrolment Enrolment, RunFacts Facts, IReadOnlySet<int> AttendedSessions, ProgressResult Result,
    CompletionView? Completion);

public enum CompletionOutcome { Recorded, AlreadyRecorded, NotDue, NotEnrolled }

/// <summary><see cref="CertificateError"/> is set when the completion stands but its certificate could not be issued.</summary>
public sealed record CompletionResult(CompletionOutcome Outcome, CourseCompletion? Completion = null, string? CertificateError = null);

/// <summary>
/// A learner's progress in a run (attendance, quiz grades, the completion rule), and the recording of completion
/// with its certificate. Attendance marking and quiz submission call <see cref="RecordCompletionIfDueAsync"/>.
/// </summary>
public sealed class ProgressService(AppDbContext db, Enrolments enrolments, CertificateService certificates, TimeProvider clock)
{
    public const string SystemIssuer = "Nexus (completion rule)";

    public async Task<RunFacts?> RunFactsAsync(int runId, CancellationToken ct)
    {
        var run = await db.CourseRuns.AsNoTracking().Where(r => r.Id == runId)
            .Select(r => new RunInfo(r.Id, r.Title, r.CourseId, r.Course!.Title, r.Course.Hours,
                new CompletionRule(r.Course.MinAttendancePercent, r.Course.RequireModuleQuizzes),
                r.EventId, r.Event!.StartsAt, r.Event.EndsAt, r.Event.TimeZone))
            .FirstOrDefaultAsync(ct);
        if (run is null) return null;
        var modules = await db.CourseModules.AsNoTracking().Where(m => m.CourseId == run.CourseId).OrderBy(m => m.Order)
            .Select(m => new ModuleFact(m.Id, m.Order, m.Title, m.Required)).ToListAsync(ct);
        var sessions = await db.CourseSessions.AsNoTracking().Where(s => s.RunId == runId).OrderBy(s => s.Event!.StartsAt).ThenBy(s => s.Id)
            .Select(s => new SessionInfo(s.Id, s.EventId, s.Event!.Title, s.Event.StartsAt, s.Event.EndsAt, s.Event.TimeZone, s.ModuleId))
            .ToListAsync(ct);
        var quizzes = await db.Quizzes.AsNoTracking().Where(q => q.Module!.CourseId == run.CourseId).OrderBy(q => q.Module!.Order).ThenBy(q => q.Id)
            .Select(q => new QuizInfo(q.Id, q.ModuleId, q.Title, q.Published, q.GradeMethod, q.PassPercent)).ToListAsync(ct);
        return new RunFacts(run, modules, sessions, quizzes);
    }

    public async Task<LearnerProgress?> ForRegistrationAsync(int registrationId, CancellationToken ct)
    {
        if (await enrolments.ByRegistrationAsync(registrationId, ct) is not { } enrolment) return null;
        var facts = (await RunFactsAsync(enrolment.RunId, ct))!;
        var all = await ForRunAsync(facts, [enrolment], ct);
        return all[0];
    }

    /// <summary>The progress of several learners of one run, in three queries whatever their number.</summary>
    public async Task<List<LearnerProgress>> ForRunAsync(RunFacts facts, IReadOnlyList<Enrolment> learners, CancellationToken ct)
    {
        var runId = facts.Run.RunId;
        var eventId = facts.Run.EventId;
        var one = learners.Count == 1 ? learners[0].RegistrationId : (int?)null;
        var attendance = await db.SessionAttendance.AsNoTracking()
            .Where(a => a.Session!.RunId == runId && (one == null || a.RegistrationId == one))
            .Select(a => new { a.RegistrationId, a.SessionId }).ToListAsync(ct);
        var attempts = await db.QuizAttempts.AsNoTracking()
            .Where(a => a.Registration!.EventId == eventId && (one == null || a.RegistrationId == one)
                        && (a.Status == AttemptStatus.Submitted || a.Status == AttemptStatus.TimedOut))
            .Select(a => new { a.RegistrationId, a.QuizId, Fact = new AttemptFact(a.Number, a.Status, a.Percent, a.Passed) })
            .ToListAsync(ct);
        var completions = await (from c in db.CourseCompletions.AsNoTracking()
                                 where c.RunId == runId && (one == null || c.RegistrationId == one)
                                 join cert in db.Certificates.AsNoTracking() on c.CertificateCode equals cert.Code into certs
                                 from cert in certs.DefaultIfEmpty()
                                 select new
                                 {
                                     c.RegistrationId,
                                     View = new CompletionView(c.Id, c.CompletedAt, c.AttendancePercent, c.QuizPercent, c.CertificateCode,
                                         cert != null && cert.RevokedAt != null, cert != null ? cert.RevocationReason : null, c.ByUserId != null),
                                 }).ToListAsync(ct);

        var sessionFacts = facts.Sessions.Select(s => new SessionFact(s.SessionId, s.ModuleId)).ToList();
        return learners.Select(learner =>
        {
            var attended = attendance.Where(a => a.RegistrationId == learner.RegistrationId).Select(a => a.SessionId).ToHashSet();
            var standings = facts.Quizzes.Select(q =>
            {
                var (percent, passed) = CompletionRules.Counted(q.GradeMethod, q.PassPercent,
                    attempts.Where(a => a.RegistrationId == learner.RegistrationId && a.QuizId == q.QuizId).Select(a => a.Fact));
                return new QuizStanding(q.QuizId, q.ModuleId, q.Title, q.Published, percent, passed);
            }).ToList();
            var result = CompletionRules.Evaluate(facts.Run.Rule, facts.Modules, sessionFacts, attended, standings);
            var completion = completions.FirstOrDefault(c => c.RegistrationId == learner.RegistrationId)?.View;
            return new LearnerProgress(learner, facts, attended, result, completion);
        }).ToList();
    }

    /// <summary>
    /// Records the learner's completion the first time the rule is met, and issues the completion certificate in the
    /// same transaction. The unique index on the completion's registration settles a race: the second caller finds
    /// the first one's record. Safe to call after anything that may change progress (attendance, a quiz submitted).
    /// </summary>
    public async Task<CompletionResult> RecordCompletionIfDueAsync(int registrationId, CancellationToken ct = default)
    {
        if (await db.CourseCompletions.AsNoTracking().FirstOrDefaultAsync(c => c.RegistrationId == registrationId, ct) is { } existing)
            return new(CompletionOutcome.AlreadyRecorded, existing);
        var progress = await ForRegistrationAsync(registrationId, ct);
        if (progress is null || !progress.Enrolment.Active) return new(CompletionOutcome.NotEnrolled);
        if (!progress.Result.Complete) return new(CompletionOutcome.NotDue);
        return await RecordAsync(progress, null, null, SystemIssuer, ct);
    }

    /// <summary>Staff record a completion whatever the rule says (an exemption, attendance kept on paper), with the reason.</summary>
    public async Task<CompletionResult> RecordByHandAsync(int registrationId, string? reason, string byUserId, string issuedBy,
        FieldErrors errors, CancellationToken ct)
    {
        var why = errors.Text("reason", reason, 1000, required: true, multiline: true);
        if (errors.Any) return new(CompletionOutcome.NotDue);
        var progress = await ForRegistrationAsync(registrationId, ct);
        if (progress is null || !progress.Enrolment.Active)
        {
            errors.Add("reason", "Only confirmed, present or absent learners can complete the course.");
            return new(CompletionOutcome.NotEnrolled);
        }
        if (progress.Completion is not null)
        {
            errors.Add("reason", "This learner's completion is already recorded.");
            return new(CompletionOutcome.AlreadyRecorded);
        }
        return await RecordAsync(progress, byUserId, why, issuedBy, ct);
    }

    /// <summary>
    /// Records every completion now due in the run and issues the certificates still missing (a completion whose
    /// certificate failed, or one recorded before its course had a title fit to print). Returns how many were issued.
    /// </summary>
    public async Task<int> IssueCertificatesAsync(int runId, string issuedBy, CancellationToken ct)
    {
        if (await RunFactsAsync(runId, ct) is not { } facts) return 0;
        var before = await db.Certificates.CountAsync(c => c.CourseRunId == runId, ct);
        var active = Enrolments.ActiveStatuses;
        var pending = await db.Registrations.AsNoTracking()
            .Where(r => r.EventId == facts.Run.EventId && active.Contains(r.Status) && !db.CourseCompletions.Any(c => c.RegistrationId == r.Id))
            .Select(r => r.Id).ToListAsync(ct);
        foreach (var id in pending) await RecordCompletionIfDueAsync(id, ct);
        var uncertified = await db.CourseCompletions.AsNoTracking().Where(c => c.RunId == runId && c.CertificateCode == null)
            .Select(c => c.RegistrationId).ToListAsync(ct);
        foreach (var id in uncertified)
        {
            if (await ForRegistrationAsync(id, ct) is not { } progress) continue;
            var errors = new FieldErrors();
            if (await certificates.IssueAsync(await InputAsync(progress, ct), issuedBy, errors, ct) is { } certificate)
                await db.CourseCompletions.Where(c => c.RegistrationId == id && c.CertificateCode == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.CertificateCode, certificate.Code), ct);
        }
        return await db.Certificates.CountAsync(c => c.CourseRunId == runId, ct) - before;
    }

    private async Task<CompletionResult> RecordAsync(LearnerProgress progress, string? byUserId, string? reason, string issuedBy, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var registrationId = progress.Enrolment.RegistrationId;
        var completion = new CourseCompletion
        {
            RunId = progress.Enrolment.RunId, RegistrationId = registrationId, CompletedAt = now,
            AttendancePercent = progress.Result.AttendancePercent, QuizPercent = progress.Result.QuizPercent, ByUserId = byUserId,
        };
        // The completion is the first write, so it takes the lock (PostgreSQL: the unique index entry; SQLite: the
        // database) and a concurrent caller waits here, then fails on the index and reads this record.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.CourseCompletions.Add(completion);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            var raced = await db.CourseCompletions.AsNoTracking().FirstOrDefaultAsync(c => c.RegistrationId == registrationId, ct);
            if (raced is null) throw;
            return new(CompletionOutcome.AlreadyRecorded, raced);
        }
        if (reason is not null)
        {
            // The completion has no field for it: the registration's audit trail keeps who did it and why.
            db.RegistrationLog.Add(new RegistrationLogEntry
            {
                RegistrationId = registrationId, At = now, Action = "course-completed-by-hand", FromStatus = progress.Enrolment.Status,
                ToStatus = progress.Enrolment.Status, ActorId = byUserId, Note = reason,
            });
        }
        var errors = new FieldErrors();
        var certificate = await certificates.IssueAsync(await InputAsync(progress, ct), issuedBy, errors, ct);
        completion.CertificateCode = certificate?.Code;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        // A completion without its certificate still stands; the gradebook's bulk issue retries the certificate.
        return new(CompletionOutcome.Recorded, completion,
            certificate is null ? string.Join(" ", errors.ToDictionary().SelectMany(e => e.Value)) : null);
    }

    private async Task<CertificateInput> InputAsync(LearnerProgress progress, CancellationToken ct)
    {
        var r = await db.Registrations.AsNoTracking().SingleAsync(x => x.Id == progress.Enrolment.RegistrationId, ct);
        var run = progress.Facts.Run;
        var start = DateOnly.FromDateTime(EventQueries.Local(run.StartsAt, run.TimeZone).DateTime);
        var end = DateOnly.FromDateTime(EventQueries.Local(run.EndsAt, run.TimeZone).DateTime);
        return new CertificateInput(CertificateKind.CourseCompletion, r.FullName, r.Email, await CertificateHolders.UserIdAsync(db, r, ct),
            run.CourseTitle, start, end < start ? start : end, run.Hours is > 0 ? run.Hours : null, CourseRunId: run.RunId);
    }
}
