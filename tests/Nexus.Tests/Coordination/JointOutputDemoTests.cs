using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Web.Data;
using Nexus.Web.Features.Coordination;
using Nexus.Web.Features.Coordination.Outputs;

namespace Nexus.Tests.Coordination;

/// <summary>The demo's joint outputs, seeded on a database of their own (the demo only fills an empty table).</summary>
public class JointOutputDemoTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private AppFactory App => fixture.App;

    [Fact]
    public async Task The_demo_tells_the_story_of_the_2009_chairmanship()
    {
        await using var scope = App.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await Nexus.Web.Features.Library.LibraryDemo.SeedAsync(scope.ServiceProvider, TestContext.Current.CancellationToken);
        await JointOutputDemo.SeedAsync(db, DateTime.UtcNow, TestContext.Current.CancellationToken);
        await JointOutputDemo.SeedAsync(db, DateTime.UtcNow, TestContext.Current.CancellationToken); // a second run adds nothing
        var outputs = await db.JointOutputs.AsNoTracking().Include(o => o.SignOffs).OrderBy(o => o.CreatedAt).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(4, outputs.Count);
        var athens = outputs.Single(o => o.Kind == JointOutputKind.Statement);
        Assert.Equal((JointOutputStatus.Published, new DateOnly(2009, 11, 4)), (athens.Status, DateOnly.FromDateTime(athens.PublishedAt!.Value)));
        Assert.All(athens.SignOffs, s => Assert.Equal(SignOffDecision.Endorsed, s.Decision));
        Assert.Contains(athens.SignOffs, s => s.AgencyCode == "unitar");
        // Published outputs point at the demo library's statement and fact-sheet.
        var statement = await db.LibraryItems.AsNoTracking().SingleAsync(i => i.Id == athens.LibraryItemId, TestContext.Current.CancellationToken);
        Assert.Equal(Nexus.Web.Features.Library.ItemKind.JointStatement, statement.Draft.Kind);
        var sheets = outputs.Single(o => o.Kind == JointOutputKind.FactSheetSeries);
        Assert.Equal(("unfpa", JointOutputStatus.Published), (sheets.LeadAgencyCode, sheets.Status));
        Assert.True(JointOutputRules.AllAgreed(sheets.SignOffs));
        Assert.NotNull(sheets.LibraryItemId);
        var press = outputs.Single(o => o.Kind == JointOutputKind.PressConference);
        Assert.Equal(JointOutputStatus.Agreed, press.Status);
        var symposium = outputs.Single(o => o.Kind == JointOutputKind.Symposium);
        Assert.Equal(JointOutputStatus.Circulated, symposium.Status);
        Assert.Contains(symposium.SignOffs, s => s.Decision == SignOffDecision.Pending);
        Assert.Contains(symposium.SignOffs, s => s.Decision == SignOffDecision.Endorsed);
        Assert.DoesNotContain(outputs.SelectMany(o => o.SignOffs), s => s.AgencyCode == "macarthur");
    }
}
