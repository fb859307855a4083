using System.CommandLine;
using System.Diagnostics;
using Nexus.Web.Data;
using Nexus.Web.Features.Data.Import;
using Nexus.Web.Infrastructure.Cli;

namespace Nexus.Web.Features.Data;

public static class DataCommands
{
    public static Command Create(IServiceProvider services)
    {
        var data = new Command("data", "Official migration and remittance statistics.");

        var files = new Argument<FileInfo[]>("FILE") { Description = "Files as published (UN DESA, World Bank / KNOMAD, UN M49).", Arity = ArgumentArity.OneOrMore };
        // Benchmarks only (bench/data.sh): do the same work N times in one process, to measure it once the runtime and
        // EF Core are warm, as in a running server. An import run this way is removed again before the next run.
        var repeat = new Option<int>("--repeat") { Description = "Benchmarks: do it this many times in one process (imports are removed again between runs).", DefaultValueFactory = _ => 1 };
        var import = new Command("import", "Import official data files, each as one release (all or nothing; the same file twice changes nothing).") { files, repeat };
        import.SetAction(async (parse, ct) =>
        {
            await using var scope = services.CreateAsyncScope();
            await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), ct);
            var config = scope.ServiceProvider.GetRequiredService<IConfiguration>();
            var max = config.GetValue("Nexus:Data:MaxImportBytes", DataFile.DefaultMaxBytes);
            var failed = 0;
            var times = Math.Clamp(parse.GetValue(repeat), 1, 100);
            foreach (var f in parse.GetValue(files)!)
            for (var run = 1; run <= times; run++)
            {
                var importer = scope.ServiceProvider.GetRequiredService<DataImporter>();
                if (times > 1) CleanHeap();
                var clock = Stopwatch.StartNew();
                var jit = JitUse.Start();
                try
                {
                    if (!f.Exists) throw new DataImportException("No such file.");
                    await using var stream = f.OpenRead();
                    var file = await DataFile.OpenAsync(stream, f.Name, max, ct);
                    var progress = new ConsoleProgress(f.Name);
                    var result = await importer.ImportAsync(file, "command line", progress, ct);
                    progress.Done();
                    var r = result.Release;
                    Console.WriteLine(result.Unchanged
                        ? $"{f.Name}: unchanged, already imported as release {r.Id} ({r.Dataset} {r.Edition}) on {r.ImportedAt:yyyy-MM-dd HH:mm} UTC."
                        : $"{f.Name}: release {r.Id}, {result.Format}, edition {r.Edition}: {r.Observations} figures for {r.Areas} areas in {clock.Elapsed.TotalSeconds:0.0000} s ({jit}){(r.Current ? "" : ", an older edition: not current")}.");
                    if (!result.Unchanged && r.Notes.Length > 0 && run == 1) Console.WriteLine("  " + r.Notes.Replace("\n", "\n  "));
                    if (!result.Unchanged && run < times) await importer.RemoveAsync(r.Id, ct);
                }
                catch (DataImportException e)
                {
                    failed++;
                    await Console.Error.WriteLineAsync($"{f.Name}: not imported: {e.Message}");
                    break;
                }
            }
            return failed == 0 ? 0 : 1;
        });
        data.Subcommands.Add(import);

        // The baseline of the import benchmark (bench/data.sh): the importer's own reader, reading and nothing more.
        var readFiles = new Argument<FileInfo[]>("FILE") { Description = "Files as published.", Arity = ArgumentArity.OneOrMore };
        var read = new Command("read", "Only read files the way the importer does (every cell of every sheet, no figures, no database) and print the time per file.") { readFiles, repeat };
        read.SetAction(async (parse, ct) =>
        {
            var config = services.GetRequiredService<IConfiguration>();
            var max = config.GetValue("Nexus:Data:MaxImportBytes", DataFile.DefaultMaxBytes);
            var failed = 0;
            var times = Math.Clamp(parse.GetValue(repeat), 1, 100);
            foreach (var f in parse.GetValue(readFiles)!)
            for (var run = 1; run <= times; run++)
            {
                if (times > 1) CleanHeap();
                var clock = Stopwatch.StartNew();
                var jit = JitUse.Start();
                try
                {
                    if (!f.Exists) throw new DataImportException("No such file.");
                    await using var stream = f.OpenRead();
                    var file = await DataFile.OpenAsync(stream, f.Name, max, ct);
                    long cells = 0, values = 0, rows = 0;
                    foreach (var sheet in file.Sheets)
                        foreach (var row in sheet.Rows)
                        {
                            rows++;
                            foreach (var cell in row)
                            {
                                cells++;
                                if (cell is not null) values++;
                            }
                        }
                    var seconds = clock.Elapsed.TotalSeconds;
                    Console.WriteLine($"{f.Name}: read {cells} cells in {seconds:0.0000} s ({file.Sheets.Count} sheets, {rows} rows, {values} non-empty cells; {jit}).");
                }
                catch (DataImportException e)
                {
                    failed++;
                    await Console.Error.WriteLineAsync($"{f.Name}: not read: {e.Message}");
                    break;
                }
            }
            return failed == 0 ? 0 : 1;
        });
        data.Subcommands.Add(read);

        var folder = new Option<DirectoryInfo>("--out") { Description = "Folder to write to.", Required = true };
        var extract = new Command("extract", "Write the figures of every current release, and the areas, as Nexus extracts (.csv.gz) for shipping.") { folder };
        extract.SetAction(async (parse, ct) =>
        {
            await using var scope = services.CreateAsyncScope();
            var written = await Extracts.DataExtract.WriteAllAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), parse.GetValue(folder)!.FullName, ct);
            foreach (var path in written) Console.WriteLine($"{path}: {new FileInfo(path).Length / 1024.0:0.0} kB");
            return 0;
        });
        data.Subcommands.Add(extract);
        return data;
    }

    /// <summary>
    /// Between repeated benchmark runs: collect the previous run's garbage first, so that no run pays for another's
    /// (a workbook read leaves tens of MB behind, and a collection landing in the middle of the next run was the
    /// largest source of spread between runs).
    /// </summary>
    private static void CleanHeap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    /// <summary>Progress on one terminal line, at most a few times a second.</summary>
    private sealed class ConsoleProgress(string name) : IProgress<ImportProgress>
    {
        private readonly Stopwatch _since = Stopwatch.StartNew();
        private bool _shown;

        public void Report(ImportProgress value)
        {
            if (_since.ElapsedMilliseconds < 250 && value.Done != value.Total) return;
            _since.Restart();
            if (Console.IsErrorRedirected) return;
            Console.Error.Write(value.Total > 0 ? $"\r{name}: {value.Step} {value.Done:N0}/{value.Total:N0}   " : $"\r{name}: {value.Step}   ");
            _shown = true;
        }

        public void Done()
        {
            if (_shown) Console.Error.WriteLine();
        }
    }

    /// <summary>
    /// The JIT compilation since <see cref="Start"/>, printed with each time: a one-shot command's time is largely
    /// compilation that ReadyToRun could not do ahead of time (bench/RESULTS.md). Counts every thread, the
    /// background recompilation of hot methods included.
    /// </summary>
    private readonly record struct JitUse(TimeSpan Time, long Methods)
    {
        public static JitUse Start() => new(System.Runtime.JitInfo.GetCompilationTime(), System.Runtime.JitInfo.GetCompiledMethodCount());

        public override string ToString() =>
            $"JIT {System.Runtime.JitInfo.GetCompiledMethodCount() - Methods} methods, {(System.Runtime.JitInfo.GetCompilationTime() - Time).TotalMilliseconds:0.0} ms";
    }
}
