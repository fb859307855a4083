using Nexus.Web.Features.Events;
using Nexus.Web.Features.Registrations;
using static Nexus.Web.Features.Registrations.RegistrationStatus;

namespace Nexus.Tests.Registrations;

/// <summary>The seat and waiting-list rules on their own, without a database.</summary>
public class RegistrationRulesTests
{
    private static readonly DateTime Now = new(2026, 3, 2, 14, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Registration_with_a_free_seat_is_confirmed() =>
        Assert.Equal(Confirmed, RegistrationRules.Admit(TestData.Event(capacity: 20), seatsTaken: 19));

    [Fact]
    public void Registration_when_full_goes_to_waiting_list() =>
        Assert.Equal(Waitlisted, RegistrationRules.Admit(TestData.Event(capacity: 20), seatsTaken: 20));

    [Fact]
    public void Registration_when_overfull_still_goes_to_waiting_list() =>
        Assert.Equal(Waitlisted, RegistrationRules.Admit(TestData.Event(capacity: 20), seatsTaken: 25));

    [Fact]
    public void Registration_without_capacity_is_always_confirmed() =>
        Assert.Equal(Confirmed, RegistrationRules.Admit(TestData.Event(capacity: null), seatsTaken: 100_000));

    [Fact]
    public void Registration_needing_approval_is_pending_while_seats_are_free() =>
        Assert.Equal(Pending, RegistrationRules.Admit(TestData.Event(capacity: 2, requiresApproval: true, pendingHoldsSeat: true), seatsTaken: 1));

    [Fact]
    public void Registration_needing_approval_when_full_is_waitlisted_if_pending_holds_a_seat() =>
        Assert.Equal(Waitlisted, RegistrationRules.Admit(TestData.Event(capacity: 2, requiresApproval: true, pendingHoldsSeat: true), seatsTaken: 2));

    [Fact]
    public void Registration_needing_approval_when_full_is_still_pending_if_pending_holds_no_seat() =>
        Assert.Equal(Pending, RegistrationRules.Admit(TestData.Event(capacity: 2, requiresApproval: true, pendingHoldsSeat: false), seatsTaken: 2));

    [Fact]
    public void Registration_by_staff_needs_no_approval_and_takes_a_free_seat() =>
        Assert.Equal(Confirmed, RegistrationRules.Admit(TestData.Event(capacity: 2, requiresApproval: true, pendingHoldsSeat: false), seatsTaken: 1, approved: true));

    [Fact]
    public void Registration_by_staff_when_full_goes_to_the_waiting_list() =>
        Assert.Equal(Waitlisted, RegistrationRules.Admit(TestData.Event(capacity: 2, requiresApproval: true, pendingHoldsSeat: false), seatsTaken: 2, approved: true));

    [Fact]
    public void Approval_confirms_when_the_pending_registration_held_its_seat() =>
        Assert.Equal(Confirmed, RegistrationRules.Approve(TestData.Event(capacity: 2, requiresApproval: true, pendingHoldsSeat: true), seatsTakenByOthers: 2));

    [Fact]
    public void Approval_confirms_when_a_seat_is_free() =>
        Assert.Equal(Confirmed, RegistrationRules.Approve(TestData.Event(capacity: 2, requiresApproval: true), seatsTakenByOthers: 1));

    [Fact]
    public void Approval_when_full_and_pending_held_no_seat_goes_to_waiting_list() =>
        Assert.Equal(Waitlisted, RegistrationRules.Approve(TestData.Event(capacity: 2, requiresApproval: true), seatsTakenByOthers: 2));

    [Fact]
    public void Approval_without_capacity_confirms() =>
        Assert.Equal(Confirmed, RegistrationRules.Approve(TestData.Event(capacity: null, requiresApproval: true), seatsTakenByOthers: 5000));

    [Theory]
    [InlineData(Confirmed, false, true)]
    [InlineData(Offered, false, true)]
    [InlineData(Attended, false, true)]
    [InlineData(NoShow, false, true)]
    [InlineData(Pending, true, true)]
    [InlineData(Pending, false, false)]
    [InlineData(Waitlisted, true, false)]
    [InlineData(Cancelled, true, false)]
    [InlineData(Declined, true, false)]
    [InlineData(Rejected, true, false)]
    public void Seat_holders_are_confirmed_offered_attended_no_show_and_pending_when_the_event_says_so(
        RegistrationStatus status, bool pendingHoldsSeat, bool holds) =>
        Assert.Equal(holds, RegistrationRules.HoldsSeat(status, pendingHoldsSeat));

    [Theory]
    [InlineData(20, 0, 20)]
    [InlineData(20, 19, 1)]
    [InlineData(20, 20, 0)]
    [InlineData(20, 23, 0)]
    public void Seats_left_never_go_below_zero(int capacity, int taken, int left) =>
        Assert.Equal(left, RegistrationRules.SeatsLeft(capacity, taken));

    [Fact]
    public void Seats_left_of_an_unlimited_event_is_null() => Assert.Null(RegistrationRules.SeatsLeft(null, 10));

    [Fact]
    public void Offer_deadline_is_the_offer_window_when_the_event_is_far_away()
    {
        var e = TestData.Event(now: Now, startsIn: TimeSpan.FromDays(10), offerHours: 48);
        Assert.Equal(Now.AddHours(48), RegistrationRules.OfferDeadline(e, Now));
    }

    [Fact]
    public void Offer_deadline_is_never_after_the_event_starts()
    {
        var e = TestData.Event(now: Now, startsIn: TimeSpan.FromHours(5), offerHours: 48);
        Assert.Equal(e.StartsAt, RegistrationRules.OfferDeadline(e, Now));
    }

    [Fact]
    public void Offer_deadline_exactly_at_the_start_is_the_start()
    {
        var e = TestData.Event(now: Now, startsIn: TimeSpan.FromHours(48), offerHours: 48);
        Assert.Equal(e.StartsAt, RegistrationRules.OfferDeadline(e, Now));
    }

    [Fact]
    public void Offers_are_useful_only_for_published_events_that_have_not_started()
    {
        Assert.True(RegistrationRules.OffersStillUseful(TestData.Event(now: Now), Now));
        Assert.False(RegistrationRules.OffersStillUseful(TestData.Event(now: Now, status: EventStatus.Cancelled), Now));
        Assert.False(RegistrationRules.OffersStillUseful(TestData.Event(now: Now, status: EventStatus.Draft), Now));
        var started = TestData.Event(now: Now, startsIn: TimeSpan.FromHours(1));
        Assert.False(RegistrationRules.OffersStillUseful(started, started.StartsAt));
        Assert.False(RegistrationRules.OffersStillUseful(started, started.StartsAt.AddMinutes(1)));
    }

    [Theory]
    [InlineData(Pending, Confirmed)]
    [InlineData(Pending, Waitlisted)]
    [InlineData(Pending, Rejected)]
    [InlineData(Pending, Cancelled)]
    [InlineData(Confirmed, Cancelled)]
    [InlineData(Confirmed, Attended)]
    [InlineData(Confirmed, NoShow)]
    [InlineData(Waitlisted, Offered)]
    [InlineData(Waitlisted, Confirmed)]
    [InlineData(Waitlisted, Cancelled)]
    [InlineData(Offered, Confirmed)]
    [InlineData(Offered, Declined)]
    [InlineData(Offered, Cancelled)]
    [InlineData(Attended, NoShow)]
    [InlineData(NoShow, Attended)]
    public void Allowed_transitions(RegistrationStatus from, RegistrationStatus to) =>
        Assert.True(RegistrationRules.CanMove(from, to));

    [Theory]
    [InlineData(Cancelled, Confirmed)]
    [InlineData(Cancelled, Waitlisted)]
    [InlineData(Declined, Confirmed)]
    [InlineData(Declined, Offered)]
    [InlineData(Rejected, Confirmed)]
    [InlineData(Confirmed, Waitlisted)]
    [InlineData(Confirmed, Offered)]
    [InlineData(Confirmed, Pending)]
    [InlineData(Waitlisted, Attended)]
    [InlineData(Offered, Waitlisted)]
    [InlineData(Pending, Attended)]
    [InlineData(Attended, Cancelled)]
    public void Forbidden_transitions(RegistrationStatus from, RegistrationStatus to) =>
        Assert.False(RegistrationRules.CanMove(from, to));

    [Fact]
    public void Final_states_lead_nowhere()
    {
        foreach (var final in new[] { Cancelled, Declined, Rejected })
        foreach (var to in Enum.GetValues<RegistrationStatus>())
            Assert.False(RegistrationRules.CanMove(final, to), $"{final} -> {to}");
    }

    [Fact]
    public void Every_status_has_a_transition_table_entry()
    {
        foreach (var from in Enum.GetValues<RegistrationStatus>())
            _ = RegistrationRules.CanMove(from, Confirmed); // throws KeyNotFoundException for a forgotten status
    }

    [Fact]
    public void Waitlist_position_is_the_rank_among_tickets_still_waiting()
    {
        long[] waiting = [3, 7, 8, 12];
        Assert.Equal(1, RegistrationRules.WaitlistPosition(3, waiting));
        Assert.Equal(2, RegistrationRules.WaitlistPosition(7, waiting));
        Assert.Equal(4, RegistrationRules.WaitlistPosition(12, waiting));
    }

    [Fact]
    public void Waitlist_positions_shift_up_when_someone_ahead_leaves()
    {
        Assert.Equal(3, RegistrationRules.WaitlistPosition(8, [3, 7, 8]));
        Assert.Equal(2, RegistrationRules.WaitlistPosition(8, [7, 8]));
        Assert.Equal(1, RegistrationRules.WaitlistPosition(8, [8]));
    }

    [Fact]
    public void Waitlist_positions_do_not_depend_on_the_order_tickets_are_listed() =>
        Assert.Equal(3, RegistrationRules.WaitlistPosition(9, [9, 2, 5, 11]));
}
