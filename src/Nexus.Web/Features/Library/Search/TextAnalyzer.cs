using System.Globalization;
using System.Text;
using Lucene.Net.Analysis.Ar;
using Lucene.Net.Tartarus.Snowball;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace Nexus.Web.Features.Library.Search;

/// <summary>The languages the analyzer stems; anything else is analysed as English.</summary>
internal enum AnalyzerLanguage { English, French, Spanish, Russian, Arabic, Chinese }

/// <summary>
/// Turns text into index terms, the same way for documents and for queries, so that whatever the index stores
/// a query can reproduce. Terms are lower-case, stemmed, without diacritics, and made only of letters and digits:
/// they can be written into an FTS5 column or a 'simple' tsvector and quoted in a query without escaping.
/// </summary>
public static class TextAnalyzer
{
    public const int MaxTextLength = 2_000_000;
    public const int MaxWordLength = 60;

    // Elided French articles and pronouns: "l'intégration" is indexed as "integration".
    private static readonly HashSet<string> Elisions =
        ["l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"];

    private static readonly AnalyzerLanguage[] QueryLanguages =
        [AnalyzerLanguage.English, AnalyzerLanguage.French, AnalyzerLanguage.Spanish];

    // Snowball programs keep the word being stemmed in fields, so each thread needs its own.
    [ThreadStatic] private static EnglishStemmer? t_english;
    [ThreadStatic] private static FrenchStemmer? t_french;
    [ThreadStatic] private static SpanishStemmer? t_spanish;
    [ThreadStatic] private static RussianStemmer? t_russian;
    [ThreadStatic] private static ArabicNormalizer? t_arabicNormalizer;
    [ThreadStatic] private static ArabicStemmer? t_arabicStemmer;

    /// <summary>The index terms of a text written in <paramref name="language"/> ("en", "fr-CH", ...; null is English).</summary>
    public static IEnumerable<string> Terms(string? text, string? language) =>
        Terms(text, ParseLanguage(language), stem: true);

    /// <summary>The terms joined by single spaces: what goes into the FTS5 column or to_tsvector('simple', …).</summary>
    public static string IndexText(string? text, string? language) => string.Join(' ', Terms(text, language));

    /// <summary>
    /// The distinct terms a query word may have been indexed as when its language is unknown: its English, French
    /// and Spanish stems (Cyrillic and Arabic words get their own language's stem whatever is asked). For a run of
    /// Chinese or Japanese characters these are its bigrams, which must all match rather than any one.
    /// </summary>
    public static IReadOnlyList<string> Variants(string word)
    {
        var variants = new List<string>();
        foreach (var language in QueryLanguages)
            foreach (var term in Terms(word, language, stem: true))
                if (!variants.Contains(term)) variants.Add(term);
        return variants;
    }

    /// <summary>Folded but unstemmed words joined by single spaces, to compare a query with a title exactly.</summary>
    public static string Normalize(string? text) => string.Join(' ', Terms(text, AnalyzerLanguage.English, stem: false));

    /// <summary>
    /// The term sequences a run of query words may have been indexed as: the words analysed together under each
    /// query language, duplicates removed. A sequence of more than one term must match as a phrase.
    /// </summary>
    internal static IReadOnlyList<IReadOnlyList<string>> Alternatives(IReadOnlyList<string> words)
    {
        var alternatives = new List<IReadOnlyList<string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var language in QueryLanguages)
        {
            var sequence = words.SelectMany(word => Terms(word, language, stem: true)).ToList();
            if (sequence.Count > 0 && seen.Add(string.Join(' ', sequence))) alternatives.Add(sequence);
        }
        return alternatives;
    }

    internal static AnalyzerLanguage ParseLanguage(string? language)
    {
        if (string.IsNullOrWhiteSpace(language)) return AnalyzerLanguage.English;
        var code = language.Trim();
        var cut = code.IndexOfAny(['-', '_']);
        if (cut > 0) code = code[..cut];
        return code.ToLowerInvariant() switch
        {
            "fr" or "fra" or "fre" => AnalyzerLanguage.French,
            "es" or "spa" => AnalyzerLanguage.Spanish,
            "ru" or "rus" => AnalyzerLanguage.Russian,
            "ar" or "ara" => AnalyzerLanguage.Arabic,
            "zh" or "zho" or "chi" => AnalyzerLanguage.Chinese,
            _ => AnalyzerLanguage.English,
        };
    }

    internal static IEnumerable<string> Terms(string? text, AnalyzerLanguage language, bool stem)
    {
        if (string.IsNullOrEmpty(text)) yield break;
        var buffer = new List<string>();
        foreach (var span in Spans(text, MaxTextLength))
        {
            buffer.Clear();
            if (span.IsCjk) AnalyzeCjk(CjkUnits(text, span), bigrams: stem, buffer);
            else AnalyzeWord(text.AsSpan(span.Start, span.Length), language, stem, buffer);
            foreach (var term in buffer) yield return term;
        }
    }

    /// <summary>A word in the original text: letters and digits (with inner apostrophes), or a run of CJK characters.</summary>
    internal readonly record struct WordSpan(int Start, int Length, bool IsCjk)
    {
        public int End => Start + Length;
    }

    /// <summary>One CJK character of a run, where it sits in the original text and its normalised form.</summary>
    internal readonly record struct CjkUnit(int Start, int Length, string Text);

    private enum CharClass { Separator, Word, Mark, Cjk, Apostrophe }

    /// <summary>The words of the first <paramref name="limit"/> characters, with their positions in the text.</summary>
    internal static IEnumerable<WordSpan> Spans(string text, int limit)
    {
        var end = Math.Min(text.Length, limit);
        // Never stop between the halves of a surrogate pair.
        if (end < text.Length && end > 0 && char.IsHighSurrogate(text[end - 1])) end--;

        var i = 0;
        while (i < end)
        {
            var kind = Classify(text, i, end, out var width);
            if (kind == CharClass.Word)
            {
                var start = i;
                i += width;
                while (i < end)
                {
                    var next = Classify(text, i, end, out var nextWidth);
                    if (next is CharClass.Word or CharClass.Mark) i += nextWidth;
                    // An apostrophe belongs to the word only between letters: "l'intégration", not "migrants'".
                    else if (next == CharClass.Apostrophe && i + nextWidth < end
                             && Classify(text, i + nextWidth, end, out _) == CharClass.Word) i += nextWidth;
                    else break;
                }
                yield return new WordSpan(start, i - start, IsCjk: false);
            }
            else if (kind == CharClass.Cjk)
            {
                var start = i;
                i += width;
                while (i < end)
                {
                    var next = Classify(text, i, end, out var nextWidth);
                    if (next is CharClass.Cjk or CharClass.Mark) i += nextWidth;
                    else break;
                }
                yield return new WordSpan(start, i - start, IsCjk: true);
            }
            else i += width;
        }
    }

    private static CharClass Classify(string text, int index, int end, out int width)
    {
        if (Rune.DecodeFromUtf16(text.AsSpan(index, end - index), out var rune, out width) != System.Buffers.OperationStatus.Done)
        {
            // A lone surrogate or a pair cut by the limit separates words like punctuation does.
            width = Math.Max(width, 1);
            return CharClass.Separator;
        }
        var value = rune.Value;
        if (value is '\'' or '\u2019' or '\u2018' or '\u02BC' or '\u00B4' or '\uFF07') return CharClass.Apostrophe;
        var category = Rune.GetUnicodeCategory(rune);
        switch (category)
        {
            case UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark:
                return CharClass.Mark;
            case UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber:
                return IsCjk(value) ? CharClass.Cjk : CharClass.Word;
            case UnicodeCategory.DecimalDigitNumber or UnicodeCategory.OtherNumber:
                return CharClass.Word;
            default:
                return CharClass.Separator;
        }
    }

    // Han ideographs, kana and Hangul syllables: scripts written without spaces, indexed as character bigrams.
    private static bool IsCjk(int c) =>
        c is (>= 0x3400 and <= 0x4DBF) or (>= 0x4E00 and <= 0x9FFF) or (>= 0xF900 and <= 0xFAFF)
            or (>= 0x20000 and <= 0x3FFFF) or (>= 0x3040 and <= 0x30FF) or (>= 0x31F0 and <= 0x31FF)
            or (>= 0xFF66 and <= 0xFF9F) or (>= 0xAC00 and <= 0xD7AF) or 0x3005 or 0x3007;

    private static bool IsCyrillic(int c) => c is (>= 0x0400 and <= 0x052F) or (>= 0x1C80 and <= 0x1C8F) or (>= 0xA640 and <= 0xA69F);

    private static bool IsArabic(int c) =>
        c is (>= 0x0600 and <= 0x06FF) or (>= 0x0750 and <= 0x077F) or (>= 0x08A0 and <= 0x08FF)
            or (>= 0xFB50 and <= 0xFDFF) or (>= 0xFE70 and <= 0xFEFF);

    internal static List<CjkUnit> CjkUnits(string text, WordSpan span)
    {
        var units = new List<CjkUnit>();
        var i = span.Start;
        while (i < span.End)
        {
            Rune.DecodeFromUtf16(text.AsSpan(i, span.End - i), out var rune, out var width);
            width = Math.Max(width, 1);
            // Compatibility ideographs and half-width kana fold to their ordinary forms; marks are dropped.
            var folded = KeepLettersAndDigits(SafeNormalize(rune.ToString(), NormalizationForm.FormKC), lowerCase: false);
            if (folded.Length > 0) units.Add(new CjkUnit(i, width, folded));
            i += width;
        }
        return units;
    }

    internal static void AnalyzeCjk(List<CjkUnit> units, bool bigrams, List<string> terms)
    {
        if (units.Count == 0) return;
        if (!bigrams) terms.Add(string.Concat(units.Select(unit => unit.Text)));
        else if (units.Count == 1) terms.Add(units[0].Text);
        else for (var i = 0; i + 1 < units.Count; i++) terms.Add(units[i].Text + units[i + 1].Text);
    }

    /// <summary>The terms of one word span (usually one; compatibility characters may split a word in two).</summary>
    internal static void AnalyzeWord(ReadOnlySpan<char> raw, AnalyzerLanguage language, bool stem, List<string> terms)
    {
        if (raw.Length > MaxWordLength) return;
        var word = raw.ToString();
        if (!Ascii.IsValid(word)) word = SafeNormalize(word, NormalizationForm.FormKC);
        word = FoldLetters(word.ToLowerInvariant());
        word = DropApostrophes(word);

        // Compatibility folding can bring in separators ("¼" becomes "1⁄4"), so split again.
        var start = -1;
        for (var i = 0; i <= word.Length; i++)
        {
            var inWord = i < word.Length && (char.IsLetterOrDigit(word, i) || char.IsSurrogate(word[i])
                                             || CharUnicodeInfo.GetUnicodeCategory(word[i]) is UnicodeCategory.NonSpacingMark
                                                 or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.OtherNumber
                                                 or UnicodeCategory.LetterNumber);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                var term = AnalyzePiece(word[start..i], language, stem);
                if (term.Length is > 0 and <= MaxWordLength) terms.Add(term);
                start = -1;
            }
        }
    }

    private static string AnalyzePiece(string piece, AnalyzerLanguage language, bool stem)
    {
        var first = FirstLetter(piece);
        var hasLetter = first >= 0;
        if (hasLetter && IsCyrillic(first))
        {
            // The Snowball Russian stemmer of Lucene 4.8 does not know "ё"; Russian text mostly writes "е" anyway.
            piece = piece.Replace('ё', 'е');
            if (stem) piece = Stem(t_russian ??= new RussianStemmer(), piece);
            // Decomposing would turn "й" into "и" plus a mark; Cyrillic keeps its composed letters.
            return KeepLettersAndDigits(SafeNormalize(piece, NormalizationForm.FormC), lowerCase: true);
        }
        if (hasLetter && IsArabic(first))
        {
            var chars = piece.ToCharArray();
            var length = (t_arabicNormalizer ??= new ArabicNormalizer()).Normalize(chars, chars.Length);
            if (stem) length = (t_arabicStemmer ??= new ArabicStemmer()).Stem(chars, length);
            piece = new string(chars, 0, length);
        }
        else if (stem && hasLetter)
        {
            // French and Spanish stemmers read accents ("réfugiés" → "réfugi"), so diacritics go only afterwards.
            SnowballProgram stemmer = language switch
            {
                AnalyzerLanguage.French => t_french ??= new FrenchStemmer(),
                AnalyzerLanguage.Spanish => t_spanish ??= new SpanishStemmer(),
                _ => t_english ??= new EnglishStemmer(),
            };
            piece = Stem(stemmer, piece);
        }
        var stripped = KeepLettersAndDigits(SafeNormalize(piece, NormalizationForm.FormD), lowerCase: true);
        // Recompose what is not a diacritic, such as Hangul jamo or Indic letters.
        return Ascii.IsValid(stripped) ? stripped : SafeNormalize(stripped, NormalizationForm.FormC);
    }

    private static string Stem(SnowballProgram stemmer, string word)
    {
        stemmer.SetCurrent(word);
        stemmer.Stem();
        return stemmer.Current;
    }

    private static int FirstLetter(string piece)
    {
        foreach (var rune in piece.EnumerateRunes())
            if (Rune.IsLetter(rune)) return rune.Value;
        return -1;
    }

    /// <summary>Letters (lower-cased) and digits (as ASCII digits) only: marks, symbols and stray apostrophes go.</summary>
    private static string KeepLettersAndDigits(string text, bool lowerCase)
    {
        if (IsLowerAsciiWord(text)) return text;
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetter(rune)) builder.Append(lowerCase ? Rune.ToLowerInvariant(rune) : rune);
            else if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.DecimalDigitNumber)
                builder.Append((char)('0' + (int)Rune.GetNumericValue(rune)));
        }
        return builder.ToString();
    }

    private static bool IsLowerAsciiWord(string text)
    {
        foreach (var c in text)
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c)) return false;
        return true;
    }

    private static string FoldLetters(string word)
    {
        if (Ascii.IsValid(word) && !word.Contains('\'')) return word;
        var builder = new StringBuilder(word.Length + 4);
        foreach (var c in word)
        {
            builder.Append(c switch
            {
                'œ' => "oe", 'æ' => "ae", 'ß' => "ss", 'ø' => "o", 'đ' => "d", 'ð' => "d", 'ł' => "l", 'þ' => "th",
                'ı' => "i", 'ħ' => "h",
                '\u2019' or '\u2018' or '\u02BC' or '\u00B4' or '\uFF07' => "'",
                _ => null,
            } ?? c.ToString());
        }
        return builder.ToString();
    }

    private static string DropApostrophes(string word)
    {
        var apostrophe = word.IndexOf('\'');
        if (apostrophe < 0) return word;
        if (apostrophe > 0 && apostrophe + 1 < word.Length && Elisions.Contains(word[..apostrophe]))
            word = word[(apostrophe + 1)..];
        if (word.EndsWith("'s", StringComparison.Ordinal)) word = word[..^2];
        return word.Replace("'", "", StringComparison.Ordinal);
    }

    /// <summary>
    /// Words reach here as whole code points, so normalisation should not fail; if the runtime still rejects a
    /// string, analysing it unnormalised is better than failing a search or an indexing run.
    /// </summary>
    private static string SafeNormalize(string text, NormalizationForm form)
    {
        if (Ascii.IsValid(text)) return text;
        try
        {
            return text.IsNormalized(form) ? text : text.Normalize(form);
        }
        catch (ArgumentException)
        {
            return text;
        }
    }
}
