using Nexus.Web.Infrastructure;
using Nexus.Web.Features.Courses.Progress;

namespace Nexus.Web.Features.Courses.Quizzes;

/// <summary>
/// Closes timed attempts whose time is up although nobody opened a page since, grades them on the answers saved in
/// time, and records the course's completion (with its certificate) when that attempt was the last thing a learner
/// needed. Without it a learner who closed the tab would wait for their grade, and their certificate, until someone
/// looked. Each attempt is claimed by a conditional update, so several instances close it once.
/// </summary>
public sealed class OverdueAttempts(QuizService quizzes, ProgressService progress)
{
    /// <summary>At most this many attempts per run; the next run takes the rest.</summary>
    public const int Batch = 200;

    public async Task<int> CloseAsync(CancellationToken ct)
    {
        var registrations = await quizzes.CloseAllOverdueAsync(Batch, ct);
        foreach (var id in registrations) await progress.RecordCompletionIfDueAsync(id, ct);
        return registrations.Count;
    }
}

/// <summary>Runs <see cref="OverdueAttempts"/> every minute (the grace after a deadline is 30 seconds).</summary>
public sealed class OverdueAttemptJob(IServiceScopeFactory scopes, IConfiguration config, ILogger<OverdueAttemptJob> log)
    : PeriodicJob(scopes, config, log)
{
    protected override TimeSpan Every => TimeSpan.FromMinutes(1);

    protected override async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var closed = await services.GetRequiredService<OverdueAttempts>().CloseAsync(ct);
        if (closed > 0) Log.LogInformation("Closed the overdue quiz attempts of {Count} learners", closed);
    }
}
