using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Nexus.Web.Features.Courses.Progress.Learner;

/// <summary>
/// A learner's progress in one run: sessions attended, each module's quizzes, what is still missing, and the
/// certificate once complete. Only the learner enrolled sees it; anyone else gets 404, as for a run that does not exist.
/// </summary>
public class RunModel(Enrolments enrolments, ProgressService progress) : PageModel
{
    public LearnerProgress Progress { get; private set; } = null!;

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context) =>
        Response.Headers.CacheControl = "no-store";

    public async Task<IActionResult> OnGetAsync(int runId, CancellationToken ct)
    {
        if (await enrolments.ForUserAsync(runId, User, ct) is not { } enrolment) return NotFound();
        if (await progress.ForRegistrationAsync(enrolment.RegistrationId, ct) is not { } p) return NotFound();
        // Completion is recorded when attendance or a quiz changes; a rule relaxed by staff since then is caught here.
        if (p is { Completion: null, Result.Complete: true } && enrolment.Active
            && (await progress.RecordCompletionIfDueAsync(enrolment.RegistrationId, ct)).Outcome == CompletionOutcome.Recorded)
            p = (await progress.ForRegistrationAsync(enrolment.RegistrationId, ct))!;
        Progress = p;
        return Page();
    }
}
