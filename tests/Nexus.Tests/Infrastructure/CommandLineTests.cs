using System.Diagnostics;

namespace Nexus.Tests.Infrastructure;

/// <summary>The command line of the real executable, run as a process on a fresh data folder.</summary>
public class CommandLineTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "nexus-cli-" + Guid.NewGuid().ToString("N"));

    private async Task<(int Exit, string Out, string Err)> RunAsync(string stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Nexus.Web.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["Nexus__DataDirectory"] = _data;
        start.Environment["Nexus__DemoData"] = "false";
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, await error);
    }

    [Fact]
    public async Task Users_and_tokens_are_created_and_mistakes_get_a_message_and_a_non_zero_exit()
    {
        var help = await RunAsync("", "--help");
        Assert.Equal(0, help.Exit);
        foreach (var verb in new[] { "db", "demo", "users", "tokens" }) Assert.Contains(verb, help.Out);

        Assert.Equal(0, (await RunAsync("", "db", "migrate")).Exit);

        var added = await RunAsync("", "users", "add", "--email", "ana@example.org", "--role", "ProgrammeStaff");
        Assert.Equal(0, added.Exit);
        Assert.Matches(@"Password \(shown once\): \S{20,}", added.Out);

        var piped = await RunAsync("a long pass phrase for the demo\n", "users", "add", "--email", "bo@example.org", "--role", "participant", "--password-stdin");
        Assert.Equal(0, piped.Exit);
        Assert.DoesNotContain("shown once", piped.Out);

        var token = await RunAsync("", "tokens", "create", "--email", "ana@example.org", "--name", "mission system", "--scopes", "events:write registrations:read", "--expires", "30");
        Assert.Equal(0, token.Exit);
        Assert.StartsWith("nexus_", token.Out.Trim().Split('\n')[^1].Trim());

        foreach (var bad in new[]
        {
            new[] { "users", "add", "--email", "not-an-email", "--role", "Participant" },
            ["users", "add", "--email", "c@example.org", "--role", "Emperor"],
            ["users", "add", "--email", "ana@example.org", "--role", "Participant"],
            ["tokens", "create", "--email", "bo@example.org", "--name", "x", "--scopes", "events:write"],
            ["tokens", "create", "--email", "nobody@example.org", "--name", "x", "--scopes", "registrations:read"],
            ["frobnicate"],
        })
        {
            var result = await RunAsync("", bad);
            Assert.True(result.Exit != 0, $"{string.Join(' ', bad)} exited 0");
            Assert.False(string.IsNullOrWhiteSpace(result.Err), $"{string.Join(' ', bad)} printed no error");
            Assert.DoesNotContain("   at ", result.Err); // a message, not a stack trace
        }

        var weak = await RunAsync("password\n", "users", "add", "--email", "d@example.org", "--role", "Participant", "--password-stdin");
        Assert.NotEqual(0, weak.Exit);
        Assert.Contains("12 characters", weak.Err);
    }

    public void Dispose()
    {
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }
}
