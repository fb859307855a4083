using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Accounts.Tokens;
using Nexus.Web.Features.Library.Search;
using Nexus.Web.Infrastructure;
using Nexus.Web.Infrastructure.Caching;
using Nexus.Web.Infrastructure.Security;

namespace Nexus.Web.Features.Library;

public sealed record LibraryHitDto(int Id, string Slug, string Title, string Kind, int Year, string PublishedOn, string Language,
    IReadOnlyList<string> Themes, IReadOnlyList<string> Agencies, string Snippet, string Url);

public sealed record FacetValueDto(string Value, int Count, string Label);

public sealed record LibrarySearchDto(int Total, int Page, int PageSize, IReadOnlyList<LibraryHitDto> Items,
    IReadOnlyDictionary<string, IReadOnlyList<FacetValueDto>> Facets);

public sealed record FileDto(int Id, string FileName, string Format, string? Language, long SizeBytes, string Sha256, string Url, bool HasText);

public sealed record ItemDto(int Id, string Slug, string Kind, string PublishedOn, IReadOnlyList<ItemText> Texts,
    IReadOnlyList<string> Authors, IReadOnlyList<string> Agencies, IReadOnlyList<string> Themes, IReadOnlyList<string> Places,
    IReadOnlyList<string> Languages, string Licence, int? EventId, int Version, IReadOnlyList<FileDto> Files, string Url);

/// <summary>What staff see of an item: its state and the latest content, published or not.</summary>
public sealed record StaffItemDto(int Id, string Slug, string Status, int CurrentVersion, int? PublishedVersion, ItemInput Content,
    IReadOnlyList<FileDto> Files, string Url);

public sealed record VersionDto(int Number, DateTimeOffset CreatedAt, string CreatedBy, string Note, bool Published);

public static class LibraryApi
{
    public static RouteGroupBuilder MapLibraryApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/library").WithTags("Library").RequireRateLimiting(RateLimitPolicies.Api);
        group.MapGet("/search", Search).CacheOutput(PublicCache.Policy)
            .WithSummary("Full-text search of the published library, with facet counts. Any query text is accepted.");
        group.MapGet("/items/{id:int}", Get).CacheOutput(PublicCache.Policy).WithSummary("One published item, as the public sees it.");

        var write = group.MapGroup("/").RequireAuthorization(AccountsSetup.ScopePolicy(Scopes.LibraryWrite));
        write.MapPost("/items", Create).WithSummary("Create an item (scope library:write); published at once unless publish is false.");
        write.MapGet("/items/{id:int}/draft", GetDraft).WithSummary("The latest version of an item, published or not (library:write).");
        write.MapPut("/items/{id:int}", Update)
            .WithSummary("Save an edit as a new version (library:write). Send If-Match: \"<version>\" to refuse overwriting a newer edit.");
        write.MapPost("/items/{id:int}/publish", Publish).WithSummary("Publish the latest version, or ?version=N (library:write).");
        write.MapPost("/items/{id:int}/unpublish", Unpublish).WithSummary("Withdraw an item from public view (library:write).");
        write.MapGet("/items/{id:int}/versions", Versions).WithSummary("The version history, newest first (library:write).");
        write.MapPost("/items/{id:int}/files", Upload).DisableAntiforgery()
            .WithSummary("Attach a PDF, DOCX, XLSX or CSV file (multipart field 'file'; optional 'language', 'publish').");
        write.MapDelete("/items/{id:int}/files/{fileId:int}", RemoveFile).WithSummary("Remove a file in a new version (library:write).");
        return group;
    }

    public static async Task<Results<Ok<LibrarySearchDto>, ValidationProblem>> Search(
        string? q, string? kind, string? theme, string? agency, string? year, string? lang, string? place, string? sort,
        string? page, string? pageSize, LibrarySearch search, AppDbContext db, Links links, HttpContext http, CancellationToken ct)
    {
        var (request, errors) = LibrarySearchRequest.From(q, kind, theme, agency, year, lang, place, sort, page, pageSize);
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var result = await search.SearchAsync(request, language, ct);
        var (catalog, match, rank, hits) = result.Timings;
        http.Response.Headers["Server-Timing"] = string.Create(CultureInfo.InvariantCulture,
            $"catalog;dur={catalog:0.0}, match;dur={match:0.0}, rank;dur={rank:0.0}, hits;dur={hits:0.0}");
        var labels = await LibraryLabels.LoadAsync(db, ct);
        return TypedResults.Ok(new LibrarySearchDto(result.Total, result.Page, result.PageSize,
            result.Items.Select(h => new LibraryHitDto(h.Id, h.Slug, h.Title, Codes.Of(h.Kind), h.PublishedOn.Year,
                h.PublishedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), h.Language, h.Themes, h.Agencies, h.SnippetHtml,
                links.To($"/library/{h.Slug}"))).ToList(),
            result.Facets.ToDictionary(f => f.Key, f => (IReadOnlyList<FacetValueDto>)f.Value
                .Select(v => new FacetValueDto(v.Value, v.Count, labels.Facet(f.Key, v.Value, language, k => k))).ToList())));
    }

    public static async Task<Results<Ok<ItemDto>, ProblemHttpResult>> Get(int id, AppDbContext db, Links links, CancellationToken ct)
    {
        var d = await db.LibraryDocuments.AsNoTracking().FirstOrDefaultAsync(x => x.ItemId == id && x.Visible, ct);
        if (d is null) return NotFound(id);
        var files = await FilesAsync(db, d.FileIds, links, ct);
        return TypedResults.Ok(new ItemDto(d.ItemId, d.Slug, Codes.Of(d.Kind), Date(d.PublishedOn), d.Texts, d.Authors, d.Agencies,
            d.Themes, d.Places, d.Languages, d.Licence, d.EventId, d.Version, files, links.To($"/library/{d.Slug}")));
    }

    public static async Task<Results<Created<StaffItemDto>, ValidationProblem>> Create(ItemInput input, LibraryService library,
        AppDbContext db, HttpContext http, Links links, CancellationToken ct)
    {
        var (themes, agencies) = await library.VocabularyAsync(ct);
        var (content, errors) = input.ToContent(themes, agencies, library.Today);
        if (content is null) return TypedResults.ValidationProblem(errors.ToDictionary());
        var result = await library.CreateAsync(content, await library.EditorAsync(http.User, ct), input.Publish ?? true, ct);
        return TypedResults.Created($"/api/v1/library/items/{result.Item!.Id}", await StaffDtoAsync(db, result.Item, links, ct));
    }

    public static async Task<Results<Ok<StaffItemDto>, ProblemHttpResult>> GetDraft(int id, AppDbContext db, Links links, CancellationToken ct)
    {
        var item = await db.LibraryItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        return item is null ? NotFound(id) : TypedResults.Ok(await StaffDtoAsync(db, item, links, ct));
    }

    public static async Task<Results<Ok<StaffItemDto>, ValidationProblem, ProblemHttpResult>> Update(int id, ItemInput input,
        [FromHeader(Name = "If-Match")] string? ifMatch, LibraryService library, AppDbContext db, HttpContext http, Links links, CancellationToken ct)
    {
        int? expected = null;
        if (!string.IsNullOrWhiteSpace(ifMatch))
        {
            if (int.TryParse(ifMatch.Trim().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var v)) expected = v;
            else return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["If-Match"] = ["Give the version number you edited, e.g. \"3\"."] });
        }
        var fileIds = await db.LibraryItems.Where(i => i.Id == id).Select(i => i.Draft).FirstOrDefaultAsync(ct);
        if (fileIds is null) return NotFound(id);
        var (themes, agencies) = await library.VocabularyAsync(ct);
        var (content, errors) = input.ToContent(themes, agencies, library.Today, fileIds.FileIds);
        if (content is null) return TypedResults.ValidationProblem(errors.ToDictionary());
        var result = await library.UpdateAsync(id, content, await library.EditorAsync(http.User, ct), input.Publish ?? true, expected, ct);
        return result.Outcome switch
        {
            LibraryOutcome.Done => TypedResults.Ok(await StaffDtoAsync(db, result.Item!, links, ct)),
            LibraryOutcome.Conflict => TypedResults.Problem(statusCode: 412, title: "Edited meanwhile", detail: result.Message),
            _ => NotFound(id),
        };
    }

    public static async Task<Results<Ok<StaffItemDto>, ProblemHttpResult>> Publish(int id, int? version, LibraryService library,
        AppDbContext db, Links links, CancellationToken ct)
    {
        var result = await library.PublishAsync(id, version, ct);
        return result.Ok ? TypedResults.Ok(await StaffDtoAsync(db, result.Item!, links, ct))
            : TypedResults.Problem(statusCode: 404, title: "Not found", detail: result.Message ?? $"There is no library item {id}.");
    }

    public static async Task<Results<Ok<StaffItemDto>, ProblemHttpResult>> Unpublish(int id, LibraryService library, AppDbContext db,
        Links links, CancellationToken ct)
    {
        var result = await library.UnpublishAsync(id, ct);
        return result.Ok ? TypedResults.Ok(await StaffDtoAsync(db, result.Item!, links, ct)) : NotFound(id);
    }

    public static async Task<Results<Ok<List<VersionDto>>, ProblemHttpResult>> Versions(int id, AppDbContext db, CancellationToken ct)
    {
        var published = await db.LibraryItems.Where(i => i.Id == id).Select(i => new { i.PublishedVersion }).FirstOrDefaultAsync(ct);
        if (published is null) return NotFound(id);
        var versions = await db.LibraryVersions.AsNoTracking().Where(v => v.ItemId == id).OrderByDescending(v => v.Number)
            .Select(v => new { v.Number, v.CreatedAt, v.CreatedBy, v.Note }).ToListAsync(ct);
        return TypedResults.Ok(versions.Select(v => new VersionDto(v.Number, new DateTimeOffset(v.CreatedAt, TimeSpan.Zero), v.CreatedBy, v.Note,
            v.Number == published.PublishedVersion)).ToList());
    }

    public static async Task<Results<Created<FileDto>, ValidationProblem, ProblemHttpResult>> Upload(int id, HttpRequest request,
        LibraryService library, Links links, CancellationToken ct)
    {
        var (upload, problem) = await LibraryUploads.ReadAsync(request, ct);
        if (upload is null) return problem!;
        var (file, form) = (upload.File, upload.Form);
        var language = string.IsNullOrWhiteSpace(form["language"]) ? null : form["language"].ToString().Trim().ToLowerInvariant();
        var publish = !string.Equals(form["publish"], "false", StringComparison.OrdinalIgnoreCase);
        await using var stream = file.OpenReadStream();
        var result = await library.AttachFileAsync(id, stream, file.FileName, language, await library.EditorAsync(request.HttpContext.User, ct), publish, ct);
        return result.Outcome switch
        {
            LibraryOutcome.Done => TypedResults.Created(links.To(FileUrl(result.File!)), ToDto(result.File!, links)),
            LibraryOutcome.Invalid => TypedResults.ValidationProblem(Split(result.Message!)),
            _ => NotFound(id),
        };
    }

    public static async Task<Results<Ok<StaffItemDto>, ProblemHttpResult>> RemoveFile(int id, int fileId, LibraryService library,
        AppDbContext db, HttpContext http, Links links, CancellationToken ct)
    {
        var result = await library.RemoveFileAsync(id, fileId, await library.EditorAsync(http.User, ct), publish: true, ct);
        return result.Ok ? TypedResults.Ok(await StaffDtoAsync(db, result.Item!, links, ct))
            : TypedResults.Problem(statusCode: 404, title: "Not found", detail: $"Item {id} has no file {fileId}.");
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    public static string FileUrl(LibraryFile f) => $"/library/files/{f.Id}/{Uri.EscapeDataString(f.FileName)}";

    private static FileDto ToDto(LibraryFile f, Links links) =>
        new(f.Id, f.FileName, f.Format, f.Language, f.SizeBytes, f.Sha256, links.To(FileUrl(f)), f.Text.Length > 0);

    private static async Task<List<FileDto>> FilesAsync(AppDbContext db, List<int> ids, Links links, CancellationToken ct)
    {
        var files = await db.LibraryFiles.AsNoTracking().Where(f => ids.Contains(f.Id))
            .Select(f => new LibraryFile
            {
                Id = f.Id, FileName = f.FileName, Format = f.Format, Language = f.Language, SizeBytes = f.SizeBytes, Sha256 = f.Sha256,
                ContentType = f.ContentType, StorageKey = "", UploadedBy = "", Text = f.Text.Length > 0 ? "x" : "",
            }).ToListAsync(ct);
        return ids.Select(i => files.FirstOrDefault(f => f.Id == i)).OfType<LibraryFile>().Select(f => ToDto(f, links)).ToList();
    }

    private static async Task<StaffItemDto> StaffDtoAsync(AppDbContext db, LibraryItem item, Links links, CancellationToken ct) =>
        new(item.Id, item.Slug, Codes.Of(item.Status), item.CurrentVersion, item.PublishedVersion, ItemInput.From(item.Draft),
            await FilesAsync(db, item.Draft.FileIds, links, ct), links.To($"/library/{item.Slug}"));

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>"field: message" from the service, as a validation problem naming the field.</summary>
    private static Dictionary<string, string[]> Split(string message)
    {
        var colon = message.IndexOf(':');
        return colon > 0 ? new() { [message[..colon]] = [message[(colon + 1)..].Trim()] } : new() { ["file"] = [message] };
    }

    private static ProblemHttpResult NotFound(int id) =>
        TypedResults.Problem(statusCode: 404, title: "Library item not found", detail: $"There is no library item {id}.");
}
