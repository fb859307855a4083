using Microsoft.Extensions.DependencyInjection;
using Nexus.Tests.Pages;
using Nexus.Web.Data;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Courses;
using Nexus.Web.Features.Events;
using Nexus.Web.Features.Registrations;

namespace Nexus.Tests.Courses;

/// <summary>A course as the tests need it: modules, a run with sessions, a quiz bank, and enrolled learners.</summary>
public static class CourseTestData
{
    public sealed record Built(Course Course, CourseRun Run, List<CourseSession> Sessions, Quiz Quiz, QuestionBank Bank);

    /// <summary>
    /// A published course with <paramref name="modules"/> modules, a run whose event has <paramref name="capacity"/>
    /// seats and one session per module, and on module 1 a published quiz with four questions (single choice, multiple
    /// choice, true/false, short answer) all drawn, pass mark 50%.
    /// </summary>
    public static async Task<Built> CourseAsync(AppFactory app, int modules = 2, int? capacity = 20,
        EnrolmentMode mode = EnrolmentMode.Self, int minAttendancePercent = 50, TimeSpan? startsIn = null)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = app.Clock?.GetUtcNow().UtcDateTime ?? DateTime.UtcNow;
        var tag = Guid.NewGuid().ToString("N")[..8];
        var course = new Course
        {
            Slug = $"migration-law-{tag}", Title = $"International Migration Law {tag}", Summary = "Eight topics for delegates.",
            Published = true, Hours = 24, MinAttendancePercent = minAttendancePercent, CreatedAt = now, UpdatedAt = now,
        };
        for (var i = 1; i <= modules; i++)
            course.Modules.Add(new CourseModule { Order = i, Title = $"Module {i}", ObjectivesMarkdown = "- Explain the basics" });
        db.Courses.Add(course);

        var runEvent = TestData.Event(capacity: capacity, requiresApproval: mode == EnrolmentMode.Approval,
            startsIn: startsIn ?? TimeSpan.FromDays(10), now: now, title: $"{course.Title}: run");
        runEvent.Kind = EventKind.Course;
        runEvent.EndsAt = runEvent.StartsAt.AddDays(modules);
        var run = new CourseRun { Course = course, Title = "Test cohort", Event = runEvent, EnrolmentMode = mode, CreatedAt = now };
        db.CourseRuns.Add(run);
        var sessions = new List<CourseSession>();
        foreach (var module in course.Modules)
        {
            var ev = TestData.Event(capacity: 40, now: now, title: $"{course.Title}: {module.Title}");
            ev.Kind = EventKind.CourseSession;
            ev.StartsAt = runEvent.StartsAt.AddDays(module.Order - 1);
            ev.EndsAt = ev.StartsAt.AddHours(3);
            var session = new CourseSession { Run = run, Module = module, Event = ev };
            sessions.Add(session);
            db.CourseSessions.Add(session);
        }

        var bank = new QuestionBank { CourseId = 0, Name = "Module 1 bank" };
        course.Modules[0].Quizzes.Add(new Quiz { Title = "Check your understanding", PassPercent = 50, Published = true });
        await db.SaveChangesAsync();
        bank.CourseId = course.Id;
        bank.Questions.AddRange(
        [
            new Question
            {
                Kind = QuestionKind.SingleChoice, Text = "Which instrument protects migrant workers and their families?", UpdatedAt = now,
                Explanation = "The 1990 Convention covers all migrant workers and members of their families.",
                Options =
                [
                    new QuestionOption { Order = 1, Text = "The 1990 Migrant Workers Convention", Correct = true },
                    new QuestionOption { Order = 2, Text = "The 1961 Vienna Convention on Diplomatic Relations" },
                    new QuestionOption { Order = 3, Text = "The 1944 Chicago Convention" },
                ],
            },
            new Question
            {
                Kind = QuestionKind.MultipleChoice, Text = "Which protocols supplement the Palermo Convention?", UpdatedAt = now,
                Options =
                [
                    new QuestionOption { Order = 1, Text = "Trafficking in persons", Correct = true },
                    new QuestionOption { Order = 2, Text = "Smuggling of migrants", Correct = true },
                    new QuestionOption { Order = 3, Text = "Statelessness" },
                ],
            },
            new Question { Kind = QuestionKind.TrueFalse, Text = "A State decides who may enter its territory, within its obligations.", TrueFalseAnswer = true, UpdatedAt = now },
            new Question { Kind = QuestionKind.ShortAnswer, Text = "Which UN agency is the guardian of the 1951 Refugee Convention? (acronym)", AcceptedAnswers = ["UNHCR"], UpdatedAt = now },
        ]);
        db.QuestionBanks.Add(bank);
        await db.SaveChangesAsync();
        var quiz = course.Modules[0].Quizzes[0];
        db.QuizDraws.Add(new QuizDraw { QuizId = quiz.Id, BankId = bank.Id, Order = 1 });
        await db.SaveChangesAsync();
        return new Built(course, run, sessions, quiz, bank);
    }

    /// <summary>A signed-in participant enrolled (confirmed) in the run, with the registration that is the enrolment.</summary>
    public static async Task<(PageSession Session, AppUser User, Registration Enrolment)> LearnerAsync(AppFactory app, CourseRun run,
        RegistrationStatus status = RegistrationStatus.Confirmed)
    {
        var (session, user) = await PageSession.SignedInAsync(app, Roles.Participant);
        var enrolment = await EnrolAsync(app, run, user.Email!, user.Id, status);
        return (session, user, enrolment);
    }

    /// <summary>A registration for the run's event, written directly (the registration engine has its own tests).</summary>
    public static async Task<Registration> EnrolAsync(AppFactory app, CourseRun run, string email, string? userId = null,
        RegistrationStatus status = RegistrationStatus.Confirmed, string fullName = "Amina Wanjiru")
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = app.Clock?.GetUtcNow().UtcDateTime ?? DateTime.UtcNow;
        var r = new Registration
        {
            EventId = run.EventId, UserId = userId, FullName = fullName, Email = email, NormalizedEmail = email.ToUpperInvariant(),
            Organization = "Permanent Mission of Kenya", Country = "KEN", Status = status,
            CancelSecretHash = Guid.NewGuid().ToString("N"), TicketSecretHash = Guid.NewGuid().ToString("N"),
            CreatedAt = now, UpdatedAt = now,
        };
        db.Registrations.Add(r);
        await db.SaveChangesAsync();
        return r;
    }
}
