namespace Nexus.Web.Features.Demo;

// Placeholder until the demo seeder lands.
public static class DemoData
{
    public sealed record DemoAccount(string Email, string Role, string Password);
    public static readonly IReadOnlyList<DemoAccount> Accounts = [];
    public static Task<bool> SeedAsync(IServiceProvider services, CancellationToken ct = default) => Task.FromResult(false);
}
