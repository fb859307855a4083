using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Courses.Quizzes.Take;

/// <summary>
/// Answering an attempt: every question on one form, saved or submitted. The server decides about time; the
/// countdown script only submits the form at the deadline.
/// </summary>
public class AttemptModel(QuizAccess access, QuizService quizzes, Progress.ProgressService progress, TimeProvider clock,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public QuizAttempt Attempt { get; private set; } = null!;
    public string TimeZone { get; private set; } = "UTC";
    /// <summary>The responses the form shows: as saved, or as posted when they were refused.</summary>
    public Dictionary<int, QuizResponse?> Responses { get; private set; } = [];
    public Dictionary<string, string> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public DateTime Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(long attemptId, CancellationToken ct)
    {
        if (await OpenAsync(attemptId, ct) is { } elsewhere) return elsewhere;
        Responses = Attempt.Answers.ToDictionary(a => a.QuestionId, a => QuizResponse.Parse(a.Response));
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(long attemptId, CancellationToken ct) => PostAsync(attemptId, submit: false, ct);

    public Task<IActionResult> OnPostSubmitAsync(long attemptId, CancellationToken ct) => PostAsync(attemptId, submit: true, ct);

    private async Task<IActionResult> PostAsync(long attemptId, bool submit, CancellationToken ct)
    {
        if (await access.AttemptAsync(attemptId, User, ct) is not { } owner) return NotFound();
        var registrationId = owner.Enrolment.RegistrationId;
        var attempt = await quizzes.LoadAsync(attemptId, registrationId, ct);
        if (attempt is null) return NotFound();
        var posted = QuizForms.Read(k => Request.Form[k], attempt.Answers);
        FieldErrors? errors;
        if (submit)
        {
            var result = await quizzes.SubmitAsync(attemptId, registrationId, posted, ct);
            // A graded attempt may be the last thing the learner needed: completion and the certificate follow at
            // once (after the grade is committed; the completion has its own transaction and its own once-only guard).
            if (result.Outcome is SubmitOutcome.Graded or SubmitOutcome.TimedOut)
                await progress.RecordCompletionIfDueAsync(registrationId, ct);
            switch (result.Outcome)
            {
                case SubmitOutcome.Graded:
                    return Done(ReviewUrl(attemptId), t["Your attempt is submitted."]);
                case SubmitOutcome.TimedOut:
                    return Done(ReviewUrl(attemptId), t["Time was up: the attempt was graded on the answers saved before the deadline."]);
                case SubmitOutcome.AlreadyClosed:
                    // A second click or a second tab: the grade already given is the answer.
                    return Redirect(ReviewUrl(attemptId));
                case SubmitOutcome.NotFound:
                    return NotFound();
            }
            errors = result.Errors;
        }
        else
        {
            var result = await quizzes.SaveAsync(attemptId, registrationId, posted, ct);
            switch (result.Outcome)
            {
                case SaveOutcome.Saved:
                    return Done($"/learn/attempts/{attemptId}", t["Your answers are saved."]);
                case SaveOutcome.Closed:
                    return Done(ReviewUrl(attemptId), t["This attempt is closed; your answers were not saved."]);
                case SaveOutcome.NotFound:
                    return NotFound();
            }
            errors = result.Errors;
        }

        // Refused: the form again with what was sent, each problem named at its question.
        Attempt = attempt;
        TimeZone = owner.TimeZone;
        Now = clock.GetUtcNow().UtcDateTime;
        Responses = posted.ToDictionary(p => p.Key, p => p.Value is { Text.Length: > QuizGrading.MaxTextLength } r
            ? r with { Text = r.Text[..QuizGrading.MaxTextLength] } : p.Value);
        if (errors is not null) foreach (var (field, message) in errors.Localized(t)) Errors[field] = message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>Loads the learner's own attempt; a closed one (or one whose time is up) shows its review instead.</summary>
    private async Task<IActionResult?> OpenAsync(long attemptId, CancellationToken ct)
    {
        if (await access.AttemptAsync(attemptId, User, ct) is not { } owner) return NotFound();
        var registrationId = owner.Enrolment.RegistrationId;
        var attempt = await quizzes.LoadAsync(attemptId, registrationId, ct);
        if (attempt is null) return NotFound();
        Now = clock.GetUtcNow().UtcDateTime;
        if (attempt.Status == AttemptStatus.InProgress && !QuizGrading.InTime(attempt.DeadlineAt, Now))
        {
            await quizzes.CloseOverdueAsync(attempt.QuizId, [registrationId], ct);
            return Redirect(ReviewUrl(attemptId));
        }
        if (attempt.Status != AttemptStatus.InProgress) return Redirect(ReviewUrl(attemptId));
        Attempt = attempt;
        TimeZone = owner.TimeZone;
        return null;
    }

    private RedirectResult Done(string url, LocalizedString message)
    {
        TempData["Message"] = message.Value;
        return Redirect(url);
    }

    public static string ReviewUrl(long attemptId) => $"/learn/attempts/{attemptId}/review";

    public string? Err(int questionId) => Errors.TryGetValue(QuizForms.FieldId(questionId), out var m) ? m : null;

    /// <summary>Whole minutes left before the deadline, rounded up, for the page without JavaScript.</summary>
    public int MinutesLeft => Attempt.DeadlineAt is { } d ? Math.Max(0, (int)Math.Ceiling((d - Now).TotalMinutes)) : 0;
}
