using System.Globalization;
using System.Text;
using System.Xml;

namespace Nexus.Web.Features.Library.Oai;

/// <summary>The OAI-PMH envelope and the oai_dc record, written with XmlWriter.</summary>
public static partial class OaiXml
{
    public const string Namespace = "http://www.openarchives.org/OAI/2.0/";
    public const string DcPrefix = "oai_dc";
    public const string OaiDcNamespace = "http://www.openarchives.org/OAI/2.0/oai_dc/";
    public const string OaiDcSchema = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd";
    public const string DcNamespace = "http://purl.org/dc/elements/1.1/";
    public const string IdentifierNamespace = "http://www.openarchives.org/OAI/2.0/oai-identifier";
    private const string Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>
    /// A whole response. Arguments are echoed in the request element only when they were all valid
    /// (<paramref name="request"/> has no badVerb/badArgument errors), as section 3.2 requires.
    /// </summary>
    public static byte[] Response(DateTime now, string baseUrl, OaiRequest request, IReadOnlyList<OaiError> errors, Action<XmlWriter>? body)
    {
        using var stream = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, CheckCharacters = true };
        using (var w = XmlWriter.Create(stream, settings))
        {
            w.WriteStartDocument();
            w.WriteStartElement("OAI-PMH", Namespace);
            w.WriteAttributeString("xmlns", "xsi", null, Xsi);
            w.WriteAttributeString("schemaLocation", Xsi, $"{Namespace} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd");
            w.WriteElementString("responseDate", Namespace, Datestamp(now));

            w.WriteStartElement("request", Namespace);
            if (request.IsValid && request.Verb is not null)
            {
                w.WriteAttributeString("verb", request.Verb);
                foreach (var (name, value) in request.Arguments) w.WriteAttributeString(name, Clean(value));
            }
            w.WriteString(Clean(baseUrl));
            w.WriteEndElement();

            if (errors.Count > 0)
                foreach (var error in errors)
                {
                    w.WriteStartElement("error", Namespace);
                    w.WriteAttributeString("code", error.Code);
                    w.WriteString(Clean(error.Message));
                    w.WriteEndElement();
                }
            else
            {
                w.WriteStartElement(request.Verb!, Namespace);
                body?.Invoke(w);
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        return stream.ToArray();
    }

    public static string Datestamp(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static void Header(XmlWriter w, OaiHeader h, string identifier)
    {
        w.WriteStartElement("header", Namespace);
        if (!h.Visible) w.WriteAttributeString("status", "deleted");
        w.WriteElementString("identifier", Namespace, Clean(identifier));
        w.WriteElementString("datestamp", Namespace, Datestamp(h.UpdatedAt));
        foreach (var set in OaiSets.Of(h)) w.WriteElementString("setSpec", Namespace, Clean(set));
        w.WriteEndElement();
    }

    /// <summary>A record: its header, and for a live item its Dublin Core (a deleted one has none, section 2.5.1).</summary>
    public static void Record(XmlWriter w, OaiRecord r, string identifier, string url, LibraryLabels labels)
    {
        w.WriteStartElement("record", Namespace);
        Header(w, r.Header, identifier);
        if (r.Header.Visible)
        {
            w.WriteStartElement("metadata", Namespace);
            w.WriteStartElement(DcPrefix, "dc", OaiDcNamespace);
            w.WriteAttributeString("xmlns", "dc", null, DcNamespace);
            w.WriteAttributeString("schemaLocation", Xsi, $"{OaiDcNamespace} {OaiDcSchema}");
            foreach (var t in r.Texts) Dc(w, "title", t.Title, t.Language);
            foreach (var author in r.Authors) Dc(w, "creator", author);
            foreach (var agency in r.Agencies) Dc(w, "contributor", labels.AgencyName(agency));
            foreach (var theme in r.Header.Themes)
            foreach (var (language, name) in ThemeNames(labels, theme))
                Dc(w, "subject", name, language);
            foreach (var t in r.Texts) Dc(w, "description", t.Abstract, t.Language);
            Dc(w, "date", r.PublishedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Dc(w, "type", "Text");
            Dc(w, "type", Infrastructure.Codes.Of(r.Header.Kind));
            Dc(w, "identifier", url);
            foreach (var language in r.Languages) Dc(w, "language", language);
            foreach (var place in r.Places) Dc(w, "coverage", LibraryLabels.Place(place));
            Dc(w, "publisher", "Nexus");
            Dc(w, "rights", r.Licence);
            w.WriteEndElement();
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    /// <summary>A theme's name in each language it has, English first; the code alone when the term is gone.</summary>
    private static IEnumerable<(string? Language, string Name)> ThemeNames(LibraryLabels labels, string code) =>
        labels.Themes.TryGetValue(code, out var theme)
            ? theme.Names.OrderBy(n => n.Key == "en" ? 0 : 1).ThenBy(n => n.Key, StringComparer.Ordinal).Select(n => ((string?)n.Key, n.Value))
            : [(null, code)];

    private static void Dc(XmlWriter w, string element, string? value, string? language = null)
    {
        var text = Clean(value).Trim();
        if (text.Length == 0) return;
        w.WriteStartElement("dc", element, DcNamespace);
        // xml:lang is an xs:language; a stored code that is not one is left out rather than made invalid.
        if (language is not null && LanguageTag().IsMatch(language)) w.WriteAttributeString("xml", "lang", null, language);
        w.WriteString(text);
        w.WriteEndElement();
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*\\z")]
    private static partial System.Text.RegularExpressions.Regex LanguageTag();

    /// <summary>
    /// Drops what XML 1.0 cannot carry: control characters other than tab, line feed and carriage return,
    /// unpaired surrogates, U+FFFE and U+FFFF. Stored text and echoed arguments may hold any of them.
    /// </summary>
    public static string Clean(string? s)
    {
        if (string.IsNullOrEmpty(s)) return "";
        StringBuilder? sb = null;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (XmlConvert.IsXmlChar(c)) { sb?.Append(c); continue; }
            if (i + 1 < s.Length && XmlConvert.IsXmlSurrogatePair(s[i + 1], c))
            {
                sb?.Append(c).Append(s[i + 1]);
                i++;
                continue;
            }
            sb ??= new StringBuilder(s.Length).Append(s, 0, i);
        }
        return sb?.ToString() ?? s;
    }
}
