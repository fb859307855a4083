using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Tests.Pages;
using Nexus.Web.Data;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Coordination;
using Nexus.Web.Features.Coordination.Documents;
using Nexus.Web.Features.Coordination.Meetings;
using Nexus.Web.Infrastructure;

namespace Nexus.Tests.Coordination;

/// <summary>Meetings, action items followed up across meetings, their reminders, chair terms and group documents.</summary>
public abstract class MeetingTests(AppFixture fixture)
{
    private AppFactory App => fixture.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<int> MeetingAsync(string title, DateOnly date)
    {
        await using var scope = App.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var m = new Meeting { Kind = MeetingKind.FocalPoints, Title = title, Date = date };
        db.Meetings.Add(m);
        await db.SaveChangesAsync(Ct);
        return m.Id;
    }

    [Fact]
    public async Task An_action_raised_at_one_meeting_is_reviewed_at_the_next_and_closed_by_its_owner()
    {
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var first = await MeetingAsync("First follow-up meeting", new(2031, 3, 1));
        var second = await MeetingAsync("Second follow-up meeting", new(2031, 6, 1));
        var response = await staff.PostFormAsync($"/coordination/space/meetings/{first}?handler=Action",
            new() { ["actionTitle"] = "Draft the symposium's concept note", ["owner"] = "ilo", ["due"] = "2031-05-01" }, $"/coordination/space/meetings/{first}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var item = await App.Db(db => db.ActionItems.AsNoTracking().SingleAsync(a => a.Title == "Draft the symposium's concept note", Ct));

        // The second meeting lists it for follow-up and records the review.
        var (_, html) = await staff.GetAsync($"/coordination/space/meetings/{second}");
        Assert.Contains("Draft the symposium&#x27;s concept note", html[html.IndexOf("id=\"review\"", StringComparison.Ordinal)..]);
        response = await staff.PostFormAsync($"/coordination/space/meetings/{second}?handler=Review",
            new() { ["itemId"] = item.Id.ToString(), ["version"] = item.Version.ToString(), ["text"] = "Outline agreed", ["status"] = "InProgress" },
            $"/coordination/space/meetings/{second}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var update = await App.Db(db => db.ActionUpdates.AsNoTracking().SingleAsync(u => u.ActionItemId == item.Id, Ct));
        Assert.Equal((second, ActionStatus.InProgress), (update.MeetingId!.Value, update.Status!.Value));

        // Its owner's focal point closes it; the first meeting's page no longer lists it as open anywhere.
        var (ilo, _) = await GroupTestData.FocalPointAsync(App, "ilo");
        var version = await App.Db(db => db.ActionItems.Where(a => a.Id == item.Id).Select(a => a.Version).SingleAsync(Ct));
        response = await ilo.PostFormAsync($"/coordination/space/actions/{item.Id}",
            new() { ["version"] = version.ToString(), ["text"] = "Sent to members", ["status"] = "Done", ["due"] = "2040-01-01" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var closed = await App.Db(db => db.ActionItems.AsNoTracking().SingleAsync(a => a.Id == item.Id, Ct));
        Assert.Equal(ActionStatus.Done, closed.Status);
        Assert.NotNull(closed.ClosedAt);
        Assert.Equal(new DateOnly(2031, 5, 1), closed.Due); // an owner reports; only the chair moves a due date
    }

    [Fact]
    public async Task An_update_based_on_a_stale_version_is_refused_with_a_message()
    {
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var meeting = await MeetingAsync("Stale version meeting", new(2031, 1, 1));
        var id = await App.Db(async db =>
        {
            var a = new ActionItem { MeetingId = meeting, Title = "Stale", OwnerAgencyCode = "iom", Status = ActionStatus.Open, Version = 3 };
            db.ActionItems.Add(a);
            await db.SaveChangesAsync(Ct);
            return a.Id;
        });
        var response = await staff.PostFormAsync($"/coordination/space/actions/{id}", new() { ["version"] = "2", ["text"] = "Old view", ["status"] = "Dropped" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Someone else updated this action item meanwhile", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(ActionStatus.Open, await App.Db(db => db.ActionItems.Where(a => a.Id == id).Select(a => a.Status).SingleAsync(Ct)));
    }

    [Theory]
    [InlineData("", "WorkingGroup", "2031-01-01", "title")]
    [InlineData("A meeting", "", "2031-01-01", "kind")]
    [InlineData("A meeting", "Banquet", "2031-01-01", "kind")]
    [InlineData("A meeting", "Retreat", "", "date")]
    [InlineData("A meeting", "Retreat", "9999-12-31", "date")]
    public async Task A_bad_meeting_form_names_the_field_and_stores_nothing(string title, string kind, string date, string field)
    {
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var before = await App.Db(db => db.Meetings.CountAsync(Ct));
        var response = await staff.PostFormAsync("/coordination/space/meetings", new() { ["Form.Title"] = title, ["Form.Kind"] = kind, ["Form.Date"] = date });
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"id=\"{field}-error\"", html);
        Assert.Equal(before, await App.Db(db => db.Meetings.CountAsync(Ct)));
    }

    [Fact]
    public async Task Hostile_text_in_minutes_is_shown_as_text()
    {
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var id = await MeetingAsync("Hostile minutes", new(2031, 2, 2));
        var response = await staff.PostFormAsync($"/coordination/space/meetings/{id}?handler=Save", new()
        {
            ["Form.Title"] = "Hostile <script>alert(1)</script>", ["Form.Kind"] = "Principals", ["Form.Date"] = "2031-02-02",
            ["Minutes"] = "<script>alert('x')</script><img src=x onerror=alert(2)> '; DROP TABLE \"Meetings\"; --",
        }, $"/coordination/space/meetings/{id}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, html) = await staff.GetAsync($"/coordination/space/meetings/{id}");
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<img src=x onerror", html);
        Assert.Contains("Hostile &lt;script&gt;", html);
        Assert.True(await App.Db(db => db.Meetings.AnyAsync(m => m.Id == id, Ct)));
    }

    [Fact]
    public async Task Reminders_go_to_the_owner_agencys_focal_points_once_per_due_date()
    {
        var (_, focal) = await GroupTestData.FocalPointAsync(App, "unhcr");
        var (_, other) = await GroupTestData.FocalPointAsync(App, "unicef");
        var today = await App.With<CoordinationAccess, DateOnly>(a => Task.FromResult(a.Today()));
        var meeting = await MeetingAsync("Reminder meeting", today.AddDays(-30));
        var ids = await App.Db(async db =>
        {
            var soon = new ActionItem { MeetingId = meeting, Title = "Due soon", OwnerAgencyCode = "unhcr", Due = today.AddDays(3), Status = ActionStatus.Open };
            var later = new ActionItem { MeetingId = meeting, Title = "Due later", OwnerAgencyCode = "unhcr", Due = today.AddDays(60), Status = ActionStatus.Open };
            var done = new ActionItem { MeetingId = meeting, Title = "Done already", OwnerAgencyCode = "unhcr", Due = today.AddDays(2), Status = ActionStatus.Done };
            db.ActionItems.AddRange(soon, later, done);
            await db.SaveChangesAsync(Ct);
            return (soon.Id, later.Id);
        });
        async Task<List<string>> MailsAsync() => await App.Db(db => db.Outbox.AsNoTracking().Where(m => m.Kind == "action-reminder" && m.To == focal.Email)
            .Select(m => m.Subject).ToListAsync(Ct));

        await App.With<ActionReminders, int>(r => r.SendAsync(Ct));
        var mails = await MailsAsync();
        Assert.Equal(["Due soon"], mails.Select(s => s[(s.IndexOf(": ", StringComparison.Ordinal) + 2)..]).ToList());
        Assert.False(await App.Db(db => db.Outbox.AnyAsync(m => m.To == other.Email, Ct)));

        // Again: nothing new. After the chair moves the date: one more.
        await App.With<ActionReminders, int>(r => r.SendAsync(Ct));
        Assert.Single(await MailsAsync());
        await App.Db(db => db.ActionItems.Where(a => a.Id == ids.Item1).ExecuteUpdateAsync(s => s.SetProperty(a => a.Due, today.AddDays(5)), Ct));
        await App.With<ActionReminders, int>(r => r.SendAsync(Ct));
        Assert.Equal(2, (await MailsAsync()).Count);

        // The later item enters the window as the days pass.
        fixture.Clock!.Advance(TimeSpan.FromDays(55));
        await App.With<ActionReminders, int>(r => r.SendAsync(Ct));
        Assert.Contains(await MailsAsync(), s => s.EndsWith("Due later", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Overlapping_terms_are_refused_with_the_other_chair_named()
    {
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        await App.Db(async db =>
        {
            db.ChairTerms.Add(new ChairTerm { AgencyCode = "unesco", Start = new(2060, 1, 1), End = new(2060, 6, 30) });
            return await db.SaveChangesAsync(Ct);
        });
        var response = await staff.PostFormAsync("/coordination/space/chairs?handler=Save",
            new() { ["Agency"] = "fao", ["Start"] = "2060-06-30", ["End"] = "2060-12-31" }, "/coordination/space/chairs");
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("overlaps UNESCO", html);
        Assert.False(await App.Db(db => db.ChairTerms.AnyAsync(t => t.AgencyCode == "fao" && t.Start.Year == 2060, Ct)));

        response = await staff.PostFormAsync("/coordination/space/chairs?handler=Save",
            new() { ["Agency"] = "fao", ["Start"] = "2060-07-01", ["End"] = "2060-12-31" }, "/coordination/space/chairs");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var term = await App.Db(db => db.ChairTerms.Include(t => t.Handover).AsNoTracking().SingleAsync(t => t.AgencyCode == "fao" && t.Start.Year == 2060, Ct));
        Assert.NotEmpty(term.Handover); // a new term starts with the handover checklist
    }

    [Fact]
    public async Task A_document_revision_stays_a_draft_until_approved_and_a_stale_revision_is_refused()
    {
        var docs = await App.With<GroupDocuments, GroupDocument?>(d => d.CreateAsync(GroupDocumentKind.RulesOfEngagement, "Rules", "First text", "tester", new FieldErrors(), Ct));
        Assert.NotNull(docs);
        var id = docs!.Id;
        var errors = new FieldErrors();
        Assert.True(await App.With<GroupDocuments, bool>(d => d.ApproveAsync(id, 1, new DateOnly(2009, 10, 9), "Retreat", null, errors, Ct)));
        Assert.NotNull(await App.With<GroupDocuments, GroupDocumentVersion?>(d => d.ReviseAsync(id, 1, "Second text", "why", "tester", new FieldErrors(), Ct)));
        var stale = new FieldErrors();
        Assert.Null(await App.With<GroupDocuments, GroupDocumentVersion?>(d => d.ReviseAsync(id, 1, "Lost text", null, "tester", stale, Ct)));
        Assert.Contains("Version 2 was saved meanwhile", stale.ToDictionary()["body"][0]);

        var versions = await App.Db(db => db.GroupDocumentVersions.AsNoTracking().Where(v => v.DocumentId == id).ToListAsync(Ct));
        Assert.Equal(1, GroupDocuments.InForce(versions)!.Number);
        Assert.True(await App.With<GroupDocuments, bool>(d => d.ApproveAsync(id, 2, new DateOnly(2010, 3, 1), "Principals", null, new FieldErrors(), Ct)));
        versions = await App.Db(db => db.GroupDocumentVersions.AsNoTracking().Where(v => v.DocumentId == id).ToListAsync(Ct));
        Assert.Equal(2, GroupDocuments.InForce(versions)!.Number);
        Assert.DoesNotContain(versions, v => v.Body == "Lost text");
    }
}

public sealed class MeetingTestsOnSqlite(SqliteAppWithClock fixture) : MeetingTests(fixture), IClassFixture<SqliteAppWithClock>;
public sealed class MeetingTestsOnPostgres(PostgresAppWithClock fixture) : MeetingTests(fixture), IClassFixture<PostgresAppWithClock>;
