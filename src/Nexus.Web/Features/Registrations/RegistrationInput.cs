using Nexus.Web.Infrastructure;
using Nexus.Web.Infrastructure.Countries;

namespace Nexus.Web.Features.Registrations;

/// <summary>What a person submits to register, from the form or the API. Codes as in JSON.</summary>
public sealed record RegistrationInput
{
    public string? FullName { get; init; }
    public string? Email { get; init; }
    public string? Organization { get; init; }
    public string? StakeholderGroup { get; init; }
    public string? Country { get; init; }
    public string? Gender { get; init; }
    public string? AccessibilityNeeds { get; init; }
    public bool ListPublicly { get; init; }
    public string? Language { get; init; }

    public sealed record Valid(string FullName, string Email, string Organization, StakeholderGroup Group, string Country,
        Gender? Gender, string AccessibilityNeeds, bool ListPublicly, string Language);

    public (Valid? Value, FieldErrors Errors) Validate()
    {
        var errors = new FieldErrors();
        var name = errors.Text("fullName", FullName, 200, required: true);
        var email = errors.Email("email", Email);
        var org = errors.Text("organization", Organization, 300, required: true);
        if (!Codes.TryParse<StakeholderGroup>(StakeholderGroup, out var group))
            errors.Add("stakeholderGroup", "Choose one of: {0}.", string.Join(", ", Codes.All<StakeholderGroup>()));
        var country = Countries.Find(Country);
        if (country is null) errors.Add("country", "Give the country as an ISO 3166-1 alpha-3 code, e.g. KEN.");
        Gender? gender = null;
        if (!string.IsNullOrWhiteSpace(Gender))
        {
            if (Codes.TryParse<Gender>(Gender, out var g)) gender = g;
            else errors.Add("gender", "Leave empty or choose one of: {0}.", string.Join(", ", Codes.All<Gender>()));
        }
        var needs = errors.Text("accessibilityNeeds", AccessibilityNeeds, 2000, required: false, multiline: true);
        var language = Infrastructure.Localization.SupportedCultures.Normalize(Language);
        return errors.Any
            ? (null, errors)
            : (new Valid(name, email, org, group, country!.Iso3, gender, needs, ListPublicly, language), errors);
    }
}
