using System.Net.Http.Json;
using System.Text.Json;

namespace Nexus.BrowserTests;

/// <summary>Small look-ups through the public JSON API, to pick the events a journey needs.</summary>
public static class Api
{
    public sealed record EventInfo(int Id, string Title, string Slug, int? SeatsLeft, bool RequiresApproval, bool RegistrationOpen);

    public static async Task<List<EventInfo>> UpcomingAsync(NexusServer server)
    {
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        var events = await http.GetFromJsonAsync<List<EventInfo>>("/api/v1/events?when=upcoming", JsonSerializerOptions.Web);
        return events ?? [];
    }

    public static async Task<EventInfo> OpenEventWithSeatsAsync(NexusServer server) =>
        (await UpcomingAsync(server)).First(e => e.RegistrationOpen && !e.RequiresApproval && e.SeatsLeft is null or > 5);

    public static async Task<EventInfo> ApprovalEventAsync(NexusServer server) =>
        (await UpcomingAsync(server)).First(e => e.RegistrationOpen && e.RequiresApproval);

    /// <summary>The page of the newest published library item (the demo has several).</summary>
    public static async Task<string> FirstLibraryItemPathAsync(NexusServer server)
    {
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        var result = await http.GetFromJsonAsync<JsonElement>("/api/v1/library/search?q=joint+statement");
        return new Uri(result.GetProperty("items")[0].GetProperty("url").GetString()!).AbsolutePath;
    }

    /// <summary>Registers someone through the API and returns the new registration's id.</summary>
    public static async Task<int> RegisterAsync(NexusServer server, int eventId, string name, string email)
    {
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        var response = await http.PostAsJsonAsync($"/api/v1/events/{eventId}/registrations", new
        {
            fullName = name, email, organization = "Permanent Mission of Kenya", stakeholderGroup = "member-state", country = "KEN",
        });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("id").GetInt32();
    }
}
