using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Nexus.Tests;

/// <summary>Reading API answers: JSON bodies and RFC 9457 problems.</summary>
public static class HttpAssertions
{
    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))
        ?? throw new InvalidOperationException("The body is JSON null.");

    /// <summary>
    /// Asserts an RFC 9457 answer with this status and, for a validation problem, an error for each named field.
    /// Returns the problem for further checks.
    /// </summary>
    public static async Task<JsonObject> AssertProblemAsync(this HttpResponseMessage response, int status, params string[] fields)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True((int)response.StatusCode == status, $"Expected {status}, got {(int)response.StatusCode}: {Shorten(body)}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = Assert.IsType<JsonObject>(JsonNode.Parse(body));
        Assert.Equal(status, (int?)problem["status"]);
        if (fields.Length > 0)
        {
            var errors = Assert.IsType<JsonObject>(problem["errors"], exactMatch: false);
            foreach (var field in fields)
                Assert.True(errors.Any(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase)),
                    $"No error for '{field}' in {Shorten(body)}");
        }
        return problem;
    }

    /// <summary>Asserts a 4xx answer (never 5xx) with a ProblemDetails body.</summary>
    public static async Task<JsonObject> AssertClientErrorAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var status = (int)response.StatusCode;
        Assert.True(status is >= 400 and < 500, $"Expected a 4xx, got {status}: {Shorten(body)}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return Assert.IsType<JsonObject>(JsonNode.Parse(body));
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, JsonNode? body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>PUT with a JSON body and, optionally, an If-Match version.</summary>
    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, JsonNode? body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", $"\"{ifMatch}\"");
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Posts bytes as they are, for bodies that are not valid JSON.</summary>
    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string url, string body, string? contentType = "application/json")
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = contentType is null ? null : new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return client.PostAsync(url, content, TestContext.Current.CancellationToken);
    }

    public static string Shorten(string text) => text.Length <= 600 ? text : text[..600] + "...";
}
