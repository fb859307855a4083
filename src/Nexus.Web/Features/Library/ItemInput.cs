using System.Globalization;
using Nexus.Web.Infrastructure;
using Nexus.Web.Infrastructure.Countries;

namespace Nexus.Web.Features.Library;

/// <summary>A library item as the API and the import take it; every field is checked before anything is saved.</summary>
public sealed record ItemInput
{
    public string? Kind { get; init; }
    public List<TextInput>? Texts { get; init; }
    public List<string>? Authors { get; init; }
    public List<string>? Agencies { get; init; }
    public List<string>? Themes { get; init; }
    /// <summary>UN M49 codes of countries or regions; ISO 3166 alpha-3 country codes are accepted too.</summary>
    public List<string>? Places { get; init; }
    /// <summary>yyyy-MM-dd.</summary>
    public string? PublishedOn { get; init; }
    public string? Licence { get; init; }
    public int? EventId { get; init; }
    /// <summary>Whether to publish this version at once (the API's default) or keep it as a draft.</summary>
    public bool? Publish { get; init; }

    public const int MaxBody = 200_000;

    /// <summary>
    /// Validates and builds the content. <paramref name="themes"/> and <paramref name="agencies"/> are the known
    /// codes; <paramref name="fileIds"/> are carried over from the version being edited.
    /// </summary>
    public (ItemContent? Content, FieldErrors Errors) ToContent(IReadOnlySet<string> themes, IReadOnlySet<string> agencies,
        DateOnly today, IReadOnlyList<int>? fileIds = null, string prefix = "")
    {
        var errors = new FieldErrors();
        string F(string name) => prefix + name;

        if (!Codes.TryParse<ItemKind>(Kind, out var kind))
            errors.Add(F("kind"), "Choose one of: {0}.", string.Join(", ", Codes.All<ItemKind>()));

        var texts = new List<ItemText>();
        if (Texts is not { Count: > 0 }) errors.Add(F("texts"), "Give a title in at least one language.");
        else if (Texts.Count > LibraryLanguages.All.Length) errors.Add(F("texts"), "At most one text per language.");
        else
            for (var i = 0; i < Texts.Count; i++)
            {
                var t = Texts[i] ?? new TextInput();
                var at = F($"texts[{i}].");
                var lang = (t.Language ?? "").Trim().ToLowerInvariant();
                if (!LibraryLanguages.All.Contains(lang))
                    errors.Add(at + "language", "Choose one of: {0}.", string.Join(", ", LibraryLanguages.All));
                else if (texts.Any(x => x.Language == lang))
                    errors.Add(at + "language", "Each language may appear only once.");
                var title = errors.Text(at + "title", t.Title, 500, required: true);
                var summary = errors.Text(at + "abstract", t.Abstract, 5000, required: false, multiline: true);
                var body = errors.Text(at + "body", t.Body, MaxBody, required: false, multiline: true);
                texts.Add(new ItemText { Language = lang, Title = title, Abstract = summary, Body = body });
            }

        var authors = List(errors, F("authors"), Authors?.Cast<string?>().ToList(), 50, 200);
        var agencyCodes = List(errors, F("agencies"), Agencies?.Select(a => a?.Trim().ToLowerInvariant()).ToList(), 30, 40);
        foreach (var a in agencyCodes.Where(a => !agencies.Contains(a)))
            errors.Add(F("agencies"), "Unknown agency '{0}'.", a);
        var themeCodes = List(errors, F("themes"), Themes?.Select(a => a?.Trim().ToLowerInvariant()).ToList(), 20, 60);
        foreach (var t in themeCodes.Where(t => !themes.Contains(t)))
            errors.Add(F("themes"), "Unknown theme '{0}'.", t);

        var places = new List<string>();
        foreach (var p in List(errors, F("places"), Places?.Cast<string?>().ToList(), 100, 10))
        {
            var code = Regions.PlaceName(p) is not null ? p : Countries.Find(p)?.M49;
            if (code is null) errors.Add(F("places"), "Unknown place '{0}': give a UN M49 code (608, 002) or an ISO alpha-3 code (PHL).", p);
            else if (!places.Contains(code)) places.Add(code);
        }

        var date = default(DateOnly);
        if (string.IsNullOrWhiteSpace(PublishedOn)) errors.Add(F("publishedOn"), "Required.");
        else if (!DateOnly.TryParseExact(PublishedOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            errors.Add(F("publishedOn"), "Give a date as yyyy-mm-dd.");
        else if (date.Year < 1945 || date > today.AddYears(1))
            errors.Add(F("publishedOn"), "Give a date between 1945 and next year.");

        var licence = errors.Text(F("licence"), Licence, 100, required: false);
        if (EventId is < 1) errors.Add(F("eventId"), "No such event.");

        if (errors.Any) return (null, errors);
        return (new ItemContent
        {
            Kind = kind, Texts = texts, Authors = authors, Agencies = agencyCodes, Themes = themeCodes, Places = places,
            PublishedOn = date, Licence = licence.Length > 0 ? licence : "CC-BY-4.0", EventId = EventId, FileIds = [.. fileIds ?? []],
        }, errors);
    }

    private static List<string> List(FieldErrors errors, string field, List<string?>? values, int maxCount, int maxLength)
    {
        var result = new List<string>();
        if (values is null) return result;
        if (values.Count > maxCount) { errors.Add(field, "At most {0} entries.", maxCount); return result; }
        foreach (var v in values)
        {
            var text = errors.Text(field, v, maxLength, required: true);
            if (text.Length > 0 && !result.Contains(text)) result.Add(text);
        }
        return result;
    }

    /// <summary>The input that reproduces a content, to prefill an edit form or round-trip an export.</summary>
    public static ItemInput From(ItemContent c) => new()
    {
        Kind = Codes.Of(c.Kind),
        Texts = c.Texts.Select(t => new TextInput { Language = t.Language, Title = t.Title, Abstract = t.Abstract, Body = t.Body }).ToList(),
        Authors = [.. c.Authors], Agencies = [.. c.Agencies], Themes = [.. c.Themes], Places = [.. c.Places],
        PublishedOn = c.PublishedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Licence = c.Licence, EventId = c.EventId,
    };
}

public sealed record TextInput
{
    public string? Language { get; init; }
    public string? Title { get; init; }
    public string? Abstract { get; init; }
    public string? Body { get; init; }
}
