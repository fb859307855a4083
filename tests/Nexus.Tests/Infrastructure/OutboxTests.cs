using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Nexus.Web.Infrastructure.Email;

namespace Nexus.Tests.Infrastructure;

/// <summary>
/// The email outbox: while the mail server is down nothing is lost and retries back off; once it is back every
/// email goes out, and two senders (two app instances) never send the same email twice.
/// </summary>
public class OutboxTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Backoff_doubles_from_30_seconds_and_stops_growing_at_two_hours()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), OutboxSender.Backoff(1));
        Assert.Equal(TimeSpan.FromMinutes(1), OutboxSender.Backoff(2));
        Assert.Equal(TimeSpan.FromMinutes(2), OutboxSender.Backoff(3));
        Assert.Equal(TimeSpan.FromHours(2), OutboxSender.Backoff(9));
        Assert.Equal(TimeSpan.FromHours(2), OutboxSender.Backoff(OutboxSender.MaxAttempts));
    }

    [Fact]
    public async Task While_the_mail_server_is_down_emails_wait_with_growing_delays_and_all_go_out_once_it_is_back()
    {
        var clock = new FakeTimeProvider(AppFixture.WholeSeconds(DateTimeOffset.UtcNow));
        var transport = new FlakyTransport { Down = true };
        await using var app = new AppFactory(clock: clock, services: s => s.AddSingleton<IMailTransport>(transport));
        var ids = await QueueAsync(app, 3, clock.GetUtcNow().UtcDateTime);
        var sender = app.Services.GetRequiredService<OutboxSender>();

        Assert.Equal(0, await sender.SendBatchAsync(Ct));
        Assert.Equal(3, transport.Attempts);
        var waiting = await MessagesAsync(app, ids);
        Assert.All(waiting, m =>
        {
            Assert.Null(m.SentAt);
            Assert.Equal(1, m.Attempts);
            Assert.Equal(clock.GetUtcNow().UtcDateTime.AddSeconds(30), m.NextAttemptAt);
            Assert.Contains("connection refused", m.LastError);
            Assert.Null(m.LeasedUntil);
        });

        // not due yet: no new attempt
        clock.Advance(TimeSpan.FromSeconds(29));
        await sender.SendBatchAsync(Ct);
        Assert.Equal(3, transport.Attempts);

        clock.Advance(TimeSpan.FromSeconds(1));
        await sender.SendBatchAsync(Ct);
        Assert.Equal(6, transport.Attempts);
        Assert.All(await MessagesAsync(app, ids), m => Assert.Equal(clock.GetUtcNow().UtcDateTime.AddMinutes(1), m.NextAttemptAt));

        transport.Down = false;
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(3, await sender.SendBatchAsync(Ct));

        Assert.All(await MessagesAsync(app, ids), m =>
        {
            Assert.Equal(clock.GetUtcNow().UtcDateTime, m.SentAt);
            Assert.Equal(3, m.Attempts);
        });
        Assert.Equal(3, transport.Delivered.Count);
        Assert.Equal(0, await sender.SendBatchAsync(Ct));
        Assert.Equal(3, transport.Delivered.Count);
    }

    [Fact]
    public async Task An_email_that_always_fails_is_given_up_after_the_last_attempt_but_stays_in_the_outbox()
    {
        var clock = new FakeTimeProvider(AppFixture.WholeSeconds(DateTimeOffset.UtcNow));
        var transport = new FlakyTransport { Down = true };
        await using var app = new AppFactory(clock: clock, services: s => s.AddSingleton<IMailTransport>(transport));
        var ids = await QueueAsync(app, 1, clock.GetUtcNow().UtcDateTime);
        var sender = app.Services.GetRequiredService<OutboxSender>();

        for (var attempt = 1; attempt <= OutboxSender.MaxAttempts; attempt++)
        {
            await sender.SendBatchAsync(Ct);
            clock.Advance(OutboxSender.Backoff(attempt));
        }
        clock.Advance(TimeSpan.FromDays(1));
        await sender.SendBatchAsync(Ct);

        Assert.Equal(OutboxSender.MaxAttempts, transport.Attempts);
        var kept = Assert.Single(await MessagesAsync(app, ids));
        Assert.Equal((OutboxSender.MaxAttempts, (DateTime?)null), (kept.Attempts, kept.SentAt));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Two_senders_running_at_once_never_send_the_same_email_twice(Provider provider)
    {
        var transport = new FlakyTransport { Delay = TimeSpan.FromMilliseconds(2) };
        await using var app = new AppFactory(provider, services: s => s.AddSingleton<IMailTransport>(transport));
        var ids = await QueueAsync(app, 60, DateTime.UtcNow.AddSeconds(-1));
        // A second sender, as a second app instance would run: its own object, the same database.
        var senders = new[] { app.Services.GetRequiredService<OutboxSender>(), ActivatorUtilities.CreateInstance<OutboxSender>(app.Services) };
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var runs = senders.Select(async sender =>
        {
            await go.Task;
            var sent = 0;
            for (var pass = 0; pass < 8; pass++) sent += await sender.SendBatchAsync(Ct);
            return sent;
        }).ToArray();
        go.SetResult();
        var sentBy = await Task.WhenAll(runs);

        Assert.Equal(60, sentBy.Sum());
        Assert.Equal(60, transport.Delivered.Count);
        var twice = transport.Delivered.GroupBy(m => m.Subject).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, $"sent twice: {string.Join(", ", twice)}");
        Assert.All(await MessagesAsync(app, ids), m => Assert.Equal(1, m.Attempts));
    }

    [Fact]
    public async Task Without_SMTP_emails_are_written_as_eml_files_in_the_data_folder()
    {
        await using var app = new AppFactory();
        await QueueAsync(app, 1, DateTime.UtcNow.AddSeconds(-1));

        Assert.Equal(1, await app.Services.GetRequiredService<OutboxSender>().SendBatchAsync(Ct));

        var file = Assert.Single(Directory.GetFiles(Path.Combine(app.DataDirectory, "mail"), "*.eml"));
        var message = await MimeMessage.LoadAsync(file, Ct);
        Assert.Equal("Outbox test 0", message.Subject);
        Assert.Equal("participant0@example.org", message.To.Mailboxes.Single().Address);
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /// <summary>A mail server that can be down, and that counts what it is given.</summary>
    private sealed class FlakyTransport : IMailTransport
    {
        private int _attempts;
        public volatile bool Down;
        public TimeSpan Delay { get; init; }
        public int Attempts => _attempts;
        public ConcurrentBag<MimeMessage> Delivered { get; } = [];

        public async Task SendAsync(MimeMessage message, CancellationToken ct)
        {
            Interlocked.Increment(ref _attempts);
            if (Delay > TimeSpan.Zero) await Task.Delay(Delay, ct);
            if (Down) throw new System.Net.Sockets.SocketException(111, "connection refused by smtp.example.org");
            Delivered.Add(message);
        }
    }

    private static Task<List<long>> QueueAsync(AppFactory app, int count, DateTime now) => app.Db(async db =>
    {
        var messages = Enumerable.Range(0, count).Select(i => new OutboxMessage
        {
            To = $"participant{i}@example.org", Subject = $"Outbox test {i}", TextBody = "Dear participant,", Kind = "test",
            CreatedAt = now, NextAttemptAt = now,
        }).ToList();
        db.Outbox.AddRange(messages);
        await db.SaveChangesAsync(Ct);
        return messages.Select(m => m.Id).ToList();
    });

    private static Task<List<OutboxMessage>> MessagesAsync(AppFactory app, List<long> ids) =>
        app.Db(db => db.Outbox.AsNoTracking().Where(m => ids.Contains(m.Id)).OrderBy(m => m.Id).ToListAsync(Ct));
}
