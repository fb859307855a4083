using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Events;

namespace Nexus.Web.Features.Library;

/// <summary>
/// The demo library, written from the facts of the programme's 2008 and 2010 reports: the findings of each demo
/// seminar (so they appear both on the event and in the library), the 2009 joint statement at the Athens Global
/// Forum, and some of the fact-sheets on the economic crisis.
/// </summary>
public static class LibraryDemo
{
    private const string Editor = "Programme staff (staff@nexus.example)";

    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<AppDbContext>();
        if (await db.LibraryItems.AnyAsync(ct)) return;
        var library = services.GetRequiredService<LibraryService>();
        var byName = LibraryThemes.Initial.ToDictionary(t => t.Names["en"].ToLowerInvariant(), t => t.Code);

        var items = new List<(ItemContent, bool)>();
        var events = await db.Events.AsNoTracking().Where(e => e.FindingsMarkdown != null && e.Status != EventStatus.Draft)
            .OrderBy(e => e.StartsAt).ToListAsync(ct);
        foreach (var e in events)
            items.Add((new ItemContent
            {
                Kind = ItemKind.SeminarFindings,
                Texts = [new ItemText { Language = "en", Title = $"Findings: {e.Title}", Abstract = e.Summary, Body = e.FindingsMarkdown! }],
                Agencies = ["unitar", "iom", "unfpa"],
                Themes = e.Themes.Select(t => byName.GetValueOrDefault(t)).OfType<string>().ToList(),
                Places = e.Country is { } c && Infrastructure.Countries.Countries.Find(c) is { } country ? [country.M49] : [],
                PublishedOn = DateOnly.FromDateTime(e.EndsAt.AddDays(14)),
                EventId = e.Id,
            }, true));

        items.Add((new ItemContent
        {
            Kind = ItemKind.JointStatement,
            Texts =
            [
                new ItemText
                {
                    Language = "en", Title = "Joint statement of the Global Migration Group to the third Global Forum on Migration and Development",
                    Abstract = "Delivered in Athens on 4 November 2009 at the opening of the third Global Forum, on behalf of the members of the Global Migration Group.",
                    Body = """
                        The members of the Global Migration Group (GMG) restated their commitment to work together so that:

                        1. the development gains of migration are recognised and built upon;
                        2. the rights of migrants are protected; and
                        3. better data on migration are collected, giving policy a firmer evidence base.

                        The statement was read by the Executive Director of UNITAR, which chaired the Group at the time, and was followed by a joint press conference of the Group at the Forum.
                        """,
                },
                new ItemText
                {
                    Language = "fr", Title = "Déclaration commune du Groupe mondial sur la migration au troisième Forum mondial sur la migration et le développement",
                    Abstract = "Prononcée à Athènes le 4 novembre 2009 à l'ouverture du troisième Forum mondial, au nom des membres du Groupe mondial sur la migration.",
                    Body = "Les membres du Groupe se sont engagés à faire reconnaître les bénéfices de la migration pour le développement, à protéger les droits des migrants et à améliorer les données sur la migration.",
                },
            ],
            Agencies = ["unitar", "ilo", "iom", "ohchr", "unctad", "undesa", "undp", "unesco", "unfpa", "unhcr", "unicef", "unodc", "worldbank", "regional-commissions", "unifem"],
            Themes = ["policy-coherence", "migrants-rights", "data-evidence", "economic-crisis"],
            Places = ["300", "001"],
            PublishedOn = new DateOnly(2009, 11, 4),
        }, true));

        (string Title, string Abstract, string[] Themes, string Agency)[] factSheets =
        [
            ("The economic crisis and international migration: an overview",
             "Where the downturn hit first and hardest: at first more in the United States and the European Union than in Asia and Africa.",
             ["economic-crisis", "labour-migration"], "unfpa"),
            ("Unemployment among migrant workers during the crisis",
             "In the United States and the European Union, unemployment rose much more among foreign-born workers than among natives.",
             ["economic-crisis", "labour-migration", "migrants-rights"], "ilo"),
            ("Will migrants go home? Return migration in the crisis",
             "Return rates stayed low even where governments paid migrants to leave. Three things weigh on the decision: the right to come back, prospects at home, and assets built up abroad.",
             ["economic-crisis", "labour-migration"], "iom"),
            ("Remittances in the economic crisis",
             "How money sent home by migrant workers held up during the downturn, and why it matters for families in countries of origin.",
             ["economic-crisis", "remittances"], "worldbank"),
            ("Restrictive migration policies in response to the crisis",
             "Governments facing rising unemployment limited new immigration, encouraged returns and gave native workers preference.",
             ["economic-crisis", "policy-coherence", "migrants-rights"], "undesa"),
        ];
        foreach (var (title, summary, themes, agency) in factSheets)
            items.Add((new ItemContent
            {
                Kind = ItemKind.FactSheet,
                Texts = [new ItemText { Language = "en", Title = title, Abstract = summary, Body = summary }],
                Agencies = [agency, "unfpa"],
                Themes = [.. themes],
                Places = ["001"],
                PublishedOn = new DateOnly(2009, 11, 4),
                Authors = [],
            }, true));

        items.Add((new ItemContent
        {
            Kind = ItemKind.Report,
            Texts =
            [
                new ItemText
                {
                    Language = "en", Title = "Migration and development seminar series 2007: main reflections",
                    Abstract = "What the 2007 series taught: migration seen through different mandates, the need for evidence, and the place of transnational communities.",
                    Body = """
                        - Experts still look at the link between migration and development through the lenses of their own mandates; a "balance sheet" of positive, ambiguous and negative effects helps.
                        - Advice to governments needs a solid evidence base.
                        - Donors and developing countries increasingly treat migration as part of development planning, for instance in poverty reduction strategies.
                        - Immigration alone cannot reverse population ageing in industrialised countries.
                        - Integration is a two-way, long-term process; local governments and migrant associations play a large part in it.
                        """,
                },
                new ItemText
                {
                    Language = "es", Title = "Serie de seminarios sobre migración y desarrollo 2007: principales reflexiones",
                    Abstract = "Lo que dejó la serie de 2007: la migración vista desde mandatos distintos, la necesidad de datos y el papel de las comunidades transnacionales.",
                },
            ],
            Agencies = ["unitar", "iom", "unfpa", "macarthur"],
            Themes = ["policy-coherence", "integration", "ageing", "diaspora", "data-evidence"],
            Places = ["840"],
            PublishedOn = new DateOnly(2008, 3, 1),
        }, true));

        await library.CreateManyAsync(items, Editor, ct);
    }
}
