using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Nexus.Web.Features.Demo;
using Nexus.Web.Features.Accounts;
using static Microsoft.Playwright.Assertions;

namespace Nexus.BrowserTests;

/// <summary>
/// Programme staff open the 2009 report drafted from the demo data, edit the seminar section in the browser, see the
/// edit in the preview and in the downloads, and discard it again; axe-core checks every page on the way, and the
/// project pages staff use to record what the report draws on.
/// </summary>
public class ReportJourneyTests(NexusServer server)
{
    private static readonly AxeRunOptions Wcag = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    private readonly List<string> _axe = [];

    [Fact]
    public async Task Staff_draft_the_2009_report_edit_a_section_download_it_and_discard_the_edit()
    {
        var account = DemoData.Accounts.First(a => a.Role == Roles.ProgrammeStaff);
        var page = await server.SignInAsync(account.Email, account.Password);

        await page.GotoAsync("/reports");
        await AxeAsync(page);
        await page.GetByLabel("Year").FillAsync("2009");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the report" }).ClickAsync();
        await page.WaitForURLAsync("**/reports/2009");
        var main = page.GetByRole(AriaRole.Main);
        await Expect(main).ToContainTextAsync("Activities of UNITAR on international migration and development, 2009");
        await Expect(main).ToContainTextAsync("assumed the chairmanship of the GMG on 1 June 2009");
        await Expect(main).ToContainTextAsync("held in Brussels, Belgium, on 7 June 2009");
        await AxeAsync(page);

        // Edit the seminar section: the new paragraph replaces the drafted text in the preview.
        await page.Locator("a[href='/reports/2009/sections/seminars']").ClickAsync();
        await page.WaitForURLAsync("**/reports/2009/sections/seminars");
        await AxeAsync(page);
        var text = page.GetByLabel("Text of the section");
        var drafted = await text.InputValueAsync();
        Assert.Contains("four seminars", drafted);
        const string added = "Staff added this sentence in the browser.";
        await text.FillAsync(drafted.TrimEnd() + "\n\n" + added);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the section" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/reports/2009#section-seminars", StringComparison.Ordinal));
        await Expect(main).ToContainTextAsync(added);
        await AxeAsync(page);

        // The downloads carry the edit.
        var docx = await DownloadAsync(page, "Download DOCX");
        Assert.Equal("PK"u8.ToArray(), docx[..2]);
        using (var zip = new System.IO.Compression.ZipArchive(new MemoryStream(docx)))
        using (var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open()))
            Assert.Contains(added, await reader.ReadToEndAsync(TestContext.Current.CancellationToken));
        var pdf = await DownloadAsync(page, "Download PDF");
        Assert.Equal("%PDF"u8.ToArray(), pdf[..4]);

        // Discarding brings the drafted text back.
        await page.GetByRole(AriaRole.Button, new() { Name = "Discard my edit" }).ClickAsync();
        await Expect(main).Not.ToContainTextAsync(added);
        await Expect(main).ToContainTextAsync("four seminars");

        Assert.True(_axe.Count == 0, string.Join("\n", _axe));
    }

    [Fact]
    public async Task The_project_pages_staff_use_have_no_axe_violations()
    {
        var account = DemoData.Accounts.First(a => a.Role == Roles.ProgrammeStaff);
        var page = await server.SignInAsync(account.Email, account.Password);
        const string project = "migration-development-capacities-spain-iom";
        var paths = new List<string>
        {
            "/projects/manage/edit", $"/projects/manage/edit/{project}", $"/projects/manage/activity/{project}",
            "/projects/manage/forum", "/projects/manage/forum?year=2009", "/projects/manage/process", "/projects/manage/process/africa-eu-partnership",
        };
        // An existing activity and a follow-up form, found from the public pages' staff links as a user would.
        paths.Add(await FirstLinkAsync(page, $"/projects/{project}", $@"^/projects/manage/activity/{project}/\d+$"));
        paths.Add(await FirstLinkAsync(page, "/global-forum/2009", @"^/projects/manage/follow-up/\d+$"));

        foreach (var path in paths)
        {
            var response = await page.GotoAsync(path);
            Assert.True(response?.Ok == true, $"{path}: {response?.Status}");
            await AxeAsync(page);
        }
        Assert.True(_axe.Count == 0, string.Join("\n", _axe));
    }

    private static async Task<string> FirstLinkAsync(IPage page, string list, string pattern)
    {
        await page.GotoAsync(list);
        var hrefs = await page.Locator("main a[href]").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('href'))");
        var found = hrefs.FirstOrDefault(h => System.Text.RegularExpressions.Regex.IsMatch(h, pattern));
        Assert.True(found is not null, $"No link matching {pattern} on {list}");
        return found!;
    }

    private static async Task<byte[]> DownloadAsync(IPage page, string link)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = link }).ClickAsync());
        await using var stream = await download.CreateReadStreamAsync();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, TestContext.Current.CancellationToken);
        return copy.ToArray();
    }

    private async Task AxeAsync(IPage page)
    {
        var result = await page.RunAxe(Wcag);
        _axe.AddRange(result.Violations.Select(v =>
            $"{page.Url}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}"));
    }
}
