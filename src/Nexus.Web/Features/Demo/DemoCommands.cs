using System.CommandLine;
using Nexus.Web.Data;

namespace Nexus.Web.Features.Demo;

public static class DemoCommands
{
    public static Command Create(IServiceProvider services)
    {
        var demo = new Command("demo", "Demo data.");
        var seed = new Command("seed", "Seed the demo programme and demo accounts (does nothing if already seeded).");
        seed.SetAction(async (_, ct) =>
        {
            await using var scope = services.CreateAsyncScope();
            await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), ct);
            var seeded = await DemoData.SeedAsync(scope.ServiceProvider, ct);
            Console.WriteLine(seeded ? "Demo programme seeded. Demo accounts:" : "Demo data already present. Demo accounts:");
            foreach (var a in DemoData.Accounts) Console.WriteLine($"  {a.Role,-17} {a.Email,-28} {a.Password}");
            return 0;
        });
        demo.Subcommands.Add(seed);
        return demo;
    }
}
