using Nexus.Web.Infrastructure.Files;

namespace Nexus.Web.Features.Events;

public static class EventsSetup
{
    public static IServiceCollection AddEvents(this IServiceCollection services)
    {
        services.AddSingleton<FileStore>();
        return services;
    }
}
