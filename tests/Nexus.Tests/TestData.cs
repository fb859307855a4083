using System.Text.Json.Nodes;
using Nexus.Web.Features.Events;
using Nexus.Web.Features.Registrations;

namespace Nexus.Tests;

/// <summary>Small factories with believable defaults; a test names only what matters to it.</summary>
public static class TestData
{
    /// <summary>A published seminar starting <paramref name="startsIn"/> after <paramref name="now"/> (default 30 days), open for registration.</summary>
    public static Event Event(int? capacity = 20, bool requiresApproval = false, bool pendingHoldsSeat = false,
        TimeSpan? startsIn = null, EventStatus status = EventStatus.Published, DateTime? now = null, int offerHours = 48,
        DateTime? registrationClosesAt = null, DateTime? registrationOpensAt = null, string title = "Migration and development: the next decade",
        string timeZone = "America/New_York")
    {
        var clock = now ?? DateTime.UtcNow;
        var starts = clock + (startsIn ?? TimeSpan.FromDays(30));
        return new Event
        {
            Title = title, Slug = Web.Infrastructure.Slugs.From(title), Kind = EventKind.Seminar,
            Summary = "A seminar for the diplomatic community.", Themes = ["labour migration"],
            StartsAt = starts, EndsAt = starts.AddHours(2), TimeZone = timeZone,
            Venue = "Conference Room 6", City = "New York", Country = "USA",
            Capacity = capacity, RequiresApproval = requiresApproval, PendingHoldsSeat = pendingHoldsSeat,
            OfferHours = offerHours, Status = status,
            RegistrationOpensAt = registrationOpensAt, RegistrationClosesAt = registrationClosesAt,
            CreatedAt = clock, UpdatedAt = clock,
        };
    }

    /// <summary>The JSON body of POST /api/v1/events/{id}/registrations; a fresh email unless one is given.</summary>
    public static JsonObject RegistrationBody(string? email = null, string fullName = "Amina Wanjiru",
        string organization = "Permanent Mission of Kenya", string stakeholderGroup = "member-state", string country = "KEN",
        string? language = null) => new()
    {
        ["fullName"] = fullName,
        ["email"] = email ?? UniqueEmail(),
        ["organization"] = organization,
        ["stakeholderGroup"] = stakeholderGroup,
        ["country"] = country,
        ["language"] = language,
    };

    /// <summary>The same person as <see cref="RegistrationBody"/>, as RegistrationService takes it.</summary>
    public static RegistrationInput.Valid Registrant(string? email = null, string fullName = "Amina Wanjiru", string language = "en") =>
        new(fullName, email ?? UniqueEmail(), "Permanent Mission of Kenya", StakeholderGroup.MemberState, "KEN", null, "", false, language);

    /// <summary>The JSON body of POST /api/v1/events.</summary>
    public static JsonObject EventBody(string title = "Diaspora investment in origin countries", int? capacity = 50,
        string kind = "seminar", string status = "published", TimeSpan? startsIn = null) 
    {
        var starts = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(-4)) + (startsIn ?? TimeSpan.FromDays(30));
        return new JsonObject
        {
            ["title"] = title,
            ["kind"] = kind,
            ["summary"] = "How remittances and diaspora bonds finance development.",
            ["themes"] = new JsonArray("remittances", "diaspora"),
            ["startsAt"] = starts.ToString("O"),
            ["endsAt"] = starts.AddHours(2).ToString("O"),
            ["timeZone"] = "America/New_York",
            ["venue"] = "Conference Room 4",
            ["city"] = "New York",
            ["country"] = "USA",
            ["format"] = "in-person",
            ["capacity"] = capacity,
            ["status"] = status,
        };
    }

    public static string UniqueEmail(string name = "participant") => $"{name}.{Guid.NewGuid():N}@example.org";
}
