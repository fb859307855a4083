using System.Diagnostics;
using DocumentFormat.OpenXml.Packaging;
using Nexus.Web.Features.Events;
using Nexus.Web.Features.Registrations;

namespace Nexus.Tests.Reports;

/// <summary>
/// <c>report annual</c> of the real executable on a fresh data folder seeded with the demo programme: the 2009 report
/// (acceptance 1: the chair terms, the seminar series, the course, the panel, the Brussels seminar and the participation figures).
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
        AssertParticipationMatchesTheDatabase(text);
    }

    /// <summary>
    /// Acceptance 1: the figures the report prints equal the registrations in the database, counted here by plain SQL
    /// (not by the report's own query): checked-in registrations of the year's held seminars, panels, policy seminars and
    /// course runs, plus confirmed seats at such events still ahead.
    /// </summary>
    private void AssertParticipationMatchesTheDatabase(string text)
    {
        const string counted = """
            FROM Registrations r JOIN Events e ON e.Id = r.EventId
            WHERE e.StartsAt >= '2009-01-01' AND e.StartsAt < '2010-01-01'
              AND e.Kind IN ('Seminar', 'Panel', 'PolicySeminar', 'Course')
              AND ((e.Status = 'Held' AND r.Status = 'Attended')
                OR (e.Status = 'Published' AND r.Status IN ('Confirmed', 'Attended')))
            """;
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_data, "nexus.db")};Mode=ReadOnly");
        connection.Open();
        List<(string Key, long Count)> Query(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            var rows = new List<(string, long)>();
            while (reader.Read()) rows.Add((reader.IsDBNull(0) ? "" : reader.GetString(0), reader.GetInt64(1)));
            return rows;
        }

        var total = Query("SELECT 'all', COUNT(*) " + counted).Single().Count;
        Assert.True(total > 300, $"the demo should hold a few hundred participants in 2009, not {total}");
        var sentence = System.Text.RegularExpressions.Regex.Match(text, @"Altogether, ([\d,]+) participants took part[^\n]*?By stakeholder group: (.*?)\. By gender: (.*?)\.(\n|$)");
        Assert.True(sentence.Success, "the participation sentence is missing");
        Assert.Equal(total, long.Parse(sentence.Groups[1].Value, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture));

        static Dictionary<string, long> Printed(string list) => list.Split("; ").Select(part => part.Split(", ") is var bits
            ? (Label: string.Join(", ", bits[..^1]), Count: long.Parse(bits[^1], System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture))
            : default).ToDictionary(x => x.Label, x => x.Count);
        var byGroup = Query("SELECT r.StakeholderGroup, COUNT(*) " + counted + " GROUP BY r.StakeholderGroup")
            .ToDictionary(x => EventText.Group(Enum.Parse<StakeholderGroup>(x.Key)), x => x.Count);
        Assert.Equal(byGroup.OrderBy(x => x.Key), Printed(sentence.Groups[2].Value).OrderBy(x => x.Key));
        var byGender = Query("SELECT r.Gender, COUNT(*) " + counted + " GROUP BY r.Gender")
            .ToDictionary(x => (x.Key == "" ? "Not stated" : EventText.Gender(Enum.Parse<Gender>(x.Key))).ToLowerInvariant(), x => x.Count);
        Assert.Equal(byGender.OrderBy(x => x.Key), Printed(sentence.Groups[3].Value).OrderBy(x => x.Key));
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
