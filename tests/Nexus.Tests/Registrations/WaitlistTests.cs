using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Nexus.Web.Data;
using Nexus.Web.Features.Events;
using Nexus.Web.Features.Registrations;
using Nexus.Web.Infrastructure.Localization;
using static Nexus.Web.Features.Registrations.RegistrationStatus;

namespace Nexus.Tests.Registrations;

public sealed class WaitlistTestsOnSqlite(SqliteAppWithClock fixture) : WaitlistTests(fixture), IClassFixture<SqliteAppWithClock>;

public sealed class WaitlistTestsOnPostgres(PostgresAppWithClock fixture) : WaitlistTests(fixture), IClassFixture<PostgresAppWithClock>;

/// <summary>
/// Acceptance 3: freed seats go to the waiting list in order, offers expire and pass on, on a clock the test moves
/// (FakeTimeProvider). Also approvals, and the emails each step queues in the participant's language.
/// </summary>
public abstract class WaitlistTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private AppFactory App => fixture.App;
    private FakeTimeProvider Clock => fixture.Clock!;
    private DateTime Now => Clock.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task Cancellation_offers_the_seat_to_the_head_of_the_list_and_the_others_move_up()
    {
        var ev = await EventAsync(capacity: 2);
        var a = await RegisterAsync(ev);
        await RegisterAsync(ev);
        var c = await RegisterAsync(ev);
        var d = await RegisterAsync(ev);
        var e = await RegisterAsync(ev);
        Assert.Equal([1, 2, 3], [c.WaitlistPosition!.Value, d.WaitlistPosition!.Value, e.WaitlistPosition!.Value]);

        Assert.Equal(ChangeOutcome.Done, (await CancelAsync(a.Registration!.Id)).Outcome);

        var offered = await RegistrationAsync(c.Registration!.Id);
        Assert.Equal(Offered, offered.Status);
        Assert.Equal(Now.AddHours(ev.OfferHours), offered.OfferExpiresAt);
        Assert.Equal(1, await PositionAsync(ev, d));
        Assert.Equal(2, await PositionAsync(ev, e));
        Assert.Equal(["seat-offered"], await EmailKindsAsync(c.Registration.Id, after: "registration-waitlisted"));
        Assert.Equal(2, await SeatsTakenAsync(ev));
    }

    [Fact]
    public async Task Several_cancellations_promote_in_ticket_order()
    {
        var ev = await EventAsync(capacity: 2);
        var a = await RegisterAsync(ev);
        var b = await RegisterAsync(ev);
        var waiting = new List<RegisterResult>();
        for (var i = 0; i < 4; i++) waiting.Add(await RegisterAsync(ev));

        await CancelAsync(b.Registration!.Id);
        await CancelAsync(a.Registration!.Id);

        Assert.Equal([Offered, Offered, Waitlisted, Waitlisted], await StatusesAsync(waiting));
        Assert.Equal(1, await PositionAsync(ev, waiting[2]));
        Assert.Equal(2, await PositionAsync(ev, waiting[3]));
    }

    [Fact]
    public async Task A_waiting_person_who_cancels_frees_no_seat_but_moves_those_behind_up()
    {
        var ev = await EventAsync(capacity: 1);
        await RegisterAsync(ev);
        var first = await RegisterAsync(ev);
        var second = await RegisterAsync(ev);

        await CancelAsync(first.Registration!.Id);

        Assert.Equal(Waitlisted, (await RegistrationAsync(second.Registration!.Id)).Status);
        Assert.Equal(1, await PositionAsync(ev, second));
        Assert.DoesNotContain("seat-offered", await EmailKindsAsync(second.Registration.Id));
    }

    [Fact]
    public async Task An_offer_is_held_until_its_deadline()
    {
        var ev = await EventAsync(capacity: 1, offerHours: 24);
        var a = await RegisterAsync(ev);
        var b = await RegisterAsync(ev);
        await CancelAsync(a.Registration!.Id);

        Clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        await ExpireOffersAsync();

        Assert.Equal(Offered, (await RegistrationAsync(b.Registration!.Id)).Status);
    }

    [Fact]
    public async Task An_expired_offer_passes_to_the_next_in_line_with_a_new_deadline()
    {
        var ev = await EventAsync(capacity: 1, offerHours: 24);
        var a = await RegisterAsync(ev);
        var b = await RegisterAsync(ev);
        var c = await RegisterAsync(ev);
        var d = await RegisterAsync(ev);
        await CancelAsync(a.Registration!.Id);

        Clock.Advance(TimeSpan.FromHours(24));
        Assert.True(await ExpireOffersAsync() >= 1);

        var expired = await RegistrationAsync(b.Registration!.Id);
        Assert.Equal(Declined, expired.Status);
        Assert.Null(expired.OfferExpiresAt);
        Assert.Contains("offer-expired", await EmailKindsAsync(b.Registration.Id));
        var next = await RegistrationAsync(c.Registration!.Id);
        Assert.Equal(Offered, next.Status);
        Assert.Equal(Now.AddHours(24), next.OfferExpiresAt);
        Assert.Equal(1, await PositionAsync(ev, d));

        // and on again, until the list is empty
        Clock.Advance(TimeSpan.FromHours(25));
        await ExpireOffersAsync();
        Assert.Equal(Offered, (await RegistrationAsync(d.Registration!.Id)).Status);
        Clock.Advance(TimeSpan.FromHours(25));
        await ExpireOffersAsync();
        Assert.Equal(Declined, (await RegistrationAsync(d.Registration!.Id)).Status);
        Assert.Equal(0, await SeatsTakenAsync(ev));
    }

    [Fact]
    public async Task Accepting_an_offer_confirms_the_seat()
    {
        var ev = await EventAsync(capacity: 1);
        var a = await RegisterAsync(ev);
        var b = await RegisterAsync(ev);
        await CancelAsync(a.Registration!.Id);
        Clock.Advance(TimeSpan.FromHours(1));

        var result = await App.With<RegistrationService, ChangeResult>(s => s.AcceptOfferAsync(b.Registration!.Id, Ct));

        Assert.Equal(ChangeOutcome.Done, result.Outcome);
        var accepted = await RegistrationAsync(b.Registration!.Id);
        Assert.Equal(Confirmed, accepted.Status);
        Assert.Null(accepted.OfferExpiresAt);
        Assert.Equal("registration-confirmed", (await EmailKindsAsync(b.Registration.Id)).Last());
        // Accepting twice (a second click on the link) changes nothing.
        Assert.Equal(ChangeOutcome.AlreadyDone, (await App.With<RegistrationService, ChangeResult>(s => s.AcceptOfferAsync(b.Registration.Id, Ct))).Outcome);
        Assert.Equal(1, await SeatsTakenAsync(ev));
    }

    [Fact]
    public async Task Accepting_an_offer_after_its_deadline_is_refused_even_before_the_expiry_job_ran()
    {
        var ev = await EventAsync(capacity: 1, offerHours: 2);
        var a = await RegisterAsync(ev);
        var b = await RegisterAsync(ev);
        await CancelAsync(a.Registration!.Id);
        Clock.Advance(TimeSpan.FromHours(2));

        var result = await App.With<RegistrationService, ChangeResult>(s => s.AcceptOfferAsync(b.Registration!.Id, Ct));

        Assert.Equal(ChangeOutcome.Expired, result.Outcome);
        Assert.Equal(Offered, (await RegistrationAsync(b.Registration!.Id)).Status);
    }

    [Fact]
    public async Task Declining_an_offer_passes_the_seat_to_the_next_in_line()
    {
        var ev = await EventAsync(capacity: 1);
        var a = await RegisterAsync(ev);
        var b = await RegisterAsync(ev);
        var c = await RegisterAsync(ev);
        await CancelAsync(a.Registration!.Id);

        var result = await App.With<RegistrationService, ChangeResult>(s => s.DeclineOfferAsync(b.Registration!.Id, Ct));

        Assert.Equal(ChangeOutcome.Done, result.Outcome);
        Assert.Equal(Declined, (await RegistrationAsync(b.Registration!.Id)).Status);
        Assert.Equal(Offered, (await RegistrationAsync(c.Registration!.Id)).Status);
        Assert.Equal(1, await SeatsTakenAsync(ev));
    }

    [Fact]
    public async Task Cancelling_an_offered_seat_passes_it_on()
    {
        var ev = await EventAsync(capacity: 1);
        var a = await RegisterAsync(ev);
        var b = await RegisterAsync(ev);
        var c = await RegisterAsync(ev);
        await CancelAsync(a.Registration!.Id);

        await CancelAsync(b.Registration!.Id);

        Assert.Equal(Offered, (await RegistrationAsync(c.Registration!.Id)).Status);
    }

    [Fact]
    public async Task Offer_deadline_is_never_after_the_event_starts()
    {
        var ev = await EventAsync(capacity: 1, offerHours: 48, startsIn: TimeSpan.FromHours(5));
        var a = await RegisterAsync(ev);
        var b = await RegisterAsync(ev);

        await CancelAsync(a.Registration!.Id);

        Assert.Equal(ev.StartsAt, (await RegistrationAsync(b.Registration!.Id)).OfferExpiresAt);
    }

    [Fact]
    public async Task Seats_freed_once_the_event_has_started_are_not_offered()
    {
        var ev = await EventAsync(capacity: 1, startsIn: TimeSpan.FromHours(3));
        var a = await RegisterAsync(ev);
        var b = await RegisterAsync(ev);
        Clock.Advance(TimeSpan.FromHours(3) + TimeSpan.FromMinutes(10));

        await CancelAsync(a.Registration!.Id);

        Assert.Equal(Waitlisted, (await RegistrationAsync(b.Registration!.Id)).Status);
    }

    [Fact]
    public async Task An_offer_that_reaches_the_event_start_expires_and_is_not_passed_on()
    {
        var ev = await EventAsync(capacity: 1, startsIn: TimeSpan.FromHours(5));
        var a = await RegisterAsync(ev);
        var b = await RegisterAsync(ev);
        var c = await RegisterAsync(ev);
        await CancelAsync(a.Registration!.Id);

        Clock.Advance(TimeSpan.FromHours(5));
        await ExpireOffersAsync();

        Assert.Equal(Declined, (await RegistrationAsync(b.Registration!.Id)).Status);
        Assert.Equal(Waitlisted, (await RegistrationAsync(c.Registration!.Id)).Status);
    }

    [Fact]
    public async Task Raising_the_capacity_offers_the_new_seats_in_order()
    {
        var ev = await EventAsync(capacity: 1);
        await RegisterAsync(ev);
        var b = await RegisterAsync(ev);
        var c = await RegisterAsync(ev);
        var d = await RegisterAsync(ev);
        await App.Db(db => db.Events.Where(e => e.Id == ev.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Capacity, 3), Ct));

        await App.With<RegistrationService, int>(async s => { await s.OfferFreeSeatsAsync(ev.Id, Ct); return 0; });

        Assert.Equal([Offered, Offered, Waitlisted], await StatusesAsync([b, c, d]));
    }

    [Fact]
    public async Task Pending_registration_holds_a_seat_when_the_event_says_so()
    {
        var ev = await EventAsync(capacity: 1, requiresApproval: true, pendingHoldsSeat: true);
        var staff = await App.AddUserAsync();
        var a = await RegisterAsync(ev);
        var b = await RegisterAsync(ev);
        Assert.Equal(Pending, a.Registration!.Status);
        Assert.Equal(Waitlisted, b.Registration!.Status);
        Assert.Equal(1, b.WaitlistPosition);

        await App.With<RegistrationService, ChangeResult>(s => s.ApproveAsync(a.Registration.Id, staff.Id, Ct));

        Assert.Equal(Confirmed, (await RegistrationAsync(a.Registration.Id)).Status);
        Assert.Equal(["registration-pending", "registration-confirmed"], await EmailKindsAsync(a.Registration.Id));
        Assert.Equal(Waitlisted, (await RegistrationAsync(b.Registration.Id)).Status);
    }

    [Fact]
    public async Task Rejecting_a_pending_registration_that_held_a_seat_offers_it_to_the_waiting_list()
    {
        var ev = await EventAsync(capacity: 1, requiresApproval: true, pendingHoldsSeat: true);
        var staff = await App.AddUserAsync();
        var a = await RegisterAsync(ev);
        var b = await RegisterAsync(ev);

        await App.With<RegistrationService, ChangeResult>(s => s.RejectAsync(a.Registration!.Id, staff.Id, Ct));

        Assert.Equal(Rejected, (await RegistrationAsync(a.Registration!.Id)).Status);
        Assert.Contains("registration-rejected", await EmailKindsAsync(a.Registration.Id));
        Assert.Equal(Offered, (await RegistrationAsync(b.Registration!.Id)).Status);
    }

    [Fact]
    public async Task Pending_registrations_hold_no_seat_and_approval_when_full_goes_to_waiting_list()
    {
        var ev = await EventAsync(capacity: 1, requiresApproval: true, pendingHoldsSeat: false);
        var staff = await App.AddUserAsync();
        var a = await RegisterAsync(ev);
        var b = await RegisterAsync(ev);
        Assert.Equal([Pending, Pending], [a.Registration!.Status, b.Registration!.Status]);
        Assert.Equal(0, await SeatsTakenAsync(ev));

        await App.With<RegistrationService, ChangeResult>(s => s.ApproveAsync(a.Registration.Id, staff.Id, Ct));
        await App.With<RegistrationService, ChangeResult>(s => s.ApproveAsync(b.Registration.Id, staff.Id, Ct));

        Assert.Equal(Confirmed, (await RegistrationAsync(a.Registration.Id)).Status);
        Assert.Equal(Waitlisted, (await RegistrationAsync(b.Registration.Id)).Status);
        Assert.Equal(1, await PositionAsync(ev, b));
        Assert.Equal("registration-waitlisted", (await EmailKindsAsync(b.Registration.Id)).Last());
    }

    [Fact]
    public async Task Approving_twice_is_refused()
    {
        var ev = await EventAsync(capacity: 5, requiresApproval: true);
        var staff = await App.AddUserAsync();
        var a = await RegisterAsync(ev);
        await App.With<RegistrationService, ChangeResult>(s => s.ApproveAsync(a.Registration!.Id, staff.Id, Ct));

        var again = await App.With<RegistrationService, ChangeResult>(s => s.ApproveAsync(a.Registration!.Id, staff.Id, Ct));

        Assert.Equal(ChangeOutcome.NotAllowed, again.Outcome);
        Assert.Single(await EmailKindsAsync(a.Registration!.Id), "registration-confirmed");
    }

    [Fact]
    public async Task Every_step_is_written_to_the_registration_log()
    {
        var ev = await EventAsync(capacity: 1);
        var a = await RegisterAsync(ev);
        var b = await RegisterAsync(ev);
        await CancelAsync(a.Registration!.Id);
        await App.With<RegistrationService, ChangeResult>(s => s.AcceptOfferAsync(b.Registration!.Id, Ct));

        var log = await App.Db(db => db.RegistrationLog.Where(l => l.RegistrationId == b.Registration!.Id)
            .OrderBy(l => l.Id).Select(l => l.Action).ToListAsync(Ct));

        Assert.Equal(["registered", "seat-offered", "offer-accepted"], log);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public async Task Emails_are_queued_in_the_participants_language(string language)
    {
        var ev = await EventAsync(capacity: 1);
        var a = await RegisterAsync(ev, language: language);
        var b = await RegisterAsync(ev, language: language);
        await CancelAsync(a.Registration!.Id);

        var offer = await App.Db(db => db.Outbox.AsNoTracking().SingleAsync(m => m.RegistrationId == b.Registration!.Id && m.Kind == "seat-offered", Ct));
        var deadline = (await RegistrationAsync(b.Registration!.Id)).OfferExpiresAt!.Value;

        // Dates are written in the participant's culture (day and month names, 24-hour clock in French), whatever
        // the server's culture: the offer's deadline as well as the event's date.
        string deadlineText, startText;
        using (SupportedCultures.Use(language))
        {
            deadlineText = RegistrationEmails.Format(ev, deadline);
            startText = RegistrationEmails.Format(ev, ev.StartsAt);
        }
        Assert.True(offer.TextBody.Contains(startText), offer.TextBody);
        Assert.True(offer.TextBody.Contains(deadlineText), $"The deadline should read '{deadlineText}': {offer.TextBody}");
        Assert.Equal(b.Registration.Email, offer.To);
        Assert.Equal(["registration-confirmed", "registration-cancelled"], await EmailKindsAsync(a.Registration.Id));
    }

    [Fact]
    public async Task A_confirmation_email_carries_the_calendar_invitation()
    {
        var ev = await EventAsync(capacity: 5);
        var a = await RegisterAsync(ev);

        var email = await App.Db(db => db.Outbox.AsNoTracking().SingleAsync(m => m.RegistrationId == a.Registration!.Id, Ct));

        Assert.Equal("registration-confirmed", email.Kind);
        Assert.StartsWith("BEGIN:VCALENDAR", email.CalendarAttachment);
        Assert.Null(email.SentAt);
        Assert.Equal(Now, email.NextAttemptAt);
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private Task<Event> EventAsync(int capacity, bool requiresApproval = false, bool pendingHoldsSeat = false,
        int offerHours = 48, TimeSpan? startsIn = null) =>
        App.AddEventAsync(TestData.Event(capacity: capacity, requiresApproval: requiresApproval, pendingHoldsSeat: pendingHoldsSeat,
            offerHours: offerHours, startsIn: startsIn, now: Now));

    private async Task<RegisterResult> RegisterAsync(Event ev, string language = "en")
    {
        var result = await App.With<RegistrationService, RegisterResult>(s => s.RegisterAsync(ev.Id, TestData.Registrant(language: language), null, Ct));
        Assert.Equal(RegisterOutcome.Created, result.Outcome);
        return result;
    }

    private Task<ChangeResult> CancelAsync(int registrationId) =>
        App.With<RegistrationService, ChangeResult>(s => s.CancelAsync(registrationId, null, Ct));

    /// <summary>Runs the expiry job as the background service does. Other tests' offers may expire too: the fixture is shared.</summary>
    private Task<int> ExpireOffersAsync() => App.With<RegistrationService, int>(s => s.ExpireOffersAsync(Ct));

    private Task<Registration> RegistrationAsync(int id) =>
        App.Db(db => db.Registrations.AsNoTracking().SingleAsync(r => r.Id == id, Ct));

    private async Task<RegistrationStatus[]> StatusesAsync(IEnumerable<RegisterResult> results)
    {
        var list = new List<RegistrationStatus>();
        foreach (var r in results) list.Add((await RegistrationAsync(r.Registration!.Id)).Status);
        return list.ToArray();
    }

    /// <summary>The position the database gives now, for a registration that must still be waiting.</summary>
    private async Task<int> PositionAsync(Event ev, RegisterResult result)
    {
        var r = await RegistrationAsync(result.Registration!.Id);
        Assert.Equal(Waitlisted, r.Status);
        return await App.With<RegistrationService, int>(s => s.WaitlistPositionAsync(ev.Id, r.WaitlistTicket!.Value, Ct));
    }

    private Task<int> SeatsTakenAsync(Event ev) => App.With<RegistrationService, int>(s => s.SeatsTakenAsync(ev, Ct));

    /// <summary>Kinds of the emails queued for a registration, oldest first; optionally only those after a given kind.</summary>
    private async Task<string[]> EmailKindsAsync(int registrationId, string? after = null)
    {
        var kinds = await App.Db(db => db.Outbox.Where(m => m.RegistrationId == registrationId).OrderBy(m => m.Id)
            .Select(m => m.Kind).ToListAsync(Ct));
        return (after is null ? kinds : kinds.SkipWhile(k => k != after).Skip(1)).ToArray();
    }
}
