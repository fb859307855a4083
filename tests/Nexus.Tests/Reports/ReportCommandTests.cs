using System.Diagnostics;
using DocumentFormat.OpenXml.Packaging;

namespace Nexus.Tests.Reports;

/// <summary>
/// <c>report annual</c> of the real executable on a fresh data folder seeded with the demo programme: the 2009 report
/// (acceptance 1, as far as the seeded data reach: chair terms, the seminar series and the course).
/// </summary>
public class ReportCommandTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "nexus-report-cli-" + Guid.NewGuid().ToString("N"));

    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Nexus.Web.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["Nexus__DataDirectory"] = _data;
        start.Environment["Nexus__DemoData"] = "false";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, await error);
    }

    [Fact]
    public async Task The_2009_demo_report_is_written_as_docx_and_text()
    {
        Assert.Equal(0, (await RunAsync("db", "migrate")).Exit);
        var seeded = await RunAsync("demo", "seed");
        Assert.True(seeded.Exit == 0, seeded.Err);

        var docx = Path.Combine(_data, "report-2009.docx");
        var written = await RunAsync("report", "annual", "--year", "2009", "--out", docx);
        Assert.True(written.Exit == 0, written.Err);
        Assert.Contains("Activities of UNITAR on international migration and development, 2009", written.Out);
        using (var doc = WordprocessingDocument.Open(docx, false))
            Assert.Contains("ACTIVITIES OF UNITAR", doc.MainDocumentPart!.Document!.InnerText);

        var txt = Path.Combine(_data, "report-2009.txt");
        Assert.Equal(0, (await RunAsync("report", "annual", "--year", "2009", "--out", txt)).Exit);
        var text = await File.ReadAllTextAsync(txt, TestContext.Current.CancellationToken);
        Assert.Contains("A. UNITAR chairmanship of the Global Migration Group", text);
        Assert.Contains("assumed the chairmanship of the GMG on 1 June 2009", text);
        Assert.Contains("United Nations Development Programme (UNDP), took over on 1 January 2010", text);
        Assert.Contains("four seminars", text);
        Assert.Contains("“Migration, \"Brain Drain\" and Caregiving”", text);
        Assert.Contains("“Aligning Migration with Development Goals: The Challenges of Policy Coherence”", text);
        Assert.Contains("“Peacebuilding: The Role of Transnational Communities”", text);
        Assert.Contains("“Migration and the Economic Crisis”", text);
        Assert.Contains("International Migration Law", text);
        Assert.Contains("International Migrants' Day 2009", text);
        Assert.Contains("held in Brussels, Belgium, on 7 June 2009", text);
        Assert.Matches(@"Altogether, [\d,]+ participants", text);
    }

    [Fact]
    public async Task Bad_arguments_are_refused_with_a_message()
    {
        var year = await RunAsync("report", "annual", "--year", "12", "--out", Path.Combine(_data, "x.docx"));
        Assert.Equal(1, year.Exit);
        Assert.Contains("--year", year.Err);
        var kind = await RunAsync("report", "annual", "--year", "2009", "--out", Path.Combine(_data, "x.exe"));
        Assert.Equal(1, kind.Exit);
        Assert.Contains("--out", kind.Err);
    }

    public void Dispose()
    {
        try { Directory.Delete(_data, recursive: true); } catch (DirectoryNotFoundException) { }
        GC.SuppressFinalize(this);
    }
}
