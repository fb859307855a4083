using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Nexus.Web.Data;
using Nexus.Web.Infrastructure;
using Nexus.Web.Infrastructure.Security;

namespace Nexus.Web.Features.Library.Oai;

/// <summary>Settings under "Nexus:Library" that the OAI-PMH endpoint reads.</summary>
public sealed class OaiOptions
{
    public const string Section = "Nexus:Library";

    [Required, EmailAddress] public string AdminEmail { get; set; } = "library@nexus.example";
    /// <summary>The repository identifier in OAI identifiers; by default the host of Nexus:PublicBaseUrl (or of the request).</summary>
    [RegularExpression(@"^[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+$")] public string? OaiNamespace { get; set; }
    /// <summary>Records or headers per list response.</summary>
    [Range(1, 1000)] public int OaiPageSize { get; set; } = 100;
}

/// <summary>
/// OAI-PMH 2.0 at /oai, so that library harvesters (UN Digital Library, DSpace, EPrints) collect the library's
/// Dublin Core. The protocol answers everything, errors included, with 200 and an XML body.
/// </summary>
public static class OaiEndpoint
{
    /// <summary>A form body larger than this is no harvester's request.</summary>
    private const int MaxBodyChars = 16 * 1024;

    public static IEndpointRouteBuilder MapOai(this IEndpointRouteBuilder routes)
    {
        // Read and checked once, when the app starts.
        var options = routes.ServiceProvider.GetRequiredService<IConfiguration>().GetSection(OaiOptions.Section).Get<OaiOptions>() ?? new();
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        var tokens = new OaiResumptionTokens(routes.ServiceProvider.GetRequiredService<IDataProtectionProvider>());

        routes.MapMethods("/oai", [HttpMethods.Get, HttpMethods.Post],
                (HttpContext http, AppDbContext db, Links links, TimeProvider clock, CancellationToken ct) =>
                    Answer(http, new OaiVerbs(db, links, options, tokens), clock, ct))
            .RequireRateLimiting(RateLimitPolicies.Api)
            // A harvester posts a plain form: there is no antiforgery token, and nothing is changed.
            .DisableAntiforgery()
            .WithTags("Library")
            .ExcludeFromDescription();
        return routes;
    }

    private static async Task<IResult> Answer(HttpContext http, OaiVerbs verbs, TimeProvider clock, CancellationToken ct)
    {
        var pairs = await ArgumentsAsync(http.Request, ct);
        var request = pairs is null
            ? new OaiRequest(null, [], [new OaiError("badArgument", "The request body is too large.")])
            : OaiRequest.Parse(pairs);
        var answer = request.IsValid ? await verbs.AnswerAsync(request, ct) : new OaiAnswer(request.Errors, null);
        var xml = OaiXml.Response(clock.GetUtcNow().UtcDateTime, verbs.BaseUrl, request, answer.Errors, answer.Body);
        return Results.Bytes(xml, "text/xml; charset=utf-8");
    }

    /// <summary>
    /// The arguments as sent, names case and repetitions kept (Request.Query and Request.Form merge both away):
    /// the query string of a GET, the form body of a POST. Null when a body is too large.
    /// </summary>
    private static async Task<List<KeyValuePair<string, string>>?> ArgumentsAsync(HttpRequest request, CancellationToken ct)
    {
        var text = request.QueryString.Value ?? "";
        if (HttpMethods.IsPost(request.Method))
        {
            text = "";
            if (Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
                && type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
            {
                if (request.ContentLength > MaxBodyChars) return null;
                using var reader = new StreamReader(request.Body, Encoding.UTF8);
                var buffer = new char[MaxBodyChars + 1];
                var read = 0;
                int n;
                while (read < buffer.Length && (n = await reader.ReadAsync(buffer.AsMemory(read), ct)) > 0) read += n;
                if (read > MaxBodyChars) return null;
                text = new string(buffer, 0, read);
            }
        }
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var pair in new QueryStringEnumerable(text))
            pairs.Add(new(pair.DecodeName().ToString(), pair.DecodeValue().ToString()));
        return pairs;
    }
}
