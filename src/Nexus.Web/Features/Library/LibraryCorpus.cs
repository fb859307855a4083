using System.Globalization;
using System.Text;
using Nexus.Web.Infrastructure.Countries;

namespace Nexus.Web.Features.Library;

/// <summary>
/// Deterministic synthetic items for benchmarks: text drawn from a Zipf-distributed vocabulary (as word use in
/// real text is), with realistic spreads of kinds, themes, agencies, places, years and languages. The same seed
/// always gives the same corpus, so runs on SQLite and PostgreSQL search the same data.
/// </summary>
public static class LibraryCorpus
{
    // Words of the domain, most frequent first; the long tail is made of invented words so the vocabulary is
    // large enough (a few thousand terms) for selective queries, as in a real library.
    private static readonly string[] Domain =
    [
        "migration", "development", "migrants", "countries", "policy", "labour", "international", "remittances", "workers",
        "origin", "destination", "data", "health", "rights", "crisis", "economic", "governments", "communities", "diaspora",
        "integration", "return", "skills", "employment", "women", "youth", "families", "refugees", "trafficking", "smuggling",
        "climate", "urban", "cities", "ageing", "pensions", "evidence", "statistics", "survey", "census", "coherence", "goals",
        "poverty", "education", "training", "recruitment", "nurses", "doctors", "caregiving", "security", "borders", "visas",
        "citizenship", "dialogue", "partnership", "cooperation", "agreement", "regional", "bilateral", "global", "forum",
        "seminar", "findings", "report", "statement", "agencies", "protection", "asylum", "displacement", "conflict",
        "peacebuilding", "transnational", "investment", "savings", "transfers", "costs", "banks", "finance", "markets",
        "wages", "unemployment", "recovery", "demography", "population", "fertility", "mobility", "circular", "temporary",
        "seasonal", "agriculture", "construction", "domestic", "gender", "children", "education", "networks", "associations",
    ];

    private static readonly string[] Vocabulary = BuildVocabulary(4000);

    private static string[] BuildVocabulary(int size)
    {
        var random = new Random(20091104);
        var words = new List<string>(Domain.Distinct());
        const string consonants = "bcdfghklmnprstvz";
        const string vowels = "aeiou";
        var seen = new HashSet<string>(words);
        while (words.Count < size)
        {
            var sb = new StringBuilder();
            var syllables = random.Next(2, 4);
            for (var i = 0; i < syllables; i++) sb.Append(consonants[random.Next(consonants.Length)]).Append(vowels[random.Next(vowels.Length)]);
            sb.Append(consonants[random.Next(consonants.Length)]);
            if (seen.Add(sb.ToString())) words.Add(sb.ToString());
        }
        return [.. words];
    }

    /// <summary>Cumulative Zipf weights (exponent 1) over the vocabulary ranks.</summary>
    private static readonly double[] Cumulative = BuildCumulative(Vocabulary.Length);

    private static double[] BuildCumulative(int n)
    {
        var c = new double[n];
        var sum = 0.0;
        for (var i = 0; i < n; i++) c[i] = sum += 1.0 / (i + 1);
        for (var i = 0; i < n; i++) c[i] /= sum;
        return c;
    }

    private static string Word(Random r)
    {
        var i = Array.BinarySearch(Cumulative, r.NextDouble());
        return Vocabulary[Math.Min(i < 0 ? ~i : i, Vocabulary.Length - 1)];
    }

    private static string Words(Random r, int count)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < count; i++) sb.Append(i == 0 ? "" : " ").Append(Word(r));
        return sb.ToString();
    }

    /// <summary>Words for benchmark queries: past the most frequent ranks (which a real analyser would treat
    /// almost as stop words) and within the first few thousand, so queries match tens to thousands of items.</summary>
    public static string QueryWord(Random r) => Vocabulary[20 + (int)Math.Min(Vocabulary.Length - 21, Math.Floor(Math.Exp(r.NextDouble() * Math.Log(1500))))];

    public static IEnumerable<ItemContent> Generate(int count, int seed)
    {
        var r = new Random(seed);
        var kinds = Enum.GetValues<ItemKind>();
        var themes = LibraryThemes.Initial.Select(t => t.Code).ToArray();
        var agencies = Agencies.InitialAgencies.All.Select(a => a.Code).ToArray();
        var places = Countries.All.Select(c => c.M49).Concat(Regions.All.Select(x => x.M49)).ToArray();
        for (var i = 0; i < count; i++)
        {
            var language = r.NextDouble() switch { < 0.7 => "en", < 0.85 => "fr", < 0.95 => "es", _ => "ru" };
            var texts = new List<ItemText>
            {
                new() { Language = language, Title = Cap(Words(r, r.Next(5, 10))), Abstract = Cap(Words(r, r.Next(30, 60))) + ".", Body = Cap(Words(r, r.Next(80, 160))) + "." },
            };
            if (language != "en" && r.NextDouble() < 0.3)
                texts.Add(new ItemText { Language = "en", Title = Cap(Words(r, r.Next(5, 10))), Abstract = Cap(Words(r, 40)) + "." });
            yield return new ItemContent
            {
                Kind = kinds[r.Next(kinds.Length)],
                Texts = texts,
                Authors = Enumerable.Range(0, r.Next(0, 3)).Select(_ => $"{Cap(Word(r))} {Cap(Word(r))}").ToList(),
                Agencies = Pick(r, agencies, r.Next(1, 3)),
                Themes = Pick(r, themes, r.Next(1, 4)),
                Places = Pick(r, places, r.Next(1, 4)),
                PublishedOn = new DateOnly(1995, 1, 1).AddDays(r.Next(0, 365 * 31)),
            };
        }
    }

    private static string Cap(string s) => s.Length == 0 ? s : char.ToUpper(s[0], CultureInfo.InvariantCulture) + s[1..];

    private static List<string> Pick(Random r, string[] from, int n)
    {
        var picked = new List<string>(n);
        while (picked.Count < n)
        {
            // Skewed towards the first entries, as real collections favour some themes and agencies.
            var v = from[(int)(Math.Pow(r.NextDouble(), 2) * from.Length)];
            if (!picked.Contains(v)) picked.Add(v);
        }
        return picked;
    }
}
