using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Reports;

/// <summary>
/// Edits one section of a year's report. The form carries the hash of the draft it was opened on (so the preview can
/// tell when the data change afterwards) and the version of the edit it replaces (so two editors never overwrite each other).
/// </summary>
public class SectionModel(ReportService reports, IStringLocalizer<SharedResource> t) : PageModel
{
    public int Year { get; private set; }
    public ReportSection Drafted { get; private set; } = null!;
    public Dictionary<string, string> Errors { get; private set; } = new();
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? BasedOnHash { get; set; }
    [BindProperty] public int? Version { get; set; }

    public async Task<IActionResult> OnGetAsync(int year, string key, CancellationToken ct)
    {
        if (await LoadAsync(year, key, ct) is not { } state) return NotFound();
        Text = state.Edit?.Markdown ?? Drafted.Text;
        BasedOnHash = Drafted.Hash;
        Version = state.Edit?.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int year, string key, CancellationToken ct)
    {
        if (await LoadAsync(year, key, ct) is null) return NotFound();
        var text = (Text ?? "").Replace("\r\n", "\n").Trim();
        if (text.Length == 0) Errors["text"] = t["Write the section's text, or discard your edit from the report page."];
        else if (text.Length > ReportService.MaxMarkdown) Errors["text"] = t["The text is too long (at most {0} characters).", ReportService.MaxMarkdown];
        if (Errors.Count == 0)
        {
            var outcome = await reports.SaveAsync(year, key, text, BasedOnHash ?? "", Version, User.FindFirstValue(ClaimTypes.NameIdentifier), ct);
            if (outcome == EditOutcome.Saved) return Redirect($"/reports/{year}#section-{key}");
            Errors["text"] = outcome == EditOutcome.Conflict
                ? t["Someone else saved this section while you were editing. Copy your text, reload the page and apply your changes again."]
                : t["The text is too long (at most {0} characters).", ReportService.MaxMarkdown];
        }
        return Page();
    }

    private async Task<SectionState?> LoadAsync(int year, string key, CancellationToken ct)
    {
        Year = year;
        if (!ReportService.ValidYear(year) || !ReportDrafter.SectionKeys.Contains(key)) return null;
        var view = await reports.LoadAsync(year, ct);
        var state = view.Sections.FirstOrDefault(s => s.Drafted.Key == key);
        if (state is not null) Drafted = state.Drafted;
        return state;
    }

    public string? Err(string field) => Errors.TryGetValue(field, out var m) ? m : null;
}
