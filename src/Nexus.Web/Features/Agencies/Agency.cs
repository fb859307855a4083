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

/// <summary>
/// The members of the Global Migration Group around 2009-2010, when the programme's inter-agency work is set,
/// plus the programme's other partner; staff add more as partnerships grow.
/// </summary>
public static class InitialAgencies
{
    public static Agency[] All =>
    [
        A("ilo", "ILO", "International Labour Organization", "https://www.ilo.org"),
        A("iom", "IOM", "International Organization for Migration", "https://www.iom.int"),
        A("ohchr", "OHCHR", "Office of the United Nations High Commissioner for Human Rights", "https://www.ohchr.org"),
        A("unctad", "UNCTAD", "United Nations Conference on Trade and Development", "https://unctad.org"),
        A("undesa", "UN DESA", "United Nations Department of Economic and Social Affairs", "https://www.un.org/development/desa"),
        A("undp", "UNDP", "United Nations Development Programme", "https://www.undp.org"),
        A("unesco", "UNESCO", "United Nations Educational, Scientific and Cultural Organization", "https://www.unesco.org"),
        A("unfpa", "UNFPA", "United Nations Population Fund", "https://www.unfpa.org"),
        A("unhcr", "UNHCR", "Office of the United Nations High Commissioner for Refugees", "https://www.unhcr.org"),
        A("unicef", "UNICEF", "United Nations Children's Fund", "https://www.unicef.org"),
        A("unitar", "UNITAR", "United Nations Institute for Training and Research", "https://unitar.org"),
        A("unodc", "UNODC", "United Nations Office on Drugs and Crime", "https://www.unodc.org"),
        A("unifem", "UNIFEM", "United Nations Development Fund for Women", null),
        A("worldbank", "World Bank", "The World Bank", "https://www.worldbank.org"),
        A("regional-commissions", "UN Regional Commissions", "United Nations Regional Commissions", null),
        A("fao", "FAO", "Food and Agriculture Organization of the United Nations", "https://www.fao.org"),
        A("who", "WHO", "World Health Organization", "https://www.who.int"),
        A("macarthur", "MacArthur Foundation", "John D. and Catherine T. MacArthur Foundation", "https://www.macfound.org"),
    ];

    private static Agency A(string code, string acronym, string name, string? website) =>
        new() { Code = code, Acronym = acronym, Name = name, Website = website };
}
