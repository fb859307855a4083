using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Web.Data;
using Nexus.Web.Features.Events;
using Nexus.Web.Features.Projects;
using Nexus.Web.Infrastructure.Countries;

namespace Nexus.Tests.Projects;

/// <summary>The demo seeds the project of the 2010 report, the forum meetings and the processes, linked to the existing events.</summary>
public abstract class ProjectsDemoTests(AppFixture fixture)
{
    private AppFactory App => fixture.App;

    [Fact]
    public async Task Demo_seeds_the_Spain_IOM_project_linked_to_Brussels_and_Addis()
    {
        var brussels = TestData.Event(title: ProjectsDemo.BrusselsTitle, status: EventStatus.Held);
        brussels.StartsAt = new DateTime(2009, 6, 7, 7, 30, 0, DateTimeKind.Utc);
        brussels.EndsAt = brussels.StartsAt.AddHours(7);
        await App.AddEventAsync(brussels);
        var addis = await App.AddEventAsync(TestData.Event(title: ProjectsDemo.AddisTitle));

        await using (var scope = App.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await ProjectsDemo.SeedAsync(db, DateTime.UtcNow, TestContext.Current.CancellationToken);
            await ProjectsDemo.SeedAsync(db, DateTime.UtcNow, TestContext.Current.CancellationToken); // a second run adds nothing
        }

        var project = await App.Db(db => db.Projects.Include(p => p.Partners).Include(p => p.Activities).SingleAsync());
        Assert.Equal(new DateOnly(2009, 1, 1), project.Start);
        Assert.Contains(project.Partners, x => x.Role == PartnerRole.Donor && x.Name == "Government of Spain");
        Assert.Contains(project.Partners, x => x.Role == PartnerRole.ImplementingPartner && x.AgencyCode == "iom");
        Assert.Equal(Enum.GetValues<ProjectActivityType>().Order(), project.Activities.Select(a => a.Type).Distinct().Order());
        Assert.Contains(project.Activities, a => a.EventId == brussels.Id && a.Status == WorkStatus.Done);
        Assert.Contains(project.Activities, a => a.EventId == addis.Id && a.Status == WorkStatus.Planned);

        var meetings = await App.Db(db => db.ForumMeetings.Include(m => m.Recommendations).ThenInclude(r => r.FollowUps).OrderBy(m => m.Year).ToListAsync());
        Assert.Equal([("Brussels", 2007), ("Manila", 2008), ("Athens", 2009), ("Puerto Vallarta", 2010)], meetings.Select(m => (m.City, m.Year)));
        Assert.Contains(meetings.SelectMany(m => m.Recommendations).SelectMany(r => r.FollowUps), f => f.EventId == brussels.Id);

        var processes = await App.Db(db => db.ConsultativeProcesses.Include(p => p.Events).ToListAsync());
        Assert.Contains(processes, p => p.Acronym == "Colombo Process" && p.Secretariat == "IOM");
        Assert.All(processes.SelectMany(p => p.MemberStates).Concat(meetings.Select(m => m.HostCountry)), c => Assert.NotNull(Countries.Find(c)));
        Assert.Contains(processes.SelectMany(p => p.Events), e => e.EventId == brussels.Id);

        var anonymous = Pages.PageSession.Anonymous(App);
        var (_, projectPage) = await anonymous.GetAsync($"/projects/{ProjectsDemo.ProjectSlug}");
        Assert.Contains("Government of Spain", projectPage);
        Assert.Contains($"href=\"/events/{brussels.Id}/", projectPage);
        var (_, athens) = await anonymous.GetAsync("/global-forum/2009");
        Assert.Contains("Athens", athens);
        var (colombo, _) = await anonymous.GetAsync("/processes/colombo-process");
        Assert.Equal(System.Net.HttpStatusCode.OK, colombo.StatusCode);
    }
}

public sealed class ProjectsDemoTestsOnSqlite(SqliteApp fixture) : ProjectsDemoTests(fixture), IClassFixture<SqliteApp>;
public sealed class ProjectsDemoTestsOnPostgres(PostgresApp fixture) : ProjectsDemoTests(fixture), IClassFixture<PostgresApp>;
