namespace Nexus.Web.Infrastructure.Email;

/// <summary>
/// An email waiting to be sent. Writing it in the same transaction as the change it reports means an email is
/// never lost when SMTP is down, and never sent for a change that was rolled back.
/// </summary>
public class OutboxMessage
{
    public long Id { get; set; }
    public required string To { get; set; }
    public required string Subject { get; set; }
    public required string TextBody { get; set; }
    public string? HtmlBody { get; set; }
    /// <summary>An optional calendar attachment (text/calendar).</summary>
    public string? CalendarAttachment { get; set; }
    /// <summary>What the email is about, e.g. "registration-confirmed"; lets tests and staff find it.</summary>
    public string Kind { get; set; } = "";
    public int? RegistrationId { get; set; }
    public Features.Registrations.Registration? Registration { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>Lease taken by the instance sending it, so several instances never send the same email twice.</summary>
    public DateTime? LeasedUntil { get; set; }
}
