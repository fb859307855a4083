using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Nexus.Web.Data;
using Nexus.Web.Features.Demo;
using Nexus.Web.Features.Registrations;
using static Microsoft.Playwright.Assertions;

namespace Nexus.BrowserTests;

public class StaffJourneyTests(NexusServer server)
{
    private async Task<IPage> SignedInStaffAsync()
    {
        var staff = DemoData.Accounts.First(a => a.Role == "ProgrammeStaff");
        var page = await server.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(staff.Email);
        await page.GetByLabel("Password").FillAsync(staff.Password);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Manage" })).ToBeVisibleAsync();
        return page;
    }

    [Fact]
    public async Task Staff_approve_a_pending_registration()
    {
        var target = await Api.ApprovalEventAsync(server);
        var name = $"Pending Person {Guid.NewGuid():N}"[..24];
        var email = $"pending.{Guid.NewGuid():N}@example.org";
        var id = await Api.RegisterAsync(server, target.Id, name, email);
        await server.EmailAsync(email, "registration-pending");

        var page = await SignedInStaffAsync();
        await page.GotoAsync($"/registrations/manage/{target.Id}?status=pending");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Approve {name}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Done.");

        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var status = await db.Registrations.Where(r => r.Id == id).Select(r => r.Status).SingleAsync();
        Assert.True(status is RegistrationStatus.Confirmed or RegistrationStatus.Waitlisted, $"status is {status}");
        await server.EmailAsync(email, status == RegistrationStatus.Confirmed ? "registration-confirmed" : "registration-waitlisted");
    }

    [Fact]
    public async Task Staff_check_a_participant_in_by_the_ticket_code_and_a_second_scan_records_nothing_new()
    {
        var target = await Api.OpenEventWithSeatsAsync(server);
        var email = $"ticket.{Guid.NewGuid():N}@example.org";
        var id = await Api.RegisterAsync(server, target.Id, "Jorge Ramírez Ortega", email);
        var confirmation = await server.EmailAsync(email, "registration-confirmed");
        var ticketUrl = System.Text.RegularExpressions.Regex.Match(confirmation.TextBody, @"https?://\S+/tickets/\S+").Value;

        // The participant's ticket shows a QR code that links to the check-in page with the ticket secret.
        var participant = await server.NewPageAsync();
        await participant.GotoAsync(ticketUrl);
        await Expect(participant.GetByRole(AriaRole.Img, new() { Name = "QR code for check-in" })).ToBeVisibleAsync();
        var code = ticketUrl[(ticketUrl.LastIndexOf('/') + 1)..];

        var page = await SignedInStaffAsync();
        await page.GotoAsync($"/registrations/manage/checkin?code={Uri.EscapeDataString(code)}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check in Jorge Ramírez Ortega" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("is checked in");

        // Scanning the same ticket again: the person shows as attended and there is nothing more to press.
        await page.GotoAsync($"/registrations/manage/checkin?code={Uri.EscapeDataString(code)}");
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Jorge Ramírez Ortega" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Check in Jorge Ramírez Ortega" })).ToHaveCountAsync(0);

        // Staff can also find someone by name for the event.
        await page.GotoAsync($"/registrations/manage/checkin?eventId={target.Id}");
        await page.GetByLabel("Search by name or organisation").FillAsync("Ramírez");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Jorge Ramírez Ortega" })).ToBeVisibleAsync();

        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(RegistrationStatus.Attended, await db.Registrations.Where(r => r.Id == id).Select(r => r.Status).SingleAsync());
        Assert.Equal(1, await db.RegistrationLog.CountAsync(l => l.RegistrationId == id && l.Action == "checked-in"));
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_from_staff_pages()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/events/manage");
        Assert.Contains("/account/sign-in", page.Url);
    }
}
