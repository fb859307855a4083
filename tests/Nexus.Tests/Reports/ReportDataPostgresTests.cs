using Nexus.Web.Features.Reports;

namespace Nexus.Tests.Reports;

/// <summary>The facts query on PostgreSQL, the production database (array themes, enum filters, joins).</summary>
public class ReportDataPostgresTests(PostgresApp fixture) : IClassFixture<PostgresApp>
{
    [Fact]
    public async Task The_facts_and_the_draft_are_the_same_on_PostgreSQL()
    {
        await ReportDataTests.SeedAsync(fixture.App, 2051);
        var view = await ReportDataTests.LoadAsync(fixture.App, 2051);
        Assert.True(view.Facts.OrganisationChaired);
        Assert.Equal(3, view.Facts.Events.Count);
        Assert.Equal(4, view.Facts.Participation.Total);
        Assert.Equal("Africa-EU partnership seminar", Assert.Single(Assert.Single(view.Facts.Projects).Activities).Event?.Title);
        Assert.Contains("held in Brussels, Belgium, on", ReportDrafter.ToPlainText(view.Document));
    }
}
