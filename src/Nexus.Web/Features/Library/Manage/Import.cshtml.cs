using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Nexus.Web.Features.Library.Import;

namespace Nexus.Web.Features.Library.Manage;

public sealed record ImportSummary(int Count, List<ImportedItem> First);

/// <summary>
/// Staff upload a manifest (with its files in a zip); a refused upload lists every problem by row and column.
/// Staff only, like every page under Library/Manage (WebSetup); the request limit is raised for this page alone.
/// </summary>
[RequestSizeLimit(LibraryImportSetup.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = LibraryImportSetup.MaxRequestBytes)]
public class ImportModel(LibraryImport import, LibraryService library, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>Problems are listed up to this many; a 5,000-row upload can have many more.</summary>
    public const int MaxShown = 500;

    public Dictionary<string, string> Errors { get; } = new();
    public List<ImportMessage> Problems { get; private set; } = [];
    public ImportSummary? Imported { get; private set; }

    public void OnGet()
    {
        if (TempData["Imported"] is string json) Imported = JsonSerializer.Deserialize<ImportSummary>(json);
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            Errors["file"] = t["Choose a file."];
            return Page();
        }
        await using var stream = file.OpenReadStream();
        var result = await import.ImportAsync(stream, file.FileName, await library.EditorAsync(User, ct), ct);
        if (!result.Ok)
        {
            Problems = result.Errors.Messages(t);
            return Page();
        }
        TempData["Imported"] = JsonSerializer.Serialize(new ImportSummary(result.Items.Count, result.Items.Take(20).ToList()));
        return Redirect("/library/manage/import");
    }
}
