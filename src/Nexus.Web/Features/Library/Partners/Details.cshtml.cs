using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Agencies;
using Nexus.Web.Features.Library.Search;
using Nexus.Web.Infrastructure.Caching;

namespace Nexus.Web.Features.Library.Partners;

/// <summary>What one partner agency contributed to the library, by kind and theme.</summary>
[OutputCache(PolicyName = PublicCache.Policy)]
public class DetailsModel(AppDbContext db, LibrarySearch search) : PageModel
{
    public Agency Agency { get; private set; } = null!;
    public LibrarySearchResult Result { get; private set; } = null!;
    public LibraryLabels Labels { get; private set; } = null!;
    public string Language { get; } = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (code.Length > 40) return NotFound();
        var agency = await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Code == code, ct);
        if (agency is null) return NotFound();
        Agency = agency;
        Result = await search.SearchAsync(new LibrarySearchRequest(null, new LibraryFilters(Agency: code), LibrarySort.Newest, 1, 20), Language, ct);
        Labels = await LibraryLabels.LoadAsync(db, ct);
        return Page();
    }
}
