using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Certificates;
using Nexus.Web.Features.Events;
using Nexus.Web.Features.Registrations;

namespace Nexus.Web.Features.Courses.Demo;

/// <summary>
/// Seeds the international migration law course: eight modules with a question bank and a self-assessment each, the
/// 2009 run (held: attendance, quiz results, completions and certificates, one of them revoked) and this year's run,
/// open for self-enrolment.
/// </summary>
public static class CourseDemo
{
    /// <summary>The run events and their session events, as the programme demo created them (already saved).</summary>
    public sealed record Plan(Event PastRun, IReadOnlyList<Event> PastSessions, Event UpcomingRun, IReadOnlyList<Event> UpcomingSessions);

    public const string StaffName = "Demo Programme Officer";

    public static async Task SeedAsync(AppDbContext db, DateTime now, string staffId, Plan plan, CancellationToken ct)
    {
        if (await db.Courses.AnyAsync(ct)) return;
        var rng = new Random(1990);
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        var course = new Course
        {
            Slug = CourseContent.Slug, Title = CourseContent.Title, Summary = CourseContent.Summary,
            DescriptionMarkdown = CourseContent.Description, Language = "en", Hours = 24, Published = true,
            MinAttendancePercent = 75, RequireModuleQuizzes = true,
            CreatedAt = plan.PastRun.CreatedAt, UpdatedAt = now.AddDays(-30),
        };
        for (var i = 0; i < CourseContent.Modules.Length; i++)
        {
            var m = CourseContent.Modules[i];
            // Module quizzes are self-assessment; the last one closes the course and counts towards completion.
            var last = i == CourseContent.Modules.Length - 1;
            course.Modules.Add(new CourseModule
            {
                Order = i + 1, Title = m.Title, ObjectivesMarkdown = m.Objectives, MaterialsMarkdown = m.Materials, Required = last,
            });
        }
        db.Courses.Add(course);
        await db.SaveChangesAsync(ct);

        var quizzes = new List<Quiz>();
        for (var i = 0; i < CourseContent.Modules.Length; i++)
        {
            var content = CourseContent.Modules[i];
            var bank = new QuestionBank { CourseId = course.Id, Name = $"Module {i + 1}: {content.Title}" };
            foreach (var q in content.Questions) bank.Questions.Add(Question(q, now));
            db.QuestionBanks.Add(bank);
            var last = i == CourseContent.Modules.Length - 1;
            var quiz = new Quiz
            {
                ModuleId = course.Modules[i].Id,
                Title = last ? "Final self-assessment" : $"Self-assessment: {content.Title}",
                InstructionsMarkdown = last
                    ? "Three questions drawn from this module's bank. You need 60% to pass; you have three attempts and 15 minutes for each."
                    : "Three questions drawn at random from this module's bank. Try it as often as you like: it does not count towards completion.",
                PassPercent = 60, MaxAttempts = last ? 3 : null, TimeLimitMinutes = last ? 15 : null,
                ShuffleQuestions = true, ShowFeedback = true, GradeMethod = GradeMethod.Highest, Published = true,
            };
            quiz.Draws.Add(new QuizDraw { Bank = bank, Count = 3, Order = 1 });
            db.Quizzes.Add(quiz);
            quizzes.Add(quiz);
        }
        await db.SaveChangesAsync(ct);

        var past = Run(course, "2009 cohort", plan.PastRun, plan.PastSessions, plan.PastRun.CreatedAt);
        var upcoming = Run(course, $"{plan.UpcomingRun.StartsAt.Year} cohort", plan.UpcomingRun, plan.UpcomingSessions, now.AddDays(-30));
        db.CourseRuns.AddRange(past, upcoming);
        await db.SaveChangesAsync(ct);

        await PastRunAsync(db, rng, course, past, quizzes, staffId, ct);
        await tx.CommitAsync(ct);
    }

    private static CourseRun Run(Course course, string title, Event ev, IReadOnlyList<Event> sessions, DateTime createdAt)
    {
        var run = new CourseRun { CourseId = course.Id, Title = title, EventId = ev.Id, EnrolmentMode = EnrolmentMode.Self, CreatedAt = createdAt };
        for (var i = 0; i < sessions.Count; i++)
            run.Sessions.Add(new CourseSession { EventId = sessions[i].Id, ModuleId = course.Modules[i % course.Modules.Count].Id });
        return run;
    }

    private static Question Question(CourseContent.Q q, DateTime now)
    {
        var question = new Question
        {
            Kind = q.Kind, Text = q.Text, Explanation = q.Explanation, UpdatedAt = now,
            AcceptedAnswers = [.. q.Accepted ?? []], TrueFalseAnswer = q.TrueFalse,
        };
        for (var i = 0; i < q.Options.Length; i++)
            question.Options.Add(new QuestionOption
            {
                Order = i + 1, Text = q.Options[i], Correct = q.Correct.Contains(i), Match = q.Matches?[i],
            });
        return question;
    }

    /// <summary>
    /// The 2009 cohort: who came to which session, their final self-assessment, and the completions and certificates
    /// that follow from the course's rule.
    /// </summary>
    private static async Task PastRunAsync(AppDbContext db, Random rng, Course course, CourseRun run, List<Quiz> quizzes,
        string staffId, CancellationToken ct)
    {
        var ev = await db.Events.AsNoTracking().SingleAsync(e => e.Id == run.EventId, ct);
        var sessions = await db.CourseSessions.AsNoTracking().Where(s => s.RunId == run.Id)
            .Select(s => new { s.Id, s.Event!.StartsAt }).OrderBy(s => s.StartsAt).ToListAsync(ct);
        var learners = await db.Registrations.AsNoTracking()
            .Where(r => r.EventId == run.EventId && r.Status == RegistrationStatus.Attended)
            .OrderBy(r => r.Id).ToListAsync(ct);
        var finalQuiz = quizzes[^1];
        var finalQuestions = await db.Questions.AsNoTracking().Include(q => q.Options)
            .Where(q => q.BankId == finalQuiz.Draws[0].BankId).OrderBy(q => q.Id).ToListAsync(ct);

        var zone = TimeZoneInfo.FindSystemTimeZoneById(ev.TimeZone);
        var firstDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(ev.StartsAt, zone));
        var lastDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(ev.EndsAt, zone));
        var revoked = false;
        foreach (var learner in learners)
        {
            // Most delegates came to nearly every session; a few missed a day.
            var attended = sessions.Where(_ => rng.NextDouble() < 0.88).ToList();
            foreach (var s in attended)
                db.SessionAttendance.Add(new SessionAttendance
                {
                    SessionId = s.Id, RegistrationId = learner.Id, Source = AttendanceSource.Scanned,
                    At = s.StartsAt.AddMinutes(-rng.Next(2, 20)), ByUserId = staffId,
                });
            var attendancePercent = Math.Round(100m * attended.Count / sessions.Count, 1);

            var passed = DemoAttempts.Write(db, rng, finalQuiz, finalQuestions, learner.Id, ev.EndsAt);
            if (attendancePercent < course.MinAttendancePercent || passed is null) continue;

            var completedAt = ev.EndsAt.AddDays(1);
            var certificate = new Certificate
            {
                Code = CertificateCode.New(), Kind = CertificateKind.CourseCompletion, HolderName = learner.FullName,
                HolderEmail = learner.Email, HolderUserId = learner.UserId, Title = course.Title,
                StartDate = firstDay, EndDate = lastDay, Hours = course.Hours, CourseRunId = run.Id,
                IssuedAt = completedAt.AddDays(6), IssuedBy = StaffName,
            };
            if (!revoked && attendancePercent < 100)
            {
                // One certificate was withdrawn after the attendance sheets were checked again.
                certificate.RevokedAt = completedAt.AddDays(20);
                certificate.RevocationReason = "Issued in error: the attendance record was corrected after the course.";
                revoked = true;
            }
            db.Certificates.Add(certificate);
            db.CourseCompletions.Add(new CourseCompletion
            {
                RunId = run.Id, RegistrationId = learner.Id, CompletedAt = completedAt, AttendancePercent = attendancePercent,
                QuizPercent = passed, CertificateCode = certificate.Code,
            });
        }
        await db.SaveChangesAsync(ct);
    }
}
