namespace Nexus.Web.Features.Courses.Demo;

/// <summary>
/// The demo course: IOM's international migration law course as UNITAR's reports describe it (eight topics, taught to
/// delegates in New York), with objectives, readings and self-assessment questions written for Nexus.
/// </summary>
internal static class CourseContent
{
    public const string Title = "International Migration Law";
    public const string Slug = "international-migration-law";

    public const string Summary =
        "A course for delegates on the conventions, spread across several branches of law at the universal and regional "
        + "levels, that apply to people involved in migration, taught in interactive, skills-based sessions.";

    public const string Description = """
        Migration is governed by no single treaty. The rules that apply to a person who moves across a border come from
        human rights law, refugee law, labour law, criminal law, the law of the sea, consular law and a growing body of
        regional instruments. This course, facilitated by IOM within UNITAR's migration and development programme,
        walks delegates through that body of law topic by topic.

        Each session mixes a short presentation with case exercises in small groups. Every module ends with a short
        self-assessment; the last one counts towards completion.

        **Completion:** attend at least three quarters of the sessions and pass the final self-assessment.
        """;

    public sealed record Q(QuestionKind Kind, string Text, string Explanation, string[] Options, int[] Correct,
        string[]? Matches = null, string[]? Accepted = null, bool? TrueFalse = null);

    public sealed record Module(string Title, string Objectives, string Materials, Q[] Questions);

    private static Q Single(string text, string explanation, int correct, params string[] options) =>
        new(QuestionKind.SingleChoice, text, explanation, options, [correct]);

    private static Q Multi(string text, string explanation, int[] correct, params string[] options) =>
        new(QuestionKind.MultipleChoice, text, explanation, options, correct);

    private static Q TrueFalse(string text, bool answer, string explanation) =>
        new(QuestionKind.TrueFalse, text, explanation, [], [], TrueFalse: answer);

    private static Q Short(string text, string explanation, params string[] accepted) =>
        new(QuestionKind.ShortAnswer, text, explanation, [], [], Accepted: accepted);

    private static Q Match(string text, string explanation, params (string Left, string Right)[] pairs) =>
        new(QuestionKind.Matching, text, explanation, pairs.Select(p => p.Left).ToArray(), [], pairs.Select(p => p.Right).ToArray());

    public static readonly Module[] Modules =
    [
        new("Migration Terminology",
            """
            - Tell apart the categories used in law and policy: migrant, migrant worker, refugee, asylum-seeker, stateless person.
            - Explain why the choice of term has legal consequences for the person concerned.
            - Use a glossary critically when drafting a resolution or a national text.
            """,
            """
            - IOM, *Glossary on Migration* (International Migration Law series).
            - Article 1 of the 1951 Convention relating to the Status of Refugees.
            - Article 2 of the 1990 International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families.
            """,
            [
                Single("Which treaty defines who is a refugee in international law?",
                    "Article 1A of the 1951 Convention, read with the 1967 Protocol that lifted its time and geographic limits, gives the definition.",
                    0, "The 1951 Convention relating to the Status of Refugees", "The 1990 Migrant Workers Convention",
                    "The 1963 Vienna Convention on Consular Relations", "The Universal Declaration of Human Rights"),
                TrueFalse("There is a single definition of \"migrant\" that is binding on every State.", false,
                    "No universal treaty defines \"migrant\" as such; definitions differ between instruments and between national laws."),
                Short("A person who is not considered a national by any State under the operation of its law is called a ... person.",
                    "This is the definition in Article 1 of the 1954 Convention relating to the Status of Stateless Persons.",
                    "stateless"),
                Match("Match each term with its closest description.",
                    "Asylum-seekers ask for protection that has not yet been decided; refugees meet the 1951 definition; migrant workers are defined by the 1990 Convention.",
                    ("Asylum-seeker", "Seeks international protection; the claim is not yet decided"),
                    ("Refugee", "Outside the country of nationality for fear of persecution on a Convention ground"),
                    ("Migrant worker", "Engaged in a remunerated activity in a State of which they are not a national")),
            ]),
        new("Authority and Responsibility of States",
            """
            - Describe the sovereign power of States to admit and remove non-nationals, and the limits set by treaty and custom.
            - Explain the right to leave any country and the right to return to one's own.
            - Identify a State's duties towards its nationals abroad, including consular assistance.
            """,
            """
            - Article 13 of the Universal Declaration of Human Rights; Article 12 of the International Covenant on Civil and Political Rights.
            - Article 36 of the 1963 Vienna Convention on Consular Relations.
            """,
            [
                Multi("Which of these rights are set out in Article 12 of the International Covenant on Civil and Political Rights?",
                    "Article 12 protects freedom of movement within a State, the right to leave any country and the right to enter one's own country. There is no general right to enter another State.",
                    [0, 1], "The right to leave any country, including one's own", "The right to enter one's own country",
                    "The right to enter any country of one's choice"),
                TrueFalse("Under the Vienna Convention on Consular Relations, a detained foreign national must be told without delay of the right to have the consulate informed.", true,
                    "Article 36(1)(b) requires the authorities to inform the person of this right without delay."),
                Single("Which principle forbids returning a person to a place where they face a real risk of persecution or serious harm?",
                    "Non-refoulement is set out in Article 33 of the 1951 Convention and, for torture, Article 3 of the Convention against Torture; it limits the State's power to remove.",
                    1, "Reciprocity", "Non-refoulement", "Comity", "Subsidiarity"),
                Short("The 1963 convention on consular relations is named after the city where it was adopted. Which city?",
                    "The Vienna Convention on Consular Relations (1963).", "Vienna"),
            ]),
        new("Rights and Obligations of Migrants",
            """
            - Show how the core human rights treaties apply to everyone within a State's jurisdiction, whatever their status.
            - Outline the rights the 1990 Convention gives to all migrant workers, including those in an irregular situation.
            - Recall the obligations migrants have under the law of the State where they are.
            """,
            """
            - International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families (1990), Parts III and IV.
            - Human Rights Committee, General Comment No. 15 on the position of aliens under the Covenant.
            """,
            [
                TrueFalse("Most rights in the International Covenant on Civil and Political Rights apply to non-nationals as well as to nationals.", true,
                    "The Covenant binds States towards everyone within their territory and jurisdiction; only a few rights, such as political participation, are reserved to citizens."),
                Single("Part III of the 1990 Migrant Workers Convention protects ...",
                    "Part III applies to all migrant workers and their families, including those in an irregular situation; Part IV adds rights for those in a regular situation.",
                    2, "only migrant workers with a valid work permit", "only seasonal workers",
                    "all migrant workers and members of their families, whatever their status", "only refugees"),
                Multi("Which obligations does Article 34 of the 1990 Convention place on migrant workers?",
                    "Article 34 recalls that nothing in the Convention relieves migrants of the duty to comply with the laws of the States of transit and employment and to respect the cultural identity of their inhabitants.",
                    [0, 1], "To comply with the laws of the State of employment", "To respect the cultural identity of its inhabitants",
                    "To give up their nationality of origin"),
                Short("In which year did the UN General Assembly adopt the Migrant Workers Convention?",
                    "Resolution 45/158 of 18 December 1990; 18 December is now International Migrants Day.", "1990"),
            ]),
        new("Migrant Smuggling and Human Trafficking",
            """
            - Distinguish smuggling of migrants from trafficking in persons, element by element.
            - Describe the obligations of the two Protocols supplementing the UN Convention against Transnational Organized Crime.
            - Apply the protection provisions for victims of trafficking.
            """,
            """
            - Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children (2000).
            - Protocol against the Smuggling of Migrants by Land, Sea and Air (2000).
            """,
            [
                Multi("Which of these are elements of the definition of trafficking in persons in the 2000 Protocol?",
                    "Trafficking combines an act (recruitment, transport, harbouring...), a means (threat, force, deception, abuse of vulnerability...) and a purpose of exploitation. Crossing a border is not required.",
                    [0, 1, 2], "An act such as recruitment or transport", "A means such as deception or coercion",
                    "A purpose of exploitation", "The crossing of an international border"),
                TrueFalse("Under the Smuggling Protocol, migrants must not become liable to criminal prosecution for the fact of having been smuggled.", true,
                    "Article 5 of the Protocol protects smuggled migrants from prosecution for having been the object of smuggling."),
                Single("Smuggling of migrants is defined by the procurement of illegal entry for ...",
                    "Article 3 of the Smuggling Protocol: procuring illegal entry in order to obtain, directly or indirectly, a financial or other material benefit.",
                    0, "a financial or other material benefit", "exploitation at destination", "political motives", "family reunification"),
                Match("Match each Protocol with its main subject.",
                    "Both Protocols supplement the 2000 UN Convention against Transnational Organized Crime, adopted in Palermo.",
                    ("Trafficking Protocol", "Exploitation of persons, with protection for victims"),
                    ("Smuggling Protocol", "Illegal entry procured for a material benefit")),
            ]),
        new("Labour Migration",
            """
            - Present the ILO instruments on migrant workers and the principle of equal treatment.
            - Compare bilateral labour agreements with multilateral frameworks.
            - Discuss fair recruitment and the protection of domestic workers.
            """,
            """
            - ILO Migration for Employment Convention (Revised), 1949 (No. 97).
            - ILO Migrant Workers (Supplementary Provisions) Convention, 1975 (No. 143).
            - ILO Multilateral Framework on Labour Migration (2006).
            """,
            [
                Single("Which ILO convention is the Migration for Employment Convention (Revised) of 1949?",
                    "Convention No. 97; Convention No. 143 of 1975 added provisions on abusive conditions and equal opportunity.",
                    1, "No. 87", "No. 97", "No. 111", "No. 182"),
                TrueFalse("The ILO Multilateral Framework on Labour Migration (2006) is a binding treaty.", false,
                    "It is a non-binding set of principles and guidelines for a rights-based approach to labour migration."),
                Short("Which UN specialised agency adopts international labour standards? (acronym)",
                    "The International Labour Organization, through its tripartite International Labour Conference.", "ILO"),
                Multi("Which of these are common features of bilateral labour agreements?",
                    "Bilateral agreements usually set quotas or sectors, recruitment procedures and conditions of work; they cannot override the parties' human rights obligations.",
                    [0, 1], "Procedures for recruitment and selection", "Terms on wages and conditions of work",
                    "Suspension of the workers' human rights"),
            ]),
        new("Migration and Security",
            """
            - Analyse how border control and counter-terrorism measures interact with human rights and refugee law.
            - Set out the safeguards that apply to immigration detention.
            - Review rescue at sea obligations under the law of the sea.
            """,
            """
            - Article 98 of the 1982 United Nations Convention on the Law of the Sea.
            - International Convention for the Safety of Life at Sea (SOLAS) and the 1979 Search and Rescue Convention.
            - Article 9 of the International Covenant on Civil and Political Rights (liberty and security of person).
            """,
            [
                TrueFalse("The duty to render assistance to persons in distress at sea depends on their nationality or migration status.", false,
                    "Article 98 of UNCLOS and the SOLAS Convention require assistance to any person in distress at sea, regardless of nationality, status or circumstances."),
                Single("Under human rights law, immigration detention must be ...",
                    "Detention must be lawful, necessary and proportionate, for the shortest time, and open to review by a court (ICCPR Article 9).",
                    2, "automatic for every irregular entry", "decided by the police without review",
                    "lawful, necessary, proportionate and subject to judicial review", "unlimited in time"),
                Multi("Which instruments contain duties relevant to rescue at sea?",
                    "UNCLOS, SOLAS and the 1979 SAR Convention together define the duty to rescue and to deliver survivors to a place of safety.",
                    [0, 1, 2], "The UN Convention on the Law of the Sea", "The SOLAS Convention", "The 1979 Search and Rescue Convention",
                    "The Chicago Convention on civil aviation"),
                Short("Which article of UNCLOS sets the duty to render assistance at sea? (number only)",
                    "Article 98 of the 1982 UN Convention on the Law of the Sea.", "98", "Article 98"),
            ]),
        new("Forced Migration",
            """
            - Explain the refugee definition and the cessation and exclusion clauses.
            - Describe the Guiding Principles on Internal Displacement and their regional follow-up.
            - Discuss protection gaps for people displaced by disasters and climate change.
            """,
            """
            - 1951 Convention and 1967 Protocol relating to the Status of Refugees.
            - Guiding Principles on Internal Displacement (1998).
            - African Union Convention for the Protection and Assistance of Internally Displaced Persons in Africa (Kampala Convention, 2009).
            """,
            [
                Single("Internally displaced persons are people forced to flee who ...",
                    "IDPs have not crossed an internationally recognised border; the State of residence keeps the primary responsibility for them.",
                    1, "have crossed an international border", "have not crossed an internationally recognised State border",
                    "hold refugee status", "are stateless"),
                TrueFalse("The Kampala Convention of 2009 is the first regional treaty binding States to protect and assist internally displaced persons.", true,
                    "The African Union adopted it in Kampala in October 2009; it draws on the 1998 Guiding Principles."),
                Short("Which UN agency supervises the application of the 1951 Refugee Convention? (acronym)",
                    "UNHCR, under Article 35 of the Convention and its Statute.", "UNHCR"),
                Match("Match each instrument with the people it protects.",
                    "Refugee law covers people outside their country; the Guiding Principles and the Kampala Convention cover those displaced within it.",
                    ("1951 Refugee Convention", "People outside their country who fear persecution"),
                    ("Guiding Principles on Internal Displacement", "People displaced within their own country"),
                    ("1954 Statelessness Convention", "People no State considers as its nationals")),
            ]),
        new("Developments in International Cooperation on Migration",
            """
            - Map the global, regional and bilateral forums where States cooperate on migration.
            - Explain the role of the Global Forum on Migration and Development and of the Global Migration Group.
            - Draft a position for a State taking part in a regional consultative process.
            """,
            """
            - Report of the 2006 High-level Dialogue on International Migration and Development.
            - Reports of the Global Forum on Migration and Development (Brussels 2007, Manila 2008, Athens 2009).
            - Terms of reference of the Global Migration Group.
            """,
            [
                Single("The Global Forum on Migration and Development is ...",
                    "The GFMD is a State-led, informal and non-binding process that grew out of the 2006 High-level Dialogue; its first meeting was in Brussels in 2007.",
                    0, "a State-led, informal and non-binding process", "a UN specialised agency", "a treaty body", "a regional court"),
                Multi("Which of these hosted a meeting of the Global Forum on Migration and Development between 2007 and 2009?",
                    "Belgium (Brussels, 2007), the Philippines (Manila, 2008) and Greece (Athens, 2009).",
                    [0, 1, 2], "Belgium", "The Philippines", "Greece", "Canada"),
                TrueFalse("The Global Migration Group brings together heads of UN and other international agencies working on migration.", true,
                    "The GMG is an inter-agency group; its chair rotates among members every six months."),
                Short("In which year did the UN General Assembly hold its first High-level Dialogue on International Migration and Development?",
                    "The High-level Dialogue took place in New York in September 2006.", "2006"),
            ]),
    ];
}
