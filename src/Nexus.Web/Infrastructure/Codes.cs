using System.Text.Json;

namespace Nexus.Web.Infrastructure;

/// <summary>
/// Codes as they appear in JSON, URLs and forms: lower case with hyphens ("course-session", "no-show").
/// </summary>
public static class Codes
{
    public static string Of<T>(T value) where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public static bool TryParse<T>(string? code, out T value) where T : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(code) || code.Length > 60) return false;
        foreach (var v in Enum.GetValues<T>())
            if (string.Equals(Of(v), code.Trim(), StringComparison.OrdinalIgnoreCase)) { value = v; return true; }
        return false;
    }

    public static IEnumerable<string> All<T>() where T : struct, Enum => Enum.GetValues<T>().Select(v => Of(v));
}
