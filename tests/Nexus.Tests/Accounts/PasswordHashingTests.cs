using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Nexus.Web.Features.Accounts;

namespace Nexus.Tests.Accounts;

/// <summary>ASVS 5.0: PBKDF2 with at least 600,000 iterations. Tests lower it for speed, so the real value is checked here.</summary>
public class PasswordHashingTests
{
    [Fact]
    public void The_configured_iteration_count_meets_ASVS() =>
        Assert.True(AccountsSetup.PasswordIterations >= 600_000, $"{AccountsSetup.PasswordIterations} iterations");

    [Fact]
    public async Task The_app_hashes_passwords_with_600000_iterations()
    {
        await using var app = new AppFactory(fastPasswords: false);

        var options = app.Services.GetRequiredService<IOptions<PasswordHasherOptions>>().Value;

        Assert.Equal(600_000, options.IterationCount);
        Assert.Equal(PasswordHasherCompatibilityMode.IdentityV3, options.CompatibilityMode);
    }

    [Fact]
    public async Task The_test_factory_lowers_the_iterations_only_for_speed()
    {
        await using var app = new AppFactory();

        Assert.Equal(AppFactory.TestPasswordIterations, app.Services.GetRequiredService<IOptions<PasswordHasherOptions>>().Value.IterationCount);
    }
}
