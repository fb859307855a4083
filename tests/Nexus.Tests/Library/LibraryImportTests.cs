using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Nexus.Tests.Pages;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Accounts.Tokens;
using Nexus.Web.Features.Library;
using Nexus.Web.Features.Library.Import;
using static Nexus.Tests.Library.LibraryTestData;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace Nexus.Tests.Library;

/// <summary>
/// Bulk import and export with real files made in the test: XLSX and CSV manifests, zips holding PDF and DOCX
/// files, and the forged uploads an import must refuse without a crash.
/// </summary>
public abstract class LibraryImportTests(AppFixture fixture)
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;
    protected AppFactory App => fixture.App;

    protected static readonly string[] Header =
        ["kind", "language", "title", "abstract", "themes", "agencies", "places", "published_on", "files", "publish"];

    protected static string[] Row(string title, string themes = "remittances", string files = "", string publish = "yes", string kind = "fact-sheet") =>
        [kind, "en", title, "An abstract.", themes, "iom; unitar", "608; MEX", "2009-11-04", files, publish];

    protected Task<int> ItemCountAsync() => App.Db(db => db.LibraryItems.CountAsync(Ct));

    protected async Task<HttpResponseMessage> ImportAsync(byte[] upload, string fileName = "import.zip")
    {
        var client = App.ClientWithToken(await App.StaffTokenAsync(Scopes.LibraryWrite));
        return await PostAsync(client, upload, fileName);
    }

    protected static async Task<HttpResponseMessage> PostAsync(HttpClient client, byte[] upload, string fileName)
    {
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(upload);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "file", fileName);
        return await client.PostAsync("/api/v1/library/import", content, Ct);
    }

    protected static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content) in entries)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                entry.Write(content);
            }
        return stream.ToArray();
    }

    /// <summary>
    /// An XLSX as Excel writes one: shared-free inline strings, numbers, dates as serial numbers with a date
    /// format, and formulas with their saved result.
    /// </summary>
    protected static byte[] Workbook(params object?[][] rows)
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var book = doc.AddWorkbookPart();
            book.Workbook = new S.Workbook(new S.Sheets());
            var styles = book.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new S.Stylesheet(
                new S.Fonts(new S.Font()), new S.Fills(new S.Fill(new S.PatternFill { PatternType = S.PatternValues.None })),
                new S.Borders(new S.Border()), new S.CellStyleFormats(new S.CellFormat()),
                new S.CellFormats(new S.CellFormat(), new S.CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }));
            var sheet = book.AddNewPart<WorksheetPart>();
            var data = new S.SheetData();
            for (var r = 0; r < rows.Length; r++)
            {
                var row = new S.Row { RowIndex = (uint)r + 1 };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var reference = $"{(char)('A' + c)}{r + 1}";
                    row.Append(rows[r][c] switch
                    {
                        null => new S.Cell { CellReference = reference },
                        string s => new S.Cell { CellReference = reference, DataType = S.CellValues.InlineString, InlineString = new S.InlineString(new S.Text(s)) },
                        DateTime d => new S.Cell { CellReference = reference, StyleIndex = 1, CellValue = new S.CellValue(d.ToOADate()) },
                        Formula f => new S.Cell { CellReference = reference, CellFormula = new S.CellFormula(f.Expression), DataType = S.CellValues.String, CellValue = new S.CellValue(f.Result) },
                        var n => new S.Cell { CellReference = reference, CellValue = new S.CellValue(Convert.ToDouble(n, System.Globalization.CultureInfo.InvariantCulture)) },
                    });
                }
                data.Append(row);
            }
            sheet.Worksheet = new S.Worksheet(data);
            book.Workbook.Sheets!.Append(new S.Sheet { Id = book.GetIdOfPart(sheet), SheetId = 1, Name = "Sheet1" });
        }
        return stream.ToArray();
    }

    protected sealed record Formula(string Expression, string Result);

    protected static byte[] Manifest(params string[][] rows) => Workbook([Header, .. rows]);

    // ---- all or nothing, on both databases ----------------------------------------------------------------

    [Fact]
    public async Task One_bad_cell_refuses_the_whole_upload_and_names_its_row_and_column()
    {
        var m = Marker();
        var filesBefore = StoredFiles();
        var before = await ItemCountAsync();
        var upload = Zip(
            ("manifest.xlsx", Manifest(Row($"{m} first", files: "brief.pdf"), Row($"{m} second", themes: "remittances; no-such-theme"), Row($"{m} third"))),
            ("brief.pdf", SampleFiles.Pdf("Remittance corridors")));

        var response = await ImportAsync(upload);

        var problem = await response.AssertProblemAsync(400, "row 3.themes");
        Assert.Contains("no-such-theme", problem["errors"]!["row 3.themes"]![0]!.ToString());
        Assert.Single(problem["errors"]!.AsObject());
        Assert.Equal(before, await ItemCountAsync());
        Assert.Equal(0, await App.Db(db => db.LibraryItems.CountAsync(i => i.Slug.StartsWith(m), Ct)));
        Assert.Equal(filesBefore, StoredFiles());
    }

    [Fact]
    public async Task A_good_upload_is_saved_in_one_transaction_on_this_database()
    {
        var m = Marker();
        var response = await ImportAsync(Zip(
            ("manifest.xlsx", Manifest(Row($"{m} one", files: "a.pdf"), Row($"{m} two", publish: "no"), Row($"{m} three", files: "b.docx|fr"))),
            ("a.pdf", SampleFiles.Pdf($"{m} alpha")), ("b.docx", SampleFiles.Docx($"{m} beta"))));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(3, (int)body["imported"]!);
        var sequences = await App.Db(db => db.LibraryDocuments.Where(d => d.Slug.StartsWith(m)).Select(d => d.Sequence).Distinct().ToListAsync(Ct));
        Assert.Single(sequences); // one write, one sequence number
        Assert.Equal(2, await App.Db(db => db.LibraryFiles.CountAsync(f => f.Text.Contains(m), Ct)));
    }

    protected string[] StoredFiles()
    {
        var folder = Path.Combine(App.DataDirectory, "files");
        return Directory.Exists(folder) ? Directory.GetFiles(folder).Order().ToArray() : [];
    }
}

public class SqliteLibraryImportTests(SqliteApp fixture) : LibraryImportTests(fixture), IClassFixture<SqliteApp>
{
    [Fact]
    public async Task A_zip_with_an_xlsx_manifest_and_two_files_imports_three_items_with_the_text_of_their_files()
    {
        var m = Marker();
        var upload = Zip(
            ("manifest.xlsx", Manifest(
                Row($"{m} Remittances in the crisis", files: "files/brief.pdf"),
                Row($"{m} Diaspora engagement", themes: "diaspora", files: "note.docx|fr", publish: "no", kind: "policy-brief"),
                Row($"{m} Labour migration"))),
            ("files/brief.pdf", SampleFiles.Pdf($"{m} Remittance corridors between Manila and Dubai")),
            ("note.docx", SampleFiles.Docx($"{m} Les diasporas et le developpement")));

        var response = await ImportAsync(upload);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(3, (int)body["imported"]!);
        var ids = body["items"]!.AsArray().Select(i => (int)i!["id"]!).ToList();
        var items = await App.Db(db => db.LibraryItems.AsNoTracking().Where(i => ids.Contains(i.Id)).OrderBy(i => i.Id).ToListAsync(Ct));
        Assert.Equal([ItemStatus.Published, ItemStatus.Draft, ItemStatus.Published], items.Select(i => i.Status));
        Assert.Equal($"{m} Diaspora engagement", items[1].Draft.Texts[0].Title);
        Assert.Equal(ItemKind.PolicyBrief, items[1].Draft.Kind);
        Assert.Equal(["608", "484"], items[0].Draft.Places);
        var files = await App.Db(db => db.LibraryFiles.AsNoTracking().Where(f => ids.Contains(f.ItemId)).OrderBy(f => f.ItemId).ToListAsync(Ct));
        Assert.Equal(2, files.Count);
        Assert.Equal(("brief.pdf", "pdf", (string?)null), (files[0].FileName, files[0].Format, files[0].Language));
        Assert.Contains("Remittance corridors between Manila and Dubai", files[0].Text);
        Assert.Equal(("note.docx", "docx", (string?)"fr"), (files[1].FileName, files[1].Format, files[1].Language));
        Assert.Contains("Les diasporas et le developpement", files[1].Text);
        // The files belong to version 1, and the published item finds its file's text.
        Assert.Equal([files[0].Id], items[0].Draft.FileIds);
        Assert.Equal([files[0].Id], (await App.Db(db => db.LibraryVersions.SingleAsync(v => v.ItemId == items[0].Id, Ct))).Content.FileIds);
        var search = await (await App.CreateClient().GetAsync("/api/v1/library/search?q=" + Uri.EscapeDataString($"{m} Dubai"), Ct)).JsonAsync();
        Assert.Equal(items[0].Id, (int)search["items"]![0]!["id"]!);
    }

    [Fact]
    public async Task A_file_named_in_a_row_but_missing_from_the_zip_is_an_error_of_that_row()
    {
        var m = Marker();
        var response = await ImportAsync(Zip(
            ("manifest.xlsx", Manifest(Row($"{m} one", files: "brief.pdf"), Row($"{m} two", files: "missing.pdf; brief.pdf|xx"), Row($"{m} three", files: "notes.txt"))),
            ("brief.pdf", SampleFiles.Pdf("text")), ("notes.txt", "plain text"u8.ToArray())));

        var problem = await response.AssertProblemAsync(400, "row 3.files", "row 4.files");
        var row3 = problem["errors"]!["row 3.files"]!.AsArray().Select(e => e!.ToString()).ToList();
        Assert.Contains(row3, e => e.Contains("'missing.pdf' is not in the zip file."));
        Assert.Contains(row3, e => e.Contains("give the language after |"));
        Assert.Contains("is not a PDF, Word (.docx), Excel (.xlsx) or CSV file", problem["errors"]!["row 4.files"]![0]!.ToString());
        Assert.Equal(0, await App.Db(db => db.LibraryItems.CountAsync(i => i.Slug.StartsWith(m), Ct)));
    }

    [Theory]
    [InlineData("../evil.pdf")]
    [InlineData("files/../../evil.pdf")]
    [InlineData("/etc/evil.pdf")]
    [InlineData("files\\evil.pdf")]
    [InlineData("C:/evil.pdf")]
    public async Task A_zip_entry_whose_name_could_leave_its_folder_refuses_the_upload(string name)
    {
        var m = Marker();
        var response = await ImportAsync(Zip(("manifest.xlsx", Manifest(Row($"{m} one"))), (name, SampleFiles.Pdf("x"))));

        var problem = await response.AssertProblemAsync(400, "file");
        Assert.Contains("unsafe name", problem["errors"]!["file"]![0]!.ToString());
        Assert.Equal(0, await App.Db(db => db.LibraryItems.CountAsync(i => i.Slug.StartsWith(m), Ct)));
    }

    [Fact]
    public async Task A_zip_bomb_is_refused_before_it_is_unpacked()
    {
        var m = Marker();
        var upload = Zip(("manifest.xlsx", Manifest(Row($"{m} one", files: "big.pdf"))), ("big.pdf", new byte[60 * 1024 * 1024]));
        Assert.True(upload.Length < 1024 * 1024);

        var problem = await (await ImportAsync(upload)).AssertProblemAsync(400, "file");

        Assert.Contains("zip bomb", problem["errors"]!["file"]![0]!.ToString());
    }

    [Fact]
    public async Task A_zip_with_too_many_entries_is_refused()
    {
        var entries = Enumerable.Range(0, LibraryImport.MaxEntries + 1).Select(i => ($"f{i}.txt", new byte[1])).Prepend(("manifest.csv", "kind\n"u8.ToArray()));
        var problem = await (await ImportAsync(Zip([.. entries]))).AssertProblemAsync(400, "file");
        Assert.Contains("at most 2000", problem["errors"]!["file"]![0]!.ToString());
    }

    public static TheoryData<string, byte[]> BrokenWorkbooks()
    {
        var good = SampleFiles.Xlsx([["kind", "title"], ["report", "x"]]);
        var random = new byte[4096];
        new Random(42).NextBytes(random);
        return new()
        {
            { "manifest.xlsx", random },
            { "manifest.xlsx", good[..(good.Length / 2)] },
            { "manifest.xlsx", [.. "PK\u0003\u0004"u8, .. random] },
            { "in-zip", random },
            { "in-zip", good[..(good.Length / 2)] },
        };
    }

    [Theory]
    [MemberData(nameof(BrokenWorkbooks))]
    public async Task A_broken_workbook_is_reported_as_such(string where, byte[] workbook)
    {
        var upload = where == "in-zip" ? Zip(("manifest.xlsx", workbook)) : workbook;
        var response = await ImportAsync(upload, where == "in-zip" ? "import.zip" : where);

        var problem = await response.AssertProblemAsync(400, "file");
        Assert.Equal("The manifest could not be read as an Excel workbook.", problem["errors"]!["file"]![0]!.ToString());
    }

    [Theory]
    [InlineData("", "The manifest is empty.")]
    [InlineData("\n\n,,,\n", "The manifest is empty.")]
    [InlineData("kind,language,title,published_on\n", "The manifest has a header row but no items below it.")]
    public async Task An_empty_manifest_is_refused(string csv, string message)
    {
        var upload = csv.Length == 0 ? Zip(("manifest.csv", [])) : Encoding.UTF8.GetBytes(csv);
        var problem = await (await ImportAsync(upload, "manifest.csv")).AssertProblemAsync(400, "file");
        Assert.Equal(message, problem["errors"]!["file"]![0]!.ToString());
    }

    [Fact]
    public async Task Unknown_missing_and_repeated_columns_are_named()
    {
        var csv = "Kind,Title,colour,title,published_on\nreport,x,red,y,2009-01-01\n";
        var problem = await (await ImportAsync(Encoding.UTF8.GetBytes(csv), "manifest.csv")).AssertProblemAsync(400, "row 1.colour", "row 1.title", "row 1.language");
        Assert.Equal("Unknown column 'colour'.", problem["errors"]!["row 1.colour"]![0]!.ToString());
        Assert.Equal("The column appears twice.", problem["errors"]!["row 1.title"]![0]!.ToString());
        Assert.Equal("The column is missing.", problem["errors"]!["row 1.language"]![0]!.ToString());
    }

    [Fact]
    public async Task A_utf8_csv_keeps_its_accents_and_other_scripts()
    {
        var m = Marker();
        var csv = "kind,language,title,abstract,title_ar,authors,themes,agencies,places,published_on,publish\n" +
                  $"report,fr,\"{m} Migration et développement : l’été, « enfin »\",\"Résumé ; première ligne\nseconde ligne\",الهجرة والتنمية,\"Zoë Ångström; José Núñez\",remittances,iom,\"SEN; 8\",2009-06-30,no\n";
        var response = await ImportAsync([.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(csv)], "manifest.csv");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (int)(await response.JsonAsync())["items"]![0]!["id"]!;
        var item = await App.Db(db => db.LibraryItems.AsNoTracking().SingleAsync(i => i.Id == id, Ct));
        Assert.Equal($"{m} Migration et développement : l’été, « enfin »", item.Draft.Texts[0].Title);
        Assert.Equal("Résumé ; première ligne\nseconde ligne", item.Draft.Texts[0].Abstract);
        Assert.Equal(("ar", "الهجرة والتنمية"), (item.Draft.Texts[1].Language, item.Draft.Texts[1].Title));
        Assert.Equal(["Zoë Ångström", "José Núñez"], item.Draft.Authors);
        Assert.Equal(["686", "008"], item.Draft.Places); // a spreadsheet turns 008 into 8
        Assert.Equal(ItemStatus.Draft, item.Status);
    }

    [Fact]
    public async Task A_csv_that_is_not_utf8_or_holds_control_characters_is_refused_with_reasons()
    {
        var latin1 = SampleFiles.Csv("kind,language,title,published_on\nreport,fr,Développement,2009-01-01\n", SampleFiles.Windows1252);
        var problem = await (await ImportAsync(latin1, "manifest.csv")).AssertProblemAsync(400, "file");
        Assert.Contains("not UTF-8", problem["errors"]!["file"]![0]!.ToString());

        var control = "kind,language,title,published_on\nreport,en,Bad\u0007bell\u202Eflip,2009-01-01\n";
        await (await ImportAsync(Encoding.UTF8.GetBytes(control), "manifest.csv")).AssertProblemAsync(400, "row 2.title");
    }

    [Fact]
    public async Task Excel_dates_formulas_numbers_and_trailing_empty_rows_are_read_as_the_spreadsheet_shows_them()
    {
        var m = Marker();
        var workbook = Workbook(
            ["kind", "language", "title", "places", "published_on", "event_id", "publish", "themes"],
            ["report", "en", new Formula("\"" + m + "\"&\" computed title\"", $"{m} computed title"), 8, new DateTime(2009, 11, 4), null, "yes", "remittances"],
            [null, null, null, null, null, null, null, null],
            ["data-note", "es", $"{m} <script>alert(1)</script>", "PHL", "2010-02-01", null, "No", null],
            [null, null, null, null, null, null, null, null],
            [null, null, null, null, null, null, null, null]);

        var response = await ImportAsync(workbook, "manifest.xlsx");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var items = await App.Db(db => db.LibraryItems.AsNoTracking().Where(i => i.Slug.StartsWith(m)).OrderBy(i => i.Id).ToListAsync(Ct));
        Assert.Equal(2, items.Count);
        Assert.Equal($"{m} computed title", items[0].Draft.Texts[0].Title);
        Assert.Equal(new DateOnly(2009, 11, 4), items[0].Draft.PublishedOn);
        Assert.Equal(["008"], items[0].Draft.Places);
        Assert.Equal($"{m} <script>alert(1)</script>", items[1].Draft.Texts[0].Title); // kept as text; pages encode it
        Assert.Equal(ItemStatus.Draft, items[1].Status);
    }

    [Fact]
    public async Task Errors_carry_the_row_number_the_spreadsheet_shows_and_the_column_of_each_field()
    {
        var workbook = Workbook(
            ["kind", "language", "title", "title_fr", "abstract_fr", "published_on", "event_id", "publish", "themes", "places"],
            [null, null, null, null, null, null, null, null, null, null],
            ["memo", "xx", "ok", null, "résumé sans titre", "04/11/2009", "abc", "maybe", "remittances", "ZZZ"]);

        var problem = await (await ImportAsync(workbook, "manifest.xlsx")).AssertProblemAsync(400,
            "row 3.kind", "row 3.language", "row 3.title_fr", "row 3.published_on", "row 3.event_id", "row 3.publish", "row 3.places");
        Assert.DoesNotContain(problem["errors"]!.AsObject(), e => e.Key.StartsWith("row 2"));
    }

    [Fact]
    public async Task An_event_that_does_not_exist_is_an_error()
    {
        var e = await App.AddEventAsync(TestData.Event());
        var m = Marker();
        var csv = $"kind,language,title,published_on,event_id\nreport,en,{m} a,2009-01-01,{e.Id}\nreport,en,{m} b,2009-01-01,999999\n";
        await (await ImportAsync(Encoding.UTF8.GetBytes(csv), "manifest.csv")).AssertProblemAsync(400, "row 3.event_id");
    }

    [Fact]
    public async Task More_rows_than_the_limit_are_refused_without_reading_on()
    {
        var csv = new StringBuilder("kind,language,title,published_on\n");
        for (var i = 0; i < LibraryImport.MaxRows + 10; i++) csv.Append("report,en,title,2009-01-01\n");
        var problem = await (await ImportAsync(Encoding.UTF8.GetBytes(csv.ToString()), "manifest.csv")).AssertProblemAsync(400, "file");
        Assert.Contains("more than 5000 rows", problem["errors"]!["file"]![0]!.ToString());
    }

    [Fact]
    public async Task Other_uploads_are_refused_with_a_reason()
    {
        await (await ImportAsync(SampleFiles.Pdf("x"), "manifest.pdf")).AssertProblemAsync(400, "file");
        await (await ImportAsync([], "manifest.csv")).AssertProblemAsync(400, "file");
        var noManifest = await (await ImportAsync(Zip(("brief.pdf", SampleFiles.Pdf("x"))))).AssertProblemAsync(400, "file");
        Assert.Contains("no manifest", noManifest["errors"]!["file"]![0]!.ToString());
        var client = App.ClientWithToken(await App.StaffTokenAsync(Scopes.LibraryWrite));
        await (await client.PostAsync("/api/v1/library/import", new StringContent("{}", Encoding.UTF8, "application/json"), Ct)).AssertProblemAsync(400, "file");
    }

    [Fact]
    public async Task Callers_without_staff_rights_cannot_import_or_export()
    {
        var m = Marker();
        var upload = Encoding.UTF8.GetBytes($"kind,language,title,published_on\nreport,en,{m},2009-01-01\n");
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(App.CreateClient(), upload, "manifest.csv")).StatusCode);
        var otherScope = App.ClientWithToken(await App.StaffTokenAsync(Scopes.EventsWrite));
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(otherScope, upload, "manifest.csv")).StatusCode);
        var participant = await App.AddUserAsync(Roles.Participant);
        var demoted = App.ClientWithToken(await App.TokenWithoutChecksAsync(participant, Scopes.LibraryWrite));
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(demoted, upload, "manifest.csv")).StatusCode);

        string[] pages = ["/library/manage/import", "/library/manage/export?format=csv", "/library/manage/import/template.xlsx"];
        foreach (var url in pages)
        {
            var (anonymous, _) = await PageSession.Anonymous(App).GetAsync(url);
            Assert.True(anonymous.StatusCode == HttpStatusCode.Redirect && anonymous.Headers.Location!.PathAndQuery.StartsWith("/account/sign-in"), url);
        }
        var (session, _) = await PageSession.SignedInAsync(App, Roles.AgencyFocalPoint);
        foreach (var url in pages)
        {
            var (response, body) = await session.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden
                        || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.PathAndQuery.StartsWith("/account/denied")), url);
            Assert.DoesNotContain("published_on", body);
        }
        Assert.Equal(0, await App.Db(db => db.LibraryItems.CountAsync(i => i.Slug.StartsWith(m), Ct)));
    }

    [Fact]
    public async Task The_import_page_lists_every_problem_and_then_imports_a_corrected_upload()
    {
        var (session, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var m = Marker();
        var bad = Manifest(Row($"{m} one"), Row($"{m} two", themes: "nope"), Row($"{m} three", files: "gone.pdf"));

        var response = await session.PostMultipartAsync("/library/manage/import", Upload(bad, "manifest.xlsx"), "/library/manage/import");

        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Row 3, column themes: Unknown theme &#x27;nope&#x27;.", html);
        Assert.Contains("Row 4, column files:", html);
        Assert.Equal(0, await App.Db(db => db.LibraryItems.CountAsync(i => i.Slug.StartsWith(m), Ct)));

        var good = Zip(("manifest.xlsx", Manifest(Row($"{m} one"), Row($"{m} two"), Row($"{m} three", files: "gone.pdf"))), ("gone.pdf", SampleFiles.Pdf("x")));
        response = await session.PostMultipartAsync("/library/manage/import", Upload(good, "upload.zip"), "/library/manage/import");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, summary) = await session.GetAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("Imported 3 items.", summary);
        Assert.Contains($"{m} two", summary);
    }

    [Fact]
    public async Task The_import_page_speaks_french()
    {
        var (session, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        session.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr");
        var response = await session.PostMultipartAsync("/library/manage/import",
            Upload(Manifest(Row(Marker(), themes: "nope")), "manifest.xlsx"), "/library/manage/import");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
        Assert.Contains("Ligne 2, colonne themes\u00a0: Thème inconnu\u00a0: «\u00a0nope\u00a0».", html);
    }

    [Theory]
    [InlineData("xlsx")]
    [InlineData("csv")]
    public async Task The_templates_import_once_their_example_files_are_in_the_zip(string format)
    {
        var (session, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var template = await session.Client.GetByteArrayAsync($"/library/manage/import/template.{format}", Ct);
        var before = await ItemCountAsync();

        var response = await ImportAsync(Zip(($"manifest.{format}", template), ("brief.pdf", SampleFiles.Pdf("brief")), ("note.pdf", SampleFiles.Pdf("note"))));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(before + 1, await ItemCountAsync());
    }

    private static MultipartFormDataContent Upload(byte[] content, string name)
    {
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(content), "file", name);
        return form;
    }
}

public class PostgresLibraryImportTests(PostgresApp fixture) : LibraryImportTests(fixture), IClassFixture<PostgresApp>;

/// <summary>Export then import on an app of its own, whose library holds only what the test puts there.</summary>
public class LibraryImportRoundTripTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("xlsx")]
    [InlineData("csv")]
    public async Task An_export_imports_again_into_equal_content(string format)
    {
        await using var app = new AppFactory();
        var e = await app.AddEventAsync(TestData.Event());
        var originals = new List<LibraryItem>
        {
            await app.AddItemAsync(Content("Remittances in the economic crisis", authors: ["Amina Wanjiru", "José Núñez"], places: ["608", "002", "484"],
                themes: ["remittances", "economic-crisis"], agencies: ["iom", "unitar"], body: "# Findings\n\n- one\n- two, \"quoted\"\n\n=SUM(A1) stays text")),
            await app.AddItemAsync(Content("Brain drain", kind: ItemKind.PolicyBrief, texts:
            [
                new ItemText { Language = "fr", Title = "Fuite des cerveaux : l’été", Abstract = "+33 résumé", Body = "-- tiret" },
                new ItemText { Language = "en", Title = "Brain drain", Abstract = "@summary" },
                new ItemText { Language = "ar", Title = "هجرة الأدمغة" },
            ]), publish: false),
            await app.AddItemAsync(Content("Diaspora", publishedOn: new DateOnly(1999, 12, 31)) with { EventId = e.Id, Licence = "All rights reserved" }),
        };
        var (session, _) = await PageSession.SignedInAsync(app, Roles.ProgrammeStaff);

        var export = await session.Client.GetAsync($"/library/manage/export?format={format}", Ct);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.EndsWith($".{format}", export.Content.Headers.ContentDisposition?.FileNameStar);
        var bytes = await export.Content.ReadAsByteArrayAsync(Ct);
        var import = await session.PostMultipartAsync("/library/manage/import", Upload(bytes, $"export.{format}"), "/library/manage/import");
        Assert.Equal(HttpStatusCode.Redirect, import.StatusCode);

        var items = await app.Db(db => db.LibraryItems.AsNoTracking().OrderBy(i => i.Id).ToListAsync(Ct));
        Assert.Equal(6, items.Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(Json(originals[i].Draft), Json(items[i + 3].Draft));
            Assert.Equal(originals[i].Status, items[i + 3].Status);
        }
    }

    [Fact]
    public async Task An_export_pages_through_more_items_than_one_page()
    {
        await using var app = new AppFactory();
        await app.With<LibraryService, List<LibraryItem>>(s => s.CreateManyAsync(
            Enumerable.Range(1, 1234).Select(i => (Content($"Item {i}"), i % 2 == 0)).ToList(), "Test Editor", Ct));
        var (session, _) = await PageSession.SignedInAsync(app, Roles.ProgrammeStaff);

        var bytes = await session.Client.GetByteArrayAsync("/library/manage/export?format=xlsx", Ct);

        var rows = new MemoryStream(bytes).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(1234, rows.Count);
        Assert.Equal("Item 1234", rows[^1]["title"]);
        Assert.Equal(617, rows.Count(r => (string?)r["status"] == "published"));
    }

    /// <summary>
    /// The content as JSON, with the translations after the original in the languages' usual order: a manifest
    /// has one column per language, so that is the order an import gives them.
    /// </summary>
    private static string Json(ItemContent c) => System.Text.Json.JsonSerializer.Serialize(c with
    {
        Texts = [c.Texts[0], .. c.Texts.Skip(1).OrderBy(t => Array.IndexOf(LibraryLanguages.All, t.Language))],
    });

    private static MultipartFormDataContent Upload(byte[] content, string name)
    {
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(content), "file", name);
        return form;
    }
}
