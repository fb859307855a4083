using System.ComponentModel.DataAnnotations;

namespace Nexus.Web.Features.Coordination;

/// <summary>Settings of the inter-agency group (<c>Nexus:Coordination</c>).</summary>
public sealed class CoordinationOptions
{
    public const string Section = "Nexus:Coordination";

    /// <summary>
    /// The time zone the group's dates are agreed in: a term that starts on 1 January starts at midnight there.
    /// Geneva by default, where the group's secretariat and most of its meetings are.
    /// </summary>
    [Required] public string TimeZone { get; set; } = "Europe/Zurich";

    /// <summary>Length of a generated chairmanship term.</summary>
    [Range(1, 60)] public int TermMonths { get; set; } = 6;

    /// <summary>Days before an action item's due date its owner agency's focal points are reminded.</summary>
    [Range(0, 90)] public int ReminderDays { get; set; } = 7;

    /// <summary>The steps every new term's handover starts with; the chairs add their own.</summary>
    public List<string> HandoverChecklist { get; set; } =
    [
        "Hand over the workplan with the status of every activity",
        "Hand over open action items and the list of pending joint outputs",
        "Share the contact list of focal points and principals",
        "Transfer the group's website and mailing-list administration",
        "Brief the incoming chair on upcoming meetings and the Global Forum calendar",
        "Confirm the troika's members for the new term",
    ];

    public TimeZoneInfo Zone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}
