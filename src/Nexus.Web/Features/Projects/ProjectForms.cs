using System.Globalization;
using System.Text.RegularExpressions;
using Nexus.Web.Infrastructure;
using Nexus.Web.Infrastructure.Countries;

namespace Nexus.Web.Features.Projects;

/// <summary>Parsing rules shared by the staff forms; each failure is recorded against the field's id.</summary>
public static partial class ProjectForms
{
    public const int MaxTitle = 300, MaxSlug = 200, MaxSummary = 4000, MaxLong = 10000, MaxText = 4000, MaxUrl = 2000;

    /// <summary>A given slug must already be one; an empty one is made from the title.</summary>
    public static string Slug(string field, string? value, string title, FieldErrors errors)
    {
        var text = errors.Text(field, value, MaxSlug, required: false);
        if (text.Length == 0) return title.Length == 0 ? "" : Slugs.From(title, MaxSlug);
        if (!SlugPattern().IsMatch(text)) errors.Add(field, "Use lower-case letters, digits and hyphens only.");
        return text;
    }

    public static DateOnly? Date(string field, string? value, bool required, FieldErrors errors)
    {
        var text = FieldErrors.Clean(value)?.Trim() ?? "";
        if (text.Length == 0)
        {
            if (required) errors.Add(field, "Required.");
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        errors.Add(field, "Give the date as YYYY-MM-DD.");
        return null;
    }

    public static void Period(string endField, DateOnly? start, DateOnly? end, FieldErrors errors)
    {
        if (start is not null && end is not null && end < start) errors.Add(endField, "The end must not be before the start.");
    }

    public static T Enum<T>(string field, string? code, FieldErrors errors) where T : struct, Enum
    {
        if (Codes.TryParse<T>(code, out var v)) return v;
        errors.Add(field, "Choose one of the listed values.");
        return default;
    }

    /// <summary>ISO 3166-1 alpha-3 codes separated by commas, spaces or new lines, checked against the M49 list.</summary>
    public static List<string> Countries(string field, string? value, FieldErrors errors)
    {
        var text = errors.Text(field, value, 2000, required: false, multiline: true);
        var codes = new List<string>();
        foreach (var part in text.Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (Infrastructure.Countries.Countries.Find(part) is { } c) { if (!codes.Contains(c.Iso3)) codes.Add(c.Iso3); }
            else errors.Add(field, "{0} is not an ISO 3166-1 alpha-3 country code.", part.Length > 12 ? part[..12] + "…" : part);
        }
        return codes;
    }

    /// <summary>Evidence links must be web addresses: a javascript: or data: URL would run in the reader's browser.</summary>
    public static string? Url(string field, string? value, FieldErrors errors)
    {
        var text = errors.Text(field, value, MaxUrl, required: false);
        if (text.Length == 0) return null;
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.Host.Length > 0) return text;
        errors.Add(field, "Give an http or https address.");
        return null;
    }

    public static decimal? Budget(string field, string? value, FieldErrors errors)
    {
        var text = FieldErrors.Clean(value)?.Trim().Replace(",", "").Replace(" ", "") ?? "";
        if (text.Length == 0) return null;
        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) && d < 1_000_000_000_000m
            && decimal.Round(d, 2) == d) return d;
        errors.Add(field, "Give a positive amount with at most two decimals.");
        return null;
    }

    public static string? Currency(string field, string? value, bool required, FieldErrors errors)
    {
        var text = (FieldErrors.Clean(value) ?? "").Trim().ToUpperInvariant();
        if (text.Length == 0)
        {
            if (required) errors.Add(field, "Give the currency of the budget.");
            return null;
        }
        if (CurrencyPattern().IsMatch(text)) return text;
        errors.Add(field, "Give a three-letter ISO 4217 code, e.g. USD.");
        return null;
    }

    public static int? Id(string field, string? value, FieldErrors errors)
    {
        var text = (FieldErrors.Clean(value) ?? "").Trim();
        if (text.Length == 0) return null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0) return id;
        errors.Add(field, "Choose one of the listed values.");
        return null;
    }

    public static string Iso(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();
}

/// <summary>A labelled select for the _Select partial; options are (value, text) with text already translated.</summary>
public sealed record SelectField(string Id, string Name, string Label, string? Value, string? Error, IReadOnlyList<(string Value, string Text)> Options,
    string? Blank = null);
