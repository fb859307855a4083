using System.Net;
using Nexus.Tests.Pages;
using Nexus.Web.Features.Accounts;

namespace Nexus.Tests.Reports;

/// <summary>The year chooser on a database whose only events lie ahead (its own database, so nothing earlier exists).</summary>
public class ReportIndexTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task The_year_chooser_works_when_every_event_is_in_a_future_year()
    {
        var app = fixture.App;
        var ev = TestData.Event(startsIn: TimeSpan.FromDays(3 * 365));
        await app.AddEventAsync(ev);
        var (staff, _) = await PageSession.SignedInAsync(app, Roles.ProgrammeStaff);
        var (response, html) = await staff.GetAsync("/reports");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"{ev.StartsAt.Year}", html);
    }
}
