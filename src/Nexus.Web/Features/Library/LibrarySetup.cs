using Nexus.Web.Data;
using Nexus.Web.Features.Library.Search;

namespace Nexus.Web.Features.Library;

public static class LibrarySetup
{
    public static IServiceCollection AddLibrary(this IServiceCollection services, IConfiguration config)
    {
        if (DatabaseSetup.Provider(config) == DatabaseProvider.Postgres) services.AddSingleton<ILibraryIndex, PostgresLibraryIndex>();
        else services.AddSingleton<ILibraryIndex, SqliteLibraryIndex>();
        services.AddSingleton<LibraryCatalog>();
        services.AddScoped<LibraryService>();
        services.AddScoped<LibrarySearch>();
        return services;
    }
}
