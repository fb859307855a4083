using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Nexus.Web.Features.Library;
using Nexus.Web.Features.Library.Citations;
using Nexus.Web.Infrastructure;

namespace Nexus.Tests.Library;

/// <summary>The citation formats as pure functions of a source: no database, no HTTP.</summary>
public class CitationTests
{
    private static readonly CitationAgency Iom = new("IOM", "International Organization for Migration");
    private static readonly CitationAgency Unfpa = new("UNFPA", "United Nations Population Fund");
    private static readonly CitationAgency Unitar = new("UNITAR", "United Nations Institute for Training and Research");

    private static CitationSource Source(string title = "Remittances and development in the Philippines",
        string[]? authors = null, CitationAgency[]? agencies = null, ItemKind kind = ItemKind.Report,
        DateOnly? publishedOn = null, string abstractText = "How money sent home finances schools and clinics.",
        string licence = "CC-BY-4.0", string language = "en") =>
        new(title, authors ?? ["Amina Wanjiru", "Kahn, Bilal"], agencies ?? [Iom], publishedOn ?? new DateOnly(2009, 6, 15), kind,
            "https://nexus.example/library/remittances-philippines", language, 2)
        {
            Abstract = abstractText,
            Themes = [new CitationTheme("remittances", "Remittances"), new CitationTheme("diaspora", "Diaspora and transnational communities")],
            Places = ["Philippines"],
            Licence = licence,
        };

    // ---- names and the human citation ------------------------------------------------------------------------

    [Theory]
    [InlineData("Amina Wanjiru", "Wanjiru", "Amina")]
    [InlineData("Wanjiru, Amina", "Wanjiru", "Amina")]
    [InlineData("  Wanjiru ,  Amina ", "Wanjiru", "Amina")]
    [InlineData("Jean-Pierre Dupont", "Dupont", "Jean-Pierre")]
    [InlineData("Ludwig van Beethoven", "van Beethoven", "Ludwig")]
    [InlineData("María de la Cruz", "de la Cruz", "María")]
    [InlineData("Madonna", "Madonna", "")]
    public void Names_are_read_in_either_order(string display, string family, string given)
    {
        Assert.Equal(new Citation.PersonName(family, given), Citation.ParseName(display));
    }

    [Theory]
    [InlineData("Amina", "A.")]
    [InlineData("Jean-Pierre", "J.-P.")]
    [InlineData("Mary ann", "M. A.")]
    [InlineData("Émile", "É.")]
    public void Given_names_become_initials(string given, string initials) => Assert.Equal(initials, Citation.Initials(given));

    [Fact]
    public void The_text_citation_lists_personal_authors_surname_first()
    {
        var text = Citation.Text(Source());

        Assert.Equal("Wanjiru, A., & Kahn, B. (2009). Remittances and development in the Philippines. Report. Nexus. " +
                     "https://nexus.example/library/remittances-philippines", text);
    }

    [Fact]
    public void Without_personal_authors_the_agencies_are_the_authors()
    {
        var text = Citation.Text(Source(authors: [], agencies: [Iom, Unfpa, Unitar], kind: ItemKind.FactSheet, title: "Migrants' rights?"));

        Assert.StartsWith("IOM, UNFPA, & UNITAR (2009). Migrants' rights? Fact sheet. Nexus. https://", text);
        Assert.StartsWith("IOM & UNFPA (2009).", Citation.Text(Source(authors: [], agencies: [Iom, Unfpa])));
    }

    [Fact]
    public void Without_any_author_the_title_comes_first()
    {
        Assert.StartsWith("Remittances and development in the Philippines. (2009). Report.", Citation.Text(Source(authors: [], agencies: [])));
    }

    [Fact]
    public void Line_breaks_in_a_title_do_not_reach_the_citation()
    {
        var text = Citation.Text(Source(title: "Remittances\r\nand\tdevelopment"));
        Assert.Contains("Remittances and development.", text);
        Assert.DoesNotContain('\n', text);
    }

    // ---- BibTeX -----------------------------------------------------------------------------------------------

    [Fact]
    public void BibTeX_escapes_its_special_characters()
    {
        var bib = Citation.BibTeX(Source(title: "Migration & development: 100% {special}_chars"));

        Assert.Contains(@"title = {Migration \& development: 100\% \{special\}\_chars}", bib);
    }

    [Fact]
    public void BibTeX_escapes_every_special_character_once()
    {
        Assert.Equal(@"\& \% \$ \# \_ \{ \} \textasciitilde{} \textasciicircum{} \textbackslash{}", Citation.Bib(@"& % $ # _ { } ~ ^ \"));
        Assert.Equal("Désirée — 移民", Citation.Bib("Désirée — 移民"));
    }

    [Fact]
    public void A_report_is_a_techreport_with_personal_authors_surname_first()
    {
        var bib = Citation.BibTeX(Source(authors: ["Amina Wanjiru", "Ludwig van Beethoven"]));

        Assert.StartsWith("@techreport{wanjiru2009remittances,\n", bib);
        Assert.Contains("  author = {Wanjiru, Amina and van Beethoven, Ludwig},\n", bib);
        Assert.Contains("  institution = {{International Organization for Migration}},\n", bib);
        Assert.Contains("  year = {2009},\n", bib);
        Assert.Contains("  month = jun,\n", bib);
        Assert.Contains("  url = {https://nexus.example/library/remittances-philippines},\n", bib);
        Assert.Contains("  language = {english}\n", bib);
        Assert.EndsWith("}\n", bib);
    }

    [Fact]
    public void Agencies_are_corporate_authors_in_double_braces()
    {
        var bib = Citation.BibTeX(Source(authors: [], agencies: [Iom, Unfpa], kind: ItemKind.JointStatement, title: "The Global Forum"));

        Assert.StartsWith("@misc{iom2009global,\n", bib);
        Assert.Contains("  author = {{International Organization for Migration} and {United Nations Population Fund}},\n", bib);
        Assert.Contains("  note = {Joint statement},\n", bib);
        Assert.Contains("  publisher = {Nexus},\n", bib);
    }

    [Fact]
    public void The_key_is_plain_ascii_and_stable()
    {
        var source = Source(authors: ["Désirée Öztürk"], title: "L'émigration des médecins");

        Assert.Equal("ozturk2009emigration", Citation.BibKey(source));
        Assert.Equal(Citation.BibKey(source), Citation.BibKey(source with { Version = 9, Abstract = "changed" }));
        Assert.Equal("nexus2009", Citation.BibKey(Source(authors: ["نور"], agencies: [], title: "الهجرة")));
    }

    // ---- RIS --------------------------------------------------------------------------------------------------

    [Fact]
    public void RIS_has_one_tagged_line_per_value_with_CRLF_and_ends_with_ER()
    {
        var ris = Citation.Ris(Source(abstractText: "First line.\nSecond line.\r\nThird."));

        Assert.StartsWith("TY  - RPRT\r\n", ris);
        Assert.EndsWith("\r\nER  - \r\n", ris);
        Assert.DoesNotContain('\n', ris.Replace("\r\n", ""));
        Assert.DoesNotContain('\r', ris.Replace("\r\n", ""));
        var lines = ris[..^2].Split("\r\n");
        Assert.All(lines, line => Assert.Matches(@"^[A-Z][A-Z0-9]  - ", line));
        Assert.DoesNotContain(lines, line => line.Contains('\n') || line.Contains('\r'));
        Assert.Contains("AU  - Wanjiru, Amina", lines);
        Assert.Contains("AU  - Kahn, Bilal", lines);
        Assert.Contains("PY  - 2009", lines);
        Assert.Contains("DA  - 2009/06/15", lines);
        Assert.Contains("PB  - Nexus", lines);
        Assert.Contains("UR  - https://nexus.example/library/remittances-philippines", lines);
        Assert.Contains("LA  - en", lines);
        Assert.Contains("KW  - Remittances", lines);
        Assert.Contains("KW  - Diaspora and transnational communities", lines);
        Assert.Contains("AB  - First line. Second line. Third.", lines);
        Assert.Equal("ER  - ", lines[^1]);
    }

    [Fact]
    public void RIS_names_agencies_as_authors_when_there_is_no_person()
    {
        var ris = Citation.Ris(Source(authors: [], agencies: [Iom, Unfpa], kind: ItemKind.FactSheet));

        Assert.StartsWith("TY  - PAMP\r\n", ris);
        Assert.Contains("\r\nAU  - International Organization for Migration\r\nAU  - United Nations Population Fund\r\n", ris);
    }

    // ---- JSON-LD ----------------------------------------------------------------------------------------------

    [Fact]
    public void JSON_LD_describes_the_item_with_schema_org()
    {
        var json = Citation.JsonLd(Source() with
        {
            Files = [new CitationFile("https://nexus.example/library/files/7", "application/pdf", "report.pdf", 120_000, "en")],
        });

        using var doc = JsonDocument.Parse(json);
        var ld = doc.RootElement;
        Assert.Equal("https://schema.org", ld.GetProperty("@context").GetString());
        Assert.Equal("Report", ld.GetProperty("@type").GetString());
        Assert.Equal("Remittances and development in the Philippines", ld.GetProperty("name").GetString());
        Assert.Equal("en", ld.GetProperty("inLanguage").GetString());
        Assert.Equal("2009-06-15", ld.GetProperty("datePublished").GetString());
        Assert.Equal("https://creativecommons.org/licenses/by/4.0/", ld.GetProperty("license").GetString());
        Assert.Equal(2, ld.GetProperty("version").GetInt32());
        var author = ld.GetProperty("author")[0];
        Assert.Equal(("Person", "Amina Wanjiru", "Wanjiru"),
            (author.GetProperty("@type").GetString(), author.GetProperty("name").GetString(), author.GetProperty("familyName").GetString()));
        Assert.Equal("Organization", ld.GetProperty("sourceOrganization")[0].GetProperty("@type").GetString());
        Assert.Equal("Nexus", ld.GetProperty("publisher").GetProperty("name").GetString());
        Assert.Equal("remittances", ld.GetProperty("about")[0].GetProperty("termCode").GetString());
        Assert.Equal("Philippines", ld.GetProperty("spatialCoverage")[0].GetProperty("name").GetString());
        var file = ld.GetProperty("encoding")[0];
        Assert.Equal(("https://nexus.example/library/files/7", "application/pdf"),
            (file.GetProperty("contentUrl").GetString(), file.GetProperty("encodingFormat").GetString()));
    }

    [Fact]
    public void JSON_LD_cannot_break_out_of_its_script_element()
    {
        var title = "</script><script>alert(1)</script> <!-- & 移民";
        var json = Citation.JsonLd(Source(title: title, authors: ["</SCRIPT> Smith"], abstractText: "<b>x</b>\u2028"));

        Assert.DoesNotContain("</script", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<", json);
        Assert.DoesNotContain("\u2028", json);
        Assert.Contains("移民", json); // other scripts stay readable
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(title, doc.RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public void Agencies_are_the_organization_authors_when_there_is_no_person()
    {
        using var doc = JsonDocument.Parse(Citation.JsonLd(Source(authors: [], agencies: [Iom], kind: ItemKind.Presentation)));

        var author = doc.RootElement.GetProperty("author")[0];
        Assert.Equal("Organization", author.GetProperty("@type").GetString());
        Assert.Equal("IOM", author.GetProperty("alternateName").GetString());
        Assert.Equal("PresentationDigitalDocument", doc.RootElement.GetProperty("@type").GetString());
    }

    [Theory]
    [InlineData("CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/")]
    [InlineData("CC-BY-NC-SA-4.0", "https://creativecommons.org/licenses/by-nc-sa/4.0/")]
    [InlineData("CC-BY-3.0-IGO", "https://creativecommons.org/licenses/by/3.0/igo/")]
    [InlineData("CC0-1.0", "https://creativecommons.org/publicdomain/zero/1.0/")]
    [InlineData("https://example.org/terms", "https://example.org/terms")]
    [InlineData("All rights reserved", null)]
    [InlineData("", null)]
    public void Creative_Commons_licences_link_to_their_deed(string licence, string? url) => Assert.Equal(url, Citation.LicenceUrl(licence));

    // ---- from a public document ---------------------------------------------------------------------------

    private static readonly Links Links = new(Options.Create(new NexusOptions { PublicBaseUrl = "https://nexus.example/" }), new HttpContextAccessor());

    private static LibraryDocument Document() => new()
    {
        ItemId = 7, Visible = true, Slug = "climate-mobility", Version = 3, Kind = ItemKind.PolicyBrief, PublishedOn = new DateOnly(2010, 3, 1),
        Texts =
        [
            new ItemText { Language = "fr", Title = "Climat et mobilité", Abstract = "Résumé." },
            new ItemText { Language = "en", Title = "Climate and mobility", Abstract = "Summary." },
        ],
        Authors = [], Agencies = ["iom", "xyz"], Themes = ["climate-change"], Places = ["608", "002"], Licence = "CC-BY-3.0-IGO",
    };

    [Fact]
    public void A_document_is_cited_in_the_language_asked_for_or_its_original_one()
    {
        var agencies = new Dictionary<string, Web.Features.Agencies.Agency>
        {
            ["iom"] = new() { Code = "iom", Acronym = "IOM", Name = "International Organization for Migration" },
        };
        var themes = LibraryThemes.Initial.ToDictionary(t => t.Code);
        var file = new LibraryFile
        {
            Id = 12, ItemId = 7, FileName = "brief fr.pdf", ContentType = "application/pdf", Format = "pdf", SizeBytes = 2048,
            StorageKey = "k", Sha256 = "", UploadedBy = "e", Language = "fr",
        };

        var en = CitationSource.From(Document(), agencies, Links, "en", themes, [file]);
        var original = CitationSource.From(Document(), agencies, Links, "zh", themes);

        Assert.Equal(("Climate and mobility", "en", "Summary."), (en.Title, en.Language, en.Abstract));
        Assert.Equal(("Climat et mobilité", "fr"), (original.Title, original.Language));
        Assert.Equal("Changement climatique", Assert.Single(original.Themes).Name);
        Assert.Equal("https://nexus.example/library/climate-mobility", en.Url);
        Assert.Equal([new CitationAgency("IOM", "International Organization for Migration"), new CitationAgency("XYZ", "XYZ")], en.Agencies);
        Assert.Equal(["Philippines", "Africa"], en.Places);
        Assert.Equal("https://nexus.example/library/files/12/brief%20fr.pdf", Assert.Single(en.Files).Url);
        Assert.Equal("https://creativecommons.org/licenses/by/3.0/igo/", Citation.LicenceUrl(en.Licence));
        Assert.StartsWith("IOM & XYZ (2010). Climate and mobility. Policy brief. Nexus.", Citation.Text(en));
    }
}
