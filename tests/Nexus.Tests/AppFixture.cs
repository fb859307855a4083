using Microsoft.Extensions.Time.Testing;

namespace Nexus.Tests;

/// <summary>
/// One app (and database) shared by the tests of a class, which create their own events so they do not meet.
/// The app starts on first use inside a test, so that a PostgreSQL skip lands on that test, not on the fixture.
/// </summary>
public abstract class AppFixture(Provider provider, bool fakeClock = false) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private AppFactory? _app;

    /// <summary>The app's clock when the fixture has a fake one; starts at the real time, moves only when told.</summary>
    public FakeTimeProvider? Clock { get; } = fakeClock ? new FakeTimeProvider(WholeSeconds(DateTimeOffset.UtcNow)) : null;

    /// <summary>PostgreSQL keeps microseconds, .NET ticks: a clock on whole seconds compares equal after a round trip.</summary>
    public static DateTimeOffset WholeSeconds(DateTimeOffset t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, t.Offset);

    public AppFactory App
    {
        get
        {
            lock (_gate)
            {
                if (_app is null)
                {
                    var app = new AppFactory(provider, Clock);
                    _ = app.Server; // start now: migrations run once, before the first request
                    _app = app;
                }
                return _app;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteApp() : AppFixture(Provider.Sqlite);
public sealed class PostgresApp() : AppFixture(Provider.Postgres);
public sealed class SqliteAppWithClock() : AppFixture(Provider.Sqlite, fakeClock: true);
public sealed class PostgresAppWithClock() : AppFixture(Provider.Postgres, fakeClock: true);
