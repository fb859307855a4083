using Nexus.Web.Infrastructure;
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
public sealed class RegistrationJobs(IServiceScopeFactory scopes, IConfiguration config, ILogger<RegistrationJobs> log)
    : PeriodicJob(scopes, config, log)
{
    protected override TimeSpan Every => TimeSpan.FromMinutes(1);

    protected override async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var service = services.GetRequiredService<RegistrationService>();
        var expired = await service.ExpireOffersAsync(ct);
        var reminded = await service.SendRemindersAsync(ct);
        await services.GetRequiredService<Infrastructure.Idempotency.IdempotencyStore>().PurgeAsync(ct);
        if (expired + reminded > 0) Log.LogInformation("Expired {Expired} offers, queued {Reminded} reminders", expired, reminded);
    }
}
