using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Features.Library.Search;
using Nexus.Web.Infrastructure.Caching;

namespace Nexus.Web.Features.Library;

/// <summary>
/// The public library: search with facets. A plain GET form, so it works without JavaScript; library.js only
/// swaps the results in as the reader types.
/// </summary>
[OutputCache(PolicyName = PublicCache.Policy)]
public class IndexModel(LibrarySearch search, AppDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Theme { get; set; }
    [BindProperty(SupportsGet = true)] public string? Agency { get; set; }
    [BindProperty(SupportsGet = true)] public string? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Lang { get; set; }
    [BindProperty(SupportsGet = true)] public string? Place { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public string? PageNumber { get; set; }

    public LibrarySearchResult Result { get; private set; } = null!;
    public LibraryLabels Labels { get; private set; } = null!;
    public Dictionary<string, string> Errors { get; private set; } = [];
    public string Language { get; } = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    public async Task OnGetAsync(CancellationToken ct)
    {
        // An invalid filter is reported and left out; the rest of the search still runs.
        var (request, errors) = LibrarySearchRequest.From(Q, Kind, Theme, Agency, Year, Lang, Place, Sort, PageNumber, null);
        Errors = errors.Localized(t);
        foreach (var field in Errors.Keys) Forget(field);
        Result = await search.SearchAsync(request, Language, ct);
        Labels = await LibraryLabels.LoadAsync(db, ct);
    }

    private void Forget(string field)
    {
        switch (field)
        {
            case "kind": Kind = null; break;
            case "theme": Theme = null; break;
            case "agency": Agency = null; break;
            case "year": Year = null; break;
            case "lang": Lang = null; break;
            case "place": Place = null; break;
            case "sort": Sort = null; break;
            case "page": PageNumber = null; break;
        }
    }

    public string? Filter(string dimension) => dimension switch
    {
        "kind" => Kind, "theme" => Theme, "agency" => Agency, "year" => Year, "language" => Lang, "place" => Place, _ => null,
    };

    /// <summary>This search's address with some parameters changed (null removes one); the page goes back to 1.</summary>
    public string Link(params (string Name, string? Value)[] changes)
    {
        var values = new Dictionary<string, string?>
        {
            ["q"] = Q, ["kind"] = Kind, ["theme"] = Theme, ["agency"] = Agency, ["year"] = Year, ["lang"] = Lang, ["place"] = Place, ["sort"] = Sort,
        };
        foreach (var (name, value) in changes) values[name == "language" ? "lang" : name] = value;
        var query = string.Join("&", values.Where(v => !string.IsNullOrEmpty(v.Value)).Select(v => $"{v.Key}={Uri.EscapeDataString(v.Value!)}"));
        return query.Length == 0 ? "/library" : "/library?" + query;
    }
}
