namespace Nexus.Web.Features.Events;

/// <summary>
/// <see cref="Course"/> is the enrolment of a course run (dates, capacity, waiting list): it is not listed with the
/// programme's events; its sessions are <see cref="CourseSession"/> events.
/// </summary>
public enum EventKind { Seminar, Panel, CourseSession, PolicySeminar, Retreat, Symposium, PressConference, Course }

public enum EventStatus { Draft, Published, Cancelled, Held }

public enum EventFormat { InPerson, Online, Hybrid }

/// <summary>One seminar, panel, course session or other meeting of the programme.</summary>
public class Event
{
    public int Id { get; set; }
    public int? SeriesId { get; set; }
    public Series.SeminarSeries? Series { get; set; }

    public EventKind Kind { get; set; }
    public required string Title { get; set; }
    public string Slug { get; set; } = "";
    public string Summary { get; set; } = "";
    public List<string> Themes { get; set; } = [];
    /// <summary>Organisations the event is held with (co-organisers, hosts, sponsors), by name as they wish to be named.</summary>
    public List<string> Partners { get; set; } = [];

    /// <summary>Stored in UTC; <see cref="TimeZone"/> is only for display.</summary>
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    /// <summary>IANA zone id, e.g. America/New_York.</summary>
    public string TimeZone { get; set; } = "America/New_York";

    public string Venue { get; set; } = "";
    public string City { get; set; } = "";
    /// <summary>ISO 3166-1 alpha-3.</summary>
    public string? Country { get; set; }
    public EventFormat Format { get; set; }
    /// <summary>Shown only to confirmed participants.</summary>
    public string? OnlineUrl { get; set; }

    /// <summary>Null means unlimited.</summary>
    public int? Capacity { get; set; }
    public DateTime? RegistrationOpensAt { get; set; }
    public DateTime? RegistrationClosesAt { get; set; }
    public bool RequiresApproval { get; set; }
    /// <summary>Whether a pending (unapproved) registration keeps a seat while it waits.</summary>
    public bool PendingHoldsSeat { get; set; }
    /// <summary>How long a freed seat stays offered to the head of the waiting list.</summary>
    public int OfferHours { get; set; } = 48;
    public bool AcceptsNoteVerbale { get; set; }

    public EventStatus Status { get; set; }
    public string? FindingsMarkdown { get; set; }

    /// <summary>Whether participants who attended may receive a certificate of attendance.</summary>
    public bool IssuesCertificates { get; set; }
    /// <summary>Hours printed on attendance certificates; null prints none.</summary>
    public decimal? CertificateHours { get; set; }

    /// <summary>
    /// Bumped by every seat-changing operation before it reads anything: the update takes the row lock
    /// (PostgreSQL) or the write lock (SQLite), so seat decisions for one event are serialised.
    /// </summary>
    public long SeatLock { get; set; }
    /// <summary>Last waiting-list ticket handed out; positions are derived from these tickets.</summary>
    public long WaitlistTicket { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<Speaker> Speakers { get; set; } = [];
    public List<AgendaItem> Agenda { get; set; } = [];
    public List<Material> Materials { get; set; } = [];

    public bool IsOpenForRegistration(DateTime now) =>
        Status == EventStatus.Published
        && (RegistrationOpensAt is null || now >= RegistrationOpensAt)
        && (RegistrationClosesAt is null || now < RegistrationClosesAt)
        && now < EndsAt;
}

public enum SpeakerRole { Speaker, Moderator, Discussant, Chair }

public class Speaker
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public required string Name { get; set; }
    public string Affiliation { get; set; } = "";
    public SpeakerRole Role { get; set; }
    public int Order { get; set; }
}

public class AgendaItem
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime? EndsAt { get; set; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    public int Order { get; set; }
}

public class Material
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public required string Title { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long SizeBytes { get; set; }
    /// <summary>Key of the file in the file store (outside the web root).</summary>
    public required string StorageKey { get; set; }
    public required string Sha256 { get; set; }
    public DateTime UploadedAt { get; set; }
}
