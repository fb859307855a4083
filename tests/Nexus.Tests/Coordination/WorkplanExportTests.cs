using System.Diagnostics;
using System.Net;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Nexus.Tests.Pages;
using Nexus.Web.Data;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Coordination;
using Nexus.Web.Features.Coordination.Workplans;

namespace Nexus.Tests.Coordination;

/// <summary>
/// The workplan as files: a Word document that the OpenXML SDK validates and LibreOffice reads back, and a
/// spreadsheet of activities. Both from the 2009-2010 demo plan, with an activity added in French and one that
/// looks like a spreadsheet formula.
/// </summary>
public class WorkplanExportTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private AppFactory App => fixture.App;

    private const string French = "Atelier régional à Dakar : « migrations et développement » — coût 5 000 €";
    private const string Formula = "=HYPERLINK(\"https://example.org\",\"budget\")";

    private static readonly string[] Pillars = ["A strong sense of purpose within the Group", "Clear rules of engagement", "GMG visibility"];

    /// <summary>The demo plan (seeded once per database) with two extra activities; its id.</summary>
    private async Task<int> DemoPlanAsync()
    {
        await using var scope = App.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await WorkplanDemo.SeedAsync(db, DateTime.UtcNow, Ct);
        var plan = await db.Workplans.SingleAsync(w => w.Year == WorkplanDemo.Year, Ct);
        if (!await db.WorkplanActivities.AnyAsync(a => a.Title == French, Ct))
        {
            var objective = await db.WorkplanObjectives.Where(o => db.WorkplanPillars.Any(p => p.Id == o.PillarId && p.WorkplanId == plan.Id))
                .OrderByDescending(o => o.Id).FirstAsync(Ct);
            db.WorkplanActivities.AddRange(
                new WorkplanActivity
                {
                    ObjectiveId = objective.Id, Position = 10, Title = French, LeadAgencyCode = "iom", ContributingAgencies = ["unitar", "ilo"],
                    Due = new DateOnly(2010, 5, 20), Status = ActivityStatus.Planned,
                    // A character XML cannot carry, as an import from an old system might bring: the export must not break on it.
                    Notes = [new ProgressNote { At = new DateTime(2010, 2, 1, 8, 0, 0, DateTimeKind.Utc), AuthorName = "Équipe OIM", AgencyCode = "iom", Text = "Salle réservée\u0007, ordre du jour <b>&</b> invitations." }],
                },
                new WorkplanActivity { ObjectiveId = objective.Id, Position = 11, Title = Formula, LeadAgencyCode = "undp", Status = ActivityStatus.Dropped });
            await db.SaveChangesAsync(Ct);
        }
        return plan.Id;
    }

    private async Task<HttpResponseMessage> ExportAsync(int id, string format)
    {
        var (session, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        return await session.Client.GetAsync($"/coordination/space/workplans/{id}/export?format={format}", Ct);
    }

    [Fact]
    public async Task The_demo_seeds_the_2009_workplan_once()
    {
        await DemoPlanAsync();
        await using var scope = App.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await WorkplanDemo.SeedAsync(db, DateTime.UtcNow, Ct);
        var plan = await db.Workplans.AsNoTracking().SingleAsync(w => w.Year == 2009, Ct);
        Assert.Equal((new DateOnly(2009, 6, 1), new DateOnly(2010, 7, 31), WorkplanStatus.Adopted), (plan.Start, plan.End, plan.Status));
        var view = (await WorkplanQueries.LoadAsync(db, plan.Id, new DateOnly(2010, 1, 15), Ct))!;
        Assert.Equal(Pillars, view.Pillars.Select(p => p.Title));
        Assert.All(view.Pillars.SelectMany(p => p.Objectives), o => Assert.NotEmpty(o.ExpectedOutcomes));
        var sheets = Assert.Single(view.Activities, a => a.Title.Contains("fact-sheets", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("unfpa", sheets.Lead.Code);
        Assert.Contains(view.Activities, a => a.Title.Contains("retreat", StringComparison.OrdinalIgnoreCase) && a.Due == new DateOnly(2009, 10, 9));
        Assert.Contains(view.Activities, a => a.Title.Contains("Athens") && a.Due == new DateOnly(2009, 11, 4));
        Assert.Contains(view.Activities, a => a.Title.Contains("troika"));
        Assert.Contains(view.Activities, a => a.Title.Contains("symposium") && a.Status == ActivityStatus.InProgress);
        Assert.Equal(["undp", "unfpa", "unitar"], view.Activities.Where(a => a.Title != French && a.Title != Formula).Select(a => a.Lead.Code).Distinct().Order());
        Assert.True(await db.ProgressNotes.CountAsync(n => view.Activities.Select(a => a.Id).Contains(n.ActivityId), Ct) >= 10);

        // The API shows it as the group adopted it.
        var json = await (await App.CreateClient().GetAsync("/api/v1/coordination/workplans/2009", Ct)).JsonAsync();
        Assert.Equal("GMG workplan 2009–2010", (string?)json["title"]);
        Assert.Equal(3, json["pillars"]!.AsArray().Count);
    }

    [Fact]
    public async Task The_workplan_docx_passes_the_validator_and_libreoffice_reads_it_back()
    {
        var id = await DemoPlanAsync();
        var response = await ExportAsync(id, "docx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(WorkplanExport.DocxType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("workplan-2009.docx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);

        using (var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false))
        {
            var errors = new OpenXmlValidator().Validate(doc).ToList();
            Assert.True(errors.Count == 0, $"{errors.Count} validation error(s):\n" + string.Join("\n",
                errors.Take(50).Select(e => $"  {e.Part?.Uri} {e.Path?.XPath}: {e.Description}")));
        }

        var text = await LibreOfficeTextAsync(bytes, "workplan-2009.docx");
        Assert.Contains("GMG workplan 2009–2010", text);
        foreach (var pillar in Pillars) Assert.Contains(pillar, text);
        Assert.Contains(French, text);
        Assert.Contains("Annual workplan June 2009 – July 2010 agreed with the incoming chair", text);
        Assert.Contains("Heads-of-agency retreat near Geneva", text);
        Assert.Contains("Salle réservée, ordre du jour <b>&</b> invitations.", text); // the latest note, control character dropped
        Assert.Contains("Expected outcomes", text);
    }

    [Fact]
    public async Task The_xlsx_holds_one_row_per_activity_with_its_pillar_and_objective()
    {
        var id = await DemoPlanAsync();
        var response = await ExportAsync(id, "xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(WorkplanExport.XlsxType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("workplan-2009.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);

        var rows = new MemoryStream(bytes).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var count = await App.Db(db => db.WorkplanActivities.CountAsync(a => db.WorkplanObjectives.Any(o => o.Id == a.ObjectiveId
            && db.WorkplanPillars.Any(p => p.Id == o.PillarId && p.WorkplanId == id)), Ct));
        Assert.Equal(count, rows.Count);
        Assert.Equal(["Pillar", "Objective", "Activity", "Kind", "Lead", "Contributing", "Due", "Status", "Overdue", "Latest progress note"], rows[0].Keys);
        var sheets = Assert.Single(rows, r => ((string)r["Activity"]!).Contains("fact-sheets", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("GMG visibility", sheets["Pillar"]);
        Assert.Equal("UNFPA", sheets["Lead"]);
        Assert.Equal("Done", sheets["Status"]);
        Assert.Equal("2009-11-04", sheets["Due"]);
        Assert.Contains("All fourteen sheets compiled", (string)sheets["Latest progress note"]!);
        Assert.Equal(Pillars, rows.Select(r => (string)r["Pillar"]!).Distinct());
        var french = Assert.Single(rows, r => (string?)r["Activity"] == French);
        Assert.Equal("UNITAR, ILO", french["Contributing"]);
        Assert.Single(rows, r => (string?)r["Activity"] == "'" + Formula); // kept as text, never run as a formula
    }

    [Fact]
    public async Task An_unknown_export_format_is_refused_and_an_unknown_plan_is_not_found()
    {
        var id = await DemoPlanAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await ExportAsync(id, "pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ExportAsync(987654, "docx")).StatusCode);
    }

    /// <summary>
    /// Converts the file to plain text with LibreOffice, headless, on a profile of its own (parallel runs would
    /// otherwise fight over the user's profile lock). LibreOffice must be installed: ./test.sh installs it.
    /// </summary>
    private static async Task<string> LibreOfficeTextAsync(byte[] bytes, string fileName)
    {
        var soffice = FindSoffice();
        if (soffice is null)
            Assert.Fail("LibreOffice is not installed (no soffice on the PATH). ./test.sh installs it; by hand: apt-get install libreoffice-writer-nogui.");
        var dir = Path.Combine(Path.GetTempPath(), "nexus-lo-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var input = Path.Combine(dir, fileName);
            await File.WriteAllBytesAsync(input, bytes, Ct);
            var output = Path.Combine(dir, "out");
            var start = new ProcessStartInfo(soffice)
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
                ArgumentList = { $"-env:UserInstallation=file://{Path.Combine(dir, "profile")}", "--headless", "--norestore",
                                 "--convert-to", "txt:Text", "--outdir", output, input },
            };
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync(Ct);
            var stderr = process.StandardError.ReadToEndAsync(Ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(120));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("LibreOffice did not convert the file within 120 seconds.");
            }
            var result = Path.Combine(output, Path.ChangeExtension(fileName, ".txt"));
            Assert.True(process.ExitCode == 0 && File.Exists(result),
                $"LibreOffice failed (exit {process.ExitCode}): {await stdout} {await stderr}");
            return (await File.ReadAllTextAsync(result, Encoding.UTF8, Ct)).Replace("\r\n", "\n");
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    private static string? FindSoffice()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(d => Path.Combine(d, "soffice"))
            .Append("/usr/lib/libreoffice/program/soffice").FirstOrDefault(File.Exists);
    }
}
