using System.Net;
using Microsoft.EntityFrameworkCore;
using Nexus.Tests.Pages;
using Nexus.Web.Features.Accounts;

namespace Nexus.Tests.Events;

/// <summary>The staff event form: fields that exist only there, not in the API tests.</summary>
public class EventFormTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private AppFactory App => fixture.App;

    [Fact]
    public async Task Partners_are_entered_one_per_line_so_a_name_may_hold_a_comma()
    {
        var e = await App.AddEventAsync(TestData.Event());
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var url = $"/events/manage/edit/{e.Id}";
        var fields = new Dictionary<string, string>
        {
            ["Input.Title"] = e.Title, ["Input.Kind"] = "policy-seminar", ["Input.StartsAt"] = "2030-03-12T10:00", ["Input.EndsAt"] = "2030-03-12T13:00",
            ["Input.TimeZone"] = "Europe/Brussels", ["Input.Format"] = "in-person", ["Input.Status"] = "published", ["Input.OfferHours"] = "48",
            ["Input.Partners"] = "Government of Spain, Ministry of Labour\r\n\r\n  IOM  \nIOM",
        };

        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(url, fields)).StatusCode);
        var stored = await App.Db(db => db.Events.AsNoTracking().Where(x => x.Id == e.Id).Select(x => x.Partners).SingleAsync());
        Assert.Equal(["Government of Spain, Ministry of Labour", "IOM"], stored);
        var (_, form) = await staff.GetAsync(url);
        Assert.Matches(@"id=""partners""[^>]*>\s*Government of Spain, Ministry of Labour(\r?\n|&#xA;)IOM</textarea>", form);

        fields["Input.Partners"] = new string('x', 201);
        var refused = await staff.PostFormAsync(url, fields);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("id=\"partners-error\"", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(["Government of Spain, Ministry of Labour", "IOM"],
            await App.Db(db => db.Events.AsNoTracking().Where(x => x.Id == e.Id).Select(x => x.Partners).SingleAsync()));
    }
}
