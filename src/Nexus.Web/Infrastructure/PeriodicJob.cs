namespace Nexus.Web.Infrastructure;

/// <summary>
/// Work the app does on a timer while it runs: first at start, then every <see cref="Every"/>, each run in a DI
/// scope of its own. A failed run is logged and the next one tries again. Nothing runs when
/// <c>Nexus:BackgroundJobsDisabled</c> is set (tests, which call the work directly). Every job is written to be safe on
/// several instances at once (each item is claimed by a conditional update or a lease), so no leader is elected.
/// </summary>
public abstract class PeriodicJob(IServiceScopeFactory scopes, IConfiguration config, ILogger log) : BackgroundService
{
    protected ILogger Log => log;

    protected abstract TimeSpan Every { get; }

    protected abstract Task RunAsync(IServiceProvider services, CancellationToken ct);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (config.GetValue<bool>("Nexus:BackgroundJobsDisabled")) return;
        using var timer = new PeriodicTimer(Every);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await RunAsync(scope.ServiceProvider, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "{Job} failed", GetType().Name);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
