using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Nexus.Web.Features.Library;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;
using static Microsoft.Playwright.Assertions;

namespace Nexus.BrowserTests;

/// <summary>A reader searches the library, narrows by a facet, opens an item, downloads its file and cites it.</summary>
public class LibraryJourneyTests(NexusServer server)
{
    /// <summary>A published fact-sheet with a PDF, under a word no demo item uses.</summary>
    private async Task<(string Marker, string Title)> PublishedItemWithPdfAsync()
    {
        var marker = "zq" + string.Concat(Guid.NewGuid().ToString("N").Where(char.IsAsciiLetter).Take(6));
        var title = $"Seasonal workers and remittances {marker}";
        using var scope = server.Services.CreateScope();
        var library = scope.ServiceProvider.GetRequiredService<LibraryService>();
        // Two items share the marker, so that narrowing by kind visibly removes one.
        await library.CreateAsync(new ItemContent
        {
            Kind = ItemKind.Report, Texts = [new ItemText { Language = "en", Title = $"Annual report {marker}", Abstract = "A report." }],
            Themes = ["labour-migration"], Agencies = ["ilo"], PublishedOn = new DateOnly(2010, 5, 1),
        }, "Browser test", publish: true, TestContext.Current.CancellationToken);
        var created = await library.CreateAsync(new ItemContent
        {
            Kind = ItemKind.FactSheet,
            Texts = [new ItemText { Language = "en", Title = title, Abstract = "What seasonal agricultural workers send home." }],
            Authors = ["Amina Wanjiru"], Themes = ["labour-migration", "remittances"], Agencies = ["iom", "unitar"], Places = ["608"],
            PublishedOn = new DateOnly(2009, 11, 4),
        }, "Browser test", publish: true, TestContext.Current.CancellationToken);
        await using var pdf = new MemoryStream(Pdf($"Annex {marker}: bilateral labour agreements"));
        var attached = await library.AttachFileAsync(created.Item!.Id, pdf, "annex.pdf", "en", "Browser test", publish: true, TestContext.Current.CancellationToken);
        Assert.True(attached.Ok, attached.Message);
        return (marker, title);
    }

    private static byte[] Pdf(string text)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        builder.AddPage(PageSize.A4).AddText(text, 12, new UglyToad.PdfPig.Core.PdfPoint(50, 700), font);
        return builder.Build();
    }

    [Fact]
    public async Task A_reader_searches_narrows_opens_downloads_and_cites_an_item()
    {
        var (marker, title) = await PublishedItemWithPdfAsync();
        var page = await server.NewPageAsync();
        await page.GotoAsync("/library");

        // Typing shows live results (library.js); pressing Enter would do the same without JavaScript.
        await page.GetByLabel("Search", new() { Exact = true }).FillAsync(marker);
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("2 items");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"q={marker}"));

        // Narrow by kind.
        await page.GetByRole(AriaRole.Complementary).GetByRole(AriaRole.Link, new() { Name = "Fact-sheet" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("1 items");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = $"Annual report {marker}" })).ToHaveCountAsync(0);

        // Open the item; its file text was also searchable.
        await page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();

        var file = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "annex.pdf" }).ClickAsync());
        Assert.Equal("annex.pdf", file.SuggestedFilename);
        var pdfBytes = await File.ReadAllBytesAsync(await file.PathAsync());
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(pdfBytes, 0, 5));

        await Expect(page.Locator(".citation pre")).ToContainTextAsync("Wanjiru, A. (2009).");
        var bib = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Export BibTeX" }).ClickAsync());
        var bibText = await File.ReadAllTextAsync(await bib.PathAsync());
        Assert.Contains("@techreport{", bibText);
        Assert.Contains(marker, bibText);
        var ris = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Export RIS" }).ClickAsync());
        Assert.Contains("ER  - ", await File.ReadAllTextAsync(await ris.PathAsync()));

        // And the file's own words find the item.
        await page.GotoAsync($"/library?q={marker}+bilateral+agreement");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = title })).ToBeVisibleAsync();
        await Expect(page.Locator(".library-snippet mark").First).ToBeVisibleAsync();
    }
}
