using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Accounts.Tokens;
using Nexus.Web.Infrastructure;
using Nexus.Web.Infrastructure.Security;

namespace Nexus.Web.Features.Library.Import;

public sealed record ImportedItemDto(int Id, string Slug);

public sealed record ImportDto(int Imported, IReadOnlyList<ImportedItemDto> Items);

/// <summary>Bulk import and export of the library: the API call, the export and the manifest templates.</summary>
public static class LibraryImportSetup
{
    /// <summary>The request may carry the largest accepted upload plus the multipart framing around it.</summary>
    public const long MaxRequestBytes = LibraryImport.MaxUploadBytes + 1024 * 1024;

    public static IServiceCollection AddLibraryImport(this IServiceCollection services)
    {
        services.AddScoped<LibraryImport>();
        services.AddScoped<LibraryExport>();
        return services;
    }

    public static IEndpointRouteBuilder MapLibraryImport(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/library/import", Import)
            .WithTags("Library").RequireRateLimiting(RateLimitPolicies.Api)
            .RequireAuthorization(AccountsSetup.ScopePolicy(Scopes.LibraryWrite))
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes))
            .WithFormOptions(multipartBodyLengthLimit: MaxRequestBytes)
            .WithSummary("Import many items from a manifest (multipart field 'file': a zip with manifest.xlsx or manifest.csv and the files " +
                         "it names, or a manifest alone). All or nothing: any error and nothing is saved (library:write).");

        var staff = routes.MapGroup("/library/manage").RequireAuthorization(Policies.Staff).ExcludeFromDescription();
        staff.MapGet("/export", Export);
        staff.MapGet("/import/template.xlsx", (AppDbContext db, CancellationToken ct) => TemplateAsync(db, "xlsx", ct));
        staff.MapGet("/import/template.csv", (AppDbContext db, CancellationToken ct) => TemplateAsync(db, "csv", ct));
        return routes;
    }

    public static async Task<Results<Created<ImportDto>, ValidationProblem>> Import(HttpRequest request, LibraryImport import,
        LibraryService library, CancellationToken ct)
    {
        var (upload, problem) = await LibraryUploads.ReadAsync(request, ct);
        if (upload is null) return problem!;
        var file = upload.File;
        await using var stream = file.OpenReadStream();
        var result = await import.ImportAsync(stream, file.FileName, await library.EditorAsync(request.HttpContext.User, ct), ct);
        if (!result.Ok) return TypedResults.ValidationProblem(result.Errors.ToProblem(), title: "The import was refused; nothing was saved.");
        return TypedResults.Created((string?)null,
            new ImportDto(result.Items.Count, result.Items.Select(i => new ImportedItemDto(i.Id, i.Slug)).ToList()));
    }

    public static async Task<Results<FileStreamHttpResult, ValidationProblem>> Export(string? format, LibraryExport export,
        TimeProvider clock, CancellationToken ct)
    {
        format = string.IsNullOrWhiteSpace(format) ? "xlsx" : format.Trim().ToLowerInvariant();
        if (format is not ("xlsx" or "csv"))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["Choose xlsx or csv."] });
        var file = await export.WriteAsync(format, ct);
        var date = clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.File(file, ContentType(format), $"library-{date}.{format}");
    }

    /// <summary>
    /// A manifest with the usual columns and one example row; the XLSX also lists the codes each column takes,
    /// on a second sheet that the import does not read.
    /// </summary>
    public static async Task<FileContentHttpResult> TemplateAsync(AppDbContext db, string format, CancellationToken ct)
    {
        string[] columns =
        [
            "kind", "language", "title", "abstract", "body", "title_fr", "abstract_fr", "body_fr", "authors", "agencies", "themes",
            "places", "published_on", "licence", "event_id", "files", "publish",
        ];
        var example = new Dictionary<string, object?>
        {
            ["kind"] = "policy-brief", ["language"] = "en", ["title"] = "Remittances in the economic crisis",
            ["abstract"] = "How remittance flows held up during the crisis.", ["body"] = "",
            ["title_fr"] = "Les envois de fonds dans la crise économique", ["abstract_fr"] = "", ["body_fr"] = "",
            ["authors"] = "Amina Wanjiru; Jean Dupont", ["agencies"] = "iom; unitar", ["themes"] = "remittances; economic-crisis",
            ["places"] = "608; MEX; 002", ["published_on"] = "2009-11-04", ["licence"] = "CC-BY-4.0", ["event_id"] = "",
            ["files"] = "brief.pdf; note.pdf|fr", ["publish"] = "no",
        };
        await using var output = new MemoryStream();
        if (format == "csv") await Manifest.WriteCsvAsync(output, columns, One(example), ct);
        else
        {
            var codes = new List<Dictionary<string, object?>> { Code("column", "code", "meaning") };
            codes.AddRange(Codes.All<ItemKind>().Select(k => Code("kind", k, LibraryText.Kind(k))));
            codes.AddRange(LibraryLanguages.All.Select(l => Code("language", l, LibraryLanguages.Endonyms[l])));
            codes.AddRange((await db.LibraryThemes.AsNoTracking().OrderBy(t => t.Order).ToListAsync(ct)).Select(t => Code("themes", t.Code, t.NameIn("en"))));
            codes.AddRange((await db.Agencies.AsNoTracking().OrderBy(a => a.Code).ToListAsync(ct)).Select(a => Code("agencies", a.Code, a.Name)));
            codes.Add(Code("places", "608, PHL", "UN M49 code or ISO 3166 alpha-3 code of a country; M49 code of a region (002 Africa)"));
            codes.Add(Code("files", "name.pdf|fr", "file in the zip, with the language of its text after |"));
            await Manifest.WriteXlsxAsync(output, columns, One(example), ct, new Dictionary<string, IEnumerable<Dictionary<string, object?>>> { ["codes"] = codes });
        }
        return TypedResults.File(output.ToArray(), ContentType(format), $"library-import-template.{format}");

        static Dictionary<string, object?> Code(string column, string code, string meaning) =>
            new() { ["column"] = column, ["code"] = code, ["meaning"] = meaning };
    }

    private static async IAsyncEnumerable<Dictionary<string, object?>> One(Dictionary<string, object?> row)
    {
        await Task.CompletedTask;
        yield return row;
    }

    private static string ContentType(string format) => format == "csv"
        ? "text/csv; charset=utf-8"
        : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}
