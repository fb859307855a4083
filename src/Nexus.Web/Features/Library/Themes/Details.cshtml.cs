using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Library.Search;
using Nexus.Web.Infrastructure.Caching;

namespace Nexus.Web.Features.Library.Themes;

/// <summary>One theme: its newest items, the agencies that publish on it, and its Atom feed.</summary>
[OutputCache(PolicyName = PublicCache.Policy)]
public class DetailsModel(AppDbContext db, LibrarySearch search) : PageModel
{
    public LibraryTheme Theme { get; private set; } = null!;
    public LibrarySearchResult Result { get; private set; } = null!;
    public LibraryLabels Labels { get; private set; } = null!;
    public string Language { get; } = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (code.Length > 60) return NotFound();
        var theme = await db.LibraryThemes.AsNoTracking().FirstOrDefaultAsync(t => t.Code == code, ct);
        if (theme is null) return NotFound();
        Theme = theme;
        Result = await search.SearchAsync(new LibrarySearchRequest(null, new LibraryFilters(Theme: code), LibrarySort.Newest, 1, 20), Language, ct);
        Labels = await LibraryLabels.LoadAsync(db, ct);
        return Page();
    }
}
