using System.Net;
using Microsoft.EntityFrameworkCore;
using Nexus.Tests.Pages;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Coordination;
using static Nexus.Tests.Coordination.JointOutputTestData;

namespace Nexus.Tests.Coordination;

/// <summary>
/// Empty, oversized, malformed and hostile values on every joint-output form: never a 500, the page names the field,
/// and nothing changes when a form is refused.
/// </summary>
public class JointOutputBadInputTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private AppFactory App => fixture.App;

    private async Task<PageSession> StaffAsync() => (await PageSession.SignedInAsync(App, Roles.ProgrammeStaff)).Session;

    private Task<int> CountAsync() => App.Db(db => db.JointOutputs.CountAsync());

    public static TheoryData<string, string, string> BadDrafts => new()
    {
        { "title", "empty", "" },
        { "title", "blank", "   " },
        { "title", "too long", new string('a', 301) },
        { "title", "huge", new string('a', 100_000) },
        { "title", "control character", "Joint\u0007statement" },
        { "title", "right-to-left override", "Statement \u202Egnp.exe" },
        { "title", "NUL", "Statement\u0000" },
        { "body", "empty", "" },
        { "body", "too long", new string('b', 100_001) },
        { "summary", "too long", new string('s', 4001) },
        { "kind", "unknown", "manifesto" },
        { "kind", "SQL", "'; DROP TABLE \"JointOutputs\";--" },
        { "leadAgency", "unknown", "xyz" },
        { "leadAgency", "not a member", "macarthur" },
        { "leadAgency", "path", "../../etc/passwd" },
        { "leadAgency", "empty", "" },
    };

    [Theory]
    [MemberData(nameof(BadDrafts))]
    public async Task A_bad_draft_is_refused_with_the_field_named_and_nothing_saved(string field, string why, string value)
    {
        var staff = await StaffAsync();
        var fields = Draft();
        fields["Input." + char.ToUpperInvariant(field[0]) + field[1..]] = value;
        var before = await CountAsync();
        var response = await staff.PostFormAsync("/coordination/space/outputs/edit", fields);
        var html = await response.HtmlAsync();
        // A NUL in a form body is refused by the form reader itself, with a 400 page; anything else gets the form back.
        if (why == "NUL" && !html.Contains("title-error")) Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        else
        {
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field} {why}: {(int)response.StatusCode}");
            Assert.Contains($"id=\"{field}-error\"", html);
            Assert.Contains($"href=\"#{field}\"", html); // the error summary links to the field
        }
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Hostile_but_valid_text_is_stored_as_written_and_shown_as_text()
    {
        var staff = await StaffAsync();
        const string title = "<script>alert('x')</script> Zoë's « statement » 👩🏽‍💼";
        const string body = "Hello <script>alert(1)</script>\n\n[click](javascript:alert(1))\n\n<img src=x onerror=alert(1)>\n\n**bold**";
        var id = await DraftAsync(staff, Draft(title: title, body: body));
        var output = await LoadAsync(App, id);
        Assert.Equal((title, body), (output.Title, output.Body));

        var (_, html) = await staff.GetAsync(Page(id));
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("javascript:alert", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;script&gt;alert(", html);
        Assert.Contains("<strong>bold</strong>", html);

        var (_, list) = await staff.GetAsync("/coordination/space/outputs");
        Assert.DoesNotContain("<script>alert", list);
    }

    [Theory]
    [InlineData("deadline", "2009-13-45")]
    [InlineData("deadline", "next friday")]
    [InlineData("deadline", "")]
    [InlineData("deadline", "past")]
    [InlineData("commentsDue", "")]
    [InlineData("commentsDue", "past")]
    [InlineData("commentsDue", "after")]
    [InlineData("deadline", "far")]
    public async Task Bad_circulation_dates_are_refused_and_the_output_stays_a_draft(string field, string value)
    {
        var staff = await StaffAsync();
        var id = await DraftAsync(staff);
        var today = Today(App);
        var fields = new Dictionary<string, string>
        {
            ["commentsDue"] = Iso(today.AddDays(3)), ["deadline"] = Iso(today.AddDays(10)), ["version"] = "1",
        };
        fields[field] = value switch
        {
            "past" => Iso(today.AddDays(-1)),
            "after" => Iso(today.AddDays(11)),
            "far" => Iso(today.AddYears(2)),
            _ => value,
        };
        var response = await staff.PostFormAsync($"{Page(id)}?handler=Circulate", fields);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"id=\"{field}-error\"", await response.HtmlAsync());
        var output = await LoadAsync(App, id);
        Assert.Equal(JointOutputStatus.Draft, output.Status);
        Assert.Empty(output.SignOffs);
        Assert.Equal(0, await App.Db(db => db.Outbox.CountAsync(m => m.TextBody.Contains(Page(id)))));
    }

    [Theory]
    [InlineData("maybe", "")]
    [InlineData("pending", "")]
    [InlineData("no-objection", "")]   // only the chair records silence, never a focal point
    [InlineData("", "")]
    [InlineData("endorsed", "huge")]
    [InlineData("objected", "control")]
    public async Task A_bad_answer_is_refused_and_the_row_is_unchanged(string decision, string note)
    {
        var id = await CirculatedAsync(App, await StaffAsync());
        var (iom, _) = await GroupTestData.FocalPointAsync(App, "iom");
        var text = note switch { "huge" => new string('n', 2001), "control" => "No\u0007", _ => note };
        var response = await iom.PostFormAsync($"{Page(id)}?handler=SignOff", new()
        {
            ["decision"] = decision, ["note"] = text, ["round"] = (await RoundAsync(App, id))!,
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.HtmlAsync();
        Assert.True(html.Contains("id=\"decision-error\"") || html.Contains("id=\"note-error\""), html);
        var row = (await LoadAsync(App, id)).SignOffs.Single(s => s.AgencyCode == "iom");
        Assert.Equal((SignOffDecision.Pending, (DateTime?)null), (row.Decision, row.At));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("huge")]
    [InlineData("Hi\u0001")]
    public async Task A_bad_comment_is_refused(string text)
    {
        var id = await CirculatedAsync(App, await StaffAsync());
        var (ilo, _) = await GroupTestData.FocalPointAsync(App, "ilo");
        var response = await ilo.PostFormAsync($"{Page(id)}?handler=Comment", new() { ["comment"] = text == "huge" ? new string('c', 8001) : text });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("id=\"comment-error\"", await response.HtmlAsync());
        Assert.Empty((await LoadAsync(App, id)).Comments);
    }

    [Fact]
    public async Task Unknown_outputs_are_not_found_and_odd_filters_are_ignored()
    {
        var staff = await StaffAsync();
        foreach (var url in new[] { Page(int.MaxValue), "/coordination/space/outputs/edit/2147483647", "/coordination/space/outputs/99999999999", "/coordination/space/outputs/abc" })
            Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync(url)).Response.StatusCode);
        foreach (var handler in new[] { "Publish", "NoObjection", "Circulate" })
            Assert.Equal(HttpStatusCode.NotFound, (await staff.PostFormAsync($"{Page(int.MaxValue)}?handler={handler}", [], formUrl: "/coordination/space/outputs")).StatusCode);
        var (iom, _) = await GroupTestData.FocalPointAsync(App, "iom");
        foreach (var handler in new[] { "Comment", "SignOff" })
            Assert.Equal(HttpStatusCode.NotFound, (await iom.PostFormAsync($"{Page(int.MaxValue)}?handler={handler}",
                new() { ["comment"] = "x", ["decision"] = "endorsed", ["round"] = "1" }, formUrl: "/coordination/space/outputs")).StatusCode);
        var fields = Draft();
        fields["Input.Version"] = "1";
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PostFormAsync("/coordination/space/outputs/edit/2147483647", fields, formUrl: "/coordination/space/outputs")).StatusCode);

        foreach (var query in new[] { "?status=<script>", "?status=published&awaiting=mine", "?status=" + new string('x', 5000), "?awaiting[]=1" })
            Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/coordination/space/outputs" + query)).Response.StatusCode);
    }
}
