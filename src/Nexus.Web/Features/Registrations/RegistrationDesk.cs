using System.Threading.Channels;

namespace Nexus.Web.Features.Registrations;

/// <summary>
/// Group commit for registrations. Requests from the form and the API queue here; one loop takes whatever has
/// queued (up to <see cref="MaxBatch"/>) and registers it in one transaction, so a burst pays for one lock and
/// one durable commit per batch instead of per person. Alone, a request forms a batch of one. Every answer is
/// given only after its batch committed. A batch that fails is retried one request at a time, so one bad request
/// never fails the others.
/// </summary>
public sealed class RegistrationDesk(IServiceScopeFactory scopes, ILogger<RegistrationDesk> log) : BackgroundService
{
    public const int MaxBatch = 64;

    private sealed record Pending(RegisterRequest Request, TaskCompletionSource<RegisterResult> Done);

    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(10_000)
    {
        SingleReader = true, FullMode = BoundedChannelFullMode.Wait,
    });

    public async Task<RegisterResult> RegisterAsync(RegisterRequest request, CancellationToken ct)
    {
        var done = new TaskCompletionSource<RegisterResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync(new Pending(request, done), ct);
        // Once queued the registration goes ahead even if the caller gives up, as a posted form would.
        return await done.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next)) batch.Add(next);
                await ProcessAsync(batch);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            while (_queue.Reader.TryRead(out var left)) left.Done.TrySetCanceled(stoppingToken);
        }
    }

    private async Task ProcessAsync(List<Pending> batch)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var service = scope.ServiceProvider.GetRequiredService<RegistrationService>();
            var results = await service.RegisterBatchAsync(batch.Select(p => p.Request).ToList());
            for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(results[i]);
        }
        catch (Exception ex) when (batch.Count > 1)
        {
            log.LogWarning(ex, "A batch of {Count} registrations failed; retrying them one by one", batch.Count);
            foreach (var pending in batch) await ProcessAsync([pending]);
        }
        catch (Exception ex)
        {
            batch[0].Done.TrySetException(ex);
        }
    }
}
