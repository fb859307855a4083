using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Data;

public enum DatabaseProvider { Sqlite, Postgres }

public static class DatabaseSetup
{
    public static DatabaseProvider Provider(IConfiguration config)
    {
        var value = config["Database:Provider"];
        if (string.IsNullOrWhiteSpace(value)) return DatabaseProvider.Sqlite;
        return Enum.TryParse<DatabaseProvider>(value, ignoreCase: true, out var p)
            ? p
            : throw new InvalidOperationException(
                $"Database:Provider is '{value}'; it must be 'Sqlite' or 'Postgres'.");
    }

    /// <summary>The connection string in use: ConnectionStrings:Nexus, or a SQLite file in the data folder.</summary>
    public static string ConnectionString(IConfiguration config, string contentRoot)
    {
        var configured = config.GetConnectionString("Nexus");
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        if (Provider(config) == DatabaseProvider.Postgres)
            throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Nexus is not set.");
        var dataDir = Path.GetFullPath(config[$"{NexusOptions.Section}:DataDirectory"] ?? "data", contentRoot);
        Directory.CreateDirectory(dataDir);
        return $"Data Source={Path.Combine(dataDir, "nexus.db")}";
    }

    public static IServiceCollection AddNexusDatabase(this IServiceCollection services, IConfiguration config, string contentRoot)
    {
        var connectionString = ConnectionString(config, contentRoot);
        services.AddSingleton<Infrastructure.Caching.ProgrammeChangeInterceptor>();
        if (Provider(config) == DatabaseProvider.Postgres)
            services.AddDbContextPool<AppDbContext, PostgresAppDbContext>((sp, o) =>
            {
                ConfigurePostgres(o, connectionString);
                o.AddInterceptors(sp.GetRequiredService<Infrastructure.Caching.ProgrammeChangeInterceptor>());
            });
        else
        {
            EnsureSqliteFolder(connectionString);
            services.AddDbContextPool<AppDbContext, SqliteAppDbContext>((sp, o) =>
            {
                ConfigureSqlite(o, connectionString);
                o.AddInterceptors(sp.GetRequiredService<Infrastructure.Caching.ProgrammeChangeInterceptor>());
            });
        }
        return services;
    }

    public static void ConfigureSqlite(DbContextOptionsBuilder o, string connectionString) =>
        o.UseSqlite(connectionString).AddInterceptors(SqlitePragmas.Instance);

    public static void ConfigurePostgres(DbContextOptionsBuilder o, string connectionString) =>
        o.UseNpgsql(connectionString);

    private static void EnsureSqliteFolder(string connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var dir = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(dir) && file != ":memory:") Directory.CreateDirectory(dir);
    }

    /// <summary>Applies pending migrations; on SQLite also switches the file to write-ahead logging.</summary>
    public static async Task MigrateAsync(AppDbContext db, CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers proceed while one writer commits; the setting is stored in the file itself.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            // The library's FTS5 table is a virtual table, which migrations cannot describe (see ADR 005).
            await Features.Library.Search.SqliteLibraryIndex.EnsureTableAsync(db, ct);
        }
    }
}

/// <summary>
/// Per-connection SQLite settings. synchronous=FULL makes a commit durable before we answer the person whose
/// registration it confirms (NORMAL would be faster but can lose the last commits on power loss).
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;";
        cmd.ExecuteNonQuery();
    }
}

/// <summary>Used by "dotnet ef migrations add ... --context SqliteAppDbContext".</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args)
    {
        var b = new DbContextOptionsBuilder<SqliteAppDbContext>();
        ConfigureDesign(b);
        return new SqliteAppDbContext(b.Options);
    }

    private static void ConfigureDesign(DbContextOptionsBuilder b) => b.UseSqlite("Data Source=design.db");
}

/// <summary>Used by "dotnet ef migrations add ... --context PostgresAppDbContext"; needs no server.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args)
    {
        var b = new DbContextOptionsBuilder<PostgresAppDbContext>();
        b.UseNpgsql("Host=localhost;Database=nexus_design");
        return new PostgresAppDbContext(b.Options);
    }
}
