using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Nexus.Web.Features.Agencies;
using Nexus.Web.Infrastructure;
using Nexus.Web.Infrastructure.Countries;

namespace Nexus.Web.Features.Library.Citations;

public sealed record CitationAgency(string Acronym, string Name);

public sealed record CitationTheme(string Code, string Name);

/// <summary>A downloadable file of the item, for the JSON-LD <c>encoding</c>.</summary>
public sealed record CitationFile(string Url, string MediaType, string Name, long SizeBytes = 0, string? Language = null);

/// <summary>
/// What a citation needs to know about one published item, already resolved to one language and to absolute URLs,
/// so that <see cref="Citation"/> stays a pure formatter. Authors are display names ("Amina Wanjiru" or
/// "Wanjiru, Amina"); without personal authors the agencies are the (corporate) authors.
/// </summary>
public sealed record CitationSource(
    string Title, IReadOnlyList<string> Authors, IReadOnlyList<CitationAgency> Agencies, DateOnly PublishedOn,
    ItemKind Kind, string Url, string Language, int Version, string Publisher = "Nexus")
{
    public string Abstract { get; init; } = "";
    public IReadOnlyList<CitationTheme> Themes { get; init; } = [];
    /// <summary>Names of the countries and regions the item is about.</summary>
    public IReadOnlyList<string> Places { get; init; } = [];
    /// <summary>SPDX identifier (CC-BY-4.0), a URL, or free text.</summary>
    public string Licence { get; init; } = "";
    public IReadOnlyList<CitationFile> Files { get; init; } = [];
    public DateTime? UpdatedAt { get; init; }

    /// <summary>
    /// The citation of a published item in <paramref name="preferredLanguage"/> when the item has a text in it,
    /// else in its original language (the first text). Theme names follow that language; <paramref name="files"/>
    /// are the rows of <see cref="LibraryDocument.FileIds"/> (for the JSON-LD <c>encoding</c>).
    /// </summary>
    public static CitationSource From(LibraryDocument d, IReadOnlyDictionary<string, Agency> agencies, Links links,
        string? preferredLanguage, IReadOnlyDictionary<string, LibraryTheme>? themes = null, IReadOnlyList<LibraryFile>? files = null)
    {
        var text = Citation.TextIn(d.Texts, preferredLanguage);
        var language = text?.Language ?? d.Languages.FirstOrDefault() ?? "en";
        return new CitationSource(
            text?.Title ?? d.Slug,
            d.Authors,
            d.Agencies.Select(code => agencies.TryGetValue(code, out var a)
                ? new CitationAgency(a.Acronym, a.Name)
                : new CitationAgency(code.ToUpperInvariant(), code.ToUpperInvariant())).ToList(),
            d.PublishedOn, d.Kind, Citation.ItemUrl(links, d.Slug), language, d.Version)
        {
            Abstract = text?.Abstract ?? "",
            Themes = d.Themes.Select(code => new CitationTheme(code,
                themes is not null && themes.TryGetValue(code, out var t) ? t.NameIn(language) : code)).ToList(),
            Places = d.Places.Select(code => Regions.PlaceName(code) ?? code).ToList(),
            Licence = d.Licence,
            Files = (files ?? []).Select(f => new CitationFile(links.To(LibraryApi.FileUrl(f)), f.ContentType, f.FileName, f.SizeBytes, f.Language)).ToList(),
            UpdatedAt = d.UpdatedAt == default ? null : d.UpdatedAt,
        };
    }
}

/// <summary>
/// How to cite a library item: a human citation (author-date), BibTeX, RIS and schema.org JSON-LD.
/// Pure functions of a <see cref="CitationSource"/>.
/// </summary>
public static partial class Citation
{
    public static string ItemUrl(Links links, string slug) => links.To("/library/" + slug);

    /// <summary>The text in <paramref name="language"/>, else the original (first) one; null when there is none.</summary>
    public static ItemText? TextIn(IReadOnlyList<ItemText> texts, string? language) =>
        texts.FirstOrDefault(t => language is not null && string.Equals(t.Language, language, StringComparison.OrdinalIgnoreCase))
        ?? texts.FirstOrDefault();

    public static string KindLabel(ItemKind kind) => kind switch
    {
        ItemKind.FactSheet => "Fact sheet",
        ItemKind.SeminarFindings => "Seminar findings",
        ItemKind.Report => "Report",
        ItemKind.PolicyBrief => "Policy brief",
        ItemKind.JointStatement => "Joint statement",
        ItemKind.CourseMaterial => "Course material",
        ItemKind.Presentation => "Presentation",
        ItemKind.DataNote => "Data note",
        _ => Codes.Of(kind),
    };

    // ---- human citation ---------------------------------------------------------------------------------------

    /// <summary>"Wanjiru, A., &amp; Kahn, B. (2009). Title. Report. Nexus. https://…" (author-date, APA-like).</summary>
    public static string Text(CitationSource s)
    {
        var title = Sentence(OneLine(s.Title));
        var tail = string.Join(" ", new[] { Sentence(KindLabel(s.Kind)), Sentence(OneLine(s.Publisher)), OneLine(s.Url) }
            .Where(p => p.Length > 0));
        var year = s.PublishedOn.Year.ToString(CultureInfo.InvariantCulture);
        var persons = Persons(s);
        var creators = persons.Count > 0
            ? ApaList(persons.Select(p => p.Given.Length == 0 ? p.Family : $"{p.Family}, {Initials(p.Given)}").ToList(), personal: true)
            : ApaList(s.Agencies.Select(a => OneLine(a.Acronym.Length > 0 ? a.Acronym : a.Name)).ToList(), personal: false);
        // Without any author the title moves to the author's place.
        return creators.Length > 0 ? $"{creators} ({year}). {title} {tail}" : $"{title} ({year}). {tail}";
    }

    private static string ApaList(List<string> names, bool personal)
    {
        names = names.Where(n => n.Length > 0).ToList();
        return names.Count switch
        {
            0 => "",
            1 => names[0],
            2 => personal ? $"{names[0]}, & {names[1]}" : $"{names[0]} & {names[1]}",
            // APA lists up to 20 authors, then the first 19, an ellipsis and the last.
            > 20 => string.Join(", ", names.Take(19)) + ", . . . " + names[^1],
            _ => string.Join(", ", names.Take(names.Count - 1)) + ", & " + names[^1],
        };
    }

    /// <summary>"Amina" → "A.", "Jean-Pierre" → "J.-P.", "Mary Ann" → "M. A.".</summary>
    public static string Initials(string given) =>
        string.Join(" ", given.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(word => string.Join("-", word.Split('-', StringSplitOptions.RemoveEmptyEntries)
                .Select(part => StringInfo.GetNextTextElement(part).ToUpper(CultureInfo.InvariantCulture) + "."))));

    private static string Sentence(string s) =>
        s.Length == 0 || s[^1] is '.' or '?' or '!' ? s : s + ".";

    // ---- names ------------------------------------------------------------------------------------------------

    public readonly record struct PersonName(string Family, string Given);

    /// <summary>
    /// "Wanjiru, Amina" and "Amina Wanjiru" both give (Wanjiru, Amina). Lower-case particles before the last word
    /// stay with the family name ("Ludwig van Beethoven" → "van Beethoven"); a name that is not in Western order
    /// should be stored as "Family, Given".
    /// </summary>
    public static PersonName ParseName(string display)
    {
        var s = OneLine(display);
        var comma = s.IndexOf(',');
        if (comma > 0) return new PersonName(s[..comma].Trim(), s[(comma + 1)..].Trim());
        var words = s.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length <= 1) return new PersonName(s, "");
        var start = words.Length - 1;
        while (start > 1 && char.IsLower(words[start - 1][0])) start--;
        return new PersonName(string.Join(' ', words[start..]), string.Join(' ', words[..start]));
    }

    private static List<PersonName> Persons(CitationSource s) =>
        s.Authors.Select(ParseName).Where(p => p.Family.Length > 0).ToList();

    // ---- BibTeX -----------------------------------------------------------------------------------------------

    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>A BibTeX entry: @techreport for report-like kinds, @misc otherwise. UTF-8, not LaTeX accents.</summary>
    public static string BibTeX(CitationSource s)
    {
        var report = s.Kind is ItemKind.Report or ItemKind.FactSheet or ItemKind.PolicyBrief or ItemKind.DataNote or ItemKind.SeminarFindings;
        var persons = Persons(s);
        var author = persons.Count > 0
            ? string.Join(" and ", persons.Select(p => p.Given.Length == 0 ? Bib(p.Family) : $"{Bib(p.Family)}, {Bib(p.Given)}"))
            // Braces keep a corporate name whole: BibTeX would otherwise take "Migration" for a surname.
            : string.Join(" and ", s.Agencies.Select(a => "{" + Bib(OneLine(a.Name)) + "}"));
        var agencies = string.Join(" and ", s.Agencies.Select(a => "{" + Bib(OneLine(a.Name)) + "}"));

        var fields = new List<(string Name, string Value)> { ("title", "{" + Bib(OneLine(s.Title)) + "}") };
        if (author.Length > 0) fields.Add(("author", "{" + author + "}"));
        if (report)
        {
            fields.Add(("institution", "{" + (agencies.Length > 0 ? agencies : Bib(OneLine(s.Publisher))) + "}"));
            fields.Add(("type", "{" + KindLabel(s.Kind) + "}"));
        }
        else fields.Add(("note", "{" + KindLabel(s.Kind) + "}"));
        if (s.Publisher.Length > 0) fields.Add(("publisher", "{" + Bib(OneLine(s.Publisher)) + "}"));
        fields.Add(("year", "{" + s.PublishedOn.Year.ToString(CultureInfo.InvariantCulture) + "}"));
        fields.Add(("month", Months[s.PublishedOn.Month - 1]));
        fields.Add(("url", "{" + BibUrl(s.Url) + "}"));
        fields.Add(("language", "{" + LanguageName(s.Language) + "}"));

        var sb = new StringBuilder();
        sb.Append('@').Append(report ? "techreport" : "misc").Append('{').Append(BibKey(s)).Append(",\n");
        sb.AppendJoin(",\n", fields.Select(f => $"  {f.Name} = {f.Value}"));
        return sb.Append("\n}\n").ToString();
    }

    /// <summary>First author's surname (or first agency's acronym), year and first title word, in ASCII: "wanjiru2009remittances".</summary>
    public static string BibKey(CitationSource s)
    {
        var persons = Persons(s);
        var who = persons.Count > 0 ? LastWord(persons[0].Family) : s.Agencies.Select(a => a.Acronym.Length > 0 ? a.Acronym : a.Name).FirstOrDefault() ?? "";
        var word = OneLine(s.Title).Split((char[])[' ', '-', ':', ',', '.', '\'', '’'], StringSplitOptions.RemoveEmptyEntries)
            .Select(Ascii).FirstOrDefault(w => w.Length > 0 && !Articles.Contains(w)) ?? "";
        var name = Ascii(who);
        return (name.Length > 0 ? name : "nexus") + s.PublishedOn.Year.ToString(CultureInfo.InvariantCulture) + word;

        static string LastWord(string family) => family.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
    }

    private static readonly HashSet<string> Articles = ["the", "a", "an", "le", "la", "les", "l", "un", "une", "el", "los", "las", "una"];

    /// <summary>Lower-case ASCII letters and digits only: accents dropped ("Désirée" → "desiree"), other scripts removed.</summary>
    private static string Ascii(string s)
    {
        var sb = new StringBuilder();
        foreach (var c in s.Normalize(NormalizationForm.FormD))
            if (c < 128 && char.IsLetterOrDigit(c)) sb.Append(char.ToLowerInvariant(c));
        return sb.ToString();
    }

    /// <summary>Escapes the characters BibTeX and LaTeX treat specially; everything else stays as UTF-8.</summary>
    public static string Bib(string s)
    {
        var sb = new StringBuilder(s.Length + 8);
        foreach (var c in s)
            sb.Append(c switch
            {
                '\\' => @"\textbackslash{}",
                '~' => @"\textasciitilde{}",
                '^' => @"\textasciicircum{}",
                '&' or '%' or '$' or '#' or '_' or '{' or '}' => "\\" + c,
                _ => c.ToString(),
            });
        return sb.ToString();
    }

    // url fields are read verbatim by the url package, so they are not escaped; braces and spaces cannot appear.
    private static string BibUrl(string url) =>
        OneLine(url).Replace("{", "%7B").Replace("}", "%7D").Replace(" ", "%20");

    private static string LanguageName(string code) => code.ToLowerInvariant() switch
    {
        "ar" => "arabic", "zh" => "chinese", "en" => "english", "fr" => "french", "ru" => "russian", "es" => "spanish",
        var other => Ascii(other),
    };

    // ---- RIS --------------------------------------------------------------------------------------------------

    /// <summary>An RIS record: "XX  - value" lines with CRLF, ending with "ER  - ".</summary>
    public static string Ris(CitationSource s)
    {
        var lines = new List<(string Tag, string Value)> { ("TY", RisType(s.Kind)), ("TI", s.Title) };
        var persons = Persons(s);
        if (persons.Count > 0) lines.AddRange(persons.Select(p => ("AU", p.Given.Length == 0 ? p.Family : $"{p.Family}, {p.Given}")));
        // A corporate author is an AU without a comma; reference managers keep it as one name.
        else lines.AddRange(s.Agencies.Select(a => ("AU", a.Name.Replace(",", ""))));
        lines.Add(("PY", s.PublishedOn.Year.ToString(CultureInfo.InvariantCulture)));
        lines.Add(("DA", s.PublishedOn.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture)));
        lines.Add(("PB", s.Publisher));
        lines.Add(("M3", KindLabel(s.Kind)));
        lines.Add(("UR", s.Url));
        lines.Add(("LA", s.Language));
        lines.AddRange(s.Themes.Select(t => ("KW", t.Name)));
        lines.Add(("AB", s.Abstract));

        var sb = new StringBuilder();
        foreach (var (tag, value) in lines)
        {
            var v = OneLine(value);
            if (v.Length > 0) sb.Append(tag).Append("  - ").Append(v).Append("\r\n");
        }
        return sb.Append("ER  - \r\n").ToString();
    }

    private static string RisType(ItemKind kind) => kind switch
    {
        ItemKind.Report or ItemKind.PolicyBrief or ItemKind.DataNote or ItemKind.SeminarFindings => "RPRT",
        ItemKind.FactSheet => "PAMP",
        ItemKind.Presentation => "SLIDE",
        _ => "GEN",
    };

    // ---- schema.org JSON-LD -----------------------------------------------------------------------------------

    // Escapes <, >, &, ' and U+2028/9 (so the text cannot close a <script> element) but keeps other scripts readable.
    private static readonly JsonSerializerOptions ScriptSafe = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>
    /// schema.org description of the item, safe to place as is inside &lt;script type="application/ld+json"&gt;:
    /// "&lt;" is written as \u003C, so a title with "&lt;/script&gt;" cannot end the element.
    /// </summary>
    public static string JsonLd(CitationSource s)
    {
        var persons = Persons(s);
        var ld = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = SchemaType(s.Kind),
            ["@id"] = s.Url,
            ["url"] = s.Url,
            ["name"] = OneLine(s.Title),
            ["inLanguage"] = s.Language,
            ["datePublished"] = s.PublishedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        if (s.UpdatedAt is { } updated)
            ld["dateModified"] = DateTime.SpecifyKind(updated, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        if (s.Abstract.Length > 0) ld["abstract"] = s.Abstract;
        ld["version"] = s.Version;
        ld["genre"] = KindLabel(s.Kind);

        var organizations = new JsonArray(s.Agencies.Select(Organization).ToArray<JsonNode?>());
        if (persons.Count > 0)
        {
            ld["author"] = new JsonArray(s.Authors.Select(a => (JsonNode?)Person(a)).ToArray());
            // The agencies the authors wrote for.
            if (organizations.Count > 0) ld["sourceOrganization"] = organizations;
        }
        else if (organizations.Count > 0) ld["author"] = organizations;
        ld["publisher"] = new JsonObject { ["@type"] = "Organization", ["name"] = s.Publisher };

        if (s.Themes.Count > 0)
            ld["about"] = new JsonArray(s.Themes.Select(t => (JsonNode?)new JsonObject
            {
                ["@type"] = "DefinedTerm", ["name"] = t.Name, ["termCode"] = t.Code,
            }).ToArray());
        if (s.Places.Count > 0)
            ld["spatialCoverage"] = new JsonArray(s.Places.Select(p => (JsonNode?)new JsonObject { ["@type"] = "Place", ["name"] = p }).ToArray());
        if (LicenceUrl(s.Licence) is { } licence) ld["license"] = licence;
        else if (!string.IsNullOrWhiteSpace(s.Licence)) ld["license"] = new JsonObject { ["@type"] = "CreativeWork", ["name"] = s.Licence };
        if (s.Files.Count > 0)
            ld["encoding"] = new JsonArray(s.Files.Select(f =>
            {
                var o = new JsonObject
                {
                    ["@type"] = "MediaObject", ["contentUrl"] = f.Url, ["encodingFormat"] = f.MediaType, ["name"] = f.Name,
                };
                if (f.SizeBytes > 0) o["contentSize"] = f.SizeBytes.ToString(CultureInfo.InvariantCulture);
                if (!string.IsNullOrEmpty(f.Language)) o["inLanguage"] = f.Language;
                return (JsonNode?)o;
            }).ToArray());
        return ld.ToJsonString(ScriptSafe);
    }

    private static string SchemaType(ItemKind kind) => kind switch
    {
        ItemKind.Report or ItemKind.FactSheet or ItemKind.PolicyBrief or ItemKind.DataNote or ItemKind.SeminarFindings => "Report",
        ItemKind.Presentation => "PresentationDigitalDocument",
        ItemKind.CourseMaterial => "LearningResource",
        _ => "CreativeWork",
    };

    private static JsonObject Person(string display)
    {
        var p = ParseName(display);
        var person = new JsonObject
        {
            ["@type"] = "Person",
            ["name"] = p.Given.Length > 0 ? $"{p.Given} {p.Family}" : p.Family,
            ["familyName"] = p.Family,
        };
        if (p.Given.Length > 0) person["givenName"] = p.Given;
        return person;
    }

    private static JsonObject Organization(CitationAgency a)
    {
        var o = new JsonObject { ["@type"] = "Organization", ["name"] = a.Name };
        if (a.Acronym.Length > 0 && a.Acronym != a.Name) o["alternateName"] = a.Acronym;
        return o;
    }

    /// <summary>
    /// The deed of a Creative Commons licence named by its SPDX identifier (CC-BY-4.0, CC-BY-NC-SA-3.0-IGO, CC0-1.0),
    /// an absolute URL as given, otherwise null.
    /// </summary>
    public static string? LicenceUrl(string? licence)
    {
        if (string.IsNullOrWhiteSpace(licence)) return null;
        var l = licence.Trim();
        if (Uri.TryCreate(l, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") return uri.ToString();
        if (string.Equals(l, "CC0-1.0", StringComparison.OrdinalIgnoreCase)) return "https://creativecommons.org/publicdomain/zero/1.0/";
        var m = CreativeCommons().Match(l);
        if (!m.Success) return null;
        var igo = m.Groups["igo"].Success ? "igo/" : "";
        return $"https://creativecommons.org/licenses/{m.Groups["terms"].Value.ToLowerInvariant()}/{m.Groups["version"].Value}/{igo}";
    }

    [GeneratedRegex(@"^CC-(?<terms>BY(?:-NC)?(?:-ND|-SA)?)-(?<version>[1-4]\.0|2\.5)(?<igo>-IGO)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CreativeCommons();

    // ---- text -------------------------------------------------------------------------------------------------

    /// <summary>One line of text: line breaks, tabs and other control characters become single spaces.</summary>
    public static string OneLine(string? s)
    {
        if (string.IsNullOrEmpty(s)) return "";
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            var space = char.IsControl(c) || char.IsWhiteSpace(c);
            if (!space) sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != ' ') sb.Append(' ');
        }
        return sb.ToString().TrimEnd();
    }
}
