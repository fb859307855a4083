using System.Net;
using Microsoft.EntityFrameworkCore;
using Nexus.Tests.Pages;
using Nexus.Web.Features.Accounts;

namespace Nexus.Tests.Courses;

/// <summary>Course edits on PostgreSQL, where the Version token and the unique address are checked by the database.</summary>
public class CourseManagePostgresTests(PostgresApp fixture) : IClassFixture<PostgresApp>
{
    private AppFactory App => fixture.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_editors_saving_the_same_version_at_once_one_wins_and_the_other_is_told()
    {
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var title = "Course " + Guid.NewGuid().ToString("N")[..8];
        var created = await staff.PostFormAsync("/courses/manage/new", CourseManageTests.CourseForm(title));
        var id = int.Parse(created.Headers.Location!.OriginalString.Split('/').Last());
        var slug = await App.Db(db => db.Courses.Where(c => c.Id == id).Select(c => c.Slug).SingleAsync(Ct));
        var (other, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);

        var answers = await Task.WhenAll(
            staff.PostFormAsync($"/courses/manage/{id}", CourseManageTests.CourseForm("Edited by A", slug, version: 0)),
            other.PostFormAsync($"/courses/manage/{id}", CourseManageTests.CourseForm("Edited by B", slug, version: 0)));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        var loser = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.Contains("Someone else saved this course", await loser.Content.ReadAsStringAsync(Ct));
        var stored = await App.Db(db => db.Courses.AsNoTracking().SingleAsync(c => c.Id == id, Ct));
        Assert.Equal(1, stored.Version);
        Assert.Contains(stored.Title, new[] { "Edited by A", "Edited by B" });
    }

    [Fact]
    public async Task A_stale_form_is_refused_on_postgresql_too()
    {
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var created = await staff.PostFormAsync("/courses/manage/new", CourseManageTests.CourseForm("Course " + Guid.NewGuid().ToString("N")[..8]));
        var id = int.Parse(created.Headers.Location!.OriginalString.Split('/').Last());
        var slug = await App.Db(db => db.Courses.Where(c => c.Id == id).Select(c => c.Slug).SingleAsync(Ct));

        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"/courses/manage/{id}", CourseManageTests.CourseForm("First", slug, version: 0))).StatusCode);
        var stale = await staff.PostFormAsync($"/courses/manage/{id}", CourseManageTests.CourseForm("Second", slug, version: 0));

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Equal("First", await App.Db(db => db.Courses.Where(c => c.Id == id).Select(c => c.Title).SingleAsync(Ct)));
    }
}
