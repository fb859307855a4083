using System.Runtime.CompilerServices;
using Nexus.Web.Features.Reports;

namespace Nexus.Tests.Reports;

/// <summary>
/// Acceptance 3: the report of a small fixed data set equals a stored text, so every change to the templates is
/// deliberate. To accept a change on purpose, run this test once with NEXUS_UPDATE_GOLDEN=1 (it rewrites
/// golden/report-small.txt and fails, so the run cannot pass by accident), review the diff, and commit the file.
/// </summary>
public class ReportGoldenTests
{
    /// <summary>Line endings and trailing spaces are not part of the report.</summary>
    public static string Normalise(string text) =>
        string.Join("\n", text.Replace("\r\n", "\n").Split('\n').Select(l => l.TrimEnd())).Trim() + "\n";

    private static string GoldenPath([CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "golden", "report-small.txt");

    [Fact]
    public void The_small_report_equals_the_stored_text()
    {
        var actual = Normalise(ReportDrafter.ToPlainText(ReportDrafter.Draft(ReportSamples.Small())));
        var path = GoldenPath();
        if (Environment.GetEnvironmentVariable("NEXUS_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            Assert.Fail($"Rewrote {path}: review the diff, then run again without NEXUS_UPDATE_GOLDEN.");
        }
        Assert.True(File.Exists(path), $"Missing golden file {path}; create it with NEXUS_UPDATE_GOLDEN=1.");
        Assert.Equal(Normalise(File.ReadAllText(path)), actual);
    }
}
