namespace Nexus.Web.Features.Agencies;

/// <summary>A partner agency: a member of the inter-agency group, a contributor to the library.</summary>
public class Agency
{
    /// <summary>Lower-case acronym used in URLs and data, e.g. "iom".</summary>
    public required string Code { get; set; }
    public required string Acronym { get; set; }
    public required string Name { get; set; }
    public string? Website { get; set; }
}
