using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Nexus.Tests.Pages;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Data;

namespace Nexus.Tests.Data;

/// <summary>Staff upload official files from the page; the import runs in the background with its progress shown.</summary>
public class DataManagePagesTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private AppFactory App => fixture.App;

    private static MultipartFormDataContent Upload(byte[] bytes, string name)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "file", name);
        return content;
    }

    private static async Task<JsonNode> FinishedAsync(PageSession session, string jobUrl)
    {
        for (var i = 0; i < 200; i++)
        {
            var status = JsonNode.Parse(await session.Client.GetStringAsync(jobUrl + "?handler=status", Ct))!;
            if ((string?)status["state"] != "running") return status;
            await Task.Delay(100, Ct);
        }
        Assert.Fail("The import did not finish in 20 s.");
        return null!;
    }

    [Fact]
    public async Task Staff_upload_a_file_follow_its_progress_and_see_the_release()
    {
        await DataImports.OfficialAsync(App, DataImports.M49);
        var (session, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var bytes = await File.ReadAllBytesAsync(OfficialFiles.Path("worldbank/outward_remittance_flows_june_2023.xlsx"), Ct);

        var posted = await session.PostMultipartAsync("/data/manage", Upload(bytes, "outward.xlsx"), "/data/manage");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var job = posted.Headers.Location!.OriginalString;
        Assert.StartsWith("/data/manage/imports/", job);

        var status = await FinishedAsync(session, job);
        Assert.Equal("imported", (string?)status["state"]);
        var (page, html) = await session.GetAsync(job);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("figures for", html);
        var release = await App.Db(db => db.DataReleases.SingleAsync(r => r.Dataset == Datasets.KnomadOutflows, Ct));
        Assert.Equal((int)status["release"]!, release.Id);
        var (_, list) = await session.GetAsync("/data/manage");
        Assert.Contains("outward.xlsx", list);
        Assert.Contains("June 2023", list);

        // The same file again: recognised, nothing changes.
        var again = await session.PostMultipartAsync("/data/manage", Upload(bytes, "again.xlsx"), "/data/manage");
        Assert.Equal("unchanged", (string?)(await FinishedAsync(session, again.Headers.Location!.OriginalString))["state"]);
        Assert.Equal(1, await App.Db(db => db.DataReleases.CountAsync(r => r.Dataset == Datasets.KnomadOutflows, Ct)));
    }

    [Theory]
    [InlineData(new byte[0], "empty.xlsx", "Choose a file")]
    [InlineData(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }, "locked.xlsx", "encrypted")]
    [InlineData(new byte[] { 1, 2, 0, 0, 3 }, "../../etc/passwd", "neither")]
    public async Task A_bad_file_gets_a_message_on_the_file_field(byte[] bytes, string name, string message)
    {
        var (session, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var response = await session.PostMultipartAsync("/data/manage", Upload(bytes, name), "/data/manage");
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"file-error\"", html);
        Assert.Contains(message, html);
    }

    [Fact]
    public async Task A_file_of_an_unknown_layout_is_refused_in_the_progress_page()
    {
        var (session, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var posted = await session.PostMultipartAsync("/data/manage", Upload("a,b\n1,2\n"u8.ToArray(), "table.csv"), "/data/manage");
        var status = await FinishedAsync(session, posted.Headers.Location!.OriginalString);
        Assert.Equal("refused", (string?)status["state"]);
        Assert.Contains("does not recognise", (string?)status["message"]);
    }

    [Theory]
    [InlineData(Roles.Participant)]
    [InlineData(Roles.AgencyFocalPoint)]
    public async Task Only_staff_manage_the_data(string role)
    {
        var (session, _) = await PageSession.SignedInAsync(App, role);
        var (response, _) = await session.GetAsync("/data/manage");
        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{response.StatusCode}");
        Assert.NotEqual(HttpStatusCode.OK, (await PageSession.Anonymous(App).GetAsync("/data/manage")).Response.StatusCode);
        var (job, _) = await session.GetAsync($"/data/manage/imports/{Guid.NewGuid()}");
        Assert.True(job.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{job.StatusCode}");
    }
}
