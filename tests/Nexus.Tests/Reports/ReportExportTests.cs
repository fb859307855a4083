using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Nexus.Web.Features.Reports;

namespace Nexus.Tests.Reports;

/// <summary>
/// Acceptance 2: the Word file passes the OpenXML SDK validator and LibreOffice reads it back headless; the PDF
/// renders with poppler's pdftoppm and its text holds the title. Both need tools ./test.sh installs.
/// </summary>
public class ReportExportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static ReportDocument Sample => ReportDrafter.Draft(ReportSamples.Small());

    [Fact]
    public async Task The_docx_is_valid_and_LibreOffice_reads_the_title_headings_and_notes_back()
    {
        var bytes = ReportDocx.Write(Sample);
        using (var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false))
        {
            var errors = new OpenXmlValidator().Validate(doc).ToList();
            Assert.True(errors.Count == 0, $"{errors.Count} validation error(s):\n" + string.Join("\n",
                errors.Take(50).Select(e => $"  {e.Part?.Uri} {e.Path?.XPath}: {e.Description}")));
        }
        var dir = Directory.CreateTempSubdirectory("nexus-report-");
        try
        {
            var input = Path.Combine(dir.FullName, "report.docx");
            await File.WriteAllBytesAsync(input, bytes, Ct);
            ExternalTools.Run(FindSoffice() ?? "soffice", $"-env:UserInstallation=file://{Path.Combine(dir.FullName, "profile")}", "--headless", "--norestore",
                "--convert-to", "txt:Text", "--outdir", dir.FullName, input);
            var text = await File.ReadAllTextAsync(Path.Combine(dir.FullName, "report.txt"), Encoding.UTF8, Ct);
            Assert.Contains("ACTIVITIES OF UNITAR ON INTERNATIONAL MIGRATION AND DEVELOPMENT, 2009", text);
            Assert.Contains("MIGRATION AND DEVELOPMENT SEMINAR SERIES", text);
            Assert.Contains("UNITAR assumed the chairmanship of the GMG on 1 June 2009", text);
            Assert.Contains("https://nexus.example.org/library/brussels-report", text);
        }
        finally { dir.Delete(recursive: true); }
    }

    [Fact]
    public void The_pdf_renders_and_its_text_holds_the_title_and_the_last_note()
    {
        var dir = Directory.CreateTempSubdirectory("nexus-report-");
        try
        {
            var pdf = Path.Combine(dir.FullName, "report.pdf");
            File.WriteAllBytes(pdf, ReportPdf.Write(Sample));
            // Wrapped lines come back as separate lines: compare with single spaces.
            var text = System.Text.RegularExpressions.Regex.Replace(ExternalTools.Run("pdftotext", pdf, "-"), @"\s+", " ");
            Assert.Contains("ACTIVITIES OF UNITAR ON INTERNATIONAL MIGRATION AND DEVELOPMENT, 2009", text);
            Assert.Contains("B. MIGRATION AND DEVELOPMENT SEMINAR SERIES", text);
            Assert.Contains("brussels-report", text);
            ExternalTools.Run("pdftoppm", "-png", "-r", "50", pdf, Path.Combine(dir.FullName, "page"));
            Assert.NotEmpty(Directory.GetFiles(dir.FullName, "page*.png"));
        }
        finally { dir.Delete(recursive: true); }
    }

    [Fact]
    public void A_long_report_breaks_across_pages()
    {
        var facts = ReportSamples.Small() with
        {
            Events = Enumerable.Range(1, 120).Select(i => new EventFact(i, Nexus.Web.Features.Events.EventKind.Seminar, $"Seminar number {i} on a long topic",
                new DateOnly(2009, 1, 1).AddDays(i), "New York", null, [], "Findings that go on. " + string.Concat(Enumerable.Repeat("More words here. ", 30)),
                $"https://nexus.example.org/events/{i}/s")).ToList(),
        };
        var dir = Directory.CreateTempSubdirectory("nexus-report-");
        try
        {
            var pdf = Path.Combine(dir.FullName, "long.pdf");
            File.WriteAllBytes(pdf, ReportPdf.Write(ReportDrafter.Draft(facts)));
            var info = ExternalTools.Run("pdfinfo", pdf);
            var pages = int.Parse(info.Split('\n').Single(l => l.StartsWith("Pages:")).Split(':')[1].Trim());
            Assert.True(pages > 5, $"only {pages} pages");
            Assert.Contains("Seminar number 120", ExternalTools.Run("pdftotext", pdf, "-"));
        }
        finally { dir.Delete(recursive: true); }
    }

    private static string? FindSoffice() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "soffice")).Append("/usr/lib/libreoffice/program/soffice").FirstOrDefault(File.Exists);
}
