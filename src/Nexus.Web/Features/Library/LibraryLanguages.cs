namespace Nexus.Web.Features.Library;

/// <summary>The six official languages of the United Nations, in which library items may be written.</summary>
public static class LibraryLanguages
{
    public static readonly string[] All = ["ar", "zh", "en", "fr", "ru", "es"];

    /// <summary>Names of the languages in themselves, for language pickers.</summary>
    public static readonly IReadOnlyDictionary<string, string> Endonyms = new Dictionary<string, string>
    {
        ["ar"] = "العربية", ["zh"] = "中文", ["en"] = "English", ["fr"] = "Français", ["ru"] = "Русский", ["es"] = "Español",
    };

    /// <summary>
    /// The text to show a reader: in their language if the item has it, else English, French or Spanish (the
    /// languages most readers of the programme share), else the item's original language.
    /// </summary>
    public static ItemText Pick(IReadOnlyList<ItemText> texts, string? language)
    {
        if (texts.Count == 0) return new ItemText { Language = "en", Title = "" };
        foreach (var wanted in new[] { language, "en", "fr", "es" })
            if (wanted is not null && texts.FirstOrDefault(t => t.Language == wanted) is { } t) return t;
        return texts[0];
    }

    /// <summary>Right-to-left scripts, for the dir attribute.</summary>
    public static bool IsRightToLeft(string language) => language == "ar";
}
