using System.Globalization;
using System.Text;

namespace Nexus.Web.Features.Data.Areas;

/// <summary>
/// Turns the names publishers print into comparable keys. "Iran, Islamic Rep.", "Iran (Islamic Republic of)" and
/// "Iran (Islamic Republic of) *" differ in punctuation, word order, notes and abbreviations; the keys fold case,
/// accents, punctuation, footnote markers and "&amp;", and each name also yields a short key without what follows a
/// comma or an opening parenthesis. Names that stay different (Türkiye and Turkey) are listed in area-aliases.csv.
/// </summary>
public static class AreaNames
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
    /// parentheses or brackets, superscript digits) and surrounding white space, until none is left.
    /// </summary>
    public static string StripNotes(string name)
    {
        var s = name.Replace('\u00A0', ' ').Trim();
        for (var end = NoteStart(s); end < s.Length; end = NoteStart(s)) s = s[..end].Trim();
        return s;
    }

    /// <summary>
    /// Where a footnote marker ends the name, or the name's length when none does. The markers, by the regular
    /// expression they were first written as: <c>(\s*[*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰]+|\s*[([]\s*[0-9a-z](\s*,\s*[0-9a-z])*\s*[)\]]|\s+\d{1,2}/?)$</c>,
    /// that is "*", "**", "†", "¹²", "(1)", "[a]", "(b, c)", " 2" or " 1/" at the end. Scanned by hand from the end:
    /// the first use of a Regex costs a one-shot <c>data import</c> about 10 ms (ADR 014), more than reading a World
    /// Bank CSV; a test checks this scan against the expression.
    /// </summary>
    private static int NoteStart(string s)
    {
        var end = s.Length;
        // Marker characters.
        var i = end;
        while (i > 0 && IsMarker(s[i - 1])) i--;
        if (i < end) return SpacesBefore(s, i);
        // A number of one or two digits after a space, perhaps followed by a slash.
        i = end;
        if (i > 0 && s[i - 1] == '/') i--;
        var digits = 0;
        while (i > 0 && char.IsAsciiDigit(s[i - 1]) && digits < 3) { i--; digits++; }
        if (digits is 1 or 2 && i > 0 && char.IsWhiteSpace(s[i - 1])) return SpacesBefore(s, i);
        // One digit or small letter, or several separated by commas, in parentheses or brackets.
        if (end == 0 || s[end - 1] is not (')' or ']')) return end;
        i = SpacesBefore(s, end - 1);
        while (true)
        {
            if (i == 0 || !(char.IsAsciiDigit(s[i - 1]) || char.IsAsciiLetterLower(s[i - 1]))) return end;
            i = SpacesBefore(s, i - 1);
            if (i > 0 && s[i - 1] is '(' or '[') return SpacesBefore(s, i - 1);
            if (i == 0 || s[i - 1] != ',') return end;
            i = SpacesBefore(s, i - 1);
        }
    }

    private static bool IsMarker(char c) => c is '*' or '†' or '‡' or '§' or '¹' or '²' or '³' or '⁴' or '⁵' or '⁶' or '⁷' or '⁸' or '⁹' or '⁰';

    /// <summary>The start of the white space that ends at <paramref name="i"/>.</summary>
    private static int SpacesBefore(string s, int i)
    {
        while (i > 0 && char.IsWhiteSpace(s[i - 1])) i--;
        return i;
    }
}
