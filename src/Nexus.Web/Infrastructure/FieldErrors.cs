using System.Globalization;
using System.Net.Mail;
using System.Text;
using Microsoft.Extensions.Localization;

namespace Nexus.Web.Infrastructure;

/// <summary>
/// Collects field errors for a form or an API body, keyed by the field's JSON name, in the shape RFC 9457
/// validation problems use. Also cleans text: trims, normalises Unicode and refuses control characters.
/// </summary>
public sealed class FieldErrors
{
    // Messages are kept as English templates with their values, so each page can translate them (the template
    // is the resource key) while the API answers in English.
    private readonly Dictionary<string, List<(string Template, object[] Args)>> _errors = new(StringComparer.OrdinalIgnoreCase);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string template, params object[] args)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add((template, args));
    }

    /// <summary>English messages per field, for ProblemDetails.</summary>
    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key,
        e => e.Value.Select(m => string.Format(CultureInfo.InvariantCulture, m.Template, m.Args)).ToArray());

    /// <summary>Translated messages, one string per field, for forms.</summary>
    public Dictionary<string, string> Localized(IStringLocalizer t) => _errors.ToDictionary(e => e.Key,
        e => string.Join(" ", e.Value.Select(m => t[m.Template, m.Args].Value)), StringComparer.OrdinalIgnoreCase);

    /// <summary>Cleans a single-line text field; records an error and returns "" when it is unacceptable.</summary>
    public string Text(string field, string? value, int maxLength, bool required, bool multiline = false)
    {
        var text = Clean(value, multiline);
        if (text is null)
        {
            Add(field, "Contains characters that are not allowed.");
            return "";
        }
        if (required && text.Length == 0) Add(field, "Required.");
        else if (text.Length > maxLength) Add(field, "At most {0} characters.", maxLength);
        return text.Length > maxLength ? "" : text;
    }

    public string Email(string field, string? value, bool required = true)
    {
        var text = Text(field, value, 254, required);
        if (text.Length == 0) return "";
        if (!IsEmail(text))
        {
            Add(field, "Not a valid email address.");
            return "";
        }
        return text;
    }

    public static bool IsEmail(string text)
    {
        if (text.Length > 254 || text.Any(char.IsWhiteSpace) || text.Count(c => c == '@') != 1) return false;
        var at = text.IndexOf('@');
        if (at < 1 || at > 64 || !text[(at + 1)..].Contains('.') || text.EndsWith('.')) return false;
        try { return new MailAddress(text).Address == text; }
        catch (FormatException) { return false; }
    }

    /// <summary>Trimmed and NFC-normalised text, or null when it holds control characters or broken UTF-16.</summary>
    public static string? Clean(string? value, bool multiline = false)
    {
        if (string.IsNullOrEmpty(value)) return "";
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1])) return null;
                i++;
                continue;
            }
            if (char.IsLowSurrogate(c)) return null;
            if (multiline && (c == '\n' || c == '\r' || c == '\t')) continue;
            if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\u202E' or '\u202D') return null;
        }
        try { return value.Normalize(NormalizationForm.FormC).Trim(); }
        catch (ArgumentException) { return null; }
    }
}
