using System.CommandLine;
using Microsoft.EntityFrameworkCore;

namespace Nexus.Web.Data;

public static class DbCommands
{
    public static Command Create(IServiceProvider services)
    {
        var db = new Command("db", "Database commands.");
        var migrate = new Command("migrate", "Apply pending migrations to the configured database.");
        migrate.SetAction(async (_, ct) =>
        {
            await using var scope = services.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var pending = (await context.Database.GetPendingMigrationsAsync(ct)).ToList();
            await DatabaseSetup.MigrateAsync(context, ct);
            Console.WriteLine(pending.Count == 0
                ? "The database is up to date."
                : $"Applied {pending.Count} migration(s): {string.Join(", ", pending)}");
            return 0;
        });
        db.Subcommands.Add(migrate);
        return db;
    }
}
