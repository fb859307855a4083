using Nexus.Web.Features.Events;

namespace Nexus.Web.Features.Registrations;

/// <summary>
/// The seat and waiting-list rules, free of any database so they can be unit-tested. The caller must hold the
/// event's seat lock while it counts seats and applies a decision (see RegistrationService).
/// </summary>
public static class RegistrationRules
{
    /// <summary>Statuses that always hold a seat.</summary>
    public static readonly RegistrationStatus[] Seated =
        [RegistrationStatus.Confirmed, RegistrationStatus.Offered, RegistrationStatus.Attended, RegistrationStatus.NoShow];

    private static readonly RegistrationStatus[] SeatedOrPending = [.. Seated, RegistrationStatus.Pending];

    /// <summary>Statuses that have left the event: they hold nothing and free the email for a new registration.</summary>
    public static readonly RegistrationStatus[] Inactive =
        [RegistrationStatus.Cancelled, RegistrationStatus.Declined, RegistrationStatus.Rejected];

    /// <summary>The statuses that hold a seat at an event (queries use this list in an IN (...)).</summary>
    public static RegistrationStatus[] SeatHolding(bool pendingHoldsSeat) => pendingHoldsSeat ? SeatedOrPending : Seated;

    public static bool HoldsSeat(RegistrationStatus status, bool pendingHoldsSeat) =>
        SeatHolding(pendingHoldsSeat).Contains(status);

    public static bool HasFreeSeat(int? capacity, int seatsTaken) => capacity is null || seatsTaken < capacity;

    public static int? SeatsLeft(int? capacity, int seatsTaken) =>
        capacity is null ? null : Math.Max(0, capacity.Value - seatsTaken);

    /// <summary>The status a new registration gets; <paramref name="approved"/> when staff register the person themselves.</summary>
    public static RegistrationStatus Admit(Event e, int seatsTaken, bool approved = false)
    {
        var free = HasFreeSeat(e.Capacity, seatsTaken);
        if (e.RequiresApproval && !approved)
            // A pending registration that would hold a seat can only be accepted while a seat is free.
            return !e.PendingHoldsSeat || free ? RegistrationStatus.Pending : RegistrationStatus.Waitlisted;
        return free ? RegistrationStatus.Confirmed : RegistrationStatus.Waitlisted;
    }

    /// <summary>The status an approved pending registration moves to.</summary>
    public static RegistrationStatus Approve(Event e, int seatsTakenByOthers) =>
        e.PendingHoldsSeat || HasFreeSeat(e.Capacity, seatsTakenByOthers)
            ? RegistrationStatus.Confirmed
            : RegistrationStatus.Waitlisted;

    /// <summary>
    /// Deadline of an offered seat: the event's offer window, but never later than the start of the event
    /// (an offer that outlives the event is worthless to the next person in line).
    /// </summary>
    public static DateTime OfferDeadline(Event e, DateTime now)
    {
        var deadline = now.AddHours(e.OfferHours);
        return deadline < e.StartsAt ? deadline : e.StartsAt;
    }

    /// <summary>Whether freed seats should still be offered to the waiting list.</summary>
    public static bool OffersStillUseful(Event e, DateTime now) =>
        e.Status == EventStatus.Published && now < e.StartsAt;

    private static readonly Dictionary<RegistrationStatus, RegistrationStatus[]> Allowed = new()
    {
        [RegistrationStatus.Pending] = [RegistrationStatus.Confirmed, RegistrationStatus.Waitlisted, RegistrationStatus.Rejected, RegistrationStatus.Cancelled],
        [RegistrationStatus.Confirmed] = [RegistrationStatus.Cancelled, RegistrationStatus.Attended, RegistrationStatus.NoShow],
        [RegistrationStatus.Waitlisted] = [RegistrationStatus.Offered, RegistrationStatus.Confirmed, RegistrationStatus.Cancelled, RegistrationStatus.Rejected],
        [RegistrationStatus.Offered] = [RegistrationStatus.Confirmed, RegistrationStatus.Declined, RegistrationStatus.Cancelled],
        [RegistrationStatus.Attended] = [RegistrationStatus.Confirmed, RegistrationStatus.NoShow],
        [RegistrationStatus.NoShow] = [RegistrationStatus.Attended, RegistrationStatus.Confirmed],
        [RegistrationStatus.Declined] = [],
        [RegistrationStatus.Cancelled] = [],
        [RegistrationStatus.Rejected] = [],
    };

    public static bool CanMove(RegistrationStatus from, RegistrationStatus to) => Allowed[from].Contains(to);

    /// <summary>Position (1-based) of a ticket among the tickets still waiting.</summary>
    public static int WaitlistPosition(long ticket, IEnumerable<long> waitingTickets) =>
        waitingTickets.Count(t => t <= ticket);
}
