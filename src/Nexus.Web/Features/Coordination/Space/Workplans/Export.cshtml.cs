using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Features.Coordination.Workplans;

namespace Nexus.Web.Features.Coordination.Space.Workplans;

/// <summary>The workplan as a Word document or a spreadsheet of its activities, named after its year.</summary>
public class ExportModel(AppDbContext db, CoordinationAccess access, IStringLocalizer<SharedResource> t) : WorkplanPage(db, access, t)
{
    public async Task<IActionResult> OnGetAsync(int id, string? format, CancellationToken ct)
    {
        if (!await EnterAsync(ct)) return Forbid();
        if (await WorkplanQueries.LoadAsync(Db, id, Today, ct) is not { } plan) return NotFound();
        string T(string key) => Localizer[key].Value;
        return (format ?? "docx").Trim().ToLowerInvariant() switch
        {
            "docx" => File(WorkplanExport.Docx(plan, T), WorkplanExport.DocxType, WorkplanExport.FileName(plan, "docx")),
            "xlsx" => File(WorkplanExport.Xlsx(plan, T), WorkplanExport.XlsxType, WorkplanExport.FileName(plan, "xlsx")),
            _ => BadRequest(),
        };
    }
}
