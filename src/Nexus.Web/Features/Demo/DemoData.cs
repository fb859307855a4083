using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Accounts.Tokens;
using Nexus.Web.Features.Events;
using Nexus.Web.Features.Registrations;
using Nexus.Web.Features.Series;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Demo;

/// <summary>
/// A believable demo programme: the 2007-2008 and 2009 seminar series as described in UNITAR's reports on its
/// migration work, plus a current series of upcoming events dated from today so every registration flow can be tried.
/// </summary>
public static class DemoData
{
    public sealed record DemoAccount(string Email, string Role, string Password);

    /// <summary>The focal point of the agency that chairs the inter-agency group today (see CoordinationDemo).</summary>
    public const string ChairEmail = "chair@nexus.example";

    /// <summary>Demo accounts with fixed passwords (documented in the README; demo mode only).</summary>
    public static readonly IReadOnlyList<DemoAccount> Accounts =
    [
        new("admin@nexus.example", Roles.Administrator, "Nexus-demo-Keystone-2026!"),
        new("staff@nexus.example", Roles.ProgrammeStaff, "Nexus-demo-Programme-2026!"),
        new("focal.point@nexus.example", Roles.AgencyFocalPoint, "Nexus-demo-Liaison-2026!"),
        new(ChairEmail, Roles.AgencyFocalPoint, "Nexus-demo-Rotation-2026!"),
        new("participant@nexus.example", Roles.Participant, "Nexus-demo-Delegate-2026!"),
    ];

    private static readonly Dictionary<string, (string FullName, string Organization)> Profiles = new()
    {
        ["admin@nexus.example"] = ("Demo Administrator", "UNITAR New York Office"),
        ["staff@nexus.example"] = ("Demo Programme Officer", "UNITAR New York Office"),
        ["focal.point@nexus.example"] = ("Demo Focal Point", "A member agency of the inter-agency group"),
        [ChairEmail] = ("Demo Chair Focal Point", "The agency chairing the inter-agency group"),
        ["participant@nexus.example"] = ("Demo Delegate", "Permanent Mission of Ghana to the United Nations"),
    };

    /// <summary>Seeds the demo programme when the database has no series yet; returns true when it seeded.</summary>
    public static async Task<bool> SeedAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

        // Roles are needed by every deployment, seeded or not.
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");

        if (await db.Series.AnyAsync(ct)) return false;

        var ids = new Dictionary<string, string>();
        foreach (var account in Accounts) ids[account.Role] = await EnsureUserAsync(users, account, now);

        var (name, organization) = Profiles["participant@nexus.example"];
        var demoParticipant = new Person(name, "participant@nexus.example", organization, StakeholderGroup.MemberState, "GHA",
            null, false, "en", "west-africa", ids[Roles.Participant]);

        var programme = new Programme(now, ids[Roles.ProgrammeStaff]);
        programme.Build(demoParticipant);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Series first, so that the events then get their ids in date order; everything else goes in one save.
        db.AddRange(programme.AllSeries);
        await db.SaveChangesAsync(ct);
        db.AddRange(programme.AllEvents);
        db.AddRange(programme.AllRegistrations);
        db.AddRange(programme.Log);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await Library.LibraryDemo.SeedAsync(services, ct);
        await Coordination.CoordinationDemo.SeedAsync(services, ct);
        await Courses.Demo.CourseDemo.SeedAsync(db, now, ids[Roles.ProgrammeStaff],
            new(programme.PastCourse.Run, programme.PastCourse.Sessions, programme.UpcomingCourseRun.Run, programme.UpcomingCourseRun.Sessions), ct);
        await Projects.ProjectsDemo.SeedAsync(db, now, ct);
        return true;
    }

    private static async Task<string> EnsureUserAsync(UserManager<AppUser> users, DemoAccount account, DateTime now)
    {
        var existing = await users.FindByEmailAsync(account.Email);
        if (existing is not null) return existing.Id;
        var (fullName, organization) = Profiles[account.Email];
        var user = new AppUser
        {
            UserName = account.Email, Email = account.Email, EmailConfirmed = true,
            FullName = fullName, Organization = organization, Language = "en", CreatedAt = now,
        };
        Check(await users.CreateAsync(user, account.Password), account.Email);
        Check(await users.AddToRoleAsync(user, account.Role), account.Email);
        return user.Id;
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException(
                $"Demo seed could not create {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }

    // ---- people ----------------------------------------------------------------------------------------------

    private sealed record Person(string FullName, string Email, string Organization, StakeholderGroup Group, string Country,
        Gender? Gender, bool ListPublicly, string Language, string Region, string? UserId = null);

    /// <summary>Names and countries of one world region; a trailing * marks a French-speaking country.</summary>
    private sealed class Region(string key, int weight, string women, string men, string surnames, string countries)
    {
        public string Key => key;
        public int Weight => weight;
        public string[] Women { get; } = women.Split(' ');
        public string[] Men { get; } = men.Split(' ');
        public string[] Surnames { get; } = surnames.Split(' ');
        public (string Iso3, string Name, bool French)[] Countries { get; } =
            countries.Split('|').Select(c => (c[..3], c[4..].TrimEnd('*'), c.EndsWith('*'))).ToArray();
    }

    private static readonly Region[] Regions =
    [
        new("west-africa", 14, "Amina Adwoa Fatou Ngozi Aïssatou Efua Mariama Chiamaka",
            "Kwame Ousmane Chinedu Mamadou Kofi Ibrahima Babatunde Sekou",
            "Mensah Diallo Okafor Traoré Koroma Sow Adeyemi Boateng Kamara Ndiaye",
            "NGA Nigeria|GHA Ghana|SEN Senegal*|MLI Mali*|SLE Sierra Leone|LBR Liberia|CIV Côte d'Ivoire*|BFA Burkina Faso*"),
        new("east-southern-africa", 12, "Wanjiru Tigist Nomvula Achieng Chipo Amani Hiwot Zawadi",
            "Tendai Abebe Juma Sipho Mulugeta Otieno Themba Baraka",
            "Mwangi Bekele Dlamini Okello Moyo Tesfaye Nkosi Kariuki Haile Mutasa",
            "KEN Kenya|ETH Ethiopia|UGA Uganda|TZA the United Republic of Tanzania|ZAF South Africa|ZWE Zimbabwe|RWA Rwanda|SOM Somalia"),
        new("middle-east-north-africa", 10, "Fatima Leila Yasmine Samira Nour Rania Salma Houda",
            "Ahmed Karim Youssef Omar Tarek Hassan Khalil Nabil",
            "Haddad Mansour Khoury Saleh Nasser Farouk Aziz Bennani Hamdan Rahal",
            "MAR Morocco*|EGY Egypt|TUN Tunisia*|JOR Jordan|LBN Lebanon*|DZA Algeria*|IRQ Iraq"),
        new("south-asia", 13, "Priya Farzana Ayesha Anjali Nirmala Shirin Sunita Tahmina",
            "Rahul Imran Arjun Tariq Sanjay Kamal Rohan Faisal",
            "Sharma Rahman Khan Perera Patel Chowdhury Gurung Hussain Fernando Iqbal",
            "IND India|BGD Bangladesh|PAK Pakistan|LKA Sri Lanka|NPL Nepal|AFG Afghanistan"),
        new("east-asia-pacific", 13, "Mei Siti Lan Yuki Jiwoo Maricel Dewi Ploy",
            "Jose Wei Budi Minh Hiroshi Joon Rizal Somchai",
            "Santos Wang Nguyen Wijaya Tanaka Kim Reyes Chen Tran Cruz",
            "PHL the Philippines|IDN Indonesia|VNM Viet Nam|CHN China|THA Thailand|KOR the Republic of Korea|JPN Japan"),
        new("latin-america-caribbean", 13, "Lucía Camila Gabriela Valentina Rosa Mariana Daniela Beatriz",
            "Jorge Luis Diego Andrés Mateo Ricardo Fernando João",
            "García Rodríguez Martínez López Hernández Silva González Ramírez Morales Pierre",
            "MEX Mexico|GTM Guatemala|SLV El Salvador|COL Colombia|ECU Ecuador|PER Peru|BRA Brazil|HTI Haiti*|JAM Jamaica|DOM the Dominican Republic"),
        new("europe", 12, "Elena Sofia Anna Claire Ingrid Katarzyna Marta Eleni",
            "Nikos Pierre Javier Marco Lars Tomasz Pieter Miguel",
            "Papadopoulos Dubois Fernández Rossi Johansson Kowalski Janssens Müller Costa Martin",
            "GRC Greece|BEL Belgium*|ESP Spain|ITA Italy|FRA France*|DEU Germany|SWE Sweden|NLD the Netherlands|GBR the United Kingdom|POL Poland|PRT Portugal"),
        new("north-america-oceania", 7, "Sarah Emily Jennifer Megan Olivia Rachel",
            "Michael David James Daniel Andrew Thomas",
            "Johnson Smith Brown Wilson Taylor Anderson Campbell Thompson",
            "USA the United States|CAN Canada|AUS Australia|NZL New Zealand"),
        new("eastern-europe-central-asia", 6, "Olga Aigerim Natalia Gulnara Irina Anahit Nino Elira",
            "Andrei Rustam Dmitri Bakyt Arben Timur Giorgi Aram",
            "Popescu Shevchenko Hoxha Sargsyan Beridze Bondarenko Ceban Kovalenko",
            "MDA the Republic of Moldova|UKR Ukraine|ALB Albania|KGZ Kyrgyzstan|TJK Tajikistan|ARM Armenia|GEO Georgia"),
    ];

    private static readonly string[] AfricaAndEurope = ["west-africa", "east-southern-africa", "middle-east-north-africa", "europe"];

    // Weighted towards missions: the series was built for New York's diplomatic community.
    private static readonly (StakeholderGroup Group, int Weight, string[] Organizations)[] Groups =
    [
        (StakeholderGroup.MemberState, 40, []),
        (StakeholderGroup.UnSystem, 15, ["United Nations Development Programme", "United Nations Population Fund", "UNICEF",
            "Office of the United Nations High Commissioner for Refugees", "OHCHR New York Office", "ILO Office for the United Nations",
            "UN-HABITAT New York Office", "UN DESA Population Division", "Peacebuilding Support Office"]),
        (StakeholderGroup.InternationalOrganization, 10, ["International Organization for Migration", "World Bank",
            "OECD Development Centre", "International Federation of Red Cross and Red Crescent Societies",
            "Permanent Observer Mission of the African Union to the United Nations", "Delegation of the European Union to the United Nations"]),
        (StakeholderGroup.CivilSociety, 17, ["Migrant Workers' Rights Network", "Diaspora Partnership for Development",
            "Women Migrants' Solidarity Forum", "Federation of Hometown Associations", "Refugee and Migrant Youth Alliance",
            "Caregivers' Association of New York", "Interfaith Migrant Support Centre"]),
        (StakeholderGroup.Academia, 10, ["Columbia University", "The New School", "City University of New York",
            "New York University", "Fordham University", "Institute for Population and Migration Studies"]),
        (StakeholderGroup.PrivateSector, 4, ["Global Remit Partners", "Health Staffing International", "Meridian Development Consulting"]),
        (StakeholderGroup.Media, 4, ["Diaspora Voices Radio", "Migration Review Weekly", "Global Development Wire", "Freelance journalist"]),
    ];

    // ---- vocabulary and shared speakers ------------------------------------------------------------------------

    private static readonly HashSet<string> Vocabulary =
    [
        "labour migration", "remittances", "brain drain and health workers", "diaspora and transnational communities",
        "peacebuilding", "economic crisis", "migrants' rights", "trafficking and smuggling", "integration", "ageing",
        "climate change", "urbanisation", "policy coherence", "development goals", "human development", "data and evidence",
    ];

    private const string NewYork = "America/New_York";

    private static readonly (string Name, string Affiliation, SpeakerRole Role) Lopes =
        ("Mr. Carlos Lopes", "Executive Director, UNITAR", SpeakerRole.Chair);
    private static readonly (string Name, string Affiliation, SpeakerRole Role) Moderator =
        ("Senior Programme Officer", "UNITAR New York Office", SpeakerRole.Moderator);

    private static (string Name, string Affiliation, SpeakerRole Role) Rep(string who, string affiliation,
        SpeakerRole role = SpeakerRole.Speaker) => ($"Representative of {who}", affiliation, role);

    /// <summary>The usual three-hour seminar at Headquarters, in minutes from the start.</summary>
    private static readonly (int From, int To, string Title, string Description)[] SeminarAgenda =
    [
        (0, 15, "Welcome and opening remarks", ""),
        (15, 100, "Panel presentations", "Short presentations by the panellists."),
        (100, 170, "Interactive discussion", "Questions and comments from delegates and other participants."),
        (170, 180, "Closing remarks", ""),
    ];

    private static readonly (int From, int To, string Title, string Description)[] CourseAgenda =
    [
        (0, 90, "Presentation of the legal framework", "Universal and regional instruments that apply to the topic."),
        (105, 180, "Case exercise", "Delegates work through a practical case in small groups."),
    ];

    // ---- the programme -----------------------------------------------------------------------------------------

    /// <summary>Builds the whole object graph in memory; all randomness comes from one seeded generator.</summary>
    private sealed class Programme(DateTime now, string staffId)
    {
        private readonly Random rng = new(2009);
        private List<Person> pool = [];

        public List<SeminarSeries> AllSeries { get; } = [];
        public List<Event> AllEvents { get; } = [];
        public List<Registration> AllRegistrations { get; } = [];
        public List<RegistrationLogEntry> Log { get; } = [];
        /// <summary>The course runs, for the course demo: the run's enrolment event and its session events in order.</summary>
        public (Event Run, List<Event> Sessions) PastCourse { get; private set; }
        public (Event Run, List<Event> Sessions) UpcomingCourseRun { get; private set; }

        public void Build(Person demoParticipant)
        {
            pool = People(450);
            Biennium2007();
            Year2009();
            Upcoming(demoParticipant);
        }

        private void Biennium2007()
        {
            var s = NewSeries("Migration and Development Seminar Series 2007-2008", 2007, 2008, "Belgium (2007) / the Philippines (2008)",
                "Informal seminars at United Nations Headquarters that keep New York's diplomatic community abreast of migration "
                + "and development debates. The biennium builds on the 2005-2006 \"Key migration issues\" series; delegates were "
                + "also briefed on Belgium's preparations for the first Global Forum and on what the Global Migration Group was doing.",
                "For 2008, topics were chosen with the Philippines: international migration and urbanisation; migration and "
                + "sustainable development, notably climate change; labour migration with attention to women migrants; and the "
                + "yearly international migration law course, centred this time on human rights.");

            var partnerships = Seminar(s, "Building Partnerships between Migration and Development Actors", new(2007, 3, 29, 10, 0, 0), "6",
                "Opening seminar of the biennium: how migration specialists and development practitioners can work from a shared agenda.",
                "policy coherence", "development goals", "data and evidence");
            partnerships.FindingsMarkdown = """
                Speakers noted that migration experts and development experts still read the links between their fields through
                their own mandates. Development practitioners described a "balance sheet" view that weighs the helpful, the mixed
                and the harmful effects of migration, and insisted that advice to governments must rest on sound evidence.

                Items proposed for a common agenda included the tie between internal and international migration, skills
                management, cheaper and easier remittance transfers, the part played by transnational communities, and
                mainstreaming migration into other policy fields.

                Donors and developing countries alike are starting to write migration into development planning. Co-development
                policies and poverty reduction strategies that take migration into account are early signs of that shift.
                """;
            Speakers(partnerships, Rep("the host of the first Global Forum", "Permanent Mission of Belgium to the United Nations"),
                Rep("IOM", "International Organization for Migration"), Rep("UNFPA", "United Nations Population Fund"), Moderator);
            Held(partnerships, 74);

            var participation = Seminar(s, "Facilitating Migrants' Participation in Society", new(2007, 5, 24, 10, 0, 0), "6",
                "What helps newcomers take part in economic, social and political life, and who should help them: "
                + "local authorities, migrant associations and host communities.",
                "integration", "migrants' rights", "diaspora and transnational communities");
            Speakers(participation, Rep("a city integration office", "Municipal government"),
                Rep("a migrant association", "Federation of Hometown Associations"), Rep("IOM", "International Organization for Migration"), Moderator);
            Held(participation, 61);

            var ageing = Seminar(s, "Migration and Ageing", new(2007, 6, 28, 10, 0, 0), "4",
                "Can immigration offset population ageing and labour shortages in industrialised countries, and at what cost to "
                + "countries of origin?",
                "ageing", "labour migration");
            Speakers(ageing, Rep("UNFPA", "United Nations Population Fund"), Rep("UN DESA", "Population Division"),
                ("Demographer", "Institute for Population and Migration Studies", SpeakerRole.Discussant), Moderator);
            Held(ageing, 55);

            var conflict = Seminar(s, "Transnational Communities and Development in Conflict-Affected Countries", new(2007, 11, 8, 10, 0, 0), "6",
                "How communities abroad can support recovery in countries affected by conflict, and what stands in their way.",
                "diaspora and transnational communities", "peacebuilding");
            conflict.FindingsMarkdown = """
                Both home and host countries try to draw on the ties that transnational communities keep with their countries of
                origin. Yet initiatives by donors and international bodies to bring these communities in have often faded for lack
                of follow-up and lasting commitment.

                Participants asked for institutional entry points for transnational communities, including inside the United
                Nations system. Countries emerging from conflict frequently cannot absorb large flows of investment or returnees,
                and the networks, trust and know-how that expatriates bring can count for as much as material help.
                """;
            Speakers(conflict, Rep("UNDP", "United Nations Development Programme"), Rep("IOM", "International Organization for Migration"),
                ("Diaspora association representative", "Diaspora Partnership for Development", SpeakerRole.Discussant), Moderator);
            Held(conflict, 68);

            var urban = Seminar(s, "International Migration and Urbanization", new(2008, 3, 27, 10, 0, 0), "6",
                "Cities receive most international migrants: what this means for urban planning, services and the links between "
                + "internal and international migration.",
                "urbanisation", "integration");
            Speakers(urban, Rep("the 2008 Global Forum host", "Permanent Mission of the Philippines to the United Nations"),
                Rep("UN-HABITAT", "UN-HABITAT New York Office"), Rep("UNFPA", "United Nations Population Fund"), Moderator);
            Held(urban, 59);

            var climate = Seminar(s, "Migration and Sustainable Development: Climate Change", new(2008, 5, 22, 10, 0, 0), "4",
                "Environmental change as a driver of movement, and how adaptation planning can take mobility into account.",
                "climate change", "development goals");
            Speakers(climate, Rep("IOM", "International Organization for Migration"), Rep("UNDP", "United Nations Development Programme"),
                ("Environmental migration researcher", "Columbia University", SpeakerRole.Discussant), Moderator);
            Held(climate, 83);

            var women = Seminar(s, "Labour Migration: A Focus on Female Migrants", new(2008, 6, 26, 10, 0, 0), "6",
                "Women make up a growing share of labour migrants, often in domestic and care work: protection gaps and good "
                + "practice in recruitment and employment.",
                "labour migration", "migrants' rights");
            Speakers(women, Rep("the ILO", "ILO Office for the United Nations"), Rep("UNIFEM", "United Nations Development Fund for Women"),
                Rep("a domestic workers' organisation", "Women Migrants' Solidarity Forum", SpeakerRole.Discussant), Moderator);
            Held(women, 77);

            var law = Meeting(s, EventKind.CourseSession, "International Migration Law Course 2008: Human Rights of Migrants",
                new(2008, 10, 16, 10, 0, 0), 3, Room("8"), capacity: 40,
                "IOM's yearly course on international migration law for delegates; the 2008 edition centres on migrants' human rights.",
                ["migrants' rights"]);
            Speakers(law, ("Course facilitator", "International Organization for Migration", SpeakerRole.Speaker));
            Held(law, 34);
        }

        private void Year2009()
        {
            var s = NewSeries("Migration and Development Seminar Series 2009", 2009, 2009, "Greece",
                "The 2009 cycle of seminars at United Nations Headquarters, run with IOM, UNFPA and the MacArthur Foundation, "
                + "together with IOM's course on international migration law and a panel for International Migrants' Day.",
                "Priorities were agreed with Greece, chair of the 2009 Global Forum: health worker migration and care, coherence "
                + "between migration and the development goals, transnational communities in peacebuilding, and the effects of "
                + "the economic downturn on migrants.");

            var brain = Seminar(s, "Migration, \"Brain Drain\" and Caregiving", new(2009, 2, 26, 10, 0, 0), "6",
                "The departure of doctors, nurses and carers from countries that can least spare them, and what origin and "
                + "destination countries can do about it.",
                "brain drain and health workers", "development goals", "migrants' rights");
            brain.FindingsMarkdown = """
                The seminar tied the uneven spread of health professionals around the world to the difficulty of meeting MDG 6
                on fighting HIV/AIDS, malaria and other diseases. The regions with the heaviest disease burden, sub-Saharan Africa
                above all, have the fewest health workers and a tiny share of global health spending, and low staffing goes hand
                in hand with high mortality.

                Speakers recognised that legitimate claims collide: the right to health in ageing rich societies and in poorer
                ones, and a nurse's freedom to seek a better life abroad against a country's need for a working health system.
                Because care work is mostly done by women, and HIV rates in Southern Africa are higher among women, the question
                also has a gender side.

                Suggested responses included the "treat, train and retain" strategy of the Global Health Workforce Alliance,
                shifting tasks between professions, and support for voluntary return and circular mobility. WHO's draft
                code on recruiting health staff from abroad was seen as a useful start, even though it is voluntary;
                participants would like private employers to sign up to ethical recruitment too, since deals with a single
                country tend to push recruiters towards its neighbours.
                """;
            Speakers(brain, Lopes, Rep("the 2009 Global Forum chair", "Permanent Mission of Greece to the United Nations"),
                Rep("the World Health Organization", "WHO Office at the United Nations"),
                Rep("the Global Health Workforce Alliance", "Global Health Workforce Alliance"),
                ("Public health researcher", "Columbia University", SpeakerRole.Discussant), Moderator);
            Agenda(brain, SeminarAgenda);
            Held(brain, 86);

            string[] topics =
            [
                "Migration Terminology", "Authority and Responsibility of States", "Rights and Obligations of Migrants",
                "Migrant Smuggling and Human Trafficking", "Labour Migration", "Migration and Security", "Forced Migration",
                "Developments in International Cooperation on Migration",
            ];
            string[][] topicThemes =
            [
                ["data and evidence"], ["policy coherence"], ["migrants' rights"], ["trafficking and smuggling", "migrants' rights"],
                ["labour migration"], ["migrants' rights"], ["peacebuilding", "migrants' rights"], ["policy coherence"],
            ];
            // The course run is one enrolment (an event of kind Course) over four days; its sessions take no
            // registrations of their own: attendance is recorded per learner by the course demo.
            var run = Meeting(s, EventKind.Course, "International Migration Law Course 2009", new DateTime(2009, 3, 16, 10, 0, 0),
                3 * 24 + 8, Room("8"), capacity: 40,
                "IOM's course on international migration law for delegates, in eight sessions over four days.", ["migrants' rights"]);
            Held(run, 36);
            var sessions = new List<Event>();
            for (var i = 0; i < topics.Length; i++)
            {
                // Four days, a morning and an afternoon session each.
                var start = new DateTime(2009, 3, 16 + (i / 2), i % 2 == 0 ? 10 : 15, 0, 0);
                var session = Meeting(s, EventKind.CourseSession, $"International Migration Law Course 2009, Session {i + 1}: {topics[i]}",
                    start, 3, Room("8"), capacity: 40,
                    "Part of IOM's course on international migration law: the conventions and regional instruments, spread across "
                    + "several branches of law, that apply to this topic, with practical exercises for delegates.",
                    topicThemes[i]);
                Speakers(session, ("Course facilitator", "International Organization for Migration", SpeakerRole.Speaker));
                Agenda(session, CourseAgenda);
                sessions.Add(session);
            }
            PastCourse = (run, sessions);

            var coherence = Seminar(s, "Aligning Migration with Development Goals: The Challenges of Policy Coherence",
                new(2009, 4, 30, 10, 0, 0), "6",
                "How migration, labour, health and trade policies can pull in the same direction as the development goals "
                + "agreed by the international community.",
                "policy coherence", "development goals", "human development");
            coherence.FindingsMarkdown = """
                Three linked aims framed the debate: acknowledge what migrants contribute to prosperity in countries of origin
                and destination alike, make migration serve the development goals agreed by the international community, the MDGs among them,
                and widen the choices and capabilities of migrants and their families.

                Participants warned against treating migration and development as a matter for developing countries, or for
                development agencies, alone. Visa, employment and skills-recognition rules matter, but so do health and trade
                policy. Ageing societies rely on migrant workers, while rapid outflows of skilled people leave gaps at home; the
                World Bank's idea of inter-regional cooperation on training, integration and portable pensions was discussed as
                one way to share the costs.

                Seen through a human development lens, measures such as multiple-entry visas, dual citizenship and better
                consular help were recommended, and permanent migration was judged more beneficial than temporary schemes that
                keep people dependent and apart from their families. Many speakers also asked for a multilateral framework for
                labour migration, as bilateral agreements leave origin countries bidding against one another.
                """;
            Speakers(coherence, Lopes, Rep("the 2009 Global Forum chair", "Permanent Mission of Greece to the United Nations"),
                Rep("UNDP", "Human Development Report Office, UNDP"), Rep("the World Bank", "World Bank"),
                Rep("IOM", "International Organization for Migration", SpeakerRole.Discussant), Moderator);
            Agenda(coherence, SeminarAgenda);
            Held(coherence, 72);

            var brussels = Meeting(null, EventKind.PolicySeminar,
                "Africa-EU 7th Partnership on Migration, Mobility and Employment: Moving Forward involving Non-State Actors",
                new(2009, 6, 7, 9, 30, 0), 7.5, "Conference venue, central Brussels", capacity: 80,
                "A policy seminar away from Headquarters, organised with IOM under the project supported by Spain, on the state of "
                + "the Africa-EU partnership and how civil society can take a fuller part in it.",
                ["labour migration", "policy coherence", "diaspora and transnational communities"],
                zone: "Europe/Brussels", city: "Brussels", country: "BEL");
            brussels.FindingsMarkdown = """
                The seminar reviewed where the Africa-EU partnership on migration, mobility and employment stood, and the
                conditions for mobility within it.

                Most of the discussion was about giving African and European civil society organisations a larger and more
                meaningful role in the partnership. Participants agreed to continue the conversation at a follow-up seminar in
                Addis Ababa.
                """;
            Speakers(brussels, Rep("UNITAR", "United Nations Institute for Training and Research", SpeakerRole.Chair),
                Rep("IOM", "International Organization for Migration"), Rep("the African Union Commission", "African Union Commission"),
                Rep("the European Commission", "European Commission"),
                ("Civil society speakers from Africa and Europe", "Non-State Actors", SpeakerRole.Discussant));
            Agenda(brussels,
                (0, 30, "Opening session", ""),
                (30, 180, "Where the partnership stands", "How far the partnership has come, and what mobility under it looks like."),
                (270, 420, "Involving non-State actors", "How African and European civil society can take part more fully."),
                (420, 450, "Conclusions and follow-up", "Next steps towards a follow-up meeting in Addis Ababa."));
            Held(brussels, 52, AfricaAndEurope);

            var peace = Seminar(s, "Peacebuilding: The Role of Transnational Communities", new(2009, 6, 25, 10, 0, 0), "4",
                "With the Peacebuilding Commission and its support office: how communities abroad, including refugees and "
                + "displaced people, can contribute to recovery at home.",
                "peacebuilding", "diaspora and transnational communities");
            peace.FindingsMarkdown = """
                Countries in or just out of conflict tend to sit at the bottom of development rankings. Working with the
                Peacebuilding Commission and its support office, the seminar looked at what transnational communities, refugees
                and displaced people among them, can bring to rebuilding their countries.

                Sierra Leone was the main case: its government created an office dedicated to reaching citizens abroad. Speakers
                advised placing such an office at the centre of government, above rivalries between ministries, and linking it to
                national development planning. Liberia and Sierra Leone were already comparing notes.

                Practical ideas included inventories of diaspora skills and assets drawn up as early as the humanitarian phase,
                adding expatriate professionals to rosters of rapidly deployable experts, and temporary-return schemes such as
                those of IOM and UNDP. Participants cautioned that help for returnees has to be balanced against help for the
                community as a whole, so that people who stayed do not feel passed over.
                """;
            Speakers(peace, Lopes, Rep("the Peacebuilding Support Office", "United Nations Peacebuilding Support Office"),
                Rep("the Government of Sierra Leone", "Permanent Mission of Sierra Leone to the United Nations"),
                Rep("UNDP", "United Nations Development Programme"),
                ("Diaspora organisation representative", "Diaspora Partnership for Development", SpeakerRole.Discussant), Moderator);
            Agenda(peace, SeminarAgenda);
            Held(peace, 64);

            var retreat = Meeting(null, EventKind.Retreat, "High-level Retreat of the Global Migration Group",
                new(2009, 10, 9, 9, 0, 0), 8, "Retreat venue near Geneva", capacity: null,
                "Heads of the Global Migration Group agencies, convened by UNITAR as chair, to discuss how the economic crisis is "
                + "affecting migration and the well-being of migrants. By invitation only.",
                ["economic crisis", "policy coherence"], zone: "Europe/Zurich", city: "Geneva", country: "CHE");
            retreat.RegistrationOpensAt = retreat.RegistrationClosesAt = null;
            Speakers(retreat, Lopes with { Affiliation = "Executive Director, UNITAR, Chair of the Global Migration Group" },
                ("Heads of GMG member agencies", "Global Migration Group", SpeakerRole.Speaker));

            var crisis = Seminar(s, "Migration and the Economic Crisis", new(2009, 10, 29, 10, 0, 0), "6",
                "How the global downturn is affecting migrants, remittances and migration policies in different regions.",
                "economic crisis", "labour migration", "remittances", "migrants' rights");
            crisis.FindingsMarkdown = """
                **An uneven shock.** Early evidence suggested that the United States and the European Union were hit harder at
                first than Asia or Africa. Unemployment among foreign-born workers there rose well above that of natives, and
                several governments restricted new admissions, paid migrants to leave or favoured nationals in hiring.

                **Few went home.** Return rates stayed low even where incentives were offered. Three things shape a decision to
                return: whether the migrant may come back to the destination country later, the outlook in the country of
                origin, and whether assets built up abroad, such as a house, can be sold to pay for the move.

                **A slow road back.** Experts warned of a "jobless recovery" in which finance rebounds long before jobs do, so
                labour migration may not pick up soon; but deep shifts in migration were not expected while global inequality
                and demographic imbalances persist. Lower-skilled migrants were hit hardest, and evidence from Ghana showed
                their households losing more remittance income, with lasting effects on spending for schooling and health.

                **Rights at risk.** Job and wage losses, expulsions, abusive recruiters, xenophobia and more trafficking and
                smuggling were all flagged, and migrants need to know their rights. Some saw the crisis as a chance to rethink
                development models that rely on exporting labour and receiving remittances.
                """;
            Speakers(crisis, Lopes, Rep("IOM", "International Organization for Migration"), Rep("the World Bank", "World Bank"),
                ("Labour economist", "The New School", SpeakerRole.Speaker),
                ("Civil society representative", "Migrant Workers' Rights Network", SpeakerRole.Discussant), Moderator);
            Agenda(crisis, SeminarAgenda);
            Held(crisis, 90);

            var press = Meeting(null, EventKind.PressConference, "Joint GMG Press Conference at the Third Global Forum",
                new(2009, 11, 4, 13, 0, 0), 1, "Global Forum conference centre", capacity: null,
                "Heads of Global Migration Group agencies meet the press in Athens after the joint GMG statement at the opening of "
                + "the third Global Forum on Migration and Development.",
                ["economic crisis", "migrants' rights", "data and evidence"], zone: "Europe/Athens", city: "Athens", country: "GRC");
            press.RegistrationOpensAt = press.RegistrationClosesAt = null;
            Speakers(press, Lopes with { Role = SpeakerRole.Speaker, Affiliation = "Executive Director, UNITAR, Chair of the Global Migration Group" },
                ("Principals of GMG member agencies", "Global Migration Group", SpeakerRole.Speaker));

            var youth = Meeting(s, EventKind.Panel, "International Migrants' Day 2009: Experiences and Challenges of Migrant Youth",
                new(2009, 12, 18, 10, 0, 0), 2.5, Room("2"), capacity: 150,
                "A panel marking International Migrants' Day on what young migrants go through: schooling, first jobs, "
                + "belonging and rights.",
                ["integration", "migrants' rights"]);
            Speakers(youth, Lopes, Rep("UNICEF", "UNICEF"), Rep("UNFPA", "United Nations Population Fund"),
                ("Youth migrant advocate", "Refugee and Migrant Youth Alliance", SpeakerRole.Speaker), Moderator);
            Agenda(youth,
                (0, 10, "Opening remarks", ""),
                (10, 90, "Panel: growing up between countries", ""),
                (90, 150, "Discussion", ""));
            Held(youth, 79);
        }

        private void Upcoming(Person demoParticipant)
        {
            var s = NewSeries("Migration and Development Seminar Series", now.Year, now.Year, "",
                "This year's seminars at United Nations Headquarters, continuing the programme's work with the diplomatic "
                + "community: health worker mobility, diaspora engagement, climate and cities, and remittances after crises.",
                "");

            var remit = Seminar(s, "Remittances and Household Resilience after Economic Shocks", UpcomingDay(1, 10), "6",
                "What past downturns taught about remittance flows, and how families that depend on them can be better protected.",
                "remittances", "economic crisis", "human development");
            Speakers(remit, Rep("the World Bank", "World Bank"), Rep("IOM", "International Organization for Migration"),
                ("Financial inclusion specialist", "Global Remit Partners", SpeakerRole.Discussant), Moderator);
            Agenda(remit, SeminarAgenda);
            Confirmed(remit, 38);

            var care = Seminar(s, "Treat, Train and Retain: Health Worker Mobility Revisited", UpcomingDay(2, 10), "C",
                "A small-format briefing for delegates on keeping health systems staffed while respecting health workers' freedom "
                + "to move. Seats are limited; a waiting list is open.",
                "brain drain and health workers", "development goals");
            care.Capacity = 20;
            Speakers(care, Rep("the World Health Organization", "WHO Office at the United Nations"),
                ("Nursing workforce researcher", "Fordham University", SpeakerRole.Discussant), Moderator);
            Agenda(care, SeminarAgenda);
            Full(care, 20, 3);

            UpcomingCourse(s);

            var diaspora = Seminar(s, "Diaspora Engagement in Post-Conflict Recovery", UpcomingDay(4, 10), "4",
                "Skills inventories, temporary return and dedicated diaspora offices: tools for involving communities abroad in "
                + "recovery. Registrations are reviewed by programme staff to keep a balance of participants.",
                "diaspora and transnational communities", "peacebuilding");
            diaspora.RequiresApproval = true;
            diaspora.Capacity = 60;
            Speakers(diaspora, Rep("the Peacebuilding Support Office", "United Nations Peacebuilding Support Office"),
                Rep("UNDP", "United Nations Development Programme"),
                ("Diaspora organisation representative", "Diaspora Partnership for Development", SpeakerRole.Discussant), Moderator);
            Agenda(diaspora, SeminarAgenda);
            WithApproval(diaspora, approved: 14, rejected: 1, pending: 5);

            var climate = Meeting(s, EventKind.Panel, "Climate Change, Migration and Growing Cities", UpcomingDay(6, 10), 2.5, Room("2"),
                capacity: 150,
                "Panel on how environmental change pushes people towards cities, and what urban planners and national governments "
                + "can do to prepare. Join in person or online.",
                ["climate change", "urbanisation", "development goals"]);
            climate.Format = EventFormat.Hybrid;
            climate.OnlineUrl = "https://meet.example.org/nexus-climate-cities";
            Speakers(climate, Rep("UN-HABITAT", "UN-HABITAT New York Office"), Rep("IOM", "International Organization for Migration"),
                ("Urban geographer", "City University of New York", SpeakerRole.Speaker), Moderator);
            Agenda(climate, (0, 10, "Opening remarks", ""), (10, 100, "Panel discussion", ""),
                (100, 150, "Questions from the room and online", ""));
            Confirmed(climate, 33, cancelled: 3);
            Confirmed(climate, demoParticipant);

            var addis = Meeting(null, EventKind.PolicySeminar,
                "Africa-EU Partnership on Migration, Mobility and Employment: Follow-up Seminar with Non-State Actors",
                UpcomingDay(8, 9), 8, "United Nations Conference Centre", capacity: 100,
                "Follow-up to the Brussels policy seminar: African and European civil society, governments and agencies review "
                + "progress in involving non-State actors in the partnership. Missions may register delegations by note verbale.",
                ["labour migration", "policy coherence", "diaspora and transnational communities"],
                zone: "Africa/Addis_Ababa", city: "Addis Ababa", country: "ETH");
            addis.AcceptsNoteVerbale = true;
            Speakers(addis, Rep("UNITAR", "United Nations Institute for Training and Research", SpeakerRole.Chair),
                Rep("IOM", "International Organization for Migration"), Rep("the African Union Commission", "African Union Commission"),
                Rep("the European Union", "Delegation of the European Union to the African Union"),
                ("Civil society speakers from Africa and Europe", "Non-State Actors", SpeakerRole.Discussant));
            Agenda(addis, (0, 30, "Opening session", ""),
                (30, 210, "Progress since Brussels", "What has changed in the partnership and in civil society's role."),
                (300, 450, "Working groups", "Mobility, employment and the involvement of non-State actors."),
                (450, 480, "Conclusions", ""));
            Confirmed(addis, 26, regions: AfricaAndEurope);

            var symposium = Meeting(null, EventKind.Symposium, "GMG Technical Symposium: Development Implications of International Migration",
                UpcomingDay(12, 10), 6, Room("4"), capacity: 200,
                "Draft: a technical symposium of the Global Migration Group to raise awareness of migration's development "
                + "implications and of the key instruments and norms. Programme to be confirmed.",
                ["development goals", "data and evidence", "migrants' rights"]);
            symposium.Status = EventStatus.Draft;
            symposium.RegistrationOpensAt = symposium.RegistrationClosesAt = null;

            // The current series spans a year boundary when the upcoming events do.
            s.EndYear = AllEvents.Where(e => e.Series == s).Max(e => e.StartsAt.Year);
            s.Name = $"Migration and Development Seminar Series {s.Period}";
            s.Slug = Slugs.From(s.Name);
        }

        // ---- factories -------------------------------------------------------------------------------------------

        /// <summary>This year's run of the migration law course: open for self-enrolment, eight sessions over four weeks.</summary>
        private void UpcomingCourse(SeminarSeries s)
        {
            var first = UpcomingDay(3, 10);
            var run = Meeting(s, EventKind.Course, $"International Migration Law Course {first.Year}", first, 3, Room("8"), capacity: 30,
                "IOM's course on international migration law for delegates, in eight sessions over four weeks. Enrol once for the "
                + "whole course; your ticket admits you to every session.", ["migrants' rights"]);
            var sessions = new List<Event>();
            for (var i = 0; i < 8; i++)
            {
                // Two sessions a week, a morning and an afternoon on the same day.
                var start = UpcomingDay(3 + (i / 2), i % 2 == 0 ? 10 : 15);
                var session = Meeting(s, EventKind.CourseSession, $"International Migration Law Course {first.Year}, Session {i + 1}",
                    start, 3, Room("8"), capacity: 40,
                    "A session of IOM's course on international migration law, for delegates enrolled in the course.",
                    ["migrants' rights"]);
                Speakers(session, ("Course facilitator", "International Organization for Migration", SpeakerRole.Speaker));
                Agenda(session, CourseAgenda);
                sessions.Add(session);
            }
            run.EndsAt = sessions[^1].EndsAt;
            Confirmed(run, 14);
            UpcomingCourseRun = (run, sessions);
        }

        private SeminarSeries NewSeries(string name, int startYear, int endYear, string gfmdHost, string description, string priorities)
        {
            var s = new SeminarSeries
            {
                Name = name, Slug = Slugs.From(name), StartYear = startYear, EndYear = endYear, Description = description,
                Partners = ["IOM", "UNFPA", "John D. and Catherine T. MacArthur Foundation"], GfmdHost = gfmdHost,
                GfmdPriorities = priorities,
            };
            AllSeries.Add(s);
            return s;
        }

        private static string Room(string n) => $"Conference Room {n}, United Nations Headquarters";

        private Event Seminar(SeminarSeries s, string title, DateTime localStart, string room, string summary, params string[] themes) =>
            Meeting(s, EventKind.Seminar, title, localStart, 3, Room(room), capacity: room == "6" ? 150 : 120, summary, themes);

        private Event Meeting(SeminarSeries? s, EventKind kind, string title, DateTime localStart, double hours, string venue,
            int? capacity, string summary, string[] themes, string zone = NewYork, string city = "New York", string country = "USA")
        {
            foreach (var t in themes)
                if (!Vocabulary.Contains(t)) throw new InvalidOperationException($"Unknown demo theme '{t}'.");
            var starts = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(localStart, DateTimeKind.Unspecified),
                TimeZoneInfo.FindSystemTimeZoneById(zone));
            var past = starts < now;
            var e = new Event
            {
                Series = s, Kind = kind, Title = title, Slug = Slugs.From(title), Summary = summary, Themes = [.. themes],
                StartsAt = starts, EndsAt = starts.AddHours(hours), TimeZone = zone,
                Venue = venue, City = city, Country = country, Format = EventFormat.InPerson, Capacity = capacity,
                RegistrationOpensAt = past ? starts.AddDays(-30) : Truncate(now.AddDays(-21), TimeSpan.TicksPerHour),
                RegistrationClosesAt = starts.AddDays(-1),
                Status = past ? EventStatus.Held : EventStatus.Published,
                CreatedAt = past ? starts.AddDays(-45) : now.AddDays(-30),
                UpdatedAt = past ? starts.AddHours(hours).AddDays(10) : now.AddDays(-2),
            };
            AllEvents.Add(e);
            return e;
        }

        /// <summary>A weekday (Tuesday to Thursday) about <paramref name="weeks"/> weeks from today, New York local time.</summary>
        private DateTime UpcomingDay(int weeks, int hour)
        {
            var today = TimeZoneInfo.ConvertTimeFromUtc(now, TimeZoneInfo.FindSystemTimeZoneById(NewYork)).Date;
            var day = today.AddDays(7 * weeks);
            while (day.DayOfWeek is not (DayOfWeek.Tuesday or DayOfWeek.Wednesday or DayOfWeek.Thursday)) day = day.AddDays(1);
            return day.AddHours(hour);
        }

        private static void Speakers(Event e, params (string Name, string Affiliation, SpeakerRole Role)[] speakers)
        {
            for (var i = 0; i < speakers.Length; i++)
                e.Speakers.Add(new Speaker { Name = speakers[i].Name, Affiliation = speakers[i].Affiliation, Role = speakers[i].Role, Order = i });
        }

        private static void Agenda(Event e, params (int From, int To, string Title, string Description)[] items)
        {
            for (var i = 0; i < items.Length; i++)
                e.Agenda.Add(new AgendaItem
                {
                    StartsAt = e.StartsAt.AddMinutes(items[i].From), EndsAt = e.StartsAt.AddMinutes(items[i].To),
                    Title = items[i].Title, Description = items[i].Description, Order = i,
                });
        }

        // ---- registrations ---------------------------------------------------------------------------------------

        private List<Person> People(int count)
        {
            var people = new List<Person>(count);
            var regionTotal = Regions.Sum(r => r.Weight);
            var groupTotal = Groups.Sum(g => g.Weight);
            for (var i = 0; i < count; i++)
            {
                var region = Weighted(Regions, regionTotal, r => r.Weight);
                var female = rng.Next(2) == 0;
                var first = Pick(female ? region.Women : region.Men);
                var last = Pick(region.Surnames);
                var (iso3, countryName, french) = Pick(region.Countries);
                var group = Weighted(Groups, groupTotal, g => g.Weight);
                var organization = group.Group != StakeholderGroup.MemberState ? Pick(group.Organizations)
                    : iso3 == "USA" ? "United States Mission to the United Nations"
                    : $"Permanent Mission of {countryName} to the United Nations";
                var genderRoll = rng.NextDouble();
                Gender? gender = genderRoll < 0.12 ? null : genderRoll < 0.15 ? Gender.PreferNotToSay
                    : female ? Gender.Female : Gender.Male;
                var language = rng.NextDouble() < (french ? 0.6 : 0.03) ? "fr" : "en";
                people.Add(new Person($"{first} {last}", $"{Slugs.From(first)}.{Slugs.From(last)}.{i + 1}@example.org",
                    organization, group.Group, iso3, gender, rng.Next(2) == 0, language, region.Key));
            }
            return people;
        }

        private T Pick<T>(T[] items) => items[rng.Next(items.Length)];

        private T Weighted<T>(T[] items, int total, Func<T, int> weight)
        {
            var roll = rng.Next(total);
            foreach (var item in items)
            {
                roll -= weight(item);
                if (roll < 0) return item;
            }
            return items[^1];
        }

        /// <summary>Distinct people from the pool (partial Fisher-Yates shuffle), optionally from some regions only.</summary>
        private List<Person> Sample(int count, string[]? regions = null)
        {
            var candidates = regions is null ? [.. pool] : pool.Where(p => regions.Contains(p.Region)).ToList();
            count = Math.Min(count, candidates.Count);
            for (var i = 0; i < count; i++)
            {
                var j = rng.Next(i, candidates.Count);
                (candidates[i], candidates[j]) = (candidates[j], candidates[i]);
            }
            return candidates.GetRange(0, count);
        }

        /// <summary>Registrations of a past event: most attended, some did not show up, a few cancelled beforehand.</summary>
        private void Held(Event e, int count, string[]? regions = null)
        {
            foreach (var p in Sample(count, regions))
            {
                var registered = e.StartsAt.AddDays(-rng.Next(2, 29)).AddMinutes(-rng.Next(24 * 60));
                var r = Register(e, p, RegistrationStatus.Confirmed, registered);
                var roll = rng.NextDouble();
                if (roll < 0.05)
                    Move(r, RegistrationStatus.Cancelled, registered + ((e.StartsAt - registered) / 2), "cancelled-by-participant", null);
                else if (roll < 0.20)
                    Move(r, RegistrationStatus.NoShow, e.EndsAt, "no-show", staffId);
                else
                {
                    var at = e.StartsAt.AddMinutes(-rng.Next(5, 45));
                    r.CheckedInAt = at;
                    Move(r, RegistrationStatus.Attended, at, "checked-in", staffId);
                }
            }
        }

        /// <summary>Confirmed registrations of an upcoming event, in the order they came in.</summary>
        private void Confirmed(Event e, int count, int cancelled = 0, string[]? regions = null)
        {
            var people = Sample(count + cancelled, regions);
            var times = RegistrationTimes(e, people.Count);
            for (var i = 0; i < people.Count; i++)
            {
                var r = Register(e, people[i], RegistrationStatus.Confirmed, times[i]);
                if (i >= count) Move(r, RegistrationStatus.Cancelled, Between(times[i], now), "cancelled-by-participant", null);
            }
        }

        private void Confirmed(Event e, Person person) =>
            Register(e, person, RegistrationStatus.Confirmed, Between(e.RegistrationOpensAt!.Value, now));

        /// <summary>A full event: every seat confirmed and a waiting list behind it.</summary>
        private void Full(Event e, int seats, int waiting)
        {
            var people = Sample(seats + waiting);
            var times = RegistrationTimes(e, people.Count);
            for (var i = 0; i < people.Count; i++)
            {
                if (i < seats)
                {
                    Register(e, people[i], RegistrationStatus.Confirmed, times[i]);
                    continue;
                }
                var r = Register(e, people[i], RegistrationStatus.Waitlisted, times[i]);
                r.WaitlistTicket = ++e.WaitlistTicket;
            }
        }

        /// <summary>An event that needs approval: some approved by staff, one turned down, the rest still waiting.</summary>
        private void WithApproval(Event e, int approved, int rejected, int pending)
        {
            var people = Sample(approved + rejected + pending);
            var times = RegistrationTimes(e, people.Count);
            for (var i = 0; i < people.Count; i++)
            {
                var r = Register(e, people[i], RegistrationStatus.Pending, times[i]);
                if (i >= approved + rejected) continue;
                var decided = Min(times[i].AddHours(rng.Next(4, 48)), now.AddMinutes(-30));
                if (i < approved) Move(r, RegistrationStatus.Confirmed, decided, "approved", staffId);
                else Move(r, RegistrationStatus.Rejected, decided, "rejected", staffId);
            }
        }

        private List<DateTime> RegistrationTimes(Event e, int count) =>
            Enumerable.Range(0, count).Select(_ => Between(e.RegistrationOpensAt!.Value, now.AddHours(-1))).Order().ToList();

        private DateTime Between(DateTime from, DateTime to) =>
            Truncate(from + ((to - from) * rng.NextDouble()), TimeSpan.TicksPerSecond);

        private static DateTime Truncate(DateTime t, long unit) => new(t.Ticks - (t.Ticks % unit), DateTimeKind.Utc);

        private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

        private Registration Register(Event e, Person p, RegistrationStatus status, DateTime at)
        {
            var r = new Registration
            {
                Event = e, UserId = p.UserId, FullName = p.FullName, Email = p.Email, NormalizedEmail = p.Email.ToUpperInvariant(),
                Organization = p.Organization, StakeholderGroup = p.Group, Country = p.Country, Gender = p.Gender,
                ListPublicly = p.ListPublicly, Language = p.Language, Status = status,
                CancelSecretHash = TokenSecrets.Hash(TokenSecrets.NewSecret()),
                TicketSecretHash = TokenSecrets.Hash(TokenSecrets.NewSecret()),
                CreatedAt = at, UpdatedAt = at,
            };
            AllRegistrations.Add(r);
            // SQLite runs one command per row, so past registrations keep only their outcome entry (see Move).
            if (e.StartsAt > now)
                Log.Add(new RegistrationLogEntry { Registration = r, At = at, Action = "registered", ToStatus = status });
            return r;
        }

        /// <summary>A status change as the registration service would record it, with its log entry.</summary>
        private void Move(Registration r, RegistrationStatus to, DateTime at, string action, string? actorId)
        {
            Log.Add(new RegistrationLogEntry
            {
                Registration = r, At = at, Action = action, FromStatus = r.Status, ToStatus = to, ActorId = actorId,
            });
            r.Status = to;
            r.UpdatedAt = at;
            r.Version++;
        }
    }
}
