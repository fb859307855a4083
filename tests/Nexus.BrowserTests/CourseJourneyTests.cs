using System.Diagnostics;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Nexus.Web.Data;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Courses;
using Nexus.Web.Features.Demo;
using static Microsoft.Playwright.Assertions;

namespace Nexus.BrowserTests;

/// <summary>
/// The migration law course from enrolment to a verified certificate: a delegate enrols in this year's run, staff check
/// them in at the first session from their ticket and mark the others, the delegate passes the final self-assessment,
/// the course completes, the PDF's code verifies, and after staff revoke it the page says so.
/// </summary>
public partial class CourseJourneyTests(NexusServer server)
{
    private const string Password = "Learner-journey-2026!";

    /// <summary>The demo's final self-assessment, by the start of each question's text.</summary>
    private static readonly Dictionary<string, Func<ILocator, Task>> Answers = new()
    {
        ["The Global Forum on Migration and Development is"] = q => q.GetByLabel("a State-led, informal and non-binding process").CheckAsync(),
        ["Which of these hosted a meeting"] = async q =>
        {
            foreach (var host in new[] { "Belgium", "The Philippines", "Greece" }) await q.GetByLabel(host, new() { Exact = true }).CheckAsync();
        },
        ["The Global Migration Group brings together"] = q => q.GetByLabel("True", new() { Exact = true }).CheckAsync(),
        ["In which year did the UN General Assembly hold"] = q => q.GetByLabel("Your answer").FillAsync("2006"),
    };

    [Fact]
    public async Task A_delegate_enrols_is_checked_in_passes_the_quiz_completes_and_the_certificate_verifies_until_revoked()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var email = await LearnerAsync(tag);
        var learner = await server.SignInAsync(email, Password);

        // ---- enrol in this year's run --------------------------------------------------------------------------
        await learner.GotoAsync("/courses");
        await learner.GetByRole(AriaRole.Link, new() { Name = "International Migration Law", Exact = true }).ClickAsync();
        await learner.GetByRole(AriaRole.Link, new() { Name = "Enrol", Exact = true }).First.ClickAsync();
        await AxeAsync(learner);
        await learner.GetByLabel("Stakeholder group", new() { Exact = true }).SelectOptionAsync("member-state");
        await learner.GetByLabel("Country", new() { Exact = true }).SelectOptionAsync("GHA");
        await learner.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Enrol", Exact = true }).ClickAsync();
        await Expect(learner.GetByRole(AriaRole.Main)).ToContainTextAsync("enrolled", new() { IgnoreCase = true });
        var runId = await RunIdAsync(email);

        // ---- checked in at the first session with the ticket from the confirmation email ------------------------
        var confirmation = await server.EmailAsync(email, "registration-confirmed");
        var secret = TicketSecret().Match(confirmation.TextBody).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(secret), "no ticket link in the confirmation email");
        var staffAccount = DemoData.Accounts.First(a => a.Role == Roles.ProgrammeStaff);
        var staff = await server.SignInAsync(staffAccount.Email, staffAccount.Password);
        await staff.GotoAsync($"/registrations/manage/checkin?code={Uri.EscapeDataString(secret)}");
        // The first session is weeks away, so it is under the sessions that are not today's.
        await staff.Locator("summary", new() { HasText = "Sessions of the course" }).ClickAsync();
        await staff.GetByRole(AriaRole.Listitem).Filter(new() { HasTextRegex = new Regex("Session 1, ") })
            .GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Check in at this session") }).ClickAsync();
        await Expect(staff.GetByText(new Regex("is checked in at .*Session 1"))).ToBeVisibleAsync();
        await AxeAsync(staff);

        // ---- staff mark the next five sessions on the attendance grid (6 of 8 meets the 75% rule) -----------------
        await staff.GotoAsync($"/courses/manage/runs/{runId}/attendance");
        for (var s = 2; s <= 6; s++)
            await staff.GetByLabel(new Regex($"^Learner {tag} present at .*Session {s}$")).CheckAsync();
        await AxeAsync(staff);
        await staff.GetByRole(AriaRole.Button, new() { Name = "Save attendance" }).ClickAsync();

        // ---- the final self-assessment -----------------------------------------------------------------------
        await learner.GotoAsync($"/learn/runs/{runId}");
        await learner.GetByRole(AriaRole.Link, new() { Name = "Final self-assessment" }).ClickAsync();
        await learner.GetByRole(AriaRole.Button, new() { Name = "Start the quiz" }).ClickAsync();
        var questions = learner.Locator("fieldset.quiz-question");
        await Expect(questions).ToHaveCountAsync(3);
        await AxeAsync(learner);
        for (var i = 0; i < 3; i++)
        {
            var question = questions.Nth(i);
            var prompt = await question.Locator(".prose").InnerTextAsync();
            var answer = Answers.Single(a => prompt.StartsWith(a.Key, StringComparison.Ordinal)).Value;
            await answer(question);
        }
        await learner.GetByRole(AriaRole.Button, new() { Name = "Submit for grading" }).ClickAsync();
        await Expect(learner.GetByRole(AriaRole.Main)).ToContainTextAsync("100%");
        await AxeAsync(learner);

        // ---- completed: the certificate -------------------------------------------------------------------------
        await learner.GotoAsync($"/learn/runs/{runId}");
        var download = learner.GetByRole(AriaRole.Link, new() { Name = "Download your certificate (PDF)" });
        await Expect(download).ToBeVisibleAsync();
        await AxeAsync(learner);
        await learner.GotoAsync("/learn");
        await Expect(learner.GetByRole(AriaRole.Main)).ToContainTextAsync("International Migration Law");
        await AxeAsync(learner);
        await learner.GotoAsync($"/learn/runs/{runId}");
        var href = await download.GetAttributeAsync("href");
        var pdf = await learner.Context.APIRequest.GetAsync(href!);
        Assert.Equal(200, pdf.Status);
        var text = PdfText(await pdf.BodyAsync());
        Assert.Contains($"Learner {tag}", text);
        var code = CertificateCodeText().Match(text).Value;
        Assert.False(string.IsNullOrEmpty(code), $"no certificate code in the PDF text: {text}");

        var anonymous = await server.NewPageAsync();
        await anonymous.GotoAsync($"/certificates/verify/{code}");
        await Expect(anonymous.GetByRole(AriaRole.Main)).ToContainTextAsync("valid", new() { IgnoreCase = true });
        await Expect(anonymous.GetByRole(AriaRole.Main)).ToContainTextAsync($"Learner {tag}");

        // ---- staff revoke it; the same code now reads revoked, with the reason -----------------------------------
        await staff.GotoAsync($"/courses/manage/runs/{runId}/gradebook");
        await AxeAsync(staff);
        await staff.GetByText(new Regex($"^Revoke or reissue {code}")).ClickAsync();
        await staff.GetByLabel("Reason for revoking").FillAsync("Issued to the wrong cohort.");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Revoke", Exact = true }).ClickAsync();
        await anonymous.GotoAsync($"/certificates/verify/{code}");
        await Expect(anonymous.GetByRole(AriaRole.Main)).ToContainTextAsync("revoked", new() { IgnoreCase = true });
        await Expect(anonymous.GetByRole(AriaRole.Main)).ToContainTextAsync("Issued to the wrong cohort.");

        // The staff course pages, in the state the journey left them.
        var courseId = await CourseIdAsync(runId);
        foreach (var path in new[] { "/courses/manage", $"/courses/manage/{courseId}", $"/courses/manage/{courseId}/quizzes", $"/courses/manage/{courseId}/banks" })
        {
            await staff.GotoAsync(path);
            await AxeAsync(staff);
        }
        Assert.True(_axe.Count == 0, string.Join("\n", _axe));
    }

    private readonly List<string> _axe = [];

    /// <summary>axe-core (WCAG 2.1 AA) on the page as it is now; violations are collected and asserted at the end.</summary>
    private async Task AxeAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        _axe.AddRange(result.Violations.Select(v =>
            $"{page.Url}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}"));
    }

    private async Task<int> CourseIdAsync(int runId)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.CourseRuns.Where(r => r.Id == runId).Select(r => r.CourseId).SingleAsync();
    }

    [GeneratedRegex(@"/tickets/([A-Za-z0-9_\-]+)")]
    private static partial Regex TicketSecret();

    [GeneratedRegex(@"\b[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}\b")]
    private static partial Regex CertificateCodeText();

    private async Task<int> RunIdAsync(string email)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var upper = email.ToUpperInvariant();
        return await (from run in db.CourseRuns join r in db.Registrations on run.EventId equals r.EventId
                      where r.NormalizedEmail == upper select run.Id).SingleAsync();
    }

    private async Task<string> LearnerAsync(string tag)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = $"learner.{tag}@example.org";
        var user = new AppUser
        {
            UserName = email, Email = email, EmailConfirmed = true, FullName = $"Learner {tag}",
            Organization = "Permanent Mission of Ghana", Language = "en", CreatedAt = DateTime.UtcNow,
        };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Participant)).Succeeded);
        return email;
    }

    private static string PdfText(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"nexus-certificate-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            var start = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var a in new[] { "-layout", path, "-" }) start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
            return text;
        }
        finally { File.Delete(path); }
    }
}
