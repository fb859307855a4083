namespace Nexus.Web.Features.Registrations;

public enum RegistrationStatus
{
    /// <summary>Waiting for staff approval.</summary>
    Pending,
    Confirmed,
    Waitlisted,
    /// <summary>A freed seat is held for this person until <see cref="Registration.OfferExpiresAt"/>.</summary>
    Offered,
    /// <summary>An offered seat was declined, or its offer expired.</summary>
    Declined,
    Cancelled,
    Rejected,
    Attended,
    NoShow,
}

public enum StakeholderGroup
{
    MemberState, UnSystem, InternationalOrganization, CivilSociety, PrivateSector, Academia, Media,
}

public enum Gender { Female, Male, Other, PreferNotToSay }

public class Registration
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public Events.Event? Event { get; set; }
    /// <summary>The account that registered, when the person was signed in.</summary>
    public string? UserId { get; set; }

    public required string FullName { get; set; }
    public required string Email { get; set; }
    /// <summary>Upper-invariant email, used for the one-registration-per-email rule.</summary>
    public required string NormalizedEmail { get; set; }
    public string Organization { get; set; } = "";
    public StakeholderGroup StakeholderGroup { get; set; }
    /// <summary>ISO 3166-1 alpha-3.</summary>
    public string Country { get; set; } = "";
    public Gender? Gender { get; set; }
    public string AccessibilityNeeds { get; set; } = "";
    /// <summary>Consent to appear on the public participants list.</summary>
    public bool ListPublicly { get; set; }
    /// <summary>Culture for emails (e.g. "en", "fr").</summary>
    public string Language { get; set; } = "en";
    public string? NoteVerbaleKey { get; set; }

    public RegistrationStatus Status { get; set; }
    /// <summary>Waiting-list ticket; the position is the rank of this ticket among those still waiting.</summary>
    public long? WaitlistTicket { get; set; }
    public DateTime? OfferExpiresAt { get; set; }

    /// <summary>SHA-256 of the secret in the cancel link; the secret itself is only in the email.</summary>
    public required string CancelSecretHash { get; set; }
    /// <summary>SHA-256 of the secret in the link of the latest seat offer.</summary>
    public string? OfferSecretHash { get; set; }
    /// <summary>SHA-256 of the secret in the QR ticket.</summary>
    public required string TicketSecretHash { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? CheckedInAt { get; set; }
    public DateTime? ReminderSentAt { get; set; }

    /// <summary>Optimistic concurrency token, bumped on every change.</summary>
    public int Version { get; set; }
}

/// <summary>What happened to a registration, by whom: the audit trail staff see.</summary>
public class RegistrationLogEntry
{
    public long Id { get; set; }
    public int RegistrationId { get; set; }
    public Registration? Registration { get; set; }
    public DateTime At { get; set; }
    public required string Action { get; set; }
    public RegistrationStatus? FromStatus { get; set; }
    public RegistrationStatus ToStatus { get; set; }
    /// <summary>User id of staff, or null when the participant or the system acted.</summary>
    public string? ActorId { get; set; }
    public string Note { get; set; } = "";
}
