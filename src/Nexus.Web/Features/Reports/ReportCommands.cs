using System.CommandLine;
using System.Diagnostics;
using Nexus.Web.Data;
using Nexus.Web.Infrastructure.Cli;

namespace Nexus.Web.Features.Reports;

/// <summary><c>report annual --year Y --out FILE.docx</c>: the year's report, with staff's edits, as a file.</summary>
public static class ReportCommands
{
    public static Command Create(IServiceProvider services)
    {
        var report = new Command("report", "Reports drafted from the data.");
        var year = new Option<int>("--year") { Description = "The year to report on.", Required = true };
        var output = new Option<string>("--out") { Description = "File to write: .docx (Word), .pdf or .txt.", Required = true };
        var repeat = new Option<int>("--repeat") { Description = "Draft it this many times and print each time (benchmarks: the first includes warm-up).", DefaultValueFactory = _ => 1 };
        var annual = new Command("annual", "Write the annual report on the programme's migration work for a year.") { year, output, repeat };
        annual.SetAction(async (parse, ct) =>
        {
            var y = parse.GetValue(year);
            if (!ReportService.ValidYear(y)) throw new CommandException($"--year must be between {ReportService.FirstYear} and {ReportService.LastYear}.");
            var path = parse.GetValue(output)!;
            var kind = Path.GetExtension(path).ToLowerInvariant();
            if (kind is not (".docx" or ".pdf" or ".txt")) throw new CommandException("--out must end in .docx, .pdf or .txt.");
            var times = Math.Clamp(parse.GetValue(repeat), 1, 100);
            ReportView view = null!;
            byte[] bytes = [];
            var elapsed = TimeSpan.Zero;
            for (var i = 0; i < times; i++)
            {
                // A fresh scope each time, as a web request would have.
                await using var scope = services.CreateAsyncScope();
                var clock = Stopwatch.StartNew();
                view = await scope.ServiceProvider.GetRequiredService<ReportService>().LoadAsync(y, ct);
                bytes = kind switch
                {
                    ".pdf" => ReportPdf.Write(view.Document),
                    ".txt" => System.Text.Encoding.UTF8.GetBytes(ReportDrafter.ToPlainText(view.Document)),
                    _ => ReportDocx.Write(view.Document),
                };
                elapsed = clock.Elapsed;
                if (times > 1) Console.WriteLine($"run {i + 1}: {elapsed.TotalMilliseconds:0} ms");
            }
            try { await File.WriteAllBytesAsync(path, bytes, ct); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CommandException($"cannot write {path}: {ex.Message}");
            }
            Console.WriteLine($"Wrote {view.Document.Title} ({view.Document.Sections.Count} sections, {view.Document.Notes.Count} notes) to {path}; gathered, drafted and rendered in {elapsed.TotalMilliseconds:0} ms.");
            return 0;
        });
        report.Subcommands.Add(annual);

        var events = new Option<int>("--events") { Description = "How many held events to add.", DefaultValueFactory = _ => 200 };
        var registrations = new Option<int>("--registrations") { Description = "How many registrations to spread over them.", DefaultValueFactory = _ => 20_000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the generator.", DefaultValueFactory = _ => 1 };
        var generate = new Command("generate", "Add a synthetic year of events and registrations, for the report benchmark.") { year, events, registrations, seed };
        generate.SetAction(async (parse, ct) =>
        {
            var y = parse.GetValue(year);
            if (!ReportService.ValidYear(y)) throw new CommandException($"--year must be between {ReportService.FirstYear} and {ReportService.LastYear}.");
            var (e, n) = (parse.GetValue(events), parse.GetValue(registrations));
            if (e is < 1 or > 100_000) throw new CommandException("--events must be between 1 and 100000.");
            if (n is < 0 or > 10_000_000) throw new CommandException("--registrations must be between 0 and 10000000.");
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var (addedEvents, addedRegistrations) = await ReportBenchData.AddAsync(db, y, e, n, parse.GetValue(seed), now, ct);
            Console.WriteLine($"Added {addedEvents} events and {addedRegistrations} registrations in {y}.");
            return 0;
        });
        report.Subcommands.Add(generate);
        return report;
    }
}
