using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Web.Features.Library;

namespace Nexus.Tests.Library;

/// <summary>OAI-PMH 2.0 at /oai: each verb, each error code, and well-formed XML whatever is asked.</summary>
public class OaiTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private AppFactory App => fixture.App;
    private HttpClient Client => App.CreateClient();

    // The tests share one database: each works in a time window (a year) or with slugs of its own.

    [Fact]
    public async Task Identify_describes_the_repository()
    {
        var oai = await Oai.GetAsync(Client, "verb=Identify");

        var identify = Oai.Verb(oai, "Identify");
        Assert.Equal("Nexus library", Oai.Text(identify, "repositoryName"));
        Assert.Equal("https://localhost/oai", Oai.Text(identify, "baseURL"));
        Assert.Equal("2.0", Oai.Text(identify, "protocolVersion"));
        Assert.Equal("library@nexus.example", Oai.Text(identify, "adminEmail"));
        Assert.Matches(Oai.Seconds(), Oai.Text(identify, "earliestDatestamp"));
        Assert.Equal("persistent", Oai.Text(identify, "deletedRecord"));
        Assert.Equal("YYYY-MM-DDThh:mm:ssZ", Oai.Text(identify, "granularity"));
        // The elements come in the schema's order.
        Assert.Equal(["repositoryName", "baseURL", "protocolVersion", "adminEmail", "earliestDatestamp", "deletedRecord", "granularity"],
            identify.Elements().Select(e => e.Name.LocalName).Take(7));
        Assert.Equal("Identify", (string?)oai.Element(Oai.Ns + "request")!.Attribute("verb"));
    }

    [Fact]
    public async Task The_earliest_datestamp_is_no_later_than_any_record()
    {
        await App.AddDocumentAsync(updatedAt: new DateTime(2001, 5, 6, 7, 8, 9, DateTimeKind.Utc));

        var identify = Oai.Verb(await Oai.GetAsync(Client, "verb=Identify"), "Identify");

        Assert.True(string.CompareOrdinal(Oai.Text(identify, "earliestDatestamp"), "2001-05-06T07:08:09Z") <= 0);
    }

    [Fact]
    public async Task ListMetadataFormats_offers_oai_dc_for_the_repository_and_for_an_item()
    {
        var doc = await App.AddDocumentAsync();

        foreach (var query in new[] { "verb=ListMetadataFormats", $"verb=ListMetadataFormats&identifier={Oai.Id(doc.Slug)}" })
        {
            var formats = Oai.Verb(await Oai.GetAsync(Client, query), "ListMetadataFormats");
            var format = Assert.Single(formats.Elements(Oai.Ns + "metadataFormat"));
            Assert.Equal("oai_dc", Oai.Text(format, "metadataPrefix"));
            Assert.Equal("http://www.openarchives.org/OAI/2.0/oai_dc.xsd", Oai.Text(format, "schema"));
            Assert.Equal("http://www.openarchives.org/OAI/2.0/oai_dc/", Oai.Text(format, "metadataNamespace"));
        }
    }

    [Fact]
    public async Task ListMetadataFormats_for_an_unknown_identifier_is_idDoesNotExist_and_echoes_the_arguments()
    {
        var oai = await Oai.GetAsync(Client, "verb=ListMetadataFormats&identifier=oai:localhost:library/no-such-item");

        Assert.Equal(["idDoesNotExist"], Oai.Errors(oai));
        var request = oai.Element(Oai.Ns + "request")!;
        Assert.Equal("ListMetadataFormats", (string?)request.Attribute("verb"));
        Assert.Equal("oai:localhost:library/no-such-item", (string?)request.Attribute("identifier"));
    }

    [Fact]
    public async Task ListSets_names_each_theme_in_English_and_the_kinds_in_use()
    {
        await App.AddDocumentAsync(kind: ItemKind.PolicyBrief);

        var sets = Oai.Verb(await Oai.GetAsync(Client, "verb=ListSets"), "ListSets").Elements(Oai.Ns + "set")
            .ToDictionary(s => Oai.Text(s, "setSpec"), s => Oai.Text(s, "setName"));

        Assert.Equal("Remittances", sets["theme:remittances"]);
        Assert.Equal("Labour migration", sets["theme:labour-migration"]);
        Assert.Equal(LibraryThemes.Initial.Length, sets.Keys.Count(k => k.StartsWith("theme:", StringComparison.Ordinal)));
        Assert.Equal("Policy briefs", sets["kind:policy-brief"]);
        Assert.Contains("theme", sets.Keys);
        Assert.Contains("kind", sets.Keys);
    }

    [Fact]
    public async Task GetRecord_gives_the_item_in_Dublin_Core()
    {
        var doc = await App.AddDocumentAsync(
            updatedAt: new DateTime(2030, 4, 5, 6, 7, 8, 500, DateTimeKind.Utc), kind: ItemKind.FactSheet,
            texts: [Text("en", "Remittances in 2009", "How remittances held up."), Text("fr", "Les envois de fonds en 2009", "")],
            authors: ["Amina Wanjiru", "Luis Ortega"], agencies: ["iom", "unknown-agency"], themes: ["remittances", "retired-theme"],
            places: ["608", "002", "999"], languages: ["en", "fr"], publishedOn: new DateOnly(2009, 12, 18), licence: "CC-BY-4.0");

        var oai = await Oai.GetAsync(Client, $"verb=GetRecord&identifier={Oai.Id(doc.Slug)}&metadataPrefix=oai_dc");

        var record = Oai.Verb(oai, "GetRecord").Element(Oai.Ns + "record")!;
        var header = record.Element(Oai.Ns + "header")!;
        Assert.Null(header.Attribute("status"));
        Assert.Equal(Oai.Id(doc.Slug), Oai.Text(header, "identifier"));
        Assert.Equal("2030-04-05T06:07:08Z", Oai.Text(header, "datestamp"));
        Assert.Equal(["theme:remittances", "theme:retired-theme", "kind:fact-sheet"], header.Elements(Oai.Ns + "setSpec").Select(e => e.Value));

        var dc = record.Element(Oai.Ns + "metadata")!.Element(Oai.OaiDc + "dc")!;
        Assert.Equal([("en", "Remittances in 2009"), ("fr", "Les envois de fonds en 2009")], Oai.Dc(dc, "title"));
        Assert.Equal([("en", "How remittances held up.")], Oai.Dc(dc, "description")); // an empty abstract is left out
        Assert.Equal(["Amina Wanjiru", "Luis Ortega"], Oai.DcValues(dc, "creator"));
        Assert.Equal(["International Organization for Migration", "UNKNOWN-AGENCY"], Oai.DcValues(dc, "contributor"));
        Assert.Contains(("en", "Remittances"), Oai.Dc(dc, "subject"));
        Assert.Contains(("fr", "Envois de fonds"), Oai.Dc(dc, "subject"));
        Assert.Contains((null, "retired-theme"), Oai.Dc(dc, "subject"));
        Assert.Equal(["2009-12-18"], Oai.DcValues(dc, "date"));
        Assert.Equal(["Text", "fact-sheet"], Oai.DcValues(dc, "type"));
        Assert.Equal([$"https://localhost/library/{doc.Slug}"], Oai.DcValues(dc, "identifier"));
        Assert.Equal(["en", "fr"], Oai.DcValues(dc, "language"));
        Assert.Equal(["Philippines", "Africa", "999"], Oai.DcValues(dc, "coverage"));
        Assert.Equal(["CC-BY-4.0"], Oai.DcValues(dc, "rights"));
        Assert.Equal(["Nexus"], Oai.DcValues(dc, "publisher"));
        Assert.Equal("http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
            (string?)dc.Attribute(XName.Get("schemaLocation", "http://www.w3.org/2001/XMLSchema-instance")));
    }

    [Fact]
    public async Task An_unpublished_item_is_a_deleted_record_without_metadata()
    {
        var doc = await App.AddDocumentAsync(visible: false);

        var oai = await Oai.GetAsync(Client, $"verb=GetRecord&identifier={Oai.Id(doc.Slug)}&metadataPrefix=oai_dc");

        var record = Oai.Verb(oai, "GetRecord").Element(Oai.Ns + "record")!;
        Assert.Equal("deleted", (string?)record.Element(Oai.Ns + "header")!.Attribute("status"));
        Assert.Null(record.Element(Oai.Ns + "metadata"));
    }

    [Fact]
    public async Task Deleted_records_are_listed_with_the_others()
    {
        var year = new DateTime(2032, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var live = await App.AddDocumentAsync(updatedAt: year.AddDays(1));
        var gone = await App.AddDocumentAsync(updatedAt: year.AddDays(2), visible: false);

        var headers = Oai.Verb(await Oai.GetAsync(Client, "verb=ListIdentifiers&metadataPrefix=oai_dc&from=2032-01-01&until=2032-12-31"), "ListIdentifiers")
            .Elements(Oai.Ns + "header").ToList();

        Assert.Equal([Oai.Id(live.Slug), Oai.Id(gone.Slug)], headers.Select(h => Oai.Text(h, "identifier")));
        Assert.Equal([null, "deleted"], headers.Select(h => (string?)h.Attribute("status")));
    }

    [Fact]
    public async Task An_item_published_and_unpublished_through_the_library_is_harvested_then_deleted()
    {
        var title = "Harvested " + OaiTests.Unique("item");
        await using var scope = App.Scope();
        var library = scope.ServiceProvider.GetRequiredService<LibraryService>();
        var created = await library.CreateAsync(new ItemContent
        {
            Kind = ItemKind.PolicyBrief, Texts = [Text("en", title, "Abstract.")], Themes = ["diaspora"], Agencies = ["iom"],
            Places = ["608"], PublishedOn = new DateOnly(2010, 1, 2),
        }, "Test Editor (editor@example.org)", publish: true, TestContext.Current.CancellationToken);
        var slug = created.Item!.Slug;

        var live = await Oai.GetAsync(Client, $"verb=GetRecord&metadataPrefix=oai_dc&identifier={Oai.Id(slug)}");
        Assert.Equal([("en", title)], Oai.Dc(live.Descendants(Oai.OaiDc + "dc").Single(), "title"));
        Assert.Equal(["CC-BY-4.0"], Oai.DcValues(live.Descendants(Oai.OaiDc + "dc").Single(), "rights"));

        await library.UnpublishAsync(created.Item.Id, TestContext.Current.CancellationToken);
        var gone = await Oai.GetAsync(Client, $"verb=GetRecord&metadataPrefix=oai_dc&identifier={Oai.Id(slug)}");
        Assert.Equal("deleted", (string?)gone.Descendants(Oai.Ns + "header").Single().Attribute("status"));
        Assert.Empty(gone.Descendants(Oai.Ns + "metadata"));
    }

    [Fact]
    public async Task A_draft_never_published_and_a_foreign_identifier_do_not_exist()
    {
        var draft = await App.AddDraftAsync(Unique("draft"));
        var doc = await App.AddDocumentAsync();

        foreach (var identifier in new[]
                 {
                     Oai.Id(draft.Slug), $"oai:elsewhere.example.org:library/{doc.Slug}", $"oai:localhost:events/{doc.Slug}",
                     doc.Slug, "oai:localhost:library/", $"oai:localhost:library/{doc.Slug}/x", "oai:localhost:library/%25%00",
                 })
        {
            var oai = await Oai.GetAsync(Client, $"verb=GetRecord&metadataPrefix=oai_dc&identifier={Uri.EscapeDataString(identifier)}");
            Assert.Equal(["idDoesNotExist"], Oai.Errors(oai));
        }
    }

    [Fact]
    public async Task Identifiers_are_read_back_whatever_the_case_of_the_scheme_and_host()
    {
        var doc = await App.AddDocumentAsync();

        var oai = await Oai.GetAsync(Client, $"verb=GetRecord&metadataPrefix=oai_dc&identifier=OAI:LocalHost:library/{doc.Slug}");

        Assert.Equal(Oai.Id(doc.Slug), Oai.Text(Oai.Verb(oai, "GetRecord").Descendants(Oai.Ns + "header").Single(), "identifier"));
    }

    [Fact]
    public async Task Another_format_cannot_be_disseminated()
    {
        var doc = await App.AddDocumentAsync();

        var get = await Oai.GetAsync(Client, $"verb=GetRecord&identifier={Oai.Id(doc.Slug)}&metadataPrefix=marc21");
        var list = await Oai.GetAsync(Client, "verb=ListRecords&metadataPrefix=oai_DC");

        Assert.Equal(["cannotDisseminateFormat"], Oai.Errors(get));
        Assert.Equal(["cannotDisseminateFormat"], Oai.Errors(list));
        // Not a badArgument: the arguments are echoed.
        Assert.Equal("marc21", (string?)get.Element(Oai.Ns + "request")!.Attribute("metadataPrefix"));
    }

    [Fact]
    public async Task From_and_until_select_by_day_or_by_second_with_until_inclusive()
    {
        var day = new DateTime(2033, 3, 2, 0, 0, 0, DateTimeKind.Utc);
        var before = await App.AddDocumentAsync(updatedAt: day.AddHours(-14));
        var first = await App.AddDocumentAsync(updatedAt: day);
        var last = await App.AddDocumentAsync(updatedAt: day.AddDays(1).AddMilliseconds(-500)); // 23:59:59.5
        var after = await App.AddDocumentAsync(updatedAt: day.AddDays(1));

        Assert.Equal([first.Slug, last.Slug], await SlugsAsync("from=2033-03-02&until=2033-03-02"));
        Assert.Equal([first.Slug, last.Slug, after.Slug], await SlugsAsync("from=2033-03-02&until=2033-03-04"));
        Assert.Equal([before.Slug, first.Slug, last.Slug], await SlugsAsync("from=2033-03-01T10:00:00Z&until=2033-03-02T23:59:59Z"));
        Assert.Equal([last.Slug, after.Slug], await SlugsAsync("from=2033-03-02T23:59:59Z&until=2033-03-03T00:00:00Z"));
        Assert.Equal([after.Slug], await SlugsAsync("from=2033-03-03T00:00:00Z&until=2033-12-31T23:59:59Z"));
        Assert.Equal([before.Slug], await SlugsAsync("from=2033-01-01&until=2033-03-01"));

        async Task<List<string>> SlugsAsync(string window)
        {
            var oai = await Oai.GetAsync(Client, $"verb=ListRecords&metadataPrefix=oai_dc&{window}");
            return Oai.Verb(oai, "ListRecords").Descendants(Oai.Ns + "header").Select(h => Oai.Text(h, "identifier").Split('/')[^1]).ToList();
        }
    }

    [Fact]
    public async Task A_set_selects_by_theme_or_by_kind()
    {
        var at = new DateTime(2034, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        var remittances = await App.AddDocumentAsync(updatedAt: at, themes: ["remittances"], kind: ItemKind.Report);
        var both = await App.AddDocumentAsync(updatedAt: at.AddHours(1), themes: ["diaspora", "remittances"], kind: ItemKind.DataNote);
        var none = await App.AddDocumentAsync(updatedAt: at.AddHours(2), themes: [], kind: ItemKind.Report);

        Assert.Equal([remittances.Slug, both.Slug], await SlugsAsync("theme:remittances"));
        Assert.Equal([both.Slug], await SlugsAsync("theme:diaspora"));
        Assert.Equal([remittances.Slug, both.Slug], await SlugsAsync("theme"));
        Assert.Equal([remittances.Slug, none.Slug], await SlugsAsync("kind:report"));
        Assert.Equal([remittances.Slug, both.Slug, none.Slug], await SlugsAsync("kind"));
        foreach (var set in new[] { "theme:no-such-theme", "kind:Report", "kind:nothing", "remittances", "theme:x:y" })
            Assert.Equal(["noRecordsMatch"], Oai.Errors(await Oai.GetAsync(Client, $"verb=ListIdentifiers&metadataPrefix=oai_dc&from=2034-01-01&until=2034-12-31&set={set}")));

        async Task<List<string>> SlugsAsync(string set)
        {
            var oai = await Oai.GetAsync(Client, $"verb=ListIdentifiers&metadataPrefix=oai_dc&from=2034-01-01&until=2034-12-31&set={set}");
            return Oai.Verb(oai, "ListIdentifiers").Elements(Oai.Ns + "header").Select(h => Oai.Text(h, "identifier").Split('/')[^1]).ToList();
        }
    }

    [Fact]
    public async Task An_empty_selection_is_noRecordsMatch()
    {
        var oai = await Oai.GetAsync(Client, "verb=ListRecords&metadataPrefix=oai_dc&from=1990-01-01&until=1990-12-31");

        Assert.Equal(["noRecordsMatch"], Oai.Errors(oai));
        Assert.Equal("1990-01-01", (string?)oai.Element(Oai.Ns + "request")!.Attribute("from"));
    }

    [Fact]
    public async Task A_short_list_has_no_resumption_token()
    {
        await App.AddDocumentAsync(updatedAt: new DateTime(2035, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        var list = Oai.Verb(await Oai.GetAsync(Client, "verb=ListIdentifiers&metadataPrefix=oai_dc&from=2035-01-01&until=2035-01-01"), "ListIdentifiers");

        Assert.Single(list.Elements(Oai.Ns + "header"));
        Assert.Null(list.Element(Oai.Ns + "resumptionToken"));
    }

    [Theory]
    [InlineData("", "badVerb")]
    [InlineData("verb=", "badVerb")]
    [InlineData("verb=identify", "badVerb")]
    [InlineData("verb=Harvest", "badVerb")]
    [InlineData("Verb=Identify", "badVerb")]
    [InlineData("verb=Identify&verb=Identify", "badVerb")]
    [InlineData("verb=Identify&verb=ListSets", "badVerb")]
    [InlineData("verb=Identify&extra=1", "badArgument")]
    [InlineData("verb=Identify&Verb=Identify", "badArgument")]
    [InlineData("verb=ListRecords", "badArgument")]
    [InlineData("verb=ListIdentifiers&from=2020-01-01", "badArgument")]
    [InlineData("verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc", "badArgument")]
    [InlineData("verb=ListRecords&metadataPrefix=", "badArgument")]
    [InlineData("verb=ListRecords&metadataPrefix=oai%20dc", "badArgument")]
    [InlineData("verb=GetRecord&identifier=x&metadataPrefix=oai_dc:1", "badArgument")]
    [InlineData("verb=ListRecords&metadataPrefix=oai_dc&set=theme:", "badArgument")]
    [InlineData("verb=ListRecords&metadataPrefix=oai_dc&set=theme%20x", "badArgument")]
    [InlineData("verb=ListRecords&metadataPrefix=oai_dc&from=2020-13-01", "badArgument")]
    [InlineData("verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01T00:00:00", "badArgument")]
    [InlineData("verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01T00:00:00.000Z", "badArgument")]
    [InlineData("verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01T00:00Z", "badArgument")]
    [InlineData("verb=ListRecords&metadataPrefix=oai_dc&from=20200101", "badArgument")]
    [InlineData("verb=ListRecords&metadataPrefix=oai_dc&until=", "badArgument")]
    [InlineData("verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01&until=2020-01-01T00:00:00Z", "badArgument")]
    [InlineData("verb=ListRecords&metadataPrefix=oai_dc&from=2020-02-01&until=2020-01-31", "badArgument")]
    [InlineData("verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01T00:00:01Z&until=2020-01-01T00:00:00Z", "badArgument")]
    [InlineData("verb=ListRecords&metadataPrefix=oai_dc&resumptionToken=abc", "badArgument")]
    [InlineData("verb=ListIdentifiers&resumptionToken=abc&set=theme", "badArgument")]
    [InlineData("verb=GetRecord&metadataPrefix=oai_dc", "badArgument")]
    [InlineData("verb=GetRecord&identifier=oai:localhost:library/x", "badArgument")]
    [InlineData("verb=GetRecord&identifier=&metadataPrefix=oai_dc", "badArgument")]
    [InlineData("verb=ListMetadataFormats&identifier=a&identifier=b", "badArgument")]
    [InlineData("verb=ListSets&set=theme", "badArgument")]
    [InlineData("verb=ListRecords&resumptionToken=", "badResumptionToken")]
    [InlineData("verb=ListRecords&resumptionToken=abc", "badResumptionToken")]
    [InlineData("verb=ListIdentifiers&resumptionToken=%00%01%FF", "badResumptionToken")]
    [InlineData("verb=ListSets&resumptionToken=abc", "badResumptionToken")]
    public async Task A_bad_request_is_answered_with_its_error_code(string query, string code)
    {
        var oai = await Oai.GetAsync(Client, query);

        Assert.Contains(code, Oai.Errors(oai));
        Assert.All(Oai.Errors(oai), c => Assert.Equal(code, c));
        var request = oai.Element(Oai.Ns + "request")!;
        Assert.Equal("https://localhost/oai", request.Value);
        // Section 3.2: after badVerb or badArgument the request element has no attributes; otherwise it echoes them.
        if (code is "badVerb" or "badArgument") Assert.Empty(request.Attributes());
        else Assert.Equal(query.Split('&')[0]["verb=".Length..], (string?)request.Attribute("verb"));
    }

    [Fact]
    public async Task A_post_with_a_form_is_answered_like_a_get()
    {
        var doc = await App.AddDocumentAsync();

        var response = await Client.PostAsync("/oai", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["verb"] = "GetRecord", ["identifier"] = Oai.Id(doc.Slug), ["metadataPrefix"] = "oai_dc",
        }), TestContext.Current.CancellationToken);
        var oai = await Oai.ReadAsync(response);

        Assert.Equal(Oai.Id(doc.Slug), Oai.Text(Oai.Verb(oai, "GetRecord").Descendants(Oai.Ns + "header").Single(), "identifier"));
        Assert.Equal("GetRecord", (string?)oai.Element(Oai.Ns + "request")!.Attribute("verb"));
    }

    [Fact]
    public async Task A_post_reads_its_body_not_the_query_and_repeated_form_fields_are_bad()
    {
        var repeated = await Client.PostAsync("/oai", new StringContent("verb=Identify&verb=Identify", null, "application/x-www-form-urlencoded"),
            TestContext.Current.CancellationToken);
        var json = await Client.PostAsync("/oai?verb=Identify", new StringContent("{\"verb\":\"Identify\"}", null, "application/json"),
            TestContext.Current.CancellationToken);
        var huge = await Client.PostAsync("/oai", new StringContent("verb=Identify&x=" + new string('a', 100_000), null, "application/x-www-form-urlencoded"),
            TestContext.Current.CancellationToken);

        Assert.Equal(["badVerb"], Oai.Errors(await Oai.ReadAsync(repeated)));
        Assert.Equal(["badVerb"], Oai.Errors(await Oai.ReadAsync(json)));
        Assert.Equal(["badArgument"], Oai.Errors(await Oai.ReadAsync(huge)));
    }

    [Fact]
    public async Task Control_characters_in_stored_text_are_left_out_of_the_XML()
    {
        var doc = await App.AddDocumentAsync(texts: [Text("en", "Bad\u0001 \u0000title\uFFFE here", "An <abstract> & \"quotes\" ]]>\u001F")],
            authors: ["Nul\u0000l"], places: ["\u0007"]);

        var oai = await Oai.GetAsync(Client, $"verb=GetRecord&identifier={Oai.Id(doc.Slug)}&metadataPrefix=oai_dc");

        var dc = oai.Descendants(Oai.OaiDc + "dc").Single();
        Assert.Equal([("en", "Bad title here")], Oai.Dc(dc, "title"));
        Assert.Equal([("en", "An <abstract> & \"quotes\" ]]>")], Oai.Dc(dc, "description"));
        Assert.Equal(["Null"], Oai.DcValues(dc, "creator"));
        Assert.Empty(Oai.DcValues(dc, "coverage"));
    }

    [Fact]
    public void Cleaning_keeps_surrogate_pairs_and_drops_lone_halves()
    {
        // Stored JSON turns a lone surrogate into U+FFFD already; text from elsewhere may still carry one.
        Assert.Equal("ab\U0001F600c\t\n", Web.Features.Library.Oai.OaiXml.Clean("a\uD800b\U0001F600\uDC00c\t\n\u0000\uDBFF"));
    }

    [Fact]
    public async Task The_endpoint_is_rate_limited_like_the_API()
    {
        await using var app = new AppFactory(settings: new Dictionary<string, string?>
        {
            ["Nexus:RateLimits:Disabled"] = "false",
            ["Nexus:RateLimits:ApiPerMinute"] = "2",
        });
        var client = app.CreateClient();

        for (var i = 0; i < 2; i++) await Oai.GetAsync(client, "verb=Identify");
        var refused = await client.GetAsync("/oai?verb=Identify", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"));
    }

    public static TheoryData<string> Hostile =>
    [
        "<script>alert(1)</script>", "]]>", "&amp;&#0;", "\u0000", "\u0001\u0002\u001F", "\uFFFE\uFFFF", "\uD800", "\uDC00x",
        "' OR 1=1 --", "%", "%%", "%ZZ", "+", "\r\n\t", new string('x', 5000), "oai:localhost:library/../../etc/passwd",
        "9999-12-31", "0001-01-01", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "2020-02-30", "-2020-01-01", "２０２０-01-01", "😀",
    ];

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Any_value_of_any_argument_gives_a_well_formed_answer(string value)
    {
        // Percent-encoded UTF-8, as a client would send it (a lone surrogate becomes U+FFFD on the way).
        var v = string.Concat(System.Text.Encoding.UTF8.GetBytes(value).Select(b => $"%{b:X2}"));
        foreach (var query in new[]
                 {
                     $"verb={v}", $"verb=Identify&{v}={v}", $"verb=ListMetadataFormats&identifier={v}", $"verb=ListSets&resumptionToken={v}",
                     $"verb=GetRecord&metadataPrefix=oai_dc&identifier={v}", $"verb=GetRecord&metadataPrefix={v}&identifier={v}",
                     $"verb=ListRecords&metadataPrefix=oai_dc&from={v}", $"verb=ListRecords&metadataPrefix=oai_dc&until={v}",
                     $"verb=ListIdentifiers&metadataPrefix=oai_dc&set={v}", $"verb=ListIdentifiers&metadataPrefix={v}",
                     $"verb=ListRecords&resumptionToken={v}", $"verb=ListIdentifiers&metadataPrefix=oai_dc&from={v}&until={v}",
                 })
        {
            await Oai.GetAsync(Client, query); // asserts 200, text/xml and the envelope
            await Oai.ReadAsync(await Client.PostAsync("/oai", new StringContent(query, null, "application/x-www-form-urlencoded"),
                TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task A_raw_query_with_broken_escapes_still_gives_a_well_formed_answer()
    {
        foreach (var query in new[] { "verb=Identify&&", "&&verb=Identify", "verb=GetRecord&metadataPrefix=oai_dc&identifier=%ED%A0%80", "verb=%", "=&=&verb", "verb=ListSets&=x" })
            await Oai.GetAsync(Client, query);
    }

    private static ItemText Text(string language, string title, string @abstract) => new() { Language = language, Title = title, Abstract = @abstract };

    internal static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 13)];
}

/// <summary>Paging with resumption tokens, on a fresh database per test with a page size of 2.</summary>
public abstract class OaiPagingTests(Provider provider)
{
    private static AppFactory NewApp(Provider provider) => new(provider, settings: new Dictionary<string, string?>
    {
        ["Nexus:Library:OaiPageSize"] = "2",
        ["Nexus:PublicBaseUrl"] = "https://library.nexus.example",
    });

    [Fact]
    public async Task A_list_of_five_comes_in_three_pages_with_cursor_and_size()
    {
        await using var app = NewApp(provider);
        var client = app.CreateClient();
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var slugs = new List<string>();
        // Two pairs share a datestamp: the keyset cursor must break the tie by item.
        foreach (var at in new[] { 0, 1, 1, 2, 2 })
            slugs.Add((await app.AddDocumentAsync(updatedAt: start.AddHours(at), visible: slugs.Count != 3)).Slug);

        var seen = new List<string>();
        var tokens = new List<XElement>();
        var query = "verb=ListRecords&metadataPrefix=oai_dc";
        for (var page = 0; page < 10; page++)
        {
            var list = Oai.Verb(await Oai.GetAsync(client, query), "ListRecords");
            seen.AddRange(list.Elements(Oai.Ns + "record").Select(r => Oai.Text(r.Element(Oai.Ns + "header")!, "identifier")));
            var token = list.Element(Oai.Ns + "resumptionToken")!;
            Assert.Same(token, list.Elements().Last());
            tokens.Add(token);
            if (token.Value.Length == 0) break;
            query = "verb=ListRecords&resumptionToken=" + Uri.EscapeDataString(token.Value);
        }

        Assert.Equal(slugs.Select(s => $"oai:library.nexus.example:library/{s}"), seen);
        Assert.Equal(3, tokens.Count);
        Assert.Equal(["0", "2", "4"], tokens.Select(t => (string?)t.Attribute("cursor")));
        Assert.All(tokens, t => Assert.Equal("5", (string?)t.Attribute("completeListSize")));
        Assert.Matches("^[A-Za-z0-9_-]+$", tokens[0].Value);
    }

    [Fact]
    public async Task A_token_carries_the_window_and_the_set()
    {
        await using var app = NewApp(provider);
        var client = app.CreateClient();
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var wanted = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            var doc = await app.AddDocumentAsync(updatedAt: start.AddDays(i), themes: i % 2 == 0 ? ["diaspora"] : ["ageing"]);
            if (i % 2 == 0 && i >= 2 && i <= 6) wanted.Add(doc.Slug);
        }

        var seen = new List<string>();
        var query = "verb=ListIdentifiers&metadataPrefix=oai_dc&set=theme:diaspora&from=2024-01-02&until=2024-01-07";
        while (true)
        {
            var list = Oai.Verb(await Oai.GetAsync(client, query), "ListIdentifiers");
            seen.AddRange(list.Elements(Oai.Ns + "header").Select(h => Oai.Text(h, "identifier").Split('/')[^1]));
            var token = list.Element(Oai.Ns + "resumptionToken")?.Value;
            if (string.IsNullOrEmpty(token)) break;
            query = "verb=ListIdentifiers&resumptionToken=" + Uri.EscapeDataString(token);
        }

        Assert.Equal(wanted, seen);
    }

    [Fact]
    public async Task A_changed_token_or_one_from_another_verb_is_badResumptionToken()
    {
        await using var app = NewApp(provider);
        var client = app.CreateClient();
        for (var i = 0; i < 3; i++) await app.AddDocumentAsync(updatedAt: new DateTime(2024, 1, 1, i, 0, 0, DateTimeKind.Utc));
        var token = Oai.Verb(await Oai.GetAsync(client, "verb=ListIdentifiers&metadataPrefix=oai_dc"), "ListIdentifiers")
            .Element(Oai.Ns + "resumptionToken")!.Value;
        var changed = token[..10] + (token[10] == 'A' ? 'B' : 'A') + token[11..];

        foreach (var (verb, sent) in new[] { ("ListIdentifiers", changed), ("ListIdentifiers", token[..^2]), ("ListRecords", token), ("ListSets", token) })
        {
            var oai = await Oai.GetAsync(client, $"verb={verb}&resumptionToken={sent}");
            Assert.Equal(["badResumptionToken"], Oai.Errors(oai));
            Assert.Equal(sent, (string?)oai.Element(Oai.Ns + "request")!.Attribute("resumptionToken"));
        }
        // The real token still works.
        Assert.Single(Oai.Verb(await Oai.GetAsync(client, "verb=ListIdentifiers&resumptionToken=" + token), "ListIdentifiers").Elements(Oai.Ns + "header"));
    }

    [Fact]
    public async Task Identify_describes_the_identifier_scheme_under_the_public_host()
    {
        await using var app = NewApp(provider);

        var identify = Oai.Verb(await Oai.GetAsync(app.CreateClient(), "verb=Identify"), "Identify");

        Assert.Equal("https://library.nexus.example/oai", Oai.Text(identify, "baseURL"));
        Assert.Equal("2000-01-01T00:00:00Z", Oai.Text(identify, "earliestDatestamp")); // an empty library
        XNamespace id = "http://www.openarchives.org/OAI/2.0/oai-identifier";
        var description = identify.Element(Oai.Ns + "description")!.Element(id + "oai-identifier")!;
        Assert.Equal("oai", (string?)description.Element(id + "scheme"));
        Assert.Equal("library.nexus.example", (string?)description.Element(id + "repositoryIdentifier"));
        Assert.Equal(":", (string?)description.Element(id + "delimiter"));
        Assert.StartsWith("oai:library.nexus.example:library/", (string?)description.Element(id + "sampleIdentifier"));
    }

    [Fact]
    public async Task Without_themes_or_items_there_is_no_set_hierarchy()
    {
        await using var app = NewApp(provider);
        await app.Db(db => db.LibraryThemes.ExecuteDeleteAsync(TestContext.Current.CancellationToken));
        var client = app.CreateClient();

        Assert.Equal(["noSetHierarchy"], Oai.Errors(await Oai.GetAsync(client, "verb=ListSets")));
        Assert.Equal(["noSetHierarchy"], Oai.Errors(await Oai.GetAsync(client, "verb=ListRecords&metadataPrefix=oai_dc&set=theme:ageing")));
        Assert.Equal(["noRecordsMatch"], Oai.Errors(await Oai.GetAsync(client, "verb=ListRecords&metadataPrefix=oai_dc")));
    }
}

public sealed class OaiPagingSqliteTests() : OaiPagingTests(Provider.Sqlite);
public sealed class OaiPagingPostgresTests() : OaiPagingTests(Provider.Postgres);

/// <summary>Reading OAI-PMH answers: every one is checked for status, media type and envelope.</summary>
internal static partial class Oai
{
    public static readonly XNamespace Ns = "http://www.openarchives.org/OAI/2.0/";
    public static readonly XNamespace OaiDc = "http://www.openarchives.org/OAI/2.0/oai_dc/";
    public static readonly XNamespace DcNs = "http://purl.org/dc/elements/1.1/";
    private static readonly string[] Verbs = ["Identify", "ListMetadataFormats", "ListSets", "ListIdentifiers", "ListRecords", "GetRecord"];

    public static string Id(string slug) => $"oai:localhost:library/{slug}";

    public static async Task<XElement> GetAsync(HttpClient client, string query) =>
        await ReadAsync(await client.GetAsync("/oai?" + query, TestContext.Current.CancellationToken));

    /// <summary>Asserts 200, text/xml in UTF-8, and responseDate, request, then errors or one verb element.</summary>
    public static async Task<XElement> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {body[..Math.Min(body.Length, 500)]}");
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var root = XDocument.Parse(body).Root!;
        Assert.Equal(Ns + "OAI-PMH", root.Name);
        var children = root.Elements().ToList();
        Assert.True(children.Count >= 3, body);
        Assert.Equal(Ns + "responseDate", children[0].Name);
        Assert.Matches(Seconds(), children[0].Value);
        Assert.True(Math.Abs((DateTime.Parse(children[0].Value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal) - DateTime.UtcNow).TotalMinutes) < 5);
        Assert.Equal(Ns + "request", children[1].Name);
        Assert.EndsWith("/oai", children[1].Value);
        if (children[2].Name == Ns + "error")
        {
            Assert.All(children.Skip(2), e => Assert.Equal(Ns + "error", e.Name));
            Assert.All(children.Skip(2), e => Assert.False(string.IsNullOrEmpty((string?)e.Attribute("code"))));
        }
        else
        {
            Assert.Equal(3, children.Count);
            Assert.Contains(children[2].Name.LocalName, Verbs);
            Assert.Equal(Ns, children[2].Name.Namespace);
            Assert.Equal(children[2].Name.LocalName, (string?)children[1].Attribute("verb"));
        }
        return root;
    }

    public static List<string> Errors(XElement oai) => oai.Elements(Ns + "error").Select(e => (string)e.Attribute("code")!).ToList();

    public static XElement Verb(XElement oai, string verb)
    {
        Assert.Empty(Errors(oai));
        return oai.Element(Ns + verb) ?? throw new Xunit.Sdk.XunitException($"No {verb} element in {oai}");
    }

    public static string Text(XElement parent, string name) => parent.Element(Ns + name)?.Value ?? throw new Xunit.Sdk.XunitException($"No {name} in {parent}");

    public static List<(string? Language, string Value)> Dc(XElement dc, string element) =>
        dc.Elements(DcNs + element).Select(e => ((string?)e.Attribute(XNamespace.Xml + "lang"), e.Value)).ToList();

    public static List<string> DcValues(XElement dc, string element) => dc.Elements(DcNs + element).Select(e => e.Value).ToList();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")]
    public static partial Regex Seconds();
}

/// <summary>Library rows written directly, as publishing would leave them.</summary>
internal static class OaiTestData
{
    private static long _sequence;

    public static async Task<LibraryItem> AddDraftAsync(this AppFactory app, string slug, ItemContent? content = null)
    {
        var now = DateTime.UtcNow;
        var item = new LibraryItem
        {
            Slug = slug, Status = ItemStatus.Draft, CurrentVersion = 1, CreatedAt = now, UpdatedAt = now,
            Draft = content ?? new ItemContent { Kind = ItemKind.Report, Texts = [new() { Language = "en", Title = "A draft" }] },
        };
        await app.Db(async db =>
        {
            db.LibraryItems.Add(item);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            db.LibraryVersions.Add(new LibraryItemVersion { ItemId = item.Id, Number = 1, Content = item.Draft, CreatedAt = now, CreatedBy = "Tests <tests@example.org>" });
            return await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        return item;
    }

    /// <summary>A published item and its public document; <paramref name="visible"/> false is an unpublished one.</summary>
    public static async Task<LibraryDocument> AddDocumentAsync(this AppFactory app, DateTime? updatedAt = null, bool visible = true,
        ItemKind kind = ItemKind.Report, List<ItemText>? texts = null, List<string>? authors = null, List<string>? agencies = null,
        List<string>? themes = null, List<string>? places = null, List<string>? languages = null, DateOnly? publishedOn = null,
        string licence = "CC-BY-4.0", string? slug = null)
    {
        texts ??= [new() { Language = "en", Title = "Migration and development: findings", Abstract = "What the seminar found." }];
        var content = new ItemContent
        {
            Kind = kind, Texts = texts, Authors = authors ?? ["Amina Wanjiru"], Agencies = agencies ?? [], Themes = themes ?? ["remittances"],
            Places = places ?? ["608"], PublishedOn = publishedOn ?? new DateOnly(2009, 12, 18), Licence = licence,
        };
        var item = await app.AddDraftAsync(slug ?? OaiTests.Unique("findings"), content);
        var document = new LibraryDocument
        {
            ItemId = item.Id, Visible = visible, Sequence = Interlocked.Increment(ref _sequence), Slug = item.Slug, Version = 1,
            Kind = kind, PublishedOn = content.PublishedOn, Texts = texts, Authors = content.Authors, Agencies = content.Agencies,
            Themes = content.Themes, Places = content.Places, Languages = languages ?? [.. content.Languages], Licence = licence,
            FirstPublishedAt = updatedAt ?? DateTime.UtcNow,
            UpdatedAt = updatedAt ?? AppFixture.WholeSeconds(DateTimeOffset.UtcNow).UtcDateTime,
        };
        await app.Db(async db =>
        {
            db.LibraryDocuments.Add(document);
            var i = await db.LibraryItems.SingleAsync(x => x.Id == item.Id, TestContext.Current.CancellationToken);
            i.Status = visible ? ItemStatus.Published : ItemStatus.Unpublished;
            i.PublishedVersion = visible ? 1 : null;
            return await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        return document;
    }
}
