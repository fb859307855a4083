using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Nexus.Web.Features.Data.Areas;

/// <summary>
/// Turns the names publishers print into comparable keys. "Iran, Islamic Rep.", "Iran (Islamic Republic of)" and
/// "Iran (Islamic Republic of) *" differ in punctuation, word order, notes and abbreviations; the keys fold case,
/// accents, punctuation, footnote markers and "&amp;", and each name also yields a short key without what follows a
/// comma or an opening parenthesis. Names that stay different (Türkiye and Turkey) are listed in area-aliases.csv.
/// </summary>
public static partial class AreaNames
{
    /// <summary>The full key of a name: "Côte d’Ivoire " → "cote d ivoire".</summary>
    public static string Key(string name)
    {
        var s = StripNotes(name);
        var decomposed = s.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsLetterOrDigit(c))
            {
                if (space && sb.Length > 0) sb.Append(' ');
                sb.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else if (c == '&')
            {
                if (sb.Length > 0) sb.Append(' ');
                sb.Append("and");
                space = true;
            }
            else space = true;
        }
        return sb.ToString();
    }

    /// <summary>The key of the part before any comma or parenthesis: "Iran, Islamic Rep." → "iran".</summary>
    public static string ShortKey(string name)
    {
        var s = StripNotes(name);
        var cut = s.IndexOfAny([',', '(']);
        return Key(cut > 0 ? s[..cut] : s);
    }

    /// <summary>
    /// Removes what publishers append to a name: footnote markers (*, †, a trailing number or letter in
    /// parentheses or brackets, superscript digits) and surrounding white space.
    /// </summary>
    public static string StripNotes(string name)
    {
        var s = name.Replace('\u00A0', ' ').Trim();
        string previous;
        do
        {
            previous = s;
            s = TrailingNote().Replace(s, "").Trim();
        } while (s != previous);
        return s;
    }

    // "*", "**", "†", "¹²", "(1)", "[a]", "(b, c)", "1/" at the end of a name.
    [GeneratedRegex(@"(\s*[\*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰]+|\s*[\(\[]\s*[0-9a-z](\s*,\s*[0-9a-z])*\s*[\)\]]|\s+\d{1,2}/?)$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingNote();
}
