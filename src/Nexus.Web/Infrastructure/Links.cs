using Microsoft.Extensions.Options;

namespace Nexus.Web.Infrastructure;

/// <summary>Absolute links for emails and QR codes.</summary>
public sealed class Links(IOptions<NexusOptions> options, IHttpContextAccessor http)
{
    public string BaseUrl
    {
        get
        {
            if (!string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl)) return options.Value.PublicBaseUrl.TrimEnd('/');
            var request = http.HttpContext?.Request;
            return request is null ? "http://localhost:5000" : $"{request.Scheme}://{request.Host}";
        }
    }

    public string To(string path) => BaseUrl + (path.StartsWith('/') ? path : "/" + path);

    /// <summary>The canonical public address of an event.</summary>
    public string Event(Features.Events.Event e) => To($"/events/{e.Id}/{e.Slug}");
}
