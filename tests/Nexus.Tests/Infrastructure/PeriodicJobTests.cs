using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Nexus.Web.Infrastructure;

namespace Nexus.Tests.Infrastructure;

public class PeriodicJobTests
{
    private sealed class Counting(IServiceScopeFactory scopes, IConfiguration config, int failFirst) : PeriodicJob(scopes, config, NullLogger.Instance)
    {
        public int Runs;
        public readonly TaskCompletionSource ThirdRun = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public readonly HashSet<IServiceProvider> Scopes = [];

        protected override TimeSpan Every => TimeSpan.FromMilliseconds(10);

        protected override Task RunAsync(IServiceProvider services, CancellationToken ct)
        {
            Scopes.Add(services);
            if (++Runs == 3) ThirdRun.TrySetResult();
            if (Runs <= failFirst) throw new InvalidOperationException("a run that fails");
            return Task.CompletedTask;
        }
    }

    private static (IServiceScopeFactory, IConfiguration) Host(bool disabled) => (
        new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(),
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Nexus:BackgroundJobsDisabled"] = disabled ? "true" : "false" }).Build());

    [Fact]
    public async Task A_job_runs_again_after_a_failed_run_each_time_in_a_scope_of_its_own()
    {
        var (scopes, config) = Host(disabled: false);
        var job = new Counting(scopes, config, failFirst: 2);

        await job.StartAsync(TestContext.Current.CancellationToken);
        await job.ThirdRun.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        await job.StopAsync(TestContext.Current.CancellationToken);

        Assert.True(job.Runs >= 3);
        Assert.Equal(job.Runs, job.Scopes.Count);
    }

    [Fact]
    public async Task A_disabled_job_never_runs()
    {
        var (scopes, config) = Host(disabled: true);
        var job = new Counting(scopes, config, failFirst: 0);

        await job.StartAsync(TestContext.Current.CancellationToken);
        await Task.Delay(100, TestContext.Current.CancellationToken);
        await job.StopAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, job.Runs);
    }
}
