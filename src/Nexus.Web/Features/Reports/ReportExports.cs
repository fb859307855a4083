using Nexus.Web.Features.Accounts;

namespace Nexus.Web.Features.Reports;

/// <summary>Downloads of a year's report (with staff's edits): <c>/reports/{year}.docx</c> and <c>.pdf</c>, staff only.</summary>
public static class ReportExports
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/reports").RequireAuthorization(Policies.Staff);
        g.MapGet("/{year:int}.docx", async (int year, ReportService reports, CancellationToken ct) =>
        {
            if (!ReportService.ValidYear(year)) return Results.Problem(title: "Unknown year", detail: "year", statusCode: 404);
            var view = await reports.LoadAsync(year, ct);
            return Results.File(ReportDocx.Write(view.Document), ReportDocx.ContentType, FileName(year, "docx"));
        });
        g.MapGet("/{year:int}.pdf", async (int year, ReportService reports, CancellationToken ct) =>
        {
            if (!ReportService.ValidYear(year)) return Results.Problem(title: "Unknown year", detail: "year", statusCode: 404);
            var view = await reports.LoadAsync(year, ct);
            return Results.File(ReportPdf.Write(view.Document), "application/pdf", FileName(year, "pdf"));
        });
    }

    public static string FileName(int year, string extension) => $"annual-report-{year}.{extension}";
}
