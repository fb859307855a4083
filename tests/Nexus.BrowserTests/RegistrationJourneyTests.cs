using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Nexus.BrowserTests;

public class RegistrationJourneyTests(NexusServer server)
{
    [Fact]
    public async Task A_delegate_finds_a_seminar_registers_reads_the_email_and_cancels_by_its_link()
    {
        var target = await Api.OpenEventWithSeatsAsync(server);
        var email = $"delegate.{Guid.NewGuid():N}@example.org";
        var page = await server.NewPageAsync();

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Events" }).ClickAsync();
        await page.GetByLabel("When", new() { Exact = true }).SelectOptionAsync("upcoming");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = target.Title, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(target.Title);

        await page.GetByRole(AriaRole.Link, new() { Name = "Register", Exact = true }).ClickAsync();
        await page.GetByLabel("Full name", new() { Exact = true }).FillAsync("Amina Diallo");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Organisation", new() { Exact = true }).FillAsync("Permanent Mission of Senegal");
        await page.GetByLabel("Stakeholder group", new() { Exact = true }).SelectOptionAsync("member-state");
        await page.GetByLabel("Country", new() { Exact = true }).SelectOptionAsync("SEN");
        await page.GetByLabel("Female", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Expect(page.Locator("#registration-result")).ToContainTextAsync("You are registered");

        var confirmation = await server.EmailAsync(email, "registration-confirmed");
        Assert.NotNull(confirmation.CalendarAttachment);
        var cancelLink = Regex.Match(confirmation.TextBody, @"https?://\S+/registrations/cancel/\S+").Value;
        Assert.False(string.IsNullOrEmpty(cancelLink), "The confirmation email has no cancel link:\n" + confirmation.TextBody);

        await page.GotoAsync(cancelLink);
        await Expect(page.Locator("#registration-status")).ToHaveTextAsync("Confirmed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel my registration" }).ClickAsync();
        await Expect(page.Locator("#registration-status")).ToHaveTextAsync("Cancelled");
        await server.EmailAsync(email, "registration-cancelled");
    }

    [Fact]
    public async Task A_second_submit_of_the_same_form_registers_once_and_a_bad_form_names_the_fields()
    {
        var target = await Api.OpenEventWithSeatsAsync(server);
        var page = await server.NewPageAsync();
        await page.GotoAsync($"/events/{target.Id}/register");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        var summary = page.Locator("#error-summary");
        await Expect(summary).ToBeVisibleAsync();
        await Expect(page.Locator("#fullName-error")).ToHaveTextAsync("Required.");
        await Expect(page.Locator("#email-error")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Full name")).ToHaveAttributeAsync("aria-invalid", "true");
    }
}
