using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Web.Data;
using Nexus.Web.Features.Coordination;
using Nexus.Web.Features.Coordination.Workplans;
using static Nexus.Tests.Coordination.WorkplanTestData;

namespace Nexus.Tests.Coordination;

/// <summary>GET /api/v1/coordination/workplans/{year}: public, adopted plans only, no internal notes; and the progress query of the public page.</summary>
public abstract class WorkplanApiTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private AppFactory App => fixture.App;

    [Fact]
    public async Task Anyone_reads_an_adopted_workplan_with_its_pillars_activities_and_progress()
    {
        var plan = await PlanAsync(App);
        var response = await App.CreateClient().GetAsync($"/api/v1/coordination/workplans/{plan.Year}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        var json = JsonNode.Parse(body)!;

        Assert.Equal(plan.Year, (int)json["year"]!);
        Assert.Equal(plan.Title, (string?)json["title"]);
        Assert.Equal($"{plan.Year}-06-01", (string?)json["start"]);
        Assert.Equal($"{plan.Year + 1}-07-31", (string?)json["end"]);
        Assert.Equal("adopted", (string?)json["status"]);
        var pillars = json["pillars"]!.AsArray();
        Assert.Equal(["A strong sense of purpose", "Visibility of the Group — outreach"], pillars.Select(p => (string)p!["title"]!));
        Assert.Equal("Principals own the agenda.", (string?)pillars[0]!["description"]);
        var objective = pillars[0]!["objectives"]![0]!;
        Assert.Equal("Renew the principals' commitment", (string?)objective["text"]);
        Assert.Equal(["Shared priorities", "A retreat held"], objective["expectedOutcomes"]!.AsArray().Select(o => (string)o!));
        var survey = objective["activities"]![1]!;
        Assert.Equal("Member survey", (string?)survey["title"]);
        Assert.Equal("activity", (string?)survey["kind"]);
        Assert.Equal("in-progress", (string?)survey["status"]);
        Assert.Equal("IOM", (string?)survey["lead"]!["acronym"]);
        Assert.Equal("International Organization for Migration", (string?)survey["lead"]!["name"]);
        Assert.Equal(["UNITAR"], survey["contributing"]!.AsArray().Select(c => (string)c!["acronym"]!));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", (string?)survey["due"]);
        var sheets = pillars[1]!["objectives"]![0]!["activities"]![0]!;
        Assert.Equal(FactSheets, (string?)sheets["title"]);
        Assert.Equal("deliverable", (string?)sheets["kind"]);
        Assert.Equal("dropped", (string?)sheets["status"]);

        Assert.Equal(5, (int)json["progress"]!["total"]!);
        var byStatus = json["progress"]!["byStatus"]!.AsObject();
        Assert.Equal(new Dictionary<string, int> { ["planned"] = 1, ["in-progress"] = 1, ["done"] = 1, ["postponed"] = 1, ["dropped"] = 1 },
            byStatus.ToDictionary(kv => kv.Key, kv => (int)kv.Value!));

        // Progress notes are the group's internal record.
        Assert.DoesNotContain("questionnaire", body);
        Assert.DoesNotContain("notes", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"id\"", body);
    }

    [Fact]
    public async Task A_draft_workplan_is_not_published()
    {
        var draft = await PlanAsync(App, WorkplanStatus.Draft);
        var response = await App.CreateClient().GetAsync($"/api/v1/coordination/workplans/{draft.Year}", Ct);
        var problem = await response.AssertProblemAsync(404);
        Assert.Contains(draft.Year.ToString(), (string?)problem["detail"]);
    }

    [Fact]
    public async Task A_year_without_a_workplan_is_not_found()
    {
        var response = await App.CreateClient().GetAsync("/api/v1/coordination/workplans/1991", Ct);
        await response.AssertProblemAsync(404);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-2009")]
    [InlineData("99999999999999999999")]
    [InlineData("2009.5")]
    [InlineData("1200")]
    public async Task A_year_that_cannot_be_one_is_a_bad_request(string year)
    {
        var response = await App.CreateClient().GetAsync($"/api/v1/coordination/workplans/{Uri.EscapeDataString(year)}", Ct);
        await response.AssertProblemAsync(400, "year");
    }

    [Fact]
    public async Task The_public_page_gets_the_adopted_plan_covering_the_day_else_the_latest_with_counts_per_pillar()
    {
        var covering = await PlanAsync(App, year: 2095);
        var latest = await PlanAsync(App, year: 2099);
        await PlanAsync(App, WorkplanStatus.Draft, year: 2100); // a draft is never the one shown

        await using var scope = App.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var day = new DateOnly(2095, 12, 1);
        var progress = await WorkplanQueries.ProgressForDayAsync(db, day, Ct);
        Assert.NotNull(progress);
        Assert.Equal((covering.Id, 2095, day), (progress.Id, progress.Year, progress.Day));
        Assert.Equal(["A strong sense of purpose", "Visibility of the Group — outreach"], progress.Pillars.Select(p => p.Title));
        var first = progress.Pillars[0].Counts;
        Assert.Equal((3, 1, 1, 1), (first.Total, first.Count(ActivityStatus.Done), first.Count(ActivityStatus.InProgress), first.Count(ActivityStatus.Planned)));
        var second = progress.Pillars[1].Counts;
        Assert.Equal((2, 1, 1), (second.Total, second.Count(ActivityStatus.Dropped), second.Count(ActivityStatus.Postponed)));
        Assert.Equal(5, progress.Total.Total);
        // Seen from 2095, every due date (set around today) has passed: the planned and the in-progress ones are overdue.
        Assert.Equal(2, progress.Total.Overdue);
        Assert.Equal(2, first.Overdue);

        var later = await WorkplanQueries.ProgressForDayAsync(db, new DateOnly(2100, 12, 31), Ct);
        Assert.Equal(latest.Id, later!.Id);
    }
}

public sealed class WorkplanApiTestsOnSqlite(SqliteApp fixture) : WorkplanApiTests(fixture), IClassFixture<SqliteApp>;

// Versions, cascades and JSON columns are the database's business: the same tests on PostgreSQL.
public sealed class WorkplanApiTestsOnPostgres(PostgresApp fixture) : WorkplanApiTests(fixture), IClassFixture<PostgresApp>;
