using Microsoft.Extensions.DependencyInjection;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Coordination;

namespace Nexus.Tests.Coordination;

/// <summary>The public coordination API: agencies and the troika for a date.</summary>
public abstract class CoordinationApiTests(AppFixture fixture)
{
    private AppFactory App => fixture.App;

    private async Task TermsAsync()
    {
        await using var scope = App.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (await db.ChairTerms.AnyAsync(t => t.Start == new DateOnly(2009, 6, 1))) return;
        db.ChairTerms.AddRange(
            new ChairTerm { AgencyCode = "unitar", Start = new(2009, 6, 1), End = new(2009, 12, 31) },
            new ChairTerm { AgencyCode = "undp", Start = new(2010, 1, 1), End = new(2010, 6, 30) },
            new ChairTerm { AgencyCode = "iom", Start = new(2010, 8, 1), End = new(2011, 1, 31) },
            // A later term pins "next" for the last case: without it the answer would depend on
            // whether another test in this class has already added a term around today.
            new ChairTerm { AgencyCode = "ilo", Start = new(2011, 3, 1), End = new(2011, 8, 31) });
        await db.SaveChangesAsync();
    }

    [Theory]
    [InlineData("2009-10-09", null, "UNITAR", "UNDP")]
    [InlineData("2009-12-31", null, "UNITAR", "UNDP")]
    [InlineData("2010-01-01", "UNITAR", "UNDP", "IOM")]
    [InlineData("2010-07-15", "UNDP", null, "IOM")] // a gap: no current chair
    [InlineData("2011-02-01", "IOM", null, "ILO")]
    public async Task Troika_for_a_date(string date, string? previous, string? current, string? next)
    {
        await TermsAsync();
        var json = await (await App.CreateClient().GetAsync($"/api/v1/coordination/troika?date={date}", TestContext.Current.CancellationToken)).JsonAsync();
        Assert.Equal(date, (string?)json["date"]);
        Assert.Equal(previous, (string?)json["previous"]?["acronym"]);
        Assert.Equal(current, (string?)json["current"]?["acronym"]);
        Assert.Equal(next, (string?)json["next"]?["acronym"]);
    }

    [Fact]
    public async Task Troika_gives_names_and_term_dates()
    {
        await TermsAsync();
        var json = await (await App.CreateClient().GetAsync("/api/v1/coordination/troika?date=2009-10-09", TestContext.Current.CancellationToken)).JsonAsync();
        Assert.Equal("United Nations Institute for Training and Research", (string?)json["current"]!["name"]);
        Assert.Equal("2009-06-01", (string?)json["current"]!["termStart"]);
        Assert.Equal("2009-12-31", (string?)json["current"]!["termEnd"]);
        Assert.Equal("Europe/Zurich", (string?)json["timeZone"]);
    }

    [Theory]
    [InlineData("2009-13-01")]
    [InlineData("09/10/2009")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("2009-10-09' OR '1'='1")]
    public async Task A_bad_date_is_a_validation_problem_naming_it(string date)
    {
        var response = await App.CreateClient().GetAsync($"/api/v1/coordination/troika?date={Uri.EscapeDataString(date)}", TestContext.Current.CancellationToken);
        await response.AssertProblemAsync(400, "date");
    }

    [Fact]
    public async Task Agencies_list_members_with_kind_and_partners_as_non_members()
    {
        var json = (await (await App.CreateClient().GetAsync("/api/v1/coordination/agencies", TestContext.Current.CancellationToken)).JsonAsync()).AsArray();
        var unitar = json.Single(a => (string?)a!["code"] == "unitar")!;
        Assert.Equal("un-entity", (string?)unitar["kind"]);
        Assert.True((bool)unitar["member"]!);
        var worldBank = json.Single(a => (string?)a!["code"] == "worldbank")!;
        Assert.Equal("international-financial-institution", (string?)worldBank["kind"]);
        var macarthur = json.Single(a => (string?)a!["code"] == "macarthur")!;
        Assert.False((bool)macarthur["member"]!);
        Assert.Null((string?)macarthur["memberSince"]);
    }

    [Fact]
    public async Task The_public_page_shows_the_troika_and_members()
    {
        await GroupTestData.ChairTodayAsync(App, "ilo");
        var (response, html) = await Pages.PageSession.Anonymous(App).GetAsync("/coordination");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var troika = html[html.IndexOf("id=\"troika\"", StringComparison.Ordinal)..];
        troika = troika[..troika.IndexOf("</table>", StringComparison.Ordinal)];
        Assert.Contains(">ILO</abbr>", troika);
        Assert.Contains("International Organization for Migration", html);
        Assert.DoesNotContain("MacArthur", html[html.IndexOf("id=\"members-h\"", StringComparison.Ordinal)..]);
    }
}

public sealed class CoordinationApiTestsOnSqlite(SqliteApp fixture) : CoordinationApiTests(fixture), IClassFixture<SqliteApp>;
public sealed class CoordinationApiTestsOnPostgres(PostgresApp fixture) : CoordinationApiTests(fixture), IClassFixture<PostgresApp>;
