using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Accounts.Tokens;
using Nexus.Web.Features.Events;
using Nexus.Web.Features.Registrations;
using Nexus.Web.Infrastructure.Idempotency;

namespace Nexus.Tests.Registrations;

/// <summary>The registration API as a contract for other systems: codes, answers, errors, retries, cancelling.</summary>
public partial class RegistrationsApiTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private AppFactory App => fixture.App;
    private HttpClient Anonymous => App.CreateClient();

    private static string Url(Event e) => $"/api/v1/events/{e.Id}/registrations";

    [Fact]
    public async Task Registration_answers_201_with_id_status_location_and_cancel_secret()
    {
        var ev = await App.AddEventAsync(TestData.Event());

        var response = await Anonymous.PostJsonAsync(Url(ev), TestData.RegistrationBody());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.JsonAsync();
        var id = (int)body["id"]!;
        Assert.Equal(ev.Id, (int)body["eventId"]!);
        Assert.Equal("confirmed", (string?)body["status"]);
        Assert.Null(body["waitlistPosition"]);
        Assert.False(string.IsNullOrEmpty((string?)body["cancelSecret"]));
        Assert.Equal($"/api/v1/registrations/{id}", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Registration_when_full_goes_to_waiting_list_with_its_position()
    {
        var ev = await App.AddEventAsync(TestData.Event(capacity: 1));
        await Anonymous.PostJsonAsync(Url(ev), TestData.RegistrationBody());

        var second = await (await Anonymous.PostJsonAsync(Url(ev), TestData.RegistrationBody())).JsonAsync();
        var third = await (await Anonymous.PostJsonAsync(Url(ev), TestData.RegistrationBody())).JsonAsync();

        Assert.Equal(("waitlisted", 1), ((string?)second["status"], (int?)second["waitlistPosition"]));
        Assert.Equal(("waitlisted", 2), ((string?)third["status"], (int?)third["waitlistPosition"]));
    }

    [Fact]
    public async Task Registration_for_an_event_needing_approval_is_pending()
    {
        var ev = await App.AddEventAsync(TestData.Event(requiresApproval: true));

        var body = await (await Anonymous.PostJsonAsync(Url(ev), TestData.RegistrationBody())).JsonAsync();

        Assert.Equal("pending", (string?)body["status"]);
    }

    [Fact]
    public async Task Second_registration_with_the_same_email_in_other_letter_case_is_a_409()
    {
        var ev = await App.AddEventAsync(TestData.Event());
        await Anonymous.PostJsonAsync(Url(ev), TestData.RegistrationBody(email: "Fatou.Diallo@Example.org"));

        var again = await Anonymous.PostJsonAsync(Url(ev), TestData.RegistrationBody(email: "fatou.diallo@EXAMPLE.ORG"));

        var problem = await again.AssertProblemAsync(409);
        Assert.Contains("already registered", (string?)problem["detail"]);
        Assert.Equal(1, await CountAsync(ev));
    }

    [Fact]
    public async Task The_same_email_may_register_again_after_cancelling()
    {
        var ev = await App.AddEventAsync(TestData.Event());
        var first = await (await Anonymous.PostJsonAsync(Url(ev), TestData.RegistrationBody(email: "kofi@example.org"))).JsonAsync();
        await Anonymous.DeleteAsync($"/api/v1/registrations/{first["id"]}?secret={first["cancelSecret"]}", Ct);

        var again = await Anonymous.PostJsonAsync(Url(ev), TestData.RegistrationBody(email: "kofi@example.org"));

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    [Fact]
    public async Task The_same_email_may_register_for_two_events()
    {
        var one = await App.AddEventAsync(TestData.Event());
        var two = await App.AddEventAsync(TestData.Event());

        Assert.Equal(HttpStatusCode.Created, (await Anonymous.PostJsonAsync(Url(one), TestData.RegistrationBody(email: "ana@example.org"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Anonymous.PostJsonAsync(Url(two), TestData.RegistrationBody(email: "ana@example.org"))).StatusCode);
    }

    [Fact]
    public async Task Registration_for_an_unknown_event_is_a_404()
    {
        var response = await Anonymous.PostJsonAsync("/api/v1/events/987654/registrations", TestData.RegistrationBody());

        await response.AssertProblemAsync(404);
    }

    [Theory]
    [InlineData(EventStatus.Draft)]
    [InlineData(EventStatus.Cancelled)]
    [InlineData(EventStatus.Held)]
    public async Task Registration_for_an_event_that_is_not_published_is_a_403(EventStatus status)
    {
        var ev = await App.AddEventAsync(TestData.Event(status: status));

        await (await Anonymous.PostJsonAsync(Url(ev), TestData.RegistrationBody())).AssertProblemAsync(403);

        Assert.Equal(0, await CountAsync(ev));
    }

    [Fact]
    public async Task Registration_after_registration_closed_is_a_409()
    {
        var ev = await App.AddEventAsync(TestData.Event(registrationClosesAt: DateTime.UtcNow.AddMinutes(-1)));

        var problem = await (await Anonymous.PostJsonAsync(Url(ev), TestData.RegistrationBody())).AssertProblemAsync(409);

        Assert.Equal("Registration closed", (string?)problem["title"]);
    }

    [Fact]
    public async Task Registration_before_registration_opens_is_a_409()
    {
        var ev = await App.AddEventAsync(TestData.Event(registrationOpensAt: DateTime.UtcNow.AddDays(1)));

        await (await Anonymous.PostJsonAsync(Url(ev), TestData.RegistrationBody())).AssertProblemAsync(409);
    }

    [Fact]
    public async Task Registration_for_an_event_that_has_ended_is_a_409()
    {
        var ev = await App.AddEventAsync(TestData.Event(startsIn: TimeSpan.FromDays(-2)));

        await (await Anonymous.PostJsonAsync(Url(ev), TestData.RegistrationBody())).AssertProblemAsync(409);
    }

    [Fact]
    public async Task Registration_without_fields_is_a_400_naming_every_missing_field()
    {
        var ev = await App.AddEventAsync(TestData.Event());

        var response = await Anonymous.PostJsonAsync(Url(ev), new JsonObject());

        var problem = await response.AssertProblemAsync(400, "fullName", "email", "organization", "stakeholderGroup", "country");
        Assert.Null(problem["errors"]!["gender"]);
    }

    [Fact]
    public async Task Registration_with_an_unknown_code_is_a_400_listing_the_codes()
    {
        var ev = await App.AddEventAsync(TestData.Event());
        var body = TestData.RegistrationBody(stakeholderGroup: "MemberState", country: "XYZ");
        body["gender"] = "unknown";

        var problem = await (await Anonymous.PostJsonAsync(Url(ev), body)).AssertProblemAsync(400, "stakeholderGroup", "country", "gender");

        Assert.Contains("member-state", problem["errors"]!["stakeholderGroup"]![0]!.ToString());
    }

    [Fact]
    public async Task Codes_are_accepted_in_any_letter_case_and_the_country_as_lower_case()
    {
        var ev = await App.AddEventAsync(TestData.Event());

        var response = await Anonymous.PostJsonAsync(Url(ev), TestData.RegistrationBody(stakeholderGroup: "CIVIL-SOCIETY", country: "sen"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = await App.Db(db => db.Registrations.SingleAsync(r => r.EventId == ev.Id, Ct));
        Assert.Equal((StakeholderGroup.CivilSociety, "SEN"), (stored.StakeholderGroup, stored.Country));
    }

    // ---- Idempotency-Key ------------------------------------------------------------------------------------

    [Fact]
    public async Task Retry_with_the_same_Idempotency_Key_and_body_creates_one_registration_and_gives_the_same_answer()
    {
        var ev = await App.AddEventAsync(TestData.Event());
        var body = TestData.RegistrationBody();
        var key = Guid.NewGuid().ToString();

        var first = await Anonymous.PostJsonAsync(Url(ev), body, key);
        var retry = await Anonymous.PostJsonAsync(Url(ev), body, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        var (a, b) = (await first.JsonAsync(), await retry.JsonAsync());
        Assert.Equal(((int)a["id"]!, (string?)a["status"]), ((int)b["id"]!, (string?)b["status"]));
        // The secret is shown once: the stored answer keeps no copy of it.
        Assert.Null((string?)b["cancelSecret"]);
        Assert.Equal(1, await CountAsync(ev));
    }

    [Fact]
    public async Task Simultaneous_retries_with_one_Idempotency_Key_create_one_registration()
    {
        var ev = await App.AddEventAsync(TestData.Event());
        var body = TestData.RegistrationBody();
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Anonymous.PostJsonAsync(Url(ev), body, key)));

        Assert.All(answers, a => Assert.Contains((int)a.StatusCode, new[] { 201, 409 }));
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.Equal(1, await CountAsync(ev));
    }

    [Fact]
    public async Task Same_Idempotency_Key_with_a_different_body_is_a_422()
    {
        var ev = await App.AddEventAsync(TestData.Event());
        var key = Guid.NewGuid().ToString();
        await Anonymous.PostJsonAsync(Url(ev), TestData.RegistrationBody(), key);

        var other = await Anonymous.PostJsonAsync(Url(ev), TestData.RegistrationBody(), key);

        await other.AssertProblemAsync(422);
        Assert.Equal(1, await CountAsync(ev));
    }

    [Fact]
    public async Task Same_Idempotency_Key_while_the_first_request_is_in_flight_is_a_409()
    {
        var ev = await App.AddEventAsync(TestData.Event());
        var body = TestData.RegistrationBody();
        var key = Guid.NewGuid().ToString();
        await ClaimInFlightAsync(ev, key, body, startedAgo: TimeSpan.FromSeconds(5));

        var response = await Anonymous.PostJsonAsync(Url(ev), body, key);

        var problem = await response.AssertProblemAsync(409);
        Assert.Equal("Request in progress", (string?)problem["title"]);
        Assert.Equal(0, await CountAsync(ev));
    }

    [Fact]
    public async Task An_abandoned_Idempotency_Key_claim_is_taken_over_after_two_minutes()
    {
        var ev = await App.AddEventAsync(TestData.Event());
        var body = TestData.RegistrationBody();
        var key = Guid.NewGuid().ToString();
        await ClaimInFlightAsync(ev, key, body, startedAgo: IdempotencyStore.AbandonedAfter + TimeSpan.FromSeconds(5));

        var response = await Anonymous.PostJsonAsync(Url(ev), body, key);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, await CountAsync(ev));
    }

    [Fact]
    public async Task The_same_Idempotency_Key_for_another_event_is_a_separate_request()
    {
        var one = await App.AddEventAsync(TestData.Event());
        var two = await App.AddEventAsync(TestData.Event());
        var body = TestData.RegistrationBody();
        var key = Guid.NewGuid().ToString();

        Assert.Equal(HttpStatusCode.Created, (await Anonymous.PostJsonAsync(Url(one), body, key)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Anonymous.PostJsonAsync(Url(two), body, key)).StatusCode);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("clé-ünicode")]
    public async Task An_invalid_Idempotency_Key_is_a_400_naming_the_header(string key)
    {
        var ev = await App.AddEventAsync(TestData.Event());

        var response = await Anonymous.PostJsonAsync(Url(ev), TestData.RegistrationBody(), key);

        await response.AssertProblemAsync(400, "Idempotency-Key");
        Assert.Equal(0, await CountAsync(ev));
    }

    [Fact]
    public async Task An_Idempotency_Key_longer_than_200_characters_is_a_400()
    {
        var ev = await App.AddEventAsync(TestData.Event());

        var response = await Anonymous.PostJsonAsync(Url(ev), TestData.RegistrationBody(), new string('k', 201));

        await response.AssertProblemAsync(400, "Idempotency-Key");
    }

    // ---- cancelling -----------------------------------------------------------------------------------------

    [Fact]
    public async Task Delete_with_the_cancel_secret_cancels_and_is_safe_to_repeat()
    {
        var ev = await App.AddEventAsync(TestData.Event());
        var created = await (await Anonymous.PostJsonAsync(Url(ev), TestData.RegistrationBody())).JsonAsync();
        var url = $"/api/v1/registrations/{created["id"]}?secret={created["cancelSecret"]}";

        Assert.Equal(HttpStatusCode.NoContent, (await Anonymous.DeleteAsync(url, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Anonymous.DeleteAsync(url, Ct)).StatusCode);

        Assert.Equal(RegistrationStatus.Cancelled, await StatusAsync((int)created["id"]!));
    }

    [Fact]
    public async Task Delete_of_a_confirmed_seat_offers_it_to_the_waiting_list()
    {
        var ev = await App.AddEventAsync(TestData.Event(capacity: 1));
        var seated = await (await Anonymous.PostJsonAsync(Url(ev), TestData.RegistrationBody())).JsonAsync();
        var waiting = await (await Anonymous.PostJsonAsync(Url(ev), TestData.RegistrationBody())).JsonAsync();

        await Anonymous.DeleteAsync($"/api/v1/registrations/{seated["id"]}?secret={seated["cancelSecret"]}", Ct);

        Assert.Equal(RegistrationStatus.Offered, await StatusAsync((int)waiting["id"]!));
    }

    [Fact]
    public async Task Delete_with_a_wrong_secret_is_a_403_and_changes_nothing()
    {
        var ev = await App.AddEventAsync(TestData.Event());
        var mine = await (await Anonymous.PostJsonAsync(Url(ev), TestData.RegistrationBody())).JsonAsync();
        var theirs = await (await Anonymous.PostJsonAsync(Url(ev), TestData.RegistrationBody())).JsonAsync();

        var wrong = await Anonymous.DeleteAsync($"/api/v1/registrations/{theirs["id"]}?secret=not-the-secret", Ct);
        var someoneElses = await Anonymous.DeleteAsync($"/api/v1/registrations/{theirs["id"]}?secret={mine["cancelSecret"]}", Ct);

        await wrong.AssertProblemAsync(403);
        await someoneElses.AssertProblemAsync(403);
        Assert.Equal(RegistrationStatus.Confirmed, await StatusAsync((int)theirs["id"]!));
    }

    [Fact]
    public async Task Delete_without_secret_or_token_is_a_401()
    {
        var ev = await App.AddEventAsync(TestData.Event());
        var created = await (await Anonymous.PostJsonAsync(Url(ev), TestData.RegistrationBody())).JsonAsync();

        await (await Anonymous.DeleteAsync($"/api/v1/registrations/{created["id"]}", Ct)).AssertProblemAsync(401);

        Assert.Equal(RegistrationStatus.Confirmed, await StatusAsync((int)created["id"]!));
    }

    [Fact]
    public async Task Delete_with_a_staff_token_cancels_and_records_who()
    {
        var ev = await App.AddEventAsync(TestData.Event());
        var created = await (await Anonymous.PostJsonAsync(Url(ev), TestData.RegistrationBody())).JsonAsync();
        var staff = App.ClientWithToken(await App.StaffTokenAsync(Scopes.RegistrationsWrite));

        var response = await staff.DeleteAsync($"/api/v1/registrations/{created["id"]}", Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var log = await App.Db(db => db.RegistrationLog.Where(l => l.RegistrationId == (int)created["id"]!).OrderBy(l => l.Id).ToListAsync(Ct));
        Assert.Equal("cancelled-by-staff", log.Last().Action);
        Assert.NotNull(log.Last().ActorId);
    }

    [Fact]
    public async Task Delete_with_a_staff_token_lacking_registrations_write_is_a_403()
    {
        var ev = await App.AddEventAsync(TestData.Event());
        var created = await (await Anonymous.PostJsonAsync(Url(ev), TestData.RegistrationBody())).JsonAsync();
        var staff = App.ClientWithToken(await App.StaffTokenAsync(Scopes.RegistrationsRead, Scopes.EventsWrite));

        await (await staff.DeleteAsync($"/api/v1/registrations/{created["id"]}", Ct)).AssertProblemAsync(403);

        Assert.Equal(RegistrationStatus.Confirmed, await StatusAsync((int)created["id"]!));
    }

    [Fact]
    public async Task Delete_of_an_unknown_registration_with_a_staff_token_is_a_404()
    {
        var staff = App.ClientWithToken(await App.StaffTokenAsync(Scopes.RegistrationsWrite));

        await (await staff.DeleteAsync("/api/v1/registrations/987654", Ct)).AssertProblemAsync(404);
    }

    [Fact]
    public async Task Delete_of_a_declined_registration_is_a_409()
    {
        var ev = await App.AddEventAsync(TestData.Event(capacity: 1));
        var seated = await (await Anonymous.PostJsonAsync(Url(ev), TestData.RegistrationBody())).JsonAsync();
        var waiting = await (await Anonymous.PostJsonAsync(Url(ev), TestData.RegistrationBody())).JsonAsync();
        await Anonymous.DeleteAsync($"/api/v1/registrations/{seated["id"]}?secret={seated["cancelSecret"]}", Ct);
        await App.With<RegistrationService, ChangeResult>(s => s.DeclineOfferAsync((int)waiting["id"]!, Ct));

        var response = await Anonymous.DeleteAsync($"/api/v1/registrations/{waiting["id"]}?secret={waiting["cancelSecret"]}", Ct);

        await response.AssertProblemAsync(409);
    }

    // ---- listing --------------------------------------------------------------------------------------------

    [Fact]
    public async Task Staff_with_registrations_read_list_registrations_with_positions_and_offset_times()
    {
        var ev = await App.AddEventAsync(TestData.Event(capacity: 1));
        await Anonymous.PostJsonAsync(Url(ev), TestData.RegistrationBody(email: "first@example.org"));
        await Anonymous.PostJsonAsync(Url(ev), TestData.RegistrationBody(email: "second@example.org", stakeholderGroup: "un-system"));
        var staff = App.ClientWithToken(await App.StaffTokenAsync(Scopes.RegistrationsRead));

        var response = await staff.GetAsync(Url(ev), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = (await response.JsonAsync()).AsArray();
        Assert.Equal(2, list.Count);
        Assert.Equal(("first@example.org", "confirmed", (int?)null), ((string?)list[0]!["email"], (string?)list[0]!["status"], (int?)list[0]!["waitlistPosition"]));
        Assert.Equal(("second@example.org", "waitlisted", 1), ((string?)list[1]!["email"], (string?)list[1]!["status"], (int?)list[1]!["waitlistPosition"]));
        Assert.Equal("un-system", (string?)list[1]!["stakeholderGroup"]);
        Assert.Matches(OffsetTime(), (string)list[0]!["createdAt"]!);
    }

    [Fact]
    public async Task Listing_registrations_of_an_unknown_event_is_a_404()
    {
        var staff = App.ClientWithToken(await App.StaffTokenAsync(Scopes.RegistrationsRead));

        await (await staff.GetAsync("/api/v1/events/987654/registrations", Ct)).AssertProblemAsync(404);
    }

    [Fact]
    public async Task Listing_registrations_anonymously_is_a_401()
    {
        var ev = await App.AddEventAsync(TestData.Event());

        var response = await Anonymous.GetAsync(Url(ev), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Listing_registrations_with_a_token_lacking_the_scope_is_a_403()
    {
        var ev = await App.AddEventAsync(TestData.Event());
        var staff = App.ClientWithToken(await App.StaffTokenAsync(Scopes.EventsWrite, Scopes.RegistrationsWrite));

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync(Url(ev), Ct)).StatusCode);
    }

    [Theory]
    [InlineData(Roles.Participant)]
    [InlineData(Roles.AgencyFocalPoint)]
    public async Task Listing_registrations_with_a_non_staff_token_is_a_403_even_with_the_scope(string role)
    {
        var ev = await App.AddEventAsync(TestData.Event());
        var user = await App.AddUserAsync(role);
        var client = App.ClientWithToken(await App.TokenWithoutChecksAsync(user, Scopes.RegistrationsRead));

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Url(ev), Ct)).StatusCode);
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")]
    internal static partial Regex OffsetTime();

    private Task<int> CountAsync(Event ev) => App.Db(db => db.Registrations.CountAsync(r => r.EventId == ev.Id, Ct));

    private Task<RegistrationStatus> StatusAsync(int id) =>
        App.Db(db => db.Registrations.Where(r => r.Id == id).Select(r => r.Status).SingleAsync(Ct));

    /// <summary>What the first of two requests with one key leaves behind while it is still being processed.</summary>
    private async Task ClaimInFlightAsync(Event ev, string key, JsonObject body, TimeSpan startedAgo)
    {
        var input = System.Text.Json.JsonSerializer.Deserialize<RegistrationInput>(body.ToJsonString(), System.Text.Json.JsonSerializerOptions.Web)!;
        var fingerprint = IdempotencyStore.Fingerprint(input.Validate().Value!);
        await App.Db(db =>
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                Scope = $"event-registration:{ev.Id}", Key = key, RequestHash = fingerprint,
                CreatedAt = DateTime.UtcNow - startedAgo,
            });
            return db.SaveChangesAsync(Ct);
        });
    }
}
