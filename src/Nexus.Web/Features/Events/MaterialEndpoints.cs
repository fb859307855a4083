using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Infrastructure.Files;

namespace Nexus.Web.Features.Events;

public static class MaterialEndpoints
{
    /// <summary>
    /// Downloads of event materials: always as attachments, with the type Nexus detected at upload, no sniffing,
    /// and a sandbox policy in case a browser renders the file anyway.
    /// </summary>
    public static IEndpointRouteBuilder MapMaterials(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/events/{id:int}/materials/{materialId:int}", async (int id, int materialId, AppDbContext db, FileStore files, HttpContext http, CancellationToken ct) =>
        {
            var m = await db.Materials.AsNoTracking()
                .Where(x => x.Id == materialId && x.EventId == id)
                .Where(x => db.Events.Any(e => e.Id == id && e.Status != EventStatus.Draft))
                .FirstOrDefaultAsync(ct);
            var stream = m is null ? null : files.Open(m.StorageKey);
            if (m is null || stream is null) return Results.NotFound();
            http.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
            return Results.File(stream, m.ContentType, m.FileName, enableRangeProcessing: true);
        }).ExcludeFromDescription();
        return routes;
    }
}
