using Microsoft.EntityFrameworkCore;
using Nexus.Web.Features.Registrations;

namespace Nexus.Tests.Registrations;

/// <summary>A batch (group commit) decides each request in order, exactly as if it came alone.</summary>
public class RegistrationBatchTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private AppFactory App => fixture.App;

    [Fact]
    public async Task A_batch_over_two_events_fills_seats_in_order_refuses_a_repeated_email_and_numbers_the_waiting_list()
    {
        var small = await App.AddEventAsync(TestData.Event(capacity: 2));
        var open = await App.AddEventAsync(TestData.Event(capacity: null));
        var repeated = TestData.UniqueEmail();
        RegisterRequest For(int eventId, string? email = null) => new(eventId, TestData.Registrant(email: email), null);
        var requests = new[]
        {
            For(small.Id, repeated), For(open.Id), For(small.Id, repeated.ToUpperInvariant()), For(small.Id), For(small.Id),
            For(small.Id), For(-1),
        };

        var results = await App.With<RegistrationService, IReadOnlyList<RegisterResult>>(s => s.RegisterBatchAsync(requests));

        Assert.Equal(
            [RegisterOutcome.Created, RegisterOutcome.Created, RegisterOutcome.Duplicate, RegisterOutcome.Created,
             RegisterOutcome.Created, RegisterOutcome.Created, RegisterOutcome.EventNotFound],
            results.Select(r => r.Outcome));
        Assert.Equal(
            [RegistrationStatus.Confirmed, RegistrationStatus.Confirmed, RegistrationStatus.Confirmed,
             RegistrationStatus.Waitlisted, RegistrationStatus.Waitlisted],
            results.Where(r => r.Registration is not null).Select(r => r.Registration!.Status));
        Assert.Equal([1, 2], results.Where(r => r.WaitlistPosition is not null).Select(r => r.WaitlistPosition!.Value));

        var stored = await App.Db(db => db.Registrations.Where(r => r.EventId == small.Id).OrderBy(r => r.Id).ToListAsync());
        Assert.Equal(4, stored.Count);
        Assert.Equal([1L, 2L], stored.Where(r => r.WaitlistTicket is not null).Select(r => r.WaitlistTicket!.Value));
        Assert.Equal(2L, await App.Db(db => db.Events.Where(e => e.Id == small.Id).Select(e => e.WaitlistTicket).SingleAsync()));
        // One log entry and one email per new registration, all committed with the batch.
        var ids = stored.Select(r => r.Id).ToList();
        Assert.Equal(4, await App.Db(db => db.RegistrationLog.CountAsync(l => ids.Contains(l.RegistrationId))));
        Assert.Equal(4, await App.Db(db => db.Outbox.CountAsync(m => m.RegistrationId != null && ids.Contains(m.RegistrationId.Value))));
    }
}
