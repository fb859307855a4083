using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace Nexus.BrowserTests;

/// <summary>axe-core on the public pages, in English, French and the right-to-left (Arabic) layout.</summary>
public class AccessibilityTests(NexusServer server)
{
    public static TheoryData<string> Cultures => new() { "en", "fr", "ar" };

    [Theory]
    [MemberData(nameof(Cultures))]
    public async Task Public_pages_have_no_axe_violations(string culture)
    {
        var target = await Api.OpenEventWithSeatsAsync(server);
        var page = await server.NewPageAsync();
        await page.GotoAsync($"/culture/{culture}?returnUrl=/");
        Assert.Equal(culture, await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal(culture == "ar" ? "rtl" : "ltr", await page.Locator("html").GetAttributeAsync("dir"));

        string[] paths =
        [
            "/", "/events", "/events?when=past", $"/events/{target.Id}/{target.Slug}", $"/events/{target.Id}/register",
            $"/events/{target.Id}/participants", "/series", "/account/sign-in", "/account/sign-up", "/error/404",
            "/library", "/library?q=migrants+crisis&kind=fact-sheet", "/library/themes", "/library/themes/economic-crisis",
            "/library/agencies/unitar", await Api.FirstLibraryItemPathAsync(server),
            "/data", "/data/areas", "/data/areas/608", "/data/indicators", "/data/indicators/migrant-stock-share", "/data/compare",
            "/certificates/verify", "/certificates/verify/ZZZZZ-ZZZZZ", "/courses", "/courses/international-migration-law",
            "/projects", "/projects/migration-development-capacities-spain-iom", "/global-forum", "/global-forum/2009",
            "/processes", "/processes/africa-eu-partnership",
        ];
        var failures = new List<string>();
        foreach (var path in paths)
        {
            await page.GotoAsync(path);
            var result = await page.RunAxe(new AxeRunOptions
            {
                RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
            });
            failures.AddRange(result.Violations.Select(v =>
                $"{culture} {path}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}"));
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
