using Nexus.Web.Infrastructure.Idempotency;

namespace Nexus.Web.Features.Registrations;

public static class RegistrationsSetup
{
    public static IServiceCollection AddRegistrations(this IServiceCollection services)
    {
        services.AddScoped<RegistrationService>();
        // SQLite has one writer at a time, so more than one seat transaction in flight only adds busy-waiting;
        // PostgreSQL serialises per event and runs different events in parallel.
        services.AddSingleton(sp =>
        {
            var config = sp.GetRequiredService<IConfiguration>();
            var sqlite = Nexus.Web.Data.DatabaseSetup.Provider(config) == Nexus.Web.Data.DatabaseProvider.Sqlite;
            return new SeatGate(config.GetValue("Nexus:SeatConcurrency", sqlite ? 1 : 16));
        });
        services.AddScoped<RegistrationEmails>();
        services.AddScoped<IdempotencyStore>();
        services.AddSingleton<RegistrationDesk>();
        services.AddHostedService(sp => sp.GetRequiredService<RegistrationDesk>());
        services.AddHostedService<RegistrationJobs>();
        return services;
    }
}

/// <summary>
/// Once a minute: expire seat offers whose deadline passed (passing the seat on) and queue the reminders for
/// tomorrow's events, and forget idempotency keys older than a day. All are safe to run on several instances at once.
/// </summary>
public sealed class RegistrationJobs(IServiceScopeFactory scopes, IConfiguration config, ILogger<RegistrationJobs> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (config.GetValue<bool>("Nexus:BackgroundJobsDisabled")) return;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var service = scope.ServiceProvider.GetRequiredService<RegistrationService>();
                var expired = await service.ExpireOffersAsync(stoppingToken);
                var reminded = await service.SendRemindersAsync(stoppingToken);
                await scope.ServiceProvider.GetRequiredService<Infrastructure.Idempotency.IdempotencyStore>().PurgeAsync(stoppingToken);
                if (expired + reminded > 0) log.LogInformation("Expired {Expired} offers, queued {Reminded} reminders", expired, reminded);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Registration jobs failed");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
