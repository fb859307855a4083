using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Nexus.Web.Data;

namespace Nexus.Web.Infrastructure.Email;

/// <summary>Settings under "Nexus:Email".</summary>
public sealed class EmailOptions
{
    public const string Section = "Nexus:Email";
    public string From { get; set; } = "Nexus <no-reply@nexus.invalid>";
    /// <summary>SMTP server; when empty, emails are written as .eml files to <see cref="PickupDirectory"/>.</summary>
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    public string? SmtpUser { get; set; }
    public string? SmtpPassword { get; set; }
    /// <summary>Folder for .eml files, relative to the data folder.</summary>
    public string PickupDirectory { get; set; } = "mail";
    /// <summary>Turns the background sender off (tests read the outbox table instead).</summary>
    public bool SenderDisabled { get; set; }
}

/// <summary>Wakes the sender as soon as something is queued, instead of at its next poll.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);
    public void Notify() { if (_signal.CurrentCount == 0) try { _signal.Release(); } catch (SemaphoreFullException) { } }
    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);
}

public interface IMailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}

public sealed class SmtpTransport(IOptions<EmailOptions> options) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var o = options.Value;
        using var client = new SmtpClient();
        await client.ConnectAsync(o.SmtpHost!, o.SmtpPort, SecureSocketOptions.Auto, ct);
        if (!string.IsNullOrEmpty(o.SmtpUser)) await client.AuthenticateAsync(o.SmtpUser, o.SmtpPassword ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
    }
}

/// <summary>Writes each email as an .eml file: the default when no SMTP server is configured.</summary>
public sealed class PickupDirectoryTransport(IOptions<EmailOptions> options, IOptions<NexusOptions> nexus, IHostEnvironment env)
    : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var dataDir = Path.GetFullPath(nexus.Value.DataDirectory, env.ContentRootPath);
        var dir = Path.GetFullPath(options.Value.PickupDirectory, dataDir);
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml");
        await message.WriteToAsync(file, ct);
    }
}

/// <summary>
/// Sends queued emails. Each message is leased with a conditional update before sending, so several app
/// instances can run this service at once; failures are retried with exponential backoff.
/// </summary>
public sealed class OutboxSender(
    IServiceScopeFactory scopes, IMailTransport transport, OutboxSignal signal,
    IOptions<EmailOptions> options, TimeProvider clock, ILogger<OutboxSender> log) : BackgroundService
{
    public const int MaxAttempts = 12;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.SenderDisabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await SendBatchAsync(stoppingToken) > 0) { }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Outbox pass failed");
            }
            try { await signal.WaitAsync(TimeSpan.FromSeconds(5), stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    public async Task<int> SendBatchAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Outbox
            .Where(m => m.SentAt == null && m.Attempts < MaxAttempts && m.NextAttemptAt <= now
                        && (m.LeasedUntil == null || m.LeasedUntil < now))
            .OrderBy(m => m.Id).Select(m => m.Id).Take(20).ToListAsync(ct);
        var sent = 0;
        foreach (var id in due)
        {
            var leaseUntil = now.AddMinutes(2);
            var leased = await db.Outbox
                .Where(m => m.Id == id && m.SentAt == null && m.Attempts < MaxAttempts && m.NextAttemptAt <= now
                            && (m.LeasedUntil == null || m.LeasedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeasedUntil, leaseUntil), ct);
            if (leased == 0) continue; // another instance took it
            var message = await db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id, ct);
            try
            {
                await transport.SendAsync(ToMime(message), ct);
                // Once sent, the body goes: it holds the secrets of cancel, offer and ticket links, which are
                // otherwise stored only as hashes. Kind, recipient and subject stay for the record.
                await db.Outbox.Where(m => m.Id == id).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.SentAt, clock.GetUtcNow().UtcDateTime)
                    .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                    .SetProperty(m => m.TextBody, "")
                    .SetProperty(m => m.HtmlBody, (string?)null)
                    .SetProperty(m => m.CalendarAttachment, (string?)null)
                    .SetProperty(m => m.LeasedUntil, (DateTime?)null), ct);
                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var attempts = message.Attempts + 1;
                var next = clock.GetUtcNow().UtcDateTime + Backoff(attempts);
                var error = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
                log.LogWarning(ex, "Email {Id} failed (attempt {Attempts}); next try at {Next}", id, attempts, next);
                await db.Outbox.Where(m => m.Id == id).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.NextAttemptAt, next)
                    .SetProperty(m => m.LastError, error)
                    .SetProperty(m => m.LeasedUntil, (DateTime?)null), ct);
            }
        }
        return sent;
    }

    /// <summary>30 s, 1 min, 2 min ... capped at 2 hours: about a day of retries in all.</summary>
    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(30 * Math.Pow(2, Math.Max(0, attempts - 1)), 7200));

    private MimeMessage ToMime(OutboxMessage m)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(options.Value.From));
        mime.To.Add(MailboxAddress.Parse(m.To));
        mime.Subject = m.Subject;
        var body = new BodyBuilder { TextBody = m.TextBody, HtmlBody = m.HtmlBody };
        if (m.CalendarAttachment is not null)
            body.Attachments.Add("invitation.ics", System.Text.Encoding.UTF8.GetBytes(m.CalendarAttachment),
                new ContentType("text", "calendar") { Parameters = { { "method", "PUBLISH" }, { "charset", "utf-8" } } });
        mime.Body = body.ToMessageBody();
        return mime;
    }
}

public static class EmailSetup
{
    public static IServiceCollection AddNexusEmail(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<EmailOptions>(config.GetSection(EmailOptions.Section));
        services.AddSingleton<OutboxSignal>();
        if (!string.IsNullOrWhiteSpace(config[$"{EmailOptions.Section}:SmtpHost"]))
            services.AddSingleton<IMailTransport, SmtpTransport>();
        else
            services.AddSingleton<IMailTransport, PickupDirectoryTransport>();
        services.AddSingleton<OutboxSender>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());
        return services;
    }
}
