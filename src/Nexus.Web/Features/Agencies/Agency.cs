namespace Nexus.Web.Features.Agencies;

public enum AgencyKind
{
    UnEntity,
    SpecialisedAgency,
    FundOrProgramme,
    RegionalCommission,
    OtherInternationalOrganisation,
    InternationalFinancialInstitution,
    /// <summary>A partner that is not an international organisation, such as a foundation.</summary>
    Other,
}

/// <summary>A partner agency: a member of the inter-agency group, a contributor to the library.</summary>
public class Agency
{
    /// <summary>Lower-case acronym used in URLs and data, e.g. "iom".</summary>
    public required string Code { get; set; }
    public required string Acronym { get; set; }
    public required string Name { get; set; }
    public string? Website { get; set; }
    public AgencyKind Kind { get; set; }
    /// <summary>Member of the inter-agency group from this date; null for a partner that is not a member.</summary>
    public DateOnly? MemberSince { get; set; }
    /// <summary>Last day of membership, for an agency that left.</summary>
    public DateOnly? MemberUntil { get; set; }

    public bool IsMemberOn(DateOnly day) => MemberSince is { } since && since <= day && (MemberUntil is not { } until || day <= until);
}

/// <summary>
/// The members of the Global Migration Group around 2009-2010, when the programme's inter-agency work is set,
/// plus the programme's other partner; staff add more as partnerships grow. Membership is recorded from 1 June 2009,
/// when the programme's records of the group begin (UNITAR's chairmanship), not from each agency's joining date,
/// which staff can correct.
/// </summary>
public static class InitialAgencies
{
    public static Agency[] All =>
    [
        A("ilo", "ILO", "International Labour Organization", "https://www.ilo.org", AgencyKind.SpecialisedAgency, true),
        A("iom", "IOM", "International Organization for Migration", "https://www.iom.int", AgencyKind.OtherInternationalOrganisation, true),
        A("ohchr", "OHCHR", "Office of the United Nations High Commissioner for Human Rights", "https://www.ohchr.org", AgencyKind.UnEntity, true),
        A("unctad", "UNCTAD", "United Nations Conference on Trade and Development", "https://unctad.org", AgencyKind.UnEntity, true),
        A("undesa", "UN DESA", "United Nations Department of Economic and Social Affairs", "https://www.un.org/development/desa", AgencyKind.UnEntity, true),
        A("undp", "UNDP", "United Nations Development Programme", "https://www.undp.org", AgencyKind.FundOrProgramme, true),
        A("unesco", "UNESCO", "United Nations Educational, Scientific and Cultural Organization", "https://www.unesco.org", AgencyKind.SpecialisedAgency, true),
        A("unfpa", "UNFPA", "United Nations Population Fund", "https://www.unfpa.org", AgencyKind.FundOrProgramme, true),
        A("unhcr", "UNHCR", "Office of the United Nations High Commissioner for Refugees", "https://www.unhcr.org", AgencyKind.UnEntity, true),
        A("unicef", "UNICEF", "United Nations Children's Fund", "https://www.unicef.org", AgencyKind.FundOrProgramme, true),
        A("unitar", "UNITAR", "United Nations Institute for Training and Research", "https://unitar.org", AgencyKind.UnEntity, true),
        A("unodc", "UNODC", "United Nations Office on Drugs and Crime", "https://www.unodc.org", AgencyKind.UnEntity, true),
        A("unifem", "UNIFEM", "United Nations Development Fund for Women", null, AgencyKind.FundOrProgramme, true),
        A("worldbank", "World Bank", "The World Bank", "https://www.worldbank.org", AgencyKind.InternationalFinancialInstitution, true),
        A("regional-commissions", "UN Regional Commissions", "United Nations Regional Commissions", null, AgencyKind.RegionalCommission, true),
        A("fao", "FAO", "Food and Agriculture Organization of the United Nations", "https://www.fao.org", AgencyKind.SpecialisedAgency, true),
        A("who", "WHO", "World Health Organization", "https://www.who.int", AgencyKind.SpecialisedAgency, true),
        A("macarthur", "MacArthur Foundation", "John D. and Catherine T. MacArthur Foundation", "https://www.macfound.org", AgencyKind.Other, false),
    ];

    public static readonly DateOnly RecordsBegin = new(2009, 6, 1);

    private static Agency A(string code, string acronym, string name, string? website, AgencyKind kind, bool member) =>
        new() { Code = code, Acronym = acronym, Name = name, Website = website, Kind = kind, MemberSince = member ? RecordsBegin : null };
}
