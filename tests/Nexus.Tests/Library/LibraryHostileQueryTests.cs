using System.Text;
using static Nexus.Tests.Library.LibraryTestData;

namespace Nexus.Tests.Library;

/// <summary>
/// Any text typed into the search box is a query, never an error: generated hostile inputs (FTS operators,
/// unbalanced quotes, column filters, SQL, 10 kB strings, invalid UTF-8 and lone surrogates) go to the page and
/// to the API, on both databases. Filter parameters may be refused, but only with a 400 that names the field.
/// </summary>
public abstract class LibraryHostileQueryTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private AppFactory App => fixture.App;

    /// <summary>Percent-encodes the UTF-8 of a string; sometimes appends bytes that are not UTF-8 at all.</summary>
    private static string Encode(string text, Random random)
    {
        var encoded = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text)) encoded.Append('%').Append(b.ToString("X2"));
        if (random.Next(8) == 0) encoded.Append(random.Next(3) switch { 0 => "%C3%28", 1 => "%ED%A0%80", _ => "%FF%FE" });
        return encoded.ToString();
    }

    [Fact]
    public async Task A_thousand_hostile_queries_never_cause_a_server_error()
    {
        var m = Marker();
        await App.AddItemAsync(LibraryTestData.Content($"{m} Remittances and the crisis", @abstract: "Migrants' remittances to \"origin\" countries (2009)."));
        var client = App.CreateClient();
        var random = new Random(20091104);
        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();

        for (var i = 0; i < 1000; i++)
        {
            var q = Encode(HostileInput.Next(random), random);
            // Now and then a filter gets the hostile text too: that may be refused (400), never crash.
            var extra = random.Next(10) == 0 ? $"&{new[] { "kind", "theme", "year", "lang", "place", "page", "sort" }[random.Next(7)]}={Encode(HostileInput.Next(random), random)}" : "";
            foreach (var url in new[] { $"/api/v1/library/search?q={q}{extra}", $"/library?q={q}{extra}" })
            {
                using var response = await client.GetAsync(url, Ct);
                var status = (int)response.StatusCode;
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                if (status >= 500 || (status != 200 && extra.Length == 0)) failures.Add($"{status} {url[..Math.Min(url.Length, 200)]}");
                if (status == 400 && url.StartsWith("/api", StringComparison.Ordinal))
                    await response.AssertProblemAsync(400);
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} failures, e.g.:\n{string.Join("\n", failures.Take(10))}");
        Assert.True(statuses.GetValueOrDefault(200) >= 1800, $"statuses: {string.Join(", ", statuses)}");
        // The item is still found afterwards: nothing the queries did changed the index.
        var found = await (await client.GetAsync($"/api/v1/library/search?q={m}", Ct)).JsonAsync();
        Assert.Equal(1, (int)found["total"]!);
    }
}

public class SqliteLibraryHostileQueryTests(SqliteApp fixture) : LibraryHostileQueryTests(fixture), IClassFixture<SqliteApp>;

public class PostgresLibraryHostileQueryTests(PostgresApp fixture) : LibraryHostileQueryTests(fixture), IClassFixture<PostgresApp>;
