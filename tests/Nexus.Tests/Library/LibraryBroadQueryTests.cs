using static Nexus.Tests.Library.LibraryTestData;

namespace Nexus.Tests.Library;

/// <summary>
/// Past Nexus:Library:MaxScored matches only title matches are scored (set to 2 here, so three items are "broad"):
/// every match is still counted, title matches come first by score, the rest follow newest first.
/// </summary>
public abstract class LibraryBroadQueryTests(Provider provider) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private AppFactory _app = null!;

    public ValueTask InitializeAsync()
    {
        _app = new AppFactory(provider, settings: new Dictionary<string, string?> { ["Nexus:Library:MaxScored"] = "2" });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_broad_query_counts_every_match_and_ranks_title_matches_first()
    {
        var m = Marker();
        var old = await _app.AddItemAsync(Content($"Annual note {m}", @abstract: "Remittances and wages.", publishedOn: new(2001, 1, 1)));
        var recent = await _app.AddItemAsync(Content($"Quarterly note {m}", @abstract: "Remittances and prices.", publishedOn: new(2020, 1, 1)));
        var titled = await _app.AddItemAsync(Content($"Remittances {m}", @abstract: "A short note.", publishedOn: new(1999, 1, 1)));

        var result = await (await _app.CreateClient().GetAsync($"/api/v1/library/search?q={m}+remittances", Ct)).JsonAsync();

        Assert.Equal(3, (int)result["total"]!);
        Assert.Equal([titled.Id, recent.Id, old.Id], result["items"]!.AsArray().Select(i => (int)i!["id"]!));
        Assert.Equal(3, result["facets"]!["theme"]![0]!["count"]!.GetValue<int>());
    }
}

public class SqliteLibraryBroadQueryTests() : LibraryBroadQueryTests(Provider.Sqlite);

public class PostgresLibraryBroadQueryTests() : LibraryBroadQueryTests(Provider.Postgres);
