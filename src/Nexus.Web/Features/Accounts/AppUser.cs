using Microsoft.AspNetCore.Identity;

namespace Nexus.Web.Features.Accounts;

public class AppUser : IdentityUser
{
    public string FullName { get; set; } = "";
    public string Organization { get; set; } = "";
    /// <summary>Culture for emails and the interface, e.g. "en" or "fr".</summary>
    public string Language { get; set; } = "en";
    public DateTime CreatedAt { get; set; }
    /// <summary>For an agency focal point: the one agency they speak for in the inter-agency group.</summary>
    public string? AgencyCode { get; set; }
}

public static class Roles
{
    public const string Administrator = nameof(Administrator);
    public const string ProgrammeStaff = nameof(ProgrammeStaff);
    public const string AgencyFocalPoint = nameof(AgencyFocalPoint);
    public const string Participant = nameof(Participant);

    public static readonly string[] All = [Administrator, ProgrammeStaff, AgencyFocalPoint, Participant];
}

public static class Policies
{
    /// <summary>Programme staff or administrators, signed in with a cookie.</summary>
    public const string Staff = nameof(Staff);
    public const string Administrator = nameof(Administrator);
}
