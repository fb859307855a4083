using Microsoft.Extensions.DependencyInjection;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Nexus.Tests.Pages;
using Nexus.Web.Data;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Coordination;

namespace Nexus.Tests.Coordination;

/// <summary>
/// Every page and endpoint of the group against every role: the public, a participant, a focal point without an
/// agency, the focal point of a partner that is not a member, a member agency's focal point, the chairing agency's focal point and programme staff. Refused writes
/// leave the data as it was.
/// </summary>
public abstract class CoordinationAuthorizationTests(AppFixture fixture) : IAsyncLifetime
{
    private AppFactory App => fixture.App;

    public enum Who { Public, Participant, FocalWithoutAgency, NonMemberFocal, Member, Chair, Staff }

    private readonly Dictionary<Who, PageSession> _sessions = [];
    private int _meetingId, _actionId, _documentId, _termId;

    public async ValueTask InitializeAsync()
    {
        await GroupTestData.ChairTodayAsync(App, "unitar");
        _sessions[Who.Public] = PageSession.Anonymous(App);
        _sessions[Who.Participant] = (await PageSession.SignedInAsync(App, Roles.Participant)).Session;
        _sessions[Who.FocalWithoutAgency] = (await PageSession.SignedInAsync(App, Roles.AgencyFocalPoint)).Session;
        _sessions[Who.NonMemberFocal] = (await GroupTestData.FocalPointAsync(App, "macarthur")).Session;
        _sessions[Who.Member] = (await GroupTestData.FocalPointAsync(App, "iom")).Session;
        _sessions[Who.Chair] = (await GroupTestData.FocalPointAsync(App, "unitar")).Session;
        _sessions[Who.Staff] = (await PageSession.SignedInAsync(App, Roles.ProgrammeStaff)).Session;
        await using var scope = App.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var meeting = new Meeting { Kind = MeetingKind.Principals, Title = "Principals", Date = new(2009, 10, 9) };
        db.Meetings.Add(meeting);
        var doc = new GroupDocument
        {
            Kind = GroupDocumentKind.TermsOfReference, Title = "Terms",
            Versions = [new() { Number = 1, Body = "Text", CreatedAt = DateTime.UtcNow, CreatedBy = "t" }],
        };
        db.GroupDocuments.Add(doc);
        await db.SaveChangesAsync();
        var action = new ActionItem { MeetingId = meeting.Id, Title = "An action owned by IOM", OwnerAgencyCode = "iom", Status = ActionStatus.Open };
        db.ActionItems.Add(action);
        await db.SaveChangesAsync();
        (_meetingId, _actionId, _documentId) = (meeting.Id, action.Id, doc.Id);
        if (!await db.Workplans.AnyAsync(w => w.Year == 2009))
        {
            db.Workplans.Add(new Workplan { Year = 2009, Title = "Adopted plan", Start = new(2009, 6, 1), End = new(2010, 7, 31), Status = WorkplanStatus.Adopted });
            await db.SaveChangesAsync();
        }
        _termId = await db.ChairTerms.Where(t => t.AgencyCode == "unitar").OrderByDescending(t => t.Start).Select(t => t.Id).FirstAsync();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private string[] SpacePages =>
    [
        "/coordination/space", "/coordination/space/chairs", "/coordination/space/meetings", $"/coordination/space/meetings/{_meetingId}",
        "/coordination/space/actions", $"/coordination/space/actions/{_actionId}", "/coordination/space/documents",
        $"/coordination/space/documents/{_documentId}", "/coordination/space/agencies",
        // The other sections' lists; their detail pages and writes have their own per-role tests
        // (WorkplanPagesTests, JointOutputAccessTests, SurveyPagesTests).
        "/coordination/space/workplans", "/coordination/space/outputs", "/coordination/space/surveys",
    ];

    private static void AssertSignIn(HttpResponseMessage r, string what)
    {
        Assert.True(r.StatusCode == HttpStatusCode.Redirect, $"{what}: {(int)r.StatusCode}");
        Assert.StartsWith("/account/sign-in", r.Headers.Location!.PathAndQuery);
    }

    private static void AssertDenied(HttpResponseMessage r, string what)
    {
        Assert.True(r.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Forbidden, $"{what}: {(int)r.StatusCode}");
        if (r.StatusCode == HttpStatusCode.Redirect) Assert.StartsWith("/account/denied", r.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task The_public_page_and_the_api_are_open_to_everyone()
    {
        foreach (var (who, session) in _sessions)
            foreach (var url in new[] { "/coordination", "/api/v1/coordination/agencies", "/api/v1/coordination/troika", "/api/v1/coordination/workplans/2009" })
            {
                var (response, _) = await session.GetAsync(url);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{who} {url}: {(int)response.StatusCode}");
            }
    }

    [Theory]
    [InlineData(Who.Public)]
    [InlineData(Who.Participant)]
    [InlineData(Who.FocalWithoutAgency)]
    [InlineData(Who.NonMemberFocal)]
    public async Task Outsiders_cannot_read_the_group_space(Who who)
    {
        foreach (var url in SpacePages)
        {
            var (response, html) = await _sessions[who].GetAsync(url);
            if (who == Who.Public) AssertSignIn(response, url); else AssertDenied(response, $"{who} {url}");
            Assert.DoesNotContain("An action owned by IOM", html);
        }
    }

    [Theory]
    [InlineData(Who.Member)]
    [InlineData(Who.Chair)]
    [InlineData(Who.Staff)]
    public async Task Members_read_every_page_of_the_group_space(Who who)
    {
        foreach (var url in SpacePages)
        {
            var (response, _) = await _sessions[who].GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{who} {url}: {(int)response.StatusCode}");
        }
    }

    /// <summary>A write, who may do it, and how to count what it changes.</summary>
    private sealed record Write(string Name, string Url, Dictionary<string, string> Form, Who[] Allowed, Func<AppDbContext, Task<int>> Count, string? FormUrl = null);

    private IEnumerable<Write> Writes()
    {
        yield return new("schedule a meeting", "/coordination/space/meetings",
            new() { ["Form.Title"] = "Write test meeting", ["Form.Kind"] = "WorkingGroup", ["Form.Date"] = "2030-01-10" },
            [Who.Chair, Who.Staff], db => db.Meetings.CountAsync(m => m.Title == "Write test meeting"));
        yield return new("add a decision", $"/coordination/space/meetings/{_meetingId}?handler=Decision",
            new() { ["decision"] = "Write test decision" }, [Who.Chair, Who.Staff], db => db.MeetingDecisions.CountAsync(d => d.Text == "Write test decision"),
            $"/coordination/space/meetings/{_meetingId}");
        yield return new("raise an action", $"/coordination/space/meetings/{_meetingId}?handler=Action",
            new() { ["actionTitle"] = "Write test action", ["owner"] = "ilo" }, [Who.Chair, Who.Staff],
            db => db.ActionItems.CountAsync(a => a.Title == "Write test action"), $"/coordination/space/meetings/{_meetingId}");
        yield return new("add a term", "/coordination/space/chairs?handler=Save",
            new() { ["Agency"] = "who", ["Start"] = "2090-01-01", ["End"] = "2090-01-01" }, [Who.Staff],
            db => db.ChairTerms.CountAsync(t => t.AgencyCode == "who" && t.Start.Year == 2090), "/coordination/space/chairs");
        yield return new("tick a handover step", "/coordination/space/chairs?handler=AddTask",
            new() { ["termId"] = _termId.ToString(), ["title"] = "Write test step" }, [Who.Chair, Who.Staff],
            db => db.HandoverTasks.CountAsync(t => t.Title == "Write test step"), "/coordination/space/chairs");
        yield return new("create a document", "/coordination/space/documents",
            new() { ["Title"] = "Write test document", ["Kind"] = "Other", ["Body"] = "Text" }, [Who.Chair, Who.Staff],
            db => db.GroupDocuments.CountAsync(d => d.Title == "Write test document"));
        yield return new("revise a document", $"/coordination/space/documents/{_documentId}?handler=Revise",
            new() { ["basedOn"] = "PLACEHOLDER", ["Body"] = "Write test revision" }, [Who.Chair, Who.Staff],
            db => db.GroupDocumentVersions.CountAsync(v => v.Body == "Write test revision"), $"/coordination/space/documents/{_documentId}");
        yield return new("update an action", $"/coordination/space/actions/{_actionId}",
            new() { ["version"] = "PLACEHOLDER", ["text"] = "Write test update" }, [Who.Member, Who.Chair, Who.Staff],
            db => db.ActionUpdates.CountAsync(u => u.Text == "Write test update"));
        yield return new("change an agency", "/coordination/space/agencies?handler=Agency",
            new() { ["Code"] = "fao", ["Kind"] = "SpecialisedAgency", ["MemberSince"] = "2009-06-01", ["Website"] = "https://example.org/write-test" },
            [Who.Staff], db => db.Agencies.CountAsync(a => a.Website == "https://example.org/write-test"), "/coordination/space/agencies");
    }

    [Fact]
    public async Task Each_write_is_allowed_to_its_roles_only_and_a_refusal_changes_nothing()
    {
        foreach (var write in Writes())
            foreach (var who in new[] { Who.Participant, Who.FocalWithoutAgency, Who.NonMemberFocal, Who.Member, Who.Chair, Who.Staff })
            {
                var form = new Dictionary<string, string>(write.Form);
                // Versioned writes carry the version the writer saw.
                if (form.TryGetValue("basedOn", out _))
                    form["basedOn"] = (await App.Db(db => db.GroupDocumentVersions.Where(v => v.DocumentId == _documentId).MaxAsync(v => v.Number))).ToString();
                if (form.TryGetValue("version", out _))
                    form["version"] = (await App.Db(db => db.ActionItems.Where(a => a.Id == _actionId).Select(a => a.Version).FirstAsync())).ToString();
                var before = await App.Db(write.Count);
                // Outsiders cannot load the form, so they post with a token from a page they can see.
                var formUrl = who is Who.Participant or Who.FocalWithoutAgency or Who.NonMemberFocal ? "/accounts/manage" : write.FormUrl;
                var response = await _sessions[who].PostFormAsync(write.Url, form, formUrl);
                var after = await App.Db(write.Count);
                if (write.Allowed.Contains(who))
                {
                    Assert.True(response.StatusCode == HttpStatusCode.Redirect && !response.Headers.Location!.OriginalString.Contains("denied"),
                        $"{who} could not {write.Name}: {(int)response.StatusCode} {response.Headers.Location}");
                    Assert.True(after > before, $"{who}: {write.Name} stored nothing");
                    // Undo, so that the next allowed role's write is counted afresh where the write is unique.
                    if (write.Name == "add a term") await App.Db(db => db.ChairTerms.Where(t => t.Start.Year == 2090).ExecuteDeleteAsync());
                    if (write.Name == "change an agency") await App.Db(db => db.Agencies.Where(a => a.Code == "fao").ExecuteUpdateAsync(s => s.SetProperty(a => a.Website, "https://www.fao.org")));
                }
                else
                {
                    AssertDenied(response, $"{who} {write.Name}");
                    Assert.Equal(before, after);
                }
            }
    }
}

public sealed class CoordinationAuthorizationTestsOnSqlite(SqliteApp fixture) : CoordinationAuthorizationTests(fixture), IClassFixture<SqliteApp>;
public sealed class CoordinationAuthorizationTestsOnPostgres(PostgresApp fixture) : CoordinationAuthorizationTests(fixture), IClassFixture<PostgresApp>;
