using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Web.Data;
using Nexus.Web.Features.Data;

namespace Nexus.Tests.Data;

/// <summary>One model, one generated migration set per provider; the run fails when a model change has no migration.</summary>
public class MigrationsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_SQLite_migrations_match_the_model()
    {
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>();
        DatabaseSetup.ConfigureSqlite(options, "Data Source=:memory:");
        using var db = new SqliteAppDbContext(options.Options);

        Assert.False(db.Database.HasPendingModelChanges(),
            "The model has changes without a SQLite migration: run the migrations script to add one for each provider.");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void The_PostgreSQL_migrations_match_the_model()
    {
        // Comparing the model with the snapshot needs no server.
        var options = new DbContextOptionsBuilder<PostgresAppDbContext>();
        DatabaseSetup.ConfigurePostgres(options, "Host=localhost;Database=nexus_model_check");
        using var db = new PostgresAppDbContext(options.Options);

        Assert.False(db.Database.HasPendingModelChanges(),
            "The model has changes without a PostgreSQL migration: run the migrations script to add one for each provider.");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void Both_providers_have_the_same_migrations_by_name()
    {
        var sqlite = new DbContextOptionsBuilder<SqliteAppDbContext>();
        DatabaseSetup.ConfigureSqlite(sqlite, "Data Source=:memory:");
        var postgres = new DbContextOptionsBuilder<PostgresAppDbContext>();
        DatabaseSetup.ConfigurePostgres(postgres, "Host=localhost;Database=nexus_model_check");
        using var a = new SqliteAppDbContext(sqlite.Options);
        using var b = new PostgresAppDbContext(postgres.Options);

        // Ids start with a timestamp that differs by seconds between the two; the names after it must pair up.
        static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(m => m[(m.IndexOf('_') + 1)..]);
        Assert.Equal(Names(a), Names(b));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Migrations_apply_to_an_empty_database(Provider provider)
    {
        await using var app = new AppFactory(provider);
        await using var scope = app.Scope(); // starting the app migrates (Nexus:MigrateOnStart)
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(Ct));
        Assert.Equal(0, await db.Events.CountAsync(Ct)); // Nexus:DemoData=false: nothing seeded
        Assert.True(await db.Database.CanConnectAsync(Ct));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_column_added_to_a_table_with_rows_gets_a_value_for_them(Provider provider)
    {
        // EventPartners adds a required list to Events: stepping back before it and forward again over a stored event
        // is what an upgrade of a running installation does. PostgreSQL refuses a NOT NULL column without a default.
        await using var app = new AppFactory(provider);
        var ev = await app.AddEventAsync(TestData.Event(title: "Stored before the upgrade"));
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var migrator = db.GetInfrastructure().GetRequiredService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        var index = migrations.FindIndex(m => m.EndsWith("_EventPartners", StringComparison.Ordinal));
        Assert.True(index > 0);

        await migrator.MigrateAsync(migrations[index - 1], Ct);
        await migrator.MigrateAsync(null, Ct);

        db.ChangeTracker.Clear();
        var stored = await db.Events.AsNoTracking().SingleAsync(e => e.Id == ev.Id, Ct);
        Assert.Empty(stored.Partners);
        Assert.Equal("Stored before the upgrade", stored.Title);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Figures_stored_a_row_each_move_into_their_series_unchanged(Provider provider)
    {
        // An installation upgraded over FiguresStoredBySeries: its figures, one row each, become series rows. Stepping
        // back moves an imported release (with flags and notes) into the old table; figures that need all 17 digits
        // and hostile text are added there; stepping forward must give back every figure exactly.
        await using var app = new AppFactory(provider);
        var release = (await DataImports.OfficialAsync(app, UndesaFiles.Matrix2015)).Release.Id;
        var imported = await DataImports.FiguresAsync(app, release);
        Assert.Contains(imported, o => o.Flag is not null);
        Assert.Contains(imported, o => o.Note is not null);
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var migrator = db.GetInfrastructure().GetRequiredService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        var index = migrations.FindIndex(m => m.EndsWith("_FiguresStoredBySeries", StringComparison.Ordinal));
        Assert.True(index > 0);

        await migrator.MigrateAsync(migrations[index - 1], Ct);
        (int Year, double Value, string? Flag, string? Note)[] added =
        [
            (1990, 0.1 + 0.2, null, "He said \"ü\" <script>alert(1)</script>, 'x'); DROP TABLE \"Areas\"; --"),
            (1991, 1.0 / 3, "e", null), (1992, 1e-300, null, null), (1993, 123456789.12345678, "B R", "12"), (1994, -1.7976931348623157e308, null, null),
        ];
        foreach (var (year, value, flag, note) in added)
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "Observations" ("ReleaseId", "Indicator", "Area", "Counterpart", "Sex", "Year", "Value", "Flag", "Note")
                VALUES ({release}, 'population', 4, 0, 'Female', {year}, {value}, {flag}, {note})
                """, Ct);
        await migrator.MigrateAsync(null, Ct);

        db.ChangeTracker.Clear();
        var after = await DataImports.FiguresAsync(db, s => s.ReleaseId == release);
        var expected = imported.Select(Key).Concat(added.Select(a => (release, "population", 4, 0, Sex.Female, a.Year, a.Value, a.Flag, a.Note)))
            .OrderBy(k => k.Item2, StringComparer.Ordinal).ThenBy(k => k.Item3).ThenBy(k => k.Item4).ThenBy(k => k.Item5).ThenBy(k => k.Item6);
        Assert.Equal(expected, after.Select(Key));
        Assert.Equal(added.Length, after.Count(o => o.Indicator == "population"));

        static (int, string, int, int, Sex, int, double, string?, string?) Key(Observation o) =>
            (o.ReleaseId, o.Indicator, o.Area, o.Counterpart, o.Sex, o.Year, o.Value, o.Flag, o.Note);
    }

    [Fact]
    public async Task Migrating_twice_changes_nothing()
    {
        await using var app = new AppFactory(Provider.Sqlite);
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        await DatabaseSetup.MigrateAsync(db, Ct);

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
    }

    [Fact]
    public async Task A_SQLite_database_runs_in_write_ahead_logging_mode()
    {
        await using var app = new AppFactory(Provider.Sqlite);
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        var mode = await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync(Ct);

        Assert.Equal("wal", Assert.Single(mode));
    }
}
