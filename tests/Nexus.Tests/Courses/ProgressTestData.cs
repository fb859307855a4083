using System.Net;
using Microsoft.EntityFrameworkCore;
using Nexus.Tests.Pages;
using Nexus.Web.Features.Accounts.Tokens;
using Nexus.Web.Features.Courses;
using Nexus.Web.Features.Registrations;

namespace Nexus.Tests.Courses;

/// <summary>Attendance, quiz results and tickets written straight to the database, for the progress tests.</summary>
public static class ProgressTestData
{
    public static Task<int> AttendAsync(AppFactory app, int sessionId, int registrationId) => app.Db(async db =>
    {
        db.SessionAttendance.Add(new SessionAttendance
        {
            SessionId = sessionId, RegistrationId = registrationId, At = DateTime.UtcNow, Source = AttendanceSource.Staff,
        });
        return await db.SaveChangesAsync();
    });

    /// <summary>A submitted attempt with the given grade (passed at the test quiz's 50% pass mark).</summary>
    public static Task<int> AttemptAsync(AppFactory app, int quizId, int registrationId, decimal percent, int number = 1,
        AttemptStatus status = AttemptStatus.Submitted) => app.Db(async db =>
    {
        db.QuizAttempts.Add(new QuizAttempt
        {
            QuizId = quizId, RegistrationId = registrationId, Number = number, StartedAt = DateTime.UtcNow.AddMinutes(-10),
            SubmittedAt = status == AttemptStatus.InProgress ? null : DateTime.UtcNow, Status = status,
            Score = percent / 25, MaxScore = 4, Percent = status == AttemptStatus.InProgress ? null : percent,
            Passed = status == AttemptStatus.InProgress ? null : percent >= 50,
        });
        return await db.SaveChangesAsync();
    });

    /// <summary>Gives the registration a known ticket secret, the one its QR code carries.</summary>
    public static async Task<string> TicketAsync(AppFactory app, int registrationId)
    {
        var secret = TokenSecrets.NewSecret();
        var hash = TokenSecrets.Hash(secret);
        await app.Db(db => db.Registrations.Where(r => r.Id == registrationId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.TicketSecretHash, hash)));
        return secret;
    }

    /// <summary>A learner of the test course who meets its rule (all sessions attended, the quiz passed) but whose completion is not yet recorded.</summary>
    public static async Task<Registration> DueLearnerAsync(AppFactory app, CourseTestData.Built built, string? userId = null,
        string fullName = "Amina Wanjiru", string? email = null)
    {
        var r = await CourseTestData.EnrolAsync(app, built.Run, email ?? TestData.UniqueEmail(), userId, fullName: fullName);
        foreach (var s in built.Sessions) await AttendAsync(app, s.Id, r.Id);
        await AttemptAsync(app, built.Quiz.Id, r.Id, 75);
        return r;
    }

    /// <summary>Posts a form and follows the redirect, returning the page shown after it (with its TempData message).</summary>
    public static async Task<string> PostAndFollowAsync(PageSession session, string url, Dictionary<string, string> fields, string? formUrl = null)
    {
        var response = await session.PostFormAsync(url, fields, formUrl);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var (_, html) = await session.GetAsync(response.Headers.Location!.OriginalString);
        return WebUtility.HtmlDecode(html);
    }
}
