using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Nexus.Web.Data;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Accounts.Tokens;
using Nexus.Web.Features.Events;
using Npgsql;

namespace Nexus.Tests;

public enum Provider { Sqlite, Postgres }

/// <summary>
/// Nexus hosted in memory on a database of its own: a fresh SQLite file, or a fresh PostgreSQL database on the
/// server named by NEXUS_TEST_POSTGRES. Two factories may share one database to act as two app instances.
/// </summary>
public sealed class AppFactory : WebApplicationFactory<Program>
{
    /// <summary>PBKDF2 iterations in tests: the real 600,000 would make every password operation take a second.</summary>
    public const int TestPasswordIterations = 1000;

    private static readonly string Root = Path.Combine(Path.GetTempPath(), "nexus-tests");

    private readonly Dictionary<string, string?> _settings;
    private readonly bool _fastPasswords;
    private readonly Action<IServiceCollection>? _services;
    private readonly string _dataDirectory;
    private readonly bool _ownsDatabase;
    private string? _postgresDatabase;

    public Provider Provider { get; }
    public string ConnectionString { get; }
    /// <summary>The controllable clock, when the factory was made with one.</summary>
    public FakeTimeProvider? Clock { get; }
    /// <summary>Nexus:DataDirectory of this app: uploads and, without SMTP, the .eml files.</summary>
    public string DataDirectory => _dataDirectory;
    /// <summary>Warnings and errors the app logged.</summary>
    public LogCapture Logs { get; } = new();

    /// <param name="provider">The database the app runs on.</param>
    /// <param name="clock">Replaces the app's TimeProvider.</param>
    /// <param name="shareDatabaseWith">Use that factory's database instead of a new one (a second app instance).</param>
    /// <param name="fastPasswords">Lower PBKDF2 iterations to <see cref="TestPasswordIterations"/>.</param>
    /// <param name="settings">Configuration that overrides the test defaults, e.g. Nexus:RateLimits:Disabled.</param>
    /// <param name="services">Further service replacements (after the app's own registrations).</param>
    public AppFactory(Provider provider = Provider.Sqlite, FakeTimeProvider? clock = null, AppFactory? shareDatabaseWith = null,
        bool fastPasswords = true, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        Provider = shareDatabaseWith?.Provider ?? provider;
        Clock = clock;
        _fastPasswords = fastPasswords;
        _services = services;
        // Skips (or fails) before anything is created when the PostgreSQL server is not configured.
        var server = Provider == Provider.Postgres && shareDatabaseWith is null ? PostgresServer() : null;
        var id = Guid.NewGuid().ToString("N");
        _dataDirectory = Path.Combine(Root, id);
        Directory.CreateDirectory(_dataDirectory);

        if (shareDatabaseWith is not null)
            ConnectionString = Provider == Provider.Postgres
                // A different Application Name gives this instance its own connection pool, as a second process would have.
                ? new NpgsqlConnectionStringBuilder(shareDatabaseWith.ConnectionString) { ApplicationName = "nexus-tests-" + id }.ConnectionString
                : shareDatabaseWith.ConnectionString;
        else if (Provider == Provider.Postgres)
        {
            _postgresDatabase = "nexus_t_" + id;
            ConnectionString = CreatePostgresDatabase(server!, _postgresDatabase);
            _ownsDatabase = true;
        }
        else
        {
            ConnectionString = $"Data Source={Path.Combine(Root, id + ".db")}";
            _ownsDatabase = true;
        }

        _settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = Provider.ToString(),
            ["ConnectionStrings:Nexus"] = ConnectionString,
            ["Nexus:DemoData"] = "false",
            // Data tests import what they need; the shipped extracts would add seconds to every app the suite starts.
            ["Nexus:Data:ShippedExtracts"] = "false",
            ["Nexus:DataDirectory"] = _dataDirectory,
            ["Nexus:Email:SenderDisabled"] = "true",
            ["Nexus:BackgroundJobsDisabled"] = "true",
            ["Nexus:RateLimits:Disabled"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;

        // Auth cookies are Secure, so the client talks https.
        ClientOptions.BaseAddress = new Uri("https://localhost");
        ClientOptions.AllowAutoRedirect = false;
    }

    /// <summary>
    /// The PostgreSQL server's connection string. Without NEXUS_TEST_POSTGRES the calling test is skipped, or
    /// fails when NEXUS_REQUIRE_POSTGRES=1 (as in ./test.sh, so a missing server is never silently green).
    /// Call it inside a test, not in a fixture, so that the skip applies to that test.
    /// </summary>
    public static string PostgresServer()
    {
        var server = Environment.GetEnvironmentVariable("NEXUS_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(server)) return server;
        if (Environment.GetEnvironmentVariable("NEXUS_REQUIRE_POSTGRES") == "1")
            Assert.Fail("NEXUS_REQUIRE_POSTGRES=1 but NEXUS_TEST_POSTGRES is not set. Start a server with scripts/pg-cluster.sh start.");
        Assert.Skip("PostgreSQL tests need NEXUS_TEST_POSTGRES (an Npgsql connection string to the postgres database); see scripts/pg-cluster.sh.");
        return "";
    }

    private static string CreatePostgresDatabase(string server, string name)
    {
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            create.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            if (Clock is not null) services.AddSingleton<TimeProvider>(Clock);
            if (_fastPasswords) services.Configure<PasswordHasherOptions>(o => o.IterationCount = TestPasswordIterations);
            _services?.Invoke(services);
        });
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        // As in Development: catch a scoped service taken from the root provider, in every test.
        builder.UseDefaultServiceProvider(o => { o.ValidateScopes = true; o.ValidateOnBuild = true; });
        return base.CreateHost(builder);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Provider == Provider.Postgres)
        {
            NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString));
            if (_ownsDatabase && _postgresDatabase is not null)
            {
                await using var connection = new NpgsqlConnection(PostgresServer());
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
                _postgresDatabase = null;
            }
        }
        else
        {
            SqliteConnection.ClearPool(new SqliteConnection(ConnectionString));
            if (_ownsDatabase)
            {
                var file = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
                foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
            }
        }
        if (Directory.Exists(_dataDirectory)) Directory.Delete(_dataDirectory, recursive: true);
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    /// <summary>Runs <paramref name="work"/> on a fresh AppDbContext of the app.</summary>
    public async Task<T> Db<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = Scope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>Runs <paramref name="work"/> on a service of a fresh scope, e.g. RegistrationService.</summary>
    public async Task<T> With<TService, T>(Func<TService, Task<T>> work) where TService : notnull
    {
        await using var scope = Scope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public async Task<Event> AddEventAsync(Event e)
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Events.Add(e);
        await db.SaveChangesAsync();
        return e;
    }

    /// <summary>A user with a role (created when missing) and no password: tests sign in with tokens.</summary>
    public async Task<AppUser> AddUserAsync(string role = Roles.ProgrammeStaff, string? email = null)
    {
        await using var scope = Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(role)) Check(await roles.CreateAsync(new IdentityRole(role)));
        email ??= $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.org";
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, FullName = role + " user", CreatedAt = DateTime.UtcNow };
        Check(await users.CreateAsync(user));
        Check(await users.AddToRoleAsync(user, role));
        return user;
    }

    /// <summary>A programme staff member's personal access token with the given scopes (all scopes by default).</summary>
    public async Task<string> StaffTokenAsync(params string[] scopes)
    {
        var user = await AddUserAsync(Roles.ProgrammeStaff);
        await using var scope = Scope();
        var tokens = scope.ServiceProvider.GetRequiredService<TokenService>();
        var (created, error) = await tokens.CreateAsync(user, "tests", scopes.Length > 0 ? scopes : Scopes.All, null);
        return created?.Secret ?? throw new InvalidOperationException(error);
    }

    /// <summary>A token stored directly, bypassing TokenService's staff check: what a demoted user would still hold.</summary>
    public async Task<string> TokenWithoutChecksAsync(AppUser user, params string[] scopes)
    {
        var secret = TokenSecrets.NewToken();
        await Db(async db =>
        {
            db.ApiTokens.Add(new ApiToken
            {
                UserId = user.Id, Name = "raw", Prefix = secret[..10], Hash = TokenSecrets.Hash(secret),
                Scopes = string.Join(' ', scopes), CreatedAt = DateTime.UtcNow,
            });
            return await db.SaveChangesAsync();
        });
        return secret;
    }

    public HttpClient ClientWithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
