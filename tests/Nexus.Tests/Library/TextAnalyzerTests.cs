using System.Text;
using Nexus.Web.Features.Library.Search;

namespace Nexus.Tests.Library;

/// <summary>The analyzer on its own: what a query word turns into must meet what a document word turned into.</summary>
public class TextAnalyzerTests
{
    /// <summary>True when a query word, language unknown, finds a document word written in a known language.</summary>
    private static bool Finds(string queryWord, string documentWord, string language) =>
        TextAnalyzer.Variants(queryWord).Intersect(TextAnalyzer.Terms(documentWord, language)).Any();

    [Theory]
    [InlineData("remittance", "remittances")]
    [InlineData("country", "countries")]
    [InlineData("migrant", "migrants")]
    [InlineData("policy", "policies")]
    public void Singular_finds_plural_in_English(string singular, string plural)
    {
        Assert.True(Finds(singular, plural, "en"));
        Assert.True(Finds(plural, singular, "en"));
    }

    [Theory]
    [InlineData("migrant", "migrants")]
    [InlineData("travailleur", "travailleurs")]
    [InlineData("réfugié", "réfugiés")]
    public void Singular_finds_plural_in_French(string singular, string plural)
    {
        Assert.True(Finds(singular, plural, "fr"));
        Assert.True(Finds(plural, singular, "fr"));
    }

    [Theory]
    [InlineData("remesa", "remesas")]
    [InlineData("migración", "migraciones")]
    [InlineData("trabajador", "trabajadores")]
    public void Singular_finds_plural_in_Spanish(string singular, string plural)
    {
        Assert.True(Finds(singular, plural, "es"));
        Assert.True(Finds(plural, singular, "es"));
    }

    [Theory]
    [InlineData("integration", "intégration", "fr")]
    [InlineData("intégration", "integration", "fr")]
    [InlineData("refugies", "réfugiés", "fr")]
    [InlineData("developpement", "développement", "fr")]
    [InlineData("paises", "países", "es")]
    [InlineData("migracion", "migración", "es")]
    public void Query_without_accents_finds_word_with_accents(string query, string document, string language) =>
        Assert.True(Finds(query, document, language));

    [Fact]
    public void Russian_words_are_stemmed_whatever_language_is_asked()
    {
        Assert.True(Finds("мигрант", "мигрантов", "ru"));
        Assert.True(Finds("страна", "страны", "en"));
        Assert.Equal(TextAnalyzer.Terms("ёлка", "ru"), TextAnalyzer.Terms("елка", "ru"));
    }

    [Fact]
    public void Arabic_words_are_normalised_and_stemmed()
    {
        Assert.True(Finds("مهاجر", "المهاجرين", "ar"));
        Assert.True(Finds("هجرة", "الهجرة", "ar"));
    }

    [Theory]
    [InlineData("l'intégration", "intégration")]
    [InlineData("L’intégration", "intégration")]
    [InlineData("d'Ivoire", "Ivoire")]
    [InlineData("qu'il", "il")]
    [InlineData("jusqu'alors", "alors")]
    public void French_elision_is_dropped(string elided, string word) =>
        Assert.Equal(TextAnalyzer.Terms(word, "fr"), TextAnalyzer.Terms(elided, "fr"));

    [Fact]
    public void Possessive_apostrophes_are_dropped()
    {
        Assert.Equal("migrant day", TextAnalyzer.IndexText("Migrants' Day", "en"));
        Assert.Equal("migrant day", TextAnalyzer.IndexText("Migrant’s Day", "en"));
    }

    [Theory]
    [InlineData("œuvre", "oeuvre", "fr")]
    [InlineData("Æther", "aether", "en")]
    [InlineData("Straße", "strasse", "en")]
    [InlineData("ﬁnance", "finance", "en")]
    [InlineData("ＵＮＩＴＡＲ", "unitar", "en")]
    public void Ligatures_and_compatibility_forms_are_folded(string folded, string plain, string language) =>
        Assert.Equal(TextAnalyzer.Terms(plain, language), TextAnalyzer.Terms(folded, language));

    [Fact]
    public void Digits_are_kept_and_written_in_ASCII()
    {
        Assert.Equal(["2009", "seminar"], TextAnalyzer.Terms("2009 seminars", "en"));
        Assert.Equal(["2009"], TextAnalyzer.Terms("٢٠٠٩", "ar"));
        Assert.Equal(["covid", "19"], TextAnalyzer.Terms("COVID-19", "en"));
    }

    [Fact]
    public void Chinese_is_indexed_as_overlapping_bigrams()
    {
        Assert.Equal(["国际", "际移", "移民"], TextAnalyzer.Terms("国际移民", "zh"));
        Assert.Equal(["人"], TextAnalyzer.Terms("人", "zh"));
        Assert.Equal(["unitar", "移民", "民报", "报告", "2009"], TextAnalyzer.Terms("UNITAR移民报告 2009", "zh"));
    }

    [Fact]
    public void Chinese_query_word_gives_its_bigrams() =>
        Assert.Equal(["移民", "民问", "问题"], TextAnalyzer.Variants("移民问题"));

    [Fact]
    public void Variants_are_distinct_stems_under_each_language()
    {
        var variants = TextAnalyzer.Variants("migration");
        Assert.Contains("migrat", variants);
        Assert.Equal(variants.Distinct().Count(), variants.Count);
        Assert.Contains(TextAnalyzer.Terms("remittance", "en").Single(), TextAnalyzer.Variants("remittances"));
    }

    [Fact]
    public void Language_codes_with_regions_and_unknown_languages_are_understood()
    {
        Assert.Equal(TextAnalyzer.Terms("travailleurs", "fr"), TextAnalyzer.Terms("travailleurs", "fr-CH"));
        Assert.Equal(TextAnalyzer.Terms("countries", null), TextAnalyzer.Terms("countries", "de"));
    }

    [Fact]
    public void Normalize_folds_but_does_not_stem()
    {
        Assert.Equal("integration des travailleurs migrants", TextAnalyzer.Normalize("  L'Intégration des travailleurs — MIGRANTS!  "));
        Assert.Equal(TextAnalyzer.Normalize("International Migrants’ Day 2009"), TextAnalyzer.Normalize("international migrants day, 2009"));
        Assert.Equal("国际移民", TextAnalyzer.Normalize("国际移民"));
        Assert.Equal("", TextAnalyzer.Normalize(null));
    }

    [Fact]
    public void Words_longer_than_sixty_characters_are_dropped()
    {
        Assert.Empty(TextAnalyzer.Terms(new string('a', 61), "en"));
        Assert.Single(TextAnalyzer.Terms(new string('a', 60), "en"));
    }

    [Fact]
    public void Text_beyond_two_million_characters_is_ignored()
    {
        var text = string.Concat(Enumerable.Repeat("migrant ", 300_000)) + "remittance";
        var terms = TextAnalyzer.Terms(text, "en").ToList();
        Assert.Equal(TextAnalyzer.MaxTextLength / "migrant ".Length, terms.Count);
        Assert.DoesNotContain("remitt", terms);
    }

    [Fact]
    public void Empty_and_null_text_have_no_terms()
    {
        Assert.Empty(TextAnalyzer.Terms(null, "en"));
        Assert.Equal("", TextAnalyzer.IndexText("", "fr"));
        Assert.Empty(TextAnalyzer.Variants(" -- \"\" "));
    }

    [Fact]
    public void Index_text_holds_only_letters_and_digits_and_no_upper_case_ASCII()
    {
        var random = new Random(4242);
        for (var n = 0; n < 300; n++)
        {
            var text = HostileInput.Next(random);
            var indexText = TextAnalyzer.IndexText(text, HostileInput.Languages[n % HostileInput.Languages.Length]);
            // Letters the runtime's case tables do not know may keep their case; both sides agree on them.
            var bad = indexText.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .FirstOrDefault(term => term.EnumerateRunes().Any(rune => !Rune.IsLetterOrDigit(rune) || rune.Value is >= 'A' and <= 'Z'));
            if (bad is not null) Assert.Fail($"'{bad}' from {HostileInput.Describe(text)}");
        }
    }

    [Fact]
    public void Stemming_on_many_threads_gives_the_same_terms()
    {
        const string text = "Les travailleurs migrants et l'intégration; remittances to countries; remesas de los trabajadores";
        var expected = string.Join('|', TextAnalyzer.Terms(text, "fr")) + string.Join('|', TextAnalyzer.Terms(text, "en"))
                       + string.Join('|', TextAnalyzer.Terms(text, "es"));
        var results = new string[2_000];
        Parallel.For(0, results.Length, i =>
            results[i] = string.Join('|', TextAnalyzer.Terms(text, "fr")) + string.Join('|', TextAnalyzer.Terms(text, "en"))
                         + string.Join('|', TextAnalyzer.Terms(text, "es")));
        Assert.All(results, result => Assert.Equal(expected, result));
    }
}
