using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Infrastructure.Files;

namespace Nexus.Web.Features.Library;

public static class LibraryFileEndpoints
{
    /// <summary>
    /// Downloads of library files. The public may fetch a file of a published version; staff any file, so that
    /// they can check a draft. Always an attachment, with the type detected at upload and a sandbox policy.
    /// </summary>
    public static IEndpointRouteBuilder MapLibraryFiles(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/library/files/{id:int}/{name}", async (int id, string name, AppDbContext db, FileStore files,
            IAuthorizationService auth, HttpContext http, CancellationToken ct) =>
        {
            var f = await db.LibraryFiles.AsNoTracking().Where(x => x.Id == id)
                .Select(x => new { x.ItemId, x.StorageKey, x.ContentType, x.FileName }).FirstOrDefaultAsync(ct);
            if (f is null) return Results.NotFound();
            var published = await db.LibraryDocuments.AsNoTracking()
                .Where(d => d.ItemId == f.ItemId && d.Visible).Select(d => d.FileIds).FirstOrDefaultAsync(ct);
            if (published?.Contains(id) != true && !(await auth.AuthorizeAsync(http.User, Policies.Staff)).Succeeded)
                return Results.NotFound();
            var stream = files.Open(f.StorageKey);
            if (stream is null) return Results.NotFound();
            http.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
            return Results.File(stream, f.ContentType, f.FileName, enableRangeProcessing: true);
        }).ExcludeFromDescription();
        return routes;
    }
}
