namespace Nexus.BrowserTests;

/// <summary>What only the real server (Kestrel on a port) shows: no Server header.</summary>
public class KestrelTests(NexusServer server)
{
    [Fact]
    public async Task The_server_does_not_announce_itself()
    {
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        using var response = await http.GetAsync("/", TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        Assert.False(response.Headers.Contains("Server"), string.Join(", ", response.Headers.Select(h => h.Key)));
    }
}
