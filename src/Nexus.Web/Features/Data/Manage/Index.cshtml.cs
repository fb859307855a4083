using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Features.Data.Import;
using Nexus.Web.Features.Library;

namespace Nexus.Web.Features.Data.Manage;

/// <summary>
/// Staff see every release and upload new files. Staff only, like every page under Data/Manage (WebSetup). The file
/// is checked at once (size, type, zip bomb); reading and writing run in the background with progress shown.
/// </summary>
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public class IndexModel(AppDbContext db, ImportJobs jobs, LibraryService library, IConfiguration config, IStringLocalizer<SharedResource> t) : PageModel
{
    public const long MaxRequestBytes = DataFile.DefaultMaxBytes + 1024 * 1024;

    public List<DataRelease> Releases { get; private set; } = [];
    public Dictionary<string, string> Errors { get; } = new();

    public async Task OnGetAsync(CancellationToken ct) =>
        Releases = await db.DataReleases.AsNoTracking().OrderBy(r => r.Dataset).ThenByDescending(r => r.EditionDate).ThenByDescending(r => r.Id).ToListAsync(ct);

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0) Errors["file"] = t["Choose a file."];
        else
        {
            try
            {
                await using var stream = file.OpenReadStream();
                var data = await DataFile.OpenAsync(stream, file.FileName, config.GetValue("Nexus:Data:MaxImportBytes", DataFile.DefaultMaxBytes), ct);
                var job = jobs.Start(data, await library.EditorAsync(User, ct));
                return Redirect($"/data/manage/imports/{job.Id}");
            }
            catch (DataImportException e)
            {
                Errors["file"] = e.Message;
            }
        }
        await OnGetAsync(ct);
        return Page();
    }
}
