using System.Diagnostics;

namespace Nexus.Tests;

/// <summary>Real command-line tools the tests read files back with (poppler, zbar, LibreOffice); test.sh installs them.</summary>
public static class ExternalTools
{
    /// <summary>Runs a tool and returns its output; a missing tool, a failure or a hang fails the test with what to do.</summary>
    public static string Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        Process process;
        try { process = Process.Start(start)!; }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Fail($"{tool} is not installed. ./test.sh installs it; by hand: apt-get install poppler-utils zbar-tools libreoffice-writer-nogui.");
            throw;
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(120_000)) { process.Kill(entireProcessTree: true); Assert.Fail($"{tool} took over two minutes"); }
            Assert.True(process.ExitCode == 0, $"{tool} failed ({process.ExitCode}): {error.Result}");
            return output.Result;
        }
    }
}
