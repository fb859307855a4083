using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Library.Manage;

/// <summary>
/// The managed theme vocabulary: staff add themes and name them in the UN languages. Codes never change once
/// made (they are in URLs, feeds and OAI set names); renaming a theme re-indexes the items that carry it.
/// </summary>
public class ThemesModel(AppDbContext db, LibraryService library, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed class InputModel
    {
        public string? Code { get; set; }
        public Dictionary<string, string?> Names { get; set; } = [];
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public List<LibraryTheme> Themes { get; private set; } = [];
    public Dictionary<string, string> Errors { get; private set; } = [];
    [TempData] public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Themes = await db.LibraryThemes.AsNoTracking().OrderBy(x => x.Order).ToListAsync(ct);

    /// <summary>Adds a theme (no code yet) or renames one (code given and known).</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var errors = new FieldErrors();
        var code = (Input.Code ?? "").Trim().ToLowerInvariant();
        if (code.Length is 0 or > 60 || !code.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') || code.StartsWith('-'))
            errors.Add("code", "Give a code of lower-case letters, digits and hyphens.");
        var names = new Dictionary<string, string>();
        foreach (var language in LibraryLanguages.All)
        {
            var name = errors.Text($"names-{language}", Input.Names.GetValueOrDefault(language), 120, required: language == "en");
            if (name.Length > 0) names[language] = name;
        }
        var theme = errors.Any ? null : await db.LibraryThemes.FirstOrDefaultAsync(x => x.Code == code, ct);
        if (errors.Any)
        {
            Errors = errors.Localized(t);
            await OnGetAsync(ct);
            return Page();
        }
        if (theme is null)
        {
            var order = await db.LibraryThemes.MaxAsync(x => (int?)x.Order, ct) ?? 0;
            db.LibraryThemes.Add(new LibraryTheme { Code = code, Names = names, Order = order + 1 });
            await db.SaveChangesAsync(ct);
            Message = t["Theme {0} added.", names["en"]];
        }
        else
        {
            theme.Names = names;
            await db.SaveChangesAsync(ct);
            // Theme names are indexed with each item, so that searching "remesas" finds items on remittances.
            await library.ReindexAsync(ct, theme: code);
            Message = t["Theme {0} renamed.", names["en"]];
        }
        return RedirectToPage();
    }
}
