using System.Net;
using Microsoft.EntityFrameworkCore;
using Nexus.Tests.Pages;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Coordination;
using static Nexus.Tests.Coordination.JointOutputTestData;

namespace Nexus.Tests.Coordination;

/// <summary>
/// Two people on one output: a save on top of someone else's change is refused with a clear message and nothing
/// changes; answers of different agencies given at the same moment are all kept; a double publication makes one
/// library item.
/// </summary>
public class JointOutputConcurrencyTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private AppFactory App => fixture.App;

    private async Task<PageSession> StaffAsync() => (await PageSession.SignedInAsync(App, Roles.ProgrammeStaff)).Session;

    [Fact]
    public async Task An_edit_on_top_of_a_newer_version_is_refused_and_keeps_the_newer_text()
    {
        var (first, second) = (await StaffAsync(), await StaffAsync());
        var id = await DraftAsync(first, Draft(title: "Original"));
        var opened = (await LoadAsync(App, id)).Version.ToString();

        var mine = Draft(title: "First editor's title");
        mine["Input.Version"] = opened;
        Assert.Equal(HttpStatusCode.Redirect, (await first.PostFormAsync($"/coordination/space/outputs/edit/{id}", mine)).StatusCode);

        var theirs = Draft(title: "Second editor's title");
        theirs["Input.Version"] = opened; // opened before the first save
        var refused = await second.PostFormAsync($"/coordination/space/outputs/edit/{id}", theirs);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var html = await refused.HtmlAsync();
        Assert.Contains("id=\"problem\"", html);
        Assert.Contains("Someone else changed this output", html);
        Assert.Contains("Second editor&#x27;s title", html); // the typed text is still in the form
        Assert.Equal("First editor's title", (await LoadAsync(App, id)).Title);

        // A form with no version or a mangled one cannot prove it is current.
        theirs["Input.Version"] = "abc";
        Assert.Equal(HttpStatusCode.Conflict, (await second.PostFormAsync($"/coordination/space/outputs/edit/{id}", theirs)).StatusCode);
    }

    [Fact]
    public async Task Every_save_moves_the_version()
    {
        var staff = await StaffAsync();
        var id = await DraftAsync(staff);
        var versions = new List<int> { (await LoadAsync(App, id)).Version };
        await CirculateAsync(App, staff, id);
        versions.Add((await LoadAsync(App, id)).Version);
        var (iom, _) = await GroupTestData.FocalPointAsync(App, "iom");
        await AnswerAsync(App, iom, id, "endorsed");
        versions.Add((await LoadAsync(App, id)).Version);
        await EndorseAllButAsync(App, id);
        await SetDeadlineAsync(App, id, Today(App).AddDays(-1));
        await staff.PostFormAsync($"{Page(id)}?handler=Publish", []);
        versions.Add((await LoadAsync(App, id)).Version);
        Assert.Equal(versions.Order().Distinct(), versions);
    }

    [Fact]
    public async Task Circulating_a_draft_someone_has_just_edited_is_refused()
    {
        var staff = await StaffAsync();
        var id = await DraftAsync(staff);
        var today = Today(App);
        var fields = Draft(title: "Edited meanwhile");
        fields["Input.Version"] = "1";
        await staff.PostFormAsync($"/coordination/space/outputs/edit/{id}", fields);
        var response = await staff.PostFormAsync($"{Page(id)}?handler=Circulate", new()
        {
            ["commentsDue"] = Iso(today.AddDays(3)), ["deadline"] = Iso(today.AddDays(9)), ["version"] = "1",
        });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(JointOutputStatus.Draft, (await LoadAsync(App, id)).Status);
    }
}

/// <summary>The same on PostgreSQL, where simultaneous requests really run side by side.</summary>
public class JointOutputPostgresConcurrencyTests(PostgresApp fixture) : IClassFixture<PostgresApp>
{
    private AppFactory App => fixture.App;

    [Fact]
    public async Task Answers_given_at_the_same_moment_are_all_kept_and_the_last_one_agrees_the_output()
    {
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var id = await CirculatedAsync(App, staff);
        string[] agencies = ["iom", "ilo", "unfpa", "undp"];
        await EndorseAllButAsync(App, id, agencies);
        var sessions = new List<PageSession>();
        foreach (var a in agencies) sessions.Add((await GroupTestData.FocalPointAsync(App, a)).Session);
        var round = await RoundAsync(App, id);
        // Each session fetches its form token first, then all post together.
        var posts = new List<Func<Task<HttpResponseMessage>>>();
        foreach (var s in sessions) posts.Add(await PreparePostAsync(s, $"{Page(id)}?handler=SignOff", new() { ["decision"] = "endorsed", ["round"] = round! }));
        var responses = await Task.WhenAll(posts.Select(p => Task.Run(p)));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));

        var output = await LoadAsync(App, id);
        Assert.All(output.SignOffs, s => Assert.Equal(SignOffDecision.Endorsed, s.Decision));
        Assert.Equal(JointOutputStatus.Agreed, output.Status);
    }

    [Fact]
    public async Task A_double_publication_makes_one_library_item()
    {
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var (other, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var id = await CirculatedAsync(App, staff, Draft(title: "Published twice at once"));
        await EndorseAllButAsync(App, id);
        await App.Db(db => db.JointOutputs.Where(o => o.Id == id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, JointOutputStatus.Agreed)));

        var first = await PreparePostAsync(staff, $"{Page(id)}?handler=Publish", []);
        var second = await PreparePostAsync(other, $"{Page(id)}?handler=Publish", []);
        var responses = await Task.WhenAll(Task.Run(first), Task.Run(second));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Conflict);

        var output = await LoadAsync(App, id);
        Assert.Equal(JointOutputStatus.Published, output.Status);
        var items = await App.Db(db => db.LibraryItems.AsNoTracking().Where(i => i.Slug.StartsWith("published-twice-at-once")).Select(i => i.Id).ToListAsync());
        Assert.Equal([output.LibraryItemId!.Value], items);
        Assert.True(await App.Db(db => db.LibraryDocuments.AnyAsync(d => d.ItemId == items[0] && d.Visible)));
    }
}
