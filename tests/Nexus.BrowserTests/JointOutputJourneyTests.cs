using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Nexus.Web.Data;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Coordination;
using Nexus.Web.Features.Demo;
using static Microsoft.Playwright.Assertions;

namespace Nexus.BrowserTests;

/// <summary>The journey changes the group's membership for a while, so it runs alone, after the other browser tests.</summary>
[CollectionDefinition(nameof(GroupMembership), DisableParallelization = true)]
public sealed class GroupMembership;

/// <summary>
/// A joint output from draft to the library: staff draft and circulate it, the focal points of three agencies
/// comment and sign off through their own sessions, a missing sign-off blocks publication, and a passed no-objection
/// deadline lets a second output through.
/// </summary>
[Collection(nameof(GroupMembership))]
public class JointOutputJourneyTests(NexusServer server)
{
    private const string Password = "Focal-point-journey-2026!";
    private static readonly string[] Agencies = ["iom", "ilo", "unfpa"];

    [Fact]
    public async Task Three_focal_points_comment_and_sign_off_and_publication_waits_for_all_or_for_the_deadline()
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        var emails = new Dictionary<string, string>();
        foreach (var a in Agencies) emails[a] = await FocalPointAsync(a, run);
        var restore = await OnlyMembersAsync(Agencies);
        try
        {
            var staff = await server.SignInAsync(DemoData.Accounts.First(a => a.Role == Roles.ProgrammeStaff).Email,
                DemoData.Accounts.First(a => a.Role == Roles.ProgrammeStaff).Password);
            var focal = new Dictionary<string, IPage>();
            foreach (var a in Agencies) focal[a] = await server.SignInAsync(emails[a], Password);

            // ---- first output: every agency signs off ---------------------------------------------------------
            var title = $"Joint statement on migrant workers {run}";
            var id = await DraftAndCirculateAsync(staff, title, "The members call for the **protection** of migrant workers.");
            foreach (var a in Agencies) await server.EmailAsync(emails[a], "joint-output-circulated");

            foreach (var a in Agencies)
            {
                var page = focal[a];
                await page.GotoAsync($"/coordination/space/outputs/{id}");
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
                await page.GetByLabel($"Comment for {a.ToUpperInvariant()}").FillAsync($"{a.ToUpperInvariant()} suggests naming the families too.");
                await page.GetByRole(AriaRole.Button, new() { Name = "Add comment" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your comment was added.");
                await Expect(page.GetByText($"{a.ToUpperInvariant()} suggests naming the families too.")).ToBeVisibleAsync();
            }
            await EndorseAsync(focal["iom"], id, "IOM");
            await EndorseAsync(focal["ilo"], id, "ILO");

            // UNFPA has not answered and the deadline is ahead: publication is refused and says who is missing.
            await staff.GotoAsync($"/coordination/space/outputs/{id}");
            await staff.GetByRole(AriaRole.Button, new() { Name = "Publish in the library" }).ClickAsync();
            var blocked = staff.Locator("#publish-blocked");
            await Expect(blocked).ToContainTextAsync("Publication is blocked");
            await Expect(blocked).ToContainTextAsync("UNFPA: has not answered");
            await Expect(blocked).Not.ToContainTextAsync("IOM");
            Assert.Equal(JointOutputStatus.Circulated, await StatusAsync(id));

            await EndorseAsync(focal["unfpa"], id, "UNFPA");
            Assert.Equal(JointOutputStatus.Agreed, await StatusAsync(id));
            await staff.GotoAsync($"/coordination/space/outputs/{id}");
            await staff.GetByRole(AriaRole.Button, new() { Name = "Publish in the library" }).ClickAsync();
            await Expect(staff.GetByRole(AriaRole.Status)).ToContainTextAsync("Published in the library.");
            await Expect(staff.Locator("#output-status")).ToHaveTextAsync("Published");
            await staff.GetByRole(AriaRole.Link, new() { Name = "Read it in the library" }).ClickAsync();
            await Expect(staff.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
            await Expect(staff.GetByText("Endorsed by ILO, IOM, UNFPA.")).ToBeVisibleAsync();

            // ---- second output: UNFPA stays silent past the deadline ------------------------------------------
            var second = $"Press conference speaking points {run}";
            var secondId = await DraftAndCirculateAsync(staff, second, "Three points for the principals.");
            await EndorseAsync(focal["iom"], secondId, "IOM");
            await EndorseAsync(focal["ilo"], secondId, "ILO");
            // The form refuses a deadline in the past, so the days pass in the database.
            await using (var scope = server.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var today = scope.ServiceProvider.GetRequiredService<CoordinationAccess>().Today();
                await db.JointOutputs.Where(o => o.Id == secondId).ExecuteUpdateAsync(s => s
                    .SetProperty(o => o.CommentsDue, today.AddDays(-3)).SetProperty(o => o.NoObjectionDeadline, today.AddDays(-1)));
            }
            await staff.GotoAsync($"/coordination/space/outputs/{secondId}");
            var unfpaRow = staff.GetByRole(AriaRole.Row).Filter(new() { Has = staff.GetByRole(AriaRole.Rowheader, new() { Name = "UNFPA" }) });
            await Expect(unfpaRow).ToContainTextAsync("counts as no objection");
            await staff.GetByRole(AriaRole.Button, new() { Name = "Publish in the library" }).ClickAsync();
            await Expect(staff.GetByRole(AriaRole.Status)).ToContainTextAsync("Published in the library.");
            await Expect(staff.Locator("#output-status")).ToHaveTextAsync("Published");
            await Expect(unfpaRow).ToContainTextAsync("No objection");
            await Expect(unfpaRow).ToContainTextAsync("Recorded after the deadline");

            await using (var scope = server.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var output = await db.JointOutputs.AsNoTracking().Include(o => o.SignOffs).SingleAsync(o => o.Id == secondId);
                Assert.Equal(SignOffDecision.NoObjection, output.SignOffs.Single(s => s.AgencyCode == "unfpa").Decision);
                var item = await db.LibraryItems.AsNoTracking().SingleAsync(i => i.Id == output.LibraryItemId);
                Assert.Equal(["ilo", "iom"], item.Draft.Agencies.Order());
                Assert.Contains("Did not object by the deadline: UNFPA.", item.Draft.Texts[0].Body);
            }
        }
        finally
        {
            await restore();
        }
    }

    /// <summary>Staff draft through the form, then circulate with comments due in a week and the deadline in two.</summary>
    private static async Task<int> DraftAndCirculateAsync(IPage staff, string title, string body)
    {
        await staff.GotoAsync("/coordination/space/outputs");
        await staff.GetByRole(AriaRole.Link, new() { Name = "New joint output" }).ClickAsync();
        await staff.GetByLabel("Kind").SelectOptionAsync("statement");
        await staff.GetByLabel("Lead agency").SelectOptionAsync("iom");
        await staff.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
        await staff.GetByLabel("Summary").FillAsync("Agreed by the members of the group.");
        await staff.GetByLabel("Text (Markdown)").FillAsync(body);
        await staff.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(staff.GetByRole(AriaRole.Status)).ToContainTextAsync("Draft saved.");
        var id = int.Parse(staff.Url.Split('/').Last().Split('#', '?')[0]);

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await staff.GetByLabel("Comments due").FillAsync(today.AddDays(7).ToString("yyyy-MM-dd"));
        await staff.GetByLabel("No-objection deadline").FillAsync(today.AddDays(14).ToString("yyyy-MM-dd"));
        await staff.GetByRole(AriaRole.Button, new() { Name = "Circulate to member agencies" }).ClickAsync();
        await Expect(staff.GetByRole(AriaRole.Status)).ToContainTextAsync("Circulated to the member agencies.");
        // Only the three agencies were members on the day: they alone are asked.
        await Expect(staff.GetByRole(AriaRole.Table).GetByRole(AriaRole.Rowheader)).ToHaveTextAsync(["ILO", "IOM", "UNFPA"]);
        return id;
    }

    private static async Task EndorseAsync(IPage page, int id, string acronym)
    {
        await page.GotoAsync($"/coordination/space/outputs/{id}");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Endorse for {acronym}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your agency's endorsement was recorded.");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = acronym }) });
        await Expect(row).ToContainTextAsync("Endorsed");
    }

    private async Task<JointOutputStatus> StatusAsync(int id)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.JointOutputs.Where(o => o.Id == id).Select(o => o.Status).SingleAsync();
    }

    /// <summary>A focal point of <paramref name="agency"/> who signs in with a password, as a person would.</summary>
    private async Task<string> FocalPointAsync(string agency, string run)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = $"focal.{agency}.{run}@example.org";
        var user = new AppUser
        {
            UserName = email, Email = email, EmailConfirmed = true, FullName = $"{agency.ToUpperInvariant()} Focal Point {run}",
            Organization = agency.ToUpperInvariant(), Language = "en", CreatedAt = DateTime.UtcNow, AgencyCode = agency,
        };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, Roles.AgencyFocalPoint)).Succeeded);
        return email;
    }

    /// <summary>
    /// Makes <paramref name="codes"/> the group's only members from yesterday on, so that circulation asks just
    /// them; returns what puts the membership back as it was.
    /// </summary>
    private async Task<Func<Task>> OnlyMembersAsync(string[] codes)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var yesterday = scope.ServiceProvider.GetRequiredService<CoordinationAccess>().Today().AddDays(-1);
        var before = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Code, a => (a.MemberSince, a.MemberUntil));
        foreach (var agency in await db.Agencies.ToListAsync())
        {
            if (codes.Contains(agency.Code)) (agency.MemberSince, agency.MemberUntil) = (agency.MemberSince ?? yesterday, null);
            else if (agency.IsMemberOn(yesterday.AddDays(1))) agency.MemberUntil = yesterday;
        }
        await db.SaveChangesAsync();
        return async () =>
        {
            await using var restoring = server.Services.CreateAsyncScope();
            var rdb = restoring.ServiceProvider.GetRequiredService<AppDbContext>();
            foreach (var agency in await rdb.Agencies.ToListAsync())
                if (before.TryGetValue(agency.Code, out var was)) (agency.MemberSince, agency.MemberUntil) = was;
            await rdb.SaveChangesAsync();
        };
    }
}
