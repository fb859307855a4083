using System.CommandLine;
using Nexus.Web.Data;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Demo;

namespace Nexus.Web.Infrastructure.Cli;

/// <summary>
/// The verbs of the Nexus executable. With no verb it serves the site; "--help" lists the verbs.
/// Each feature contributes its own commands.
/// </summary>
public static class CommandLine
{
    private static readonly string[] HelpFlags = ["--help", "-h", "-?", "--version"];

    /// <summary>
    /// Anything but host options (which start with "--", like --urls) is taken as a command, so that a mistyped
    /// verb gets an error instead of silently starting the server.
    /// </summary>
    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (HelpFlags.Contains(args[0]) || !args[0].StartsWith('-'));

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var root = new RootCommand("Nexus: the migration and development programme platform. Without a verb it serves the site.");
        root.Subcommands.Add(DbCommands.Create(services));
        root.Subcommands.Add(DemoCommands.Create(services));
        root.Subcommands.Add(AccountCommands.Users(services));
        root.Subcommands.Add(AccountCommands.Tokens(services));
        root.Subcommands.Add(Features.Library.LibraryCommands.Create(services));
        root.Subcommands.Add(Features.Data.DataCommands.Create(services));
        root.Subcommands.Add(Features.Reports.ReportCommands.Create(services));
        if (args is ["help"]) args = ["--help"];
        var parsed = root.Parse(args);
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (CommandException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return 1;
        }
    }
}

/// <summary>A failure to report to the person at the terminal, without a stack trace.</summary>
public sealed class CommandException(string message) : Exception(message);
