using System.Globalization;
using System.Text;

namespace Nexus.Web.Infrastructure;

public static class Slugs
{
    /// <summary>"Migration, 'brain drain' & caregiving" → "migration-brain-drain-caregiving".</summary>
    public static string From(string text, int maxLength = 80)
    {
        var sb = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (c < 128 && char.IsLetterOrDigit(c)) sb.Append(char.ToLowerInvariant(c));
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
            if (sb.Length >= maxLength) break;
        }
        var slug = sb.ToString().Trim('-');
        return slug.Length == 0 ? "event" : slug;
    }
}
