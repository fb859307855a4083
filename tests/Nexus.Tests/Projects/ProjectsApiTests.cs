using System.Net;
using Nexus.Web.Features.Projects;

namespace Nexus.Tests.Projects;

/// <summary>The public read-only API: lists, a project's detail, the forum registry and the processes.</summary>
public abstract class ProjectsApiTests(AppFixture fixture)
{
    private AppFactory App => fixture.App;

    [Fact]
    public async Task Projects_list_and_detail_have_partners_and_activities()
    {
        var p = await ProjectTestData.ProjectAsync(App);
        var client = App.CreateClient();
        var list = (await (await client.GetAsync("/api/v1/projects", TestContext.Current.CancellationToken)).JsonAsync()).AsArray();
        var item = list.Single(x => (string?)x!["slug"] == p.Slug)!;
        Assert.Equal("active", (string?)item["status"]);
        Assert.Equal("donor", (string?)item["partners"]![0]!["role"]);
        Assert.Equal("2009-01-01", (string?)item["start"]);

        var detail = await (await client.GetAsync($"/api/v1/projects/{p.Slug}", TestContext.Current.CancellationToken)).JsonAsync();
        var activities = detail["activities"]!.AsArray();
        Assert.Equal(2, activities.Count);
        Assert.Equal("series-expansion", (string?)activities[0]!["type"]);
        Assert.Equal("BEL", (string?)activities[0]!["countries"]![0]);
        Assert.Equal(250000m, (decimal)detail["budget"]!);
    }

    [Fact]
    public async Task An_unknown_project_is_a_404_problem()
    {
        var response = await App.CreateClient().GetAsync("/api/v1/projects/nope", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Forum_and_processes_have_their_shapes()
    {
        var m = await ProjectTestData.MeetingAsync(App, 2041);
        var forum = (await (await App.CreateClient().GetAsync("/api/v1/global-forum", TestContext.Current.CancellationToken)).JsonAsync()).AsArray();
        var meeting = forum.Single(x => (int)x!["year"]! == 2041)!;
        Assert.Equal("GRC", (string?)meeting["hostCountry"]);
        Assert.Equal("actionable-outcome", (string?)meeting["recommendations"]![0]!["kind"]);
        Assert.Equal("open", (string?)meeting["recommendations"]![0]!["status"]);
        Assert.Empty(meeting["recommendations"]![0]!["followUps"]!.AsArray());

        var slug = ProjectTestData.Unique("api-rcp");
        await App.Db(async db =>
        {
            db.ConsultativeProcesses.Add(new ConsultativeProcess { Slug = slug, Name = "Puebla", MemberStates = ["MEX"] });
            return await db.SaveChangesAsync();
        });
        var processes = (await (await App.CreateClient().GetAsync("/api/v1/processes", TestContext.Current.CancellationToken)).JsonAsync()).AsArray();
        Assert.Equal("MEX", (string?)processes.Single(x => (string?)x!["slug"] == slug)!["memberStates"]![0]);
    }
}

public sealed class ProjectsApiTestsOnSqlite(SqliteApp fixture) : ProjectsApiTests(fixture), IClassFixture<SqliteApp>;
public sealed class ProjectsApiTestsOnPostgres(PostgresApp fixture) : ProjectsApiTests(fixture), IClassFixture<PostgresApp>;
