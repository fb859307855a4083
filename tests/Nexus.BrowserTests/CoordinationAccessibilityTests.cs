using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Nexus.Web.Features.Demo;

namespace Nexus.BrowserTests;

/// <summary>
/// axe-core on the inter-agency group's pages: the public page in every layout, and each page of the group space
/// as the demo chair's focal point sees it (the account that sees every form: it runs the group and answers surveys).
/// </summary>
[Collection(nameof(GroupMembership))]
public class CoordinationAccessibilityTests(NexusServer server)
{
    private static readonly AxeRunOptions Wcag = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    [Theory]
    [MemberData(nameof(AccessibilityTests.Cultures), MemberType = typeof(AccessibilityTests))]
    public async Task The_public_group_page_has_no_axe_violations(string culture)
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync($"/culture/{culture}?returnUrl=/coordination");
        await page.GotoAsync("/coordination");
        await Assertions.Expect(page.Locator("#troika")).ToBeVisibleAsync();
        var result = await page.RunAxe(Wcag);
        Assert.True(result.Violations.Length == 0, string.Join("\n", result.Violations.Select(v => $"{culture}: {v.Id} {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}")));
    }

    [Fact]
    public async Task The_group_space_pages_have_no_axe_violations()
    {
        var chair = DemoData.Accounts.First(a => a.Email == DemoData.ChairEmail);
        var page = await server.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(chair.Email);
        await page.GetByLabel("Password").FillAsync(chair.Password);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/sign-in"));

        var paths = new List<string>
        {
            "/coordination/space", "/coordination/space/chairs", "/coordination/space/workplans", "/coordination/space/meetings",
            "/coordination/space/actions?status=all", "/coordination/space/outputs", "/coordination/space/surveys",
            "/coordination/space/documents", "/coordination/space/agencies",
        };
        // One of each detail page, found from the lists as a user would.
        foreach (var (list, pattern) in new[]
        {
            ("/coordination/space/workplans", @"^/coordination/space/workplans/\d+$"),
            ("/coordination/space/meetings", @"^/coordination/space/meetings/\d+$"),
            ("/coordination/space/actions?status=all", @"^/coordination/space/actions/\d+$"),
            ("/coordination/space/outputs", @"^/coordination/space/outputs/\d+$"),
            ("/coordination/space/surveys", @"^/coordination/space/surveys/\d+"),
            ("/coordination/space/documents", @"^/coordination/space/documents/\d+$"),
        })
        {
            await page.GotoAsync(list);
            var hrefs = await page.Locator("main a[href]").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('href'))");
            var found = hrefs.FirstOrDefault(h => System.Text.RegularExpressions.Regex.IsMatch(h, pattern));
            Assert.True(found is not null, $"No link matching {pattern} on {list}");
            paths.Add(found!);
        }
        var workplan = paths.First(p => System.Text.RegularExpressions.Regex.IsMatch(p, @"/workplans/\d+$"));
        paths.Add(workplan + "/progress");
        await page.GotoAsync(workplan);
        var activity = (await page.Locator("main a[href*='/activities/']").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('href'))"))
            .First(h => System.Text.RegularExpressions.Regex.IsMatch(h, @"/activities/\d+$"));
        paths.Add(activity);

        var failures = new List<string>();
        foreach (var path in paths)
        {
            var response = await page.GotoAsync(path);
            Assert.True(response?.Ok == true, $"{path}: {response?.Status}");
            var result = await page.RunAxe(Wcag);
            failures.AddRange(result.Violations.Select(v =>
                $"{path}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}"));
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
