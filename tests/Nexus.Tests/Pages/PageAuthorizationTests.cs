using System.Net;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Registrations;

namespace Nexus.Tests.Pages;

/// <summary>Every staff page refuses anonymous visitors and other roles, and changes nothing for them.</summary>
public class PageAuthorizationTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private AppFactory App => fixture.App;

    private async Task<(int EventId, int RegistrationId)> EventWithPendingRegistrationAsync()
    {
        var e = await App.AddEventAsync(TestData.Event(requiresApproval: true));
        var result = await App.With<RegistrationService, RegisterResult>(s => s.RegisterAsync(e.Id, TestData.Registrant(), null));
        return (e.Id, result.Registration!.Id);
    }

    private static string[] StaffPages(int eventId) =>
    [
        "/events/manage", "/events/manage/edit", $"/events/manage/edit/{eventId}", $"/events/manage/content/{eventId}",
        $"/registrations/manage/{eventId}", $"/registrations/manage/{eventId}?handler=Export&format=csv",
        $"/registrations/manage/{eventId}?handler=Export&format=xlsx", "/registrations/manage/checkin",
        $"/registrations/manage/checkin?eventId={eventId}&q=a", "/registrations/manage/statistics", "/series/manage",
    ];

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_from_every_staff_page_and_see_no_data()
    {
        var (eventId, _) = await EventWithPendingRegistrationAsync();
        var anonymous = PageSession.Anonymous(App);
        foreach (var url in StaffPages(eventId).Append("/accounts/manage"))
        {
            var (response, html) = await anonymous.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{url}: {(int)response.StatusCode}");
            Assert.StartsWith("/account/sign-in", response.Headers.Location!.PathAndQuery);
            Assert.DoesNotContain("@example.org", html);
        }
    }

    [Theory]
    [InlineData(Roles.Participant)]
    [InlineData(Roles.AgencyFocalPoint)]
    public async Task Other_roles_are_refused_on_every_staff_page(string role)
    {
        var (eventId, _) = await EventWithPendingRegistrationAsync();
        var (session, _) = await PageSession.SignedInAsync(App, role);
        foreach (var url in StaffPages(eventId))
        {
            var (response, html) = await session.GetAsync(url);
            var refused = response.StatusCode == HttpStatusCode.Forbidden
                          || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.PathAndQuery.StartsWith("/account/denied"));
            Assert.True(refused, $"{role} on {url}: {(int)response.StatusCode}");
            Assert.DoesNotContain("@example.org", html);
        }
    }

    [Fact]
    public async Task A_participant_cannot_approve_a_registration_even_with_a_valid_form_token()
    {
        var (eventId, registrationId) = await EventWithPendingRegistrationAsync();
        var (session, _) = await PageSession.SignedInAsync(App, Roles.Participant);
        var response = await session.PostFormAsync($"/registrations/manage/{eventId}?handler=Approve&id={registrationId}", [], formUrl: "/accounts/manage");
        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{(int)response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.Redirect) Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery);
        var status = await App.Db(db => db.Registrations.Where(r => r.Id == registrationId).Select(r => r.Status).SingleAsync());
        Assert.Equal(RegistrationStatus.Pending, status);
    }

    [Fact]
    public async Task Staff_see_the_staff_pages()
    {
        var (eventId, _) = await EventWithPendingRegistrationAsync();
        var (session, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        foreach (var url in StaffPages(eventId))
        {
            var (response, _) = await session.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Public_pages_never_show_emails_or_participants_who_did_not_consent()
    {
        var e = await App.AddEventAsync(TestData.Event());
        var listed = TestData.Registrant(fullName: "Listed Person") with { ListPublicly = true };
        var hidden = TestData.Registrant(fullName: "Hidden Person") with { ListPublicly = false };
        await App.With<RegistrationService, RegisterResult>(s => s.RegisterAsync(e.Id, listed, null));
        await App.With<RegistrationService, RegisterResult>(s => s.RegisterAsync(e.Id, hidden, null));
        var anonymous = PageSession.Anonymous(App);

        var (_, participants) = await anonymous.GetAsync($"/events/{e.Id}/participants");
        Assert.Contains("Listed Person", participants);
        Assert.DoesNotContain("Hidden Person", participants);
        foreach (var url in new[] { "/", "/events", $"/events/{e.Id}/{e.Slug}", $"/events/{e.Id}/participants", $"/api/v1/events/{e.Id}", "/api/v1/events", "/events.ics" })
        {
            var (_, body) = await anonymous.GetAsync(url);
            Assert.DoesNotContain(listed.Email, body);
            Assert.DoesNotContain(hidden.Email, body);
            Assert.DoesNotContain("Hidden Person", body);
        }
    }
}
