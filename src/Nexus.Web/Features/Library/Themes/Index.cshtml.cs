using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Library.Search;
using Nexus.Web.Infrastructure.Caching;

namespace Nexus.Web.Features.Library.Themes;

/// <summary>The theme vocabulary with the number of published items in each.</summary>
[OutputCache(PolicyName = PublicCache.Policy)]
public class IndexModel(AppDbContext db, LibraryCatalog catalog) : PageModel
{
    public List<(LibraryTheme Theme, int Count)> Themes { get; private set; } = [];
    public string Language { get; } = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var snapshot = await catalog.CurrentAsync(db, ct);
        var counts = CatalogQuery.Run(snapshot, null, new LibraryFilters(), LibrarySort.Newest, 0, 0).Facets["theme"]
            .ToDictionary(f => f.Value, f => f.Count);
        Themes = (await db.LibraryThemes.AsNoTracking().OrderBy(t => t.Order).ToListAsync(ct))
            .Select(t => (t, counts.GetValueOrDefault(t.Code))).ToList();
    }
}
