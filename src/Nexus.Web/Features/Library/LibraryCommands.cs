using System.CommandLine;
using System.Diagnostics;
using Nexus.Web.Data;
using Nexus.Web.Infrastructure.Cli;

namespace Nexus.Web.Features.Library;

public static class LibraryCommands
{
    public static Command Create(IServiceProvider services)
    {
        var library = new Command("library", "Library maintenance and benchmark corpora.");

        var items = new Option<int>("--items") { Description = "How many synthetic items to add.", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed of the generator (same seed, same corpus).", DefaultValueFactory = _ => 1 };
        var generate = new Command("generate", "Add a synthetic corpus (published items) and index it; prints load and index times.") { items, seed };
        generate.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(items);
            if (n is < 1 or > 5_000_000) throw new CommandException("--items must be between 1 and 5000000.");
            await using var scope = services.CreateAsyncScope();
            await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), ct);
            var library = scope.ServiceProvider.GetRequiredService<LibraryService>();
            var clock = Stopwatch.StartNew();
            var loaded = await library.BulkLoadAsync(LibraryCorpus.Generate(n, parse.GetValue(seed)), "Synthetic corpus",
                $"synthetic-{parse.GetValue(seed)}-{DateTime.UtcNow:yyyyMMddHHmmss}", ct);
            var load = clock.Elapsed;
            clock.Restart();
            var indexed = await library.ReindexAsync(ct);
            Console.WriteLine($"Loaded {loaded} items in {load.TotalSeconds:0.0} s; indexed {indexed} visible items in {clock.Elapsed.TotalSeconds:0.0} s.");
            return 0;
        });

        var reindex = new Command("reindex", "Rebuild the full-text index of every published item; prints the time taken.");
        reindex.SetAction(async (_, ct) =>
        {
            await using var scope = services.CreateAsyncScope();
            var clock = Stopwatch.StartNew();
            var n = await scope.ServiceProvider.GetRequiredService<LibraryService>().ReindexAsync(ct);
            Console.WriteLine($"Indexed {n} items in {clock.Elapsed.TotalSeconds:0.0} s.");
            return 0;
        });

        var terms = new Option<int>("--terms") { Description = "Words per query (1 to 3).", Required = true };
        var count = new Option<int>("--count") { Description = "How many queries.", DefaultValueFactory = _ => 500 };
        var theme = new Option<bool>("--theme") { Description = "Also narrow each query by a theme." };
        var queries = new Command("queries", "Print benchmark search requests (API paths), one per line.") { terms, count, theme, seed };
        queries.SetAction(parse =>
        {
            var k = parse.GetValue(terms);
            if (k is < 1 or > 3) throw new CommandException("--terms must be 1, 2 or 3.");
            var r = new Random(parse.GetValue(seed));
            var themes = LibraryThemes.Initial.Select(t => t.Code).ToArray();
            for (var i = 0; i < parse.GetValue(count); i++)
            {
                var q = string.Join('+', Enumerable.Range(0, k).Select(_ => LibraryCorpus.QueryWord(r)));
                Console.WriteLine($"/api/v1/library/search?q={q}{(parse.GetValue(theme) ? "&theme=" + themes[r.Next(themes.Length)] : "")}");
            }
            return 0;
        });

        library.Subcommands.Add(generate);
        library.Subcommands.Add(reindex);
        library.Subcommands.Add(queries);
        return library;
    }
}
