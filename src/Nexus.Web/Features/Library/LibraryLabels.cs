using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Agencies;
using Nexus.Web.Infrastructure.Countries;

namespace Nexus.Web.Features.Library;

/// <summary>Display names of the codes an item carries (themes, agencies, places, languages), in a reader's language.</summary>
public sealed class LibraryLabels(IReadOnlyDictionary<string, LibraryTheme> themes, IReadOnlyDictionary<string, Agency> agencies)
{
    public IReadOnlyDictionary<string, LibraryTheme> Themes => themes;
    public IReadOnlyDictionary<string, Agency> Agencies => agencies;

    public static async Task<LibraryLabels> LoadAsync(AppDbContext db, CancellationToken ct) => new(
        await db.LibraryThemes.AsNoTracking().OrderBy(t => t.Order).ToDictionaryAsync(t => t.Code, ct),
        await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Code, ct));

    public string Theme(string code, string language) => themes.TryGetValue(code, out var t) ? t.NameIn(language) : code;
    public string Agency(string code) => agencies.TryGetValue(code, out var a) ? a.Acronym : code.ToUpperInvariant();
    public string AgencyName(string code) => agencies.TryGetValue(code, out var a) ? a.Name : code.ToUpperInvariant();
    public static string Place(string code) => Regions.PlaceName(code) ?? code;
    public static string Language(string code) => LibraryLanguages.Endonyms.TryGetValue(code, out var n) ? n : code;

    /// <summary>The label of a facet value, by dimension (see <see cref="Search.LibraryCatalog.Dimensions"/>).</summary>
    public string Facet(string dimension, string value, string language, Func<string, string> kindLabel) => dimension switch
    {
        "kind" => kindLabel(value),
        "theme" => Theme(value, language),
        "agency" => Agency(value),
        "place" => Place(value),
        "language" => Language(value),
        _ => value,
    };
}
