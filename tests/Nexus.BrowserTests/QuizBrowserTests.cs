using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Nexus.Web.Data;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Courses;
using Nexus.Web.Features.Demo;
using Nexus.Web.Features.Events;
using Nexus.Web.Features.Registrations;

namespace Nexus.BrowserTests;

/// <summary>
/// The quiz pages in Chromium: axe-core on the learner's overview, answer form (with its countdown) and review, in
/// English, French and Arabic, and on every staff page of banks, questions, quizzes, learners, overrides and attempts;
/// and the countdown script submitting the answers on screen when time runs out.
/// </summary>
public class QuizBrowserTests(NexusServer server)
{
    private static readonly AxeRunOptions Wcag = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    private sealed record Built(int CourseId, int QuizId, int BankId, int QuestionId, int RegistrationId);

    /// <summary>A course with a timed quiz of one question of each kind, the demo participant enrolled.</summary>
    private async Task<Built> CourseAsync()
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var participant = await users.FindByEmailAsync(DemoData.Accounts.First(a => a.Role == Roles.Participant).Email);
        var now = DateTime.UtcNow;
        var tag = Guid.NewGuid().ToString("N")[..8];
        var course = new Course { Slug = "quiz-a11y-" + tag, Title = "Quiz accessibility " + tag, Published = true, CreatedAt = now, UpdatedAt = now };
        course.Modules.Add(new CourseModule { Order = 1, Title = "Terminology" });
        var ev = new Event
        {
            Title = course.Title, Slug = "quiz-a11y-" + tag, Kind = EventKind.Course, StartsAt = now.AddDays(-1), EndsAt = now.AddDays(5),
            Status = EventStatus.Published, Capacity = 30,
        };
        var run = new CourseRun { Course = course, Title = "Cohort " + tag, Event = ev, CreatedAt = now };
        db.CourseRuns.Add(run);
        var quiz = new Quiz { Title = "Check your understanding", Published = true, TimeLimitMinutes = 30, PassPercent = 60, InstructionsMarkdown = "Answer **every** question." };
        course.Modules[0].Quizzes.Add(quiz);
        await db.SaveChangesAsync();
        var bank = new QuestionBank { CourseId = course.Id, Name = "Terminology bank" };
        bank.Questions.AddRange(
        [
            new Question
            {
                Kind = QuestionKind.SingleChoice, Text = "Which instrument?", Explanation = "The *1990* Convention.", UpdatedAt = now,
                Options = [new() { Order = 1, Text = "1990 Convention", Correct = true, Feedback = "Yes." }, new() { Order = 2, Text = "1961 Convention", Feedback = "No." }],
            },
            new Question
            {
                Kind = QuestionKind.MultipleChoice, Text = "Which protocols?", UpdatedAt = now,
                Options = [new() { Order = 1, Text = "Trafficking", Correct = true }, new() { Order = 2, Text = "Smuggling", Correct = true }, new() { Order = 3, Text = "Statelessness" }],
            },
            new Question { Kind = QuestionKind.TrueFalse, Text = "States decide who enters.", TrueFalseAnswer = true, UpdatedAt = now },
            new Question { Kind = QuestionKind.ShortAnswer, Text = "Guardian of the 1951 Convention?", AcceptedAnswers = ["UNHCR"], UpdatedAt = now },
            new Question
            {
                Kind = QuestionKind.Matching, Text = "Match each instrument to its year.", UpdatedAt = now,
                Options = [new() { Order = 1, Text = "Refugee Convention", Match = "1951" }, new() { Order = 2, Text = "Palermo Protocols", Match = "2000" }],
            },
        ]);
        db.QuestionBanks.Add(bank);
        await db.SaveChangesAsync();
        db.QuizDraws.Add(new QuizDraw { QuizId = quiz.Id, BankId = bank.Id, Order = 1 });
        var registration = new Registration
        {
            EventId = ev.Id, UserId = participant!.Id, FullName = "Demo Participant", Email = participant.Email!, NormalizedEmail = participant.Email!.ToUpperInvariant(),
            Status = RegistrationStatus.Confirmed, CancelSecretHash = Guid.NewGuid().ToString("N"), TicketSecretHash = Guid.NewGuid().ToString("N"),
            CreatedAt = now, UpdatedAt = now,
        };
        db.Registrations.Add(registration);
        await db.SaveChangesAsync();
        return new Built(course.Id, quiz.Id, bank.Id, bank.Questions[0].Id, registration.Id);
    }

    private async Task<IPage> SignedInAsync(string role, string culture)
    {
        var account = DemoData.Accounts.First(a => a.Role == role);
        var page = await server.NewPageAsync();
        await page.GotoAsync($"/culture/{culture}?returnUrl=/account/sign-in");
        await page.Locator("input[type=email]").FillAsync(account.Email);
        await page.Locator("input[type=password]").FillAsync(account.Password);
        await page.GetByRole(AriaRole.Main).Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/sign-in"));
        return page;
    }

    private static async Task CheckAsync(IPage page, string label, List<string> failures)
    {
        var result = await page.RunAxe(Wcag);
        failures.AddRange(result.Violations.Select(v =>
            $"{label}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}"));
    }

    [Theory]
    [MemberData(nameof(AccessibilityTests.Cultures), MemberType = typeof(AccessibilityTests))]
    public async Task The_learner_quiz_pages_have_no_axe_violations(string culture)
    {
        var built = await CourseAsync();
        var page = await SignedInAsync(Roles.Participant, culture);
        var failures = new List<string>();

        await page.GotoAsync($"/learn/quizzes/{built.QuizId}");
        await CheckAsync(page, $"{culture} overview", failures);
        await page.GetByRole(AriaRole.Main).Locator("form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/learn/attempts/"));
        await Assertions.Expect(page.Locator("[data-remaining]")).ToContainTextAsync(":");
        await CheckAsync(page, $"{culture} attempt", failures);

        // A refused answer shows the error summary and the field errors.
        await page.Locator("input[type=text]").FillAsync(new string('x', 400));
        await page.EvaluateAsync("() => { const i = document.querySelector('input[type=text]'); i.removeAttribute('maxlength'); i.value = 'x'.repeat(600); }");
        await page.Locator("button[data-submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#error-summary")).ToBeVisibleAsync();
        await CheckAsync(page, $"{culture} attempt with errors", failures);

        await page.Locator("input[type=text]").FillAsync("UNHCR");
        await page.Locator("button[data-submit]").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/review"));
        await CheckAsync(page, $"{culture} review", failures);
        await page.GotoAsync($"/learn/quizzes/{built.QuizId}");
        await CheckAsync(page, $"{culture} overview with attempts", failures);

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task The_countdown_submits_the_answers_on_screen_at_the_deadline()
    {
        var built = await CourseAsync();
        var page = await SignedInAsync(Roles.Participant, "en");
        await page.GotoAsync($"/learn/quizzes/{built.QuizId}");
        await page.GetByRole(AriaRole.Main).Locator("form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/learn/attempts/"));
        var attemptId = long.Parse(page.Url.Split('/').Last());
        // The deadline brought to a few seconds from now, as if the learner had spent the half hour.
        using (var scope = server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var soon = DateTime.UtcNow.AddSeconds(4);
            await db.QuizAttempts.Where(a => a.Id == attemptId).ExecuteUpdateAsync(x => x.SetProperty(a => a.DeadlineAt, soon));
        }
        await page.ReloadAsync();
        await page.Locator("input[type=text]").FillAsync("UNHCR");

        await page.WaitForURLAsync(url => url.EndsWith("/review"), new() { Timeout = 20_000 });

        using var check = server.Services.CreateScope();
        var stored = await check.ServiceProvider.GetRequiredService<AppDbContext>().QuizAttempts.AsNoTracking()
            .Include(a => a.Answers).SingleAsync(a => a.Id == attemptId);
        Assert.Equal(AttemptStatus.Submitted, stored.Status);
        Assert.Contains(stored.Answers, a => a.Response != null && a.Response.Contains("UNHCR"));
    }

    [Fact]
    public async Task The_staff_quiz_pages_have_no_axe_violations()
    {
        var built = await CourseAsync();
        var learnerPage = await SignedInAsync(Roles.Participant, "en");
        await learnerPage.GotoAsync($"/learn/quizzes/{built.QuizId}");
        await learnerPage.GetByRole(AriaRole.Main).Locator("form button[type=submit]").ClickAsync();
        await learnerPage.WaitForURLAsync(url => url.Contains("/learn/attempts/"));
        await learnerPage.Locator("button[data-submit]").ClickAsync();
        await learnerPage.WaitForURLAsync(url => url.EndsWith("/review"));

        var page = await SignedInAsync(Roles.ProgrammeStaff, "en");
        var b = $"/courses/manage/{built.CourseId}";
        var quiz = $"{b}/quizzes/{built.QuizId}";
        var failures = new List<string>();
        foreach (var path in new[]
        {
            $"{b}/banks", $"{b}/banks/{built.BankId}", $"{b}/banks/{built.BankId}/questions/{built.QuestionId}",
            $"{b}/banks/{built.BankId}/questions?kind=matching", $"{b}/banks/{built.BankId}/questions?kind=short-answer",
            $"{b}/banks/{built.BankId}/questions?kind=true-false", $"{b}/quizzes", quiz, $"{quiz}/learners",
            $"{quiz}/learners/{built.RegistrationId}", $"{quiz}/learners/{built.RegistrationId}/override",
        })
        {
            await page.GotoAsync(path);
            await CheckAsync(page, path, failures);
        }
        // A form with errors.
        await page.GotoAsync($"{b}/banks/{built.BankId}/questions?kind=single-choice");
        await page.GetByRole(AriaRole.Main).Locator("form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#error-summary")).ToBeVisibleAsync();
        await CheckAsync(page, "question form with errors", failures);

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
