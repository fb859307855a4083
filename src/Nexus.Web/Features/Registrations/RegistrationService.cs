using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Accounts.Tokens;
using Nexus.Web.Features.Events;
using Nexus.Web.Infrastructure.Email;

namespace Nexus.Web.Features.Registrations;

public enum RegisterOutcome { Created, Duplicate, EventNotFound, NotPublished, Closed }

/// <param name="ApprovedBy">Staff registering someone themselves: their registration is the approval, so an event that
/// requires approval admits the person at once (a seat if one is free, else the waiting list), with one email.</param>
public sealed record RegisterRequest(int EventId, RegistrationInput.Valid Input, string? UserId, string? NoteVerbaleKey = null,
    string? ApprovedBy = null);

public sealed record RegisterResult(RegisterOutcome Outcome, Registration? Registration = null, int? WaitlistPosition = null,
    string? CancelSecret = null, string? TicketSecret = null);

public enum ChangeOutcome { Done, NotFound, NotAllowed, Full, AlreadyDone, Expired }

public sealed record ChangeResult(ChangeOutcome Outcome, Registration? Registration = null, string? Message = null);

/// <summary>
/// Every operation that changes a registration: it decides under the event's seat lock, writes the change,
/// its log entry and its emails in one transaction, then wakes the email sender. Pages, the API and
/// background jobs all come through here, so the rules hold whichever way a change arrives.
/// </summary>
public sealed class RegistrationService(AppDbContext db, RegistrationEmails emails, OutboxSignal outbox, SeatGate gate,
    Infrastructure.Caching.ProgrammeChanges changes, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<RegisterResult> RegisterAsync(int eventId, RegistrationInput.Valid input, string? userId, CancellationToken ct = default, string? noteVerbaleKey = null) =>
        (await RegisterBatchAsync([new RegisterRequest(eventId, input, userId, noteVerbaleKey)], ct))[0];

    /// <summary>
    /// Registers several people in one transaction (group commit: one lock per event and one durable commit for
    /// the lot, see <see cref="RegistrationDesk"/>). Each request is decided in order, exactly as if alone.
    /// </summary>
    public async Task<IReadOnlyList<RegisterResult>> RegisterBatchAsync(IReadOnlyList<RegisterRequest> requests, CancellationToken ct = default)
    {
        var results = new RegisterResult[requests.Count];
        using var _ = await gate.EnterAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        // Locks are taken in ascending event order, so two instances' batches can never wait on each other in a cycle.
        var desks = new Dictionary<int, EventDesk>();
        foreach (var eventId in requests.Select(r => r.EventId).Distinct().Order())
        {
            var ev = await LockEventAsync(eventId, ct);
            if (ev is null) continue;
            var emails = requests.Where(r => r.EventId == eventId).Select(r => r.Input.Email.ToUpperInvariant()).Distinct().ToList();
            // Everything the decisions need, in one round trip under the lock. NOT IN is the predicate of the unique
            // partial index, so the duplicate check is an index look-up; IN (...) counts over the (EventId, Status) index.
            var holding = RegistrationRules.SeatHolding(ev.PendingHoldsSeat);
            var inactive = RegistrationRules.Inactive;
            var counts = await db.Events.AsNoTracking().Where(e => e.Id == eventId).Select(e => new
            {
                Taken = db.Registrations.Count(r => r.EventId == eventId && holding.Contains(r.Status)),
                Waiting = db.Registrations.Count(r => r.EventId == eventId && r.Status == RegistrationStatus.Waitlisted),
            }).SingleAsync(ct);
            var registered = await db.Registrations
                .Where(r => r.EventId == eventId && emails.Contains(r.NormalizedEmail) && !inactive.Contains(r.Status))
                .Select(r => r.NormalizedEmail).ToListAsync(ct);
            desks[eventId] = new EventDesk(ev, counts.Taken, counts.Waiting, registered.ToHashSet());
        }

        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            if (!desks.TryGetValue(request.EventId, out var desk)) { results[i] = new(RegisterOutcome.EventNotFound); continue; }
            var ev = desk.Event;
            if (ev.Status != EventStatus.Published) { results[i] = new(RegisterOutcome.NotPublished); continue; }
            if (!ev.IsOpenForRegistration(Now)) { results[i] = new(RegisterOutcome.Closed); continue; }
            var normalizedEmail = request.Input.Email.ToUpperInvariant();
            if (!desk.Emails.Add(normalizedEmail)) { results[i] = new(RegisterOutcome.Duplicate); continue; }

            var status = RegistrationRules.Admit(ev, desk.Taken, approved: request.ApprovedBy is not null);
            if (RegistrationRules.HoldsSeat(status, ev.PendingHoldsSeat)) desk.Taken++;
            var cancelSecret = TokenSecrets.NewSecret();
            var ticketSecret = TokenSecrets.NewSecret();
            var input = request.Input;
            var registration = new Registration
            {
                EventId = ev.Id, UserId = request.UserId,
                FullName = input.FullName, Email = input.Email, NormalizedEmail = normalizedEmail,
                Organization = input.Organization, StakeholderGroup = input.Group, Country = input.Country,
                Gender = input.Gender, AccessibilityNeeds = input.AccessibilityNeeds, ListPublicly = input.ListPublicly,
                Language = input.Language, Status = status, NoteVerbaleKey = request.NoteVerbaleKey,
                CancelSecretHash = TokenSecrets.Hash(cancelSecret), TicketSecretHash = TokenSecrets.Hash(ticketSecret),
                CreatedAt = Now, UpdatedAt = Now,
            };
            int? position = null;
            if (status == RegistrationStatus.Waitlisted)
            {
                registration.WaitlistTicket = ++ev.WaitlistTicket;
                desk.TicketsIssued = true;
                // Tickets only grow, so everyone still waiting is ahead of the newcomer.
                position = ++desk.Waiting;
            }
            db.Registrations.Add(registration);
            Log(registration, "registered", null, status);
            if (request.ApprovedBy is not null && ev.RequiresApproval) Log(registration, "approved", null, status, request.ApprovedBy);
            emails.Registered(ev, registration, position, cancelSecret, ticketSecret);
            results[i] = new(RegisterOutcome.Created, registration, position, cancelSecret, ticketSecret);
        }

        foreach (var desk in desks.Values.Where(d => d.TicketsIssued))
        {
            var last = desk.Event.WaitlistTicket;
            await db.Events.Where(e => e.Id == desk.Event.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.WaitlistTicket, last), ct);
        }
        await CommitAsync(tx, ct);
        return results;
    }

    /// <summary>What a batch knows of one event while it holds the event's lock.</summary>
    private sealed class EventDesk(Event ev, int taken, int waiting, HashSet<string> emails)
    {
        public Event Event { get; } = ev;
        public int Taken { get; set; } = taken;
        public int Waiting { get; set; } = waiting;
        public HashSet<string> Emails { get; } = emails;
        public bool TicketsIssued { get; set; }
    }

    public async Task<ChangeResult> CancelAsync(int registrationId, string? actorId, CancellationToken ct = default) =>
        await ChangeAsync(registrationId, actorId, async (ev, r) =>
        {
            if (r.Status == RegistrationStatus.Cancelled) return new(ChangeOutcome.AlreadyDone, r);
            if (!RegistrationRules.CanMove(r.Status, RegistrationStatus.Cancelled)) return new(ChangeOutcome.NotAllowed, r);
            Move(r, RegistrationStatus.Cancelled, actorId is null ? "cancelled-by-participant" : "cancelled-by-staff", actorId);
            emails.Cancelled(ev, r);
            await db.SaveChangesAsync(ct);
            await OfferFreedSeatsAsync(ev, ct);
            return new(ChangeOutcome.Done, r);
        }, ct);

    public async Task<ChangeResult> ApproveAsync(int registrationId, string actorId, CancellationToken ct = default) =>
        await ChangeAsync(registrationId, actorId, async (ev, r) =>
        {
            if (r.Status != RegistrationStatus.Pending) return new(ChangeOutcome.NotAllowed, r, "Only pending registrations can be approved.");
            var takenByOthers = await SeatsTakenAsync(ev, ct) - (RegistrationRules.HoldsSeat(r.Status, ev.PendingHoldsSeat) ? 1 : 0);
            var to = RegistrationRules.Approve(ev, takenByOthers);
            if (to == RegistrationStatus.Waitlisted) r.WaitlistTicket = await NextWaitlistTicketAsync(ev, ct);
            Move(r, to, "approved", actorId);
            await db.SaveChangesAsync(ct);
            if (to == RegistrationStatus.Confirmed) emails.Confirmed(ev, r);
            else emails.Waitlisted(ev, r, await WaitlistPositionAsync(ev.Id, r.WaitlistTicket!.Value, ct));
            return new(ChangeOutcome.Done, r);
        }, ct);

    public async Task<ChangeResult> RejectAsync(int registrationId, string actorId, CancellationToken ct = default) =>
        await ChangeAsync(registrationId, actorId, async (ev, r) =>
        {
            if (!RegistrationRules.CanMove(r.Status, RegistrationStatus.Rejected)) return new(ChangeOutcome.NotAllowed, r);
            Move(r, RegistrationStatus.Rejected, "rejected", actorId);
            emails.Rejected(ev, r);
            await db.SaveChangesAsync(ct);
            await OfferFreedSeatsAsync(ev, ct);
            return new(ChangeOutcome.Done, r);
        }, ct);

    /// <summary>Staff confirm a waiting or pending person directly, when a seat is free.</summary>
    public async Task<ChangeResult> PromoteAsync(int registrationId, string actorId, CancellationToken ct = default) =>
        await ChangeAsync(registrationId, actorId, async (ev, r) =>
        {
            if (r.Status is not (RegistrationStatus.Waitlisted or RegistrationStatus.Pending or RegistrationStatus.Offered))
                return new(ChangeOutcome.NotAllowed, r, "Only waiting, pending or offered registrations can be promoted.");
            var takenByOthers = await SeatsTakenAsync(ev, ct) - (RegistrationRules.HoldsSeat(r.Status, ev.PendingHoldsSeat) ? 1 : 0);
            if (!RegistrationRules.HasFreeSeat(ev.Capacity, takenByOthers))
                return new(ChangeOutcome.Full, r, "The event is full. Raise its capacity first.");
            Move(r, RegistrationStatus.Confirmed, "promoted", actorId);
            emails.Confirmed(ev, r);
            await db.SaveChangesAsync(ct);
            return new(ChangeOutcome.Done, r);
        }, ct);

    public async Task<ChangeResult> AcceptOfferAsync(int registrationId, CancellationToken ct = default) =>
        await ChangeAsync(registrationId, null, async (ev, r) =>
        {
            if (r.Status == RegistrationStatus.Confirmed) return new(ChangeOutcome.AlreadyDone, r);
            if (r.Status != RegistrationStatus.Offered) return new(ChangeOutcome.NotAllowed, r);
            if (r.OfferExpiresAt <= Now) return new(ChangeOutcome.Expired, r);
            Move(r, RegistrationStatus.Confirmed, "offer-accepted", null);
            r.OfferExpiresAt = null;
            emails.Confirmed(ev, r);
            await db.SaveChangesAsync(ct);
            return new(ChangeOutcome.Done, r);
        }, ct);

    public async Task<ChangeResult> DeclineOfferAsync(int registrationId, CancellationToken ct = default) =>
        await ChangeAsync(registrationId, null, async (ev, r) =>
        {
            if (r.Status == RegistrationStatus.Declined) return new(ChangeOutcome.AlreadyDone, r);
            if (r.Status != RegistrationStatus.Offered) return new(ChangeOutcome.NotAllowed, r);
            Move(r, RegistrationStatus.Declined, "offer-declined", null);
            r.OfferExpiresAt = null;
            await db.SaveChangesAsync(ct);
            await OfferFreedSeatsAsync(ev, ct);
            return new(ChangeOutcome.Done, r);
        }, ct);

    /// <summary>Expires offers whose deadline has passed and passes each seat on. Returns how many expired.</summary>
    public async Task<int> ExpireOffersAsync(CancellationToken ct = default)
    {
        var now = Now;
        var due = await db.Registrations.AsNoTracking()
            .Where(r => r.Status == RegistrationStatus.Offered && r.OfferExpiresAt <= now)
            .Select(r => r.Id).ToListAsync(ct);
        var expired = 0;
        foreach (var id in due)
        {
            var result = await ChangeAsync(id, null, async (ev, r) =>
            {
                if (r.Status != RegistrationStatus.Offered || r.OfferExpiresAt > Now) return new(ChangeOutcome.NotAllowed, r);
                Move(r, RegistrationStatus.Declined, "offer-expired", null);
                r.OfferExpiresAt = null;
                emails.OfferExpired(ev, r);
                await db.SaveChangesAsync(ct);
                await OfferFreedSeatsAsync(ev, ct);
                return new(ChangeOutcome.Done, r);
            }, ct);
            if (result.Outcome == ChangeOutcome.Done) expired++;
        }
        return expired;
    }

    /// <summary>After staff change an event (e.g. raise its capacity), offer any seats that became free.</summary>
    public async Task OfferFreeSeatsAsync(int eventId, CancellationToken ct = default)
    {
        using var _ = await gate.EnterAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var ev = await LockEventAsync(eventId, ct);
        if (ev is null) return;
        await OfferFreedSeatsAsync(ev, ct);
        await CommitAsync(tx, ct);
    }

    /// <summary>
    /// Checks a person in. A conditional update makes a second scan of the same ticket a no-op, even when
    /// two staff scan it at the same moment.
    /// </summary>
    public async Task<ChangeResult> CheckInAsync(int registrationId, string actorId, CancellationToken ct = default)
    {
        var now = Now;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var changed = await db.Registrations
            .Where(r => r.Id == registrationId && (r.Status == RegistrationStatus.Confirmed || r.Status == RegistrationStatus.NoShow))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RegistrationStatus.Attended)
                .SetProperty(r => r.CheckedInAt, now).SetProperty(r => r.UpdatedAt, now)
                .SetProperty(r => r.Version, r => r.Version + 1), ct);
        var r = await db.Registrations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == registrationId, ct);
        if (r is null) return new(ChangeOutcome.NotFound);
        if (changed == 0)
            return r.Status == RegistrationStatus.Attended
                ? new(ChangeOutcome.AlreadyDone, r)
                : new(ChangeOutcome.NotAllowed, r, "Only confirmed participants can be checked in.");
        db.RegistrationLog.Add(new RegistrationLogEntry
        {
            RegistrationId = r.Id, At = now, Action = "checked-in", FromStatus = RegistrationStatus.Confirmed,
            ToStatus = RegistrationStatus.Attended, ActorId = actorId,
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await changes.ChangedAsync(ct);
        return new(ChangeOutcome.Done, r);
    }

    public async Task<ChangeResult> MarkNoShowAsync(int registrationId, string actorId, CancellationToken ct = default) =>
        await ChangeAsync(registrationId, actorId, async (ev, r) =>
        {
            if (!RegistrationRules.CanMove(r.Status, RegistrationStatus.NoShow)) return new(ChangeOutcome.NotAllowed, r);
            Move(r, RegistrationStatus.NoShow, "no-show", actorId);
            await db.SaveChangesAsync(ct);
            return new(ChangeOutcome.Done, r);
        }, ct);

    /// <summary>Queues the reminder for confirmed participants of events that start within a day.</summary>
    public async Task<int> SendRemindersAsync(CancellationToken ct = default)
    {
        var now = Now;
        var horizon = now.AddDays(1);
        var due = await db.Registrations.AsNoTracking()
            .Where(r => r.Status == RegistrationStatus.Confirmed && r.ReminderSentAt == null
                        && r.Event!.Status == EventStatus.Published && r.Event.StartsAt > now && r.Event.StartsAt <= horizon)
            .OrderBy(r => r.Id).Select(r => r.Id).Take(500).ToListAsync(ct);
        var sent = 0;
        foreach (var id in due)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // Claimed with a conditional update so that two instances never remind the same person twice.
            var claimed = await db.Registrations.Where(r => r.Id == id && r.ReminderSentAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.ReminderSentAt, now), ct);
            if (claimed == 0) continue;
            var r = await db.Registrations.AsNoTracking().Include(x => x.Event).SingleAsync(x => x.Id == id, ct);
            emails.Reminder(r.Event!, r);
            await db.SaveChangesAsync(ct);
            await CommitAsync(tx, ct);
            sent++;
        }
        return sent;
    }

    /// <summary>1-based position of a ticket among the people still waiting.</summary>
    public async Task<int> WaitlistPositionAsync(int eventId, long ticket, CancellationToken ct = default) =>
        1 + await db.Registrations.CountAsync(r => r.EventId == eventId && r.Status == RegistrationStatus.Waitlisted
                                                   && r.WaitlistTicket < ticket, ct);

    /// <summary>Seats taken, as one IN (...) over the (EventId, Status) index rather than a chain of ORs.</summary>
    public Task<int> SeatsTakenAsync(Event ev, CancellationToken ct = default)
    {
        var holding = RegistrationRules.SeatHolding(ev.PendingHoldsSeat);
        return db.Registrations.CountAsync(r => r.EventId == ev.Id && holding.Contains(r.Status), ct);
    }

    // ---- internals -------------------------------------------------------------------------------------------

    /// <summary>
    /// Takes the event's seat lock: an UPDATE of the event row, the first statement of the transaction. On
    /// PostgreSQL it holds the row lock until commit, on SQLite the database write lock, so every seat decision
    /// that follows is made on counts no other transaction can change.
    /// </summary>
    private async Task<Event?> LockEventAsync(int eventId, CancellationToken ct)
    {
        // The one raw statement of the model: UPDATE ... RETURNING (SQLite 3.35+ and PostgreSQL alike) takes
        // the lock and reads the event in a single round trip, inside the seat transaction's hot path.
        var rows = await db.Events
            .FromSql($"UPDATE \"Events\" SET \"SeatLock\" = \"SeatLock\" + 1 WHERE \"Id\" = {eventId} RETURNING *")
            .AsNoTracking().ToListAsync(ct);
        return rows.SingleOrDefault();
    }

    private async Task<long> NextWaitlistTicketAsync(Event ev, CancellationToken ct)
    {
        ev.WaitlistTicket++;
        var ticket = ev.WaitlistTicket;
        await db.Events.Where(e => e.Id == ev.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.WaitlistTicket, ticket), ct);
        return ticket;
    }

    private async Task<ChangeResult> ChangeAsync(int registrationId, string? actorId,
        Func<Event, Registration, Task<ChangeResult>> change, CancellationToken ct)
    {
        var eventId = await db.Registrations.Where(r => r.Id == registrationId).Select(r => (int?)r.EventId).FirstOrDefaultAsync(ct);
        if (eventId is null) return new(ChangeOutcome.NotFound);
        using var _ = await gate.EnterAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var ev = await LockEventAsync(eventId.Value, ct);
        if (ev is null) return new(ChangeOutcome.NotFound);
        db.ChangeTracker.Clear();
        var r = await db.Registrations.SingleAsync(x => x.Id == registrationId, ct);
        var result = await change(ev, r);
        if (result.Outcome == ChangeOutcome.Done)
        {
            await db.SaveChangesAsync(ct);
            await CommitAsync(tx, ct);
        }
        return result;
    }

    /// <summary>Offers every free seat to the head of the waiting list, in ticket order.</summary>
    private async Task OfferFreedSeatsAsync(Event ev, CancellationToken ct)
    {
        if (ev.Capacity is null || !RegistrationRules.OffersStillUseful(ev, Now)) return;
        var free = ev.Capacity.Value - await SeatsTakenAsync(ev, ct);
        if (free <= 0) return;
        var next = await db.Registrations
            .Where(r => r.EventId == ev.Id && r.Status == RegistrationStatus.Waitlisted)
            .OrderBy(r => r.WaitlistTicket).Take(free).ToListAsync(ct);
        foreach (var r in next)
        {
            var secret = TokenSecrets.NewSecret();
            r.OfferSecretHash = TokenSecrets.Hash(secret);
            r.OfferExpiresAt = RegistrationRules.OfferDeadline(ev, Now);
            Move(r, RegistrationStatus.Offered, "seat-offered", null);
            emails.Offered(ev, r, secret);
        }
        await db.SaveChangesAsync(ct);
    }

    private void Move(Registration r, RegistrationStatus to, string action, string? actorId)
    {
        var from = r.Status;
        r.Status = to;
        r.UpdatedAt = Now;
        r.Version++;
        Log(r, action, from, to, actorId);
    }

    private void Log(Registration r, string action, RegistrationStatus? from, RegistrationStatus to, string? actorId = null) =>
        db.RegistrationLog.Add(new RegistrationLogEntry
        {
            Registration = r, At = Now, Action = action, FromStatus = from, ToStatus = to, ActorId = actorId,
        });

    private async Task CommitAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        outbox.Notify();
    }
}

/// <summary>
/// Bounds how many seat transactions one instance runs at once. Seat decisions for an event queue on its row
/// lock anyway; without this bound a burst would park every pooled connection in that queue and starve the
/// rest of the site (and, past the pool size, fail). Waiting here costs no connection.
/// </summary>
public sealed class SeatGate(int width)
{
    private readonly SemaphoreSlim _slots = new(width, width);

    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        return new Slot(_slots);
    }

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;
        public void Dispose() { if (Interlocked.Exchange(ref _released, 1) == 0) slots.Release(); }
    }
}
