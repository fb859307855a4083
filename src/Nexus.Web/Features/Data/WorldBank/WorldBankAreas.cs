using Nexus.Web.Features.Data.Areas;
using Nexus.Web.Infrastructure.Countries;

namespace Nexus.Web.Features.Data.WorldBank;

public enum WorldBankAreaKind { Country, World, Aggregate, NotM49 }

/// <summary>
/// What a row or column of a World Bank table stands for. The World Bank lists its own groups (its regions, income
/// and lending groups) among the economies. Their members differ from those of any UN area of the same name (its
/// Sub-Saharan Africa includes Sudan, M49's does not), so they are never stored, not even under a UN region that
/// happens to share the name; only the World is the same everywhere. Everything else is a country, resolved by the
/// import pipeline, which refuses a name it does not know: an unrecognised group can fail an import but cannot be
/// stored as a country.
/// </summary>
public static class WorldBankAreas
{
    public const string AggregateReason = "World Bank aggregates (regions, income and lending groups), not countries";

    // Plain sets and dictionaries, not frozen ones: they are built in every one-shot `data import` of a World Bank
    // file and read a few hundred times, so building frozen collections cost more than it saved (ADR 014).

    /// <summary>Words that appear in the names of groups and never in the name of an economy.</summary>
    private static readonly HashSet<string> GroupWords = new(StringComparer.Ordinal)
    {
        "income", "countries", "economies", "ida", "ibrd", "blend", "hipc", "oecd", "members", "dividend", "fragile",
        "indebted", "classification", "classified", "excluding", "total", "aggregate", "lics", "lmics", "mics", "hics", "umics",
    };

    /// <summary>World Bank groups without such a word, as the start of a folded name ("east asia and pacific excluding ...").</summary>
    private static readonly string[] GroupNames =
    [
        "east asia and pacific", "europe and central asia", "latin america and caribbean", "latin america and the caribbean",
        "middle east and north africa", "middle east north africa", "north america", "south asia", "sub saharan africa",
        "arab world", "euro area", "european union", "central europe and the baltics", "small states",
        "caribbean small states", "pacific island small states", "other small states", "africa eastern and southern",
        "africa western and central",
    ];

    /// <summary>
    /// M49 regions and sub-regions by name ("Caribbean", "Western Asia"), except a name a country also goes by
    /// ("Micronesia"): a row so named is a regional total, whoever drew its borders.
    /// </summary>
    private static readonly Lazy<HashSet<string>> RegionKeys = new(() =>
    {
        var countries = Countries.All.Select(c => AreaNames.ShortKey(c.Name)).ToHashSet();
        return Regions.All.Select(r => AreaNames.Key(r.Name)).Where(k => k != "world" && !countries.Contains(k)).ToHashSet();
    });

    /// <summary>Economies the World Bank reports that have no M49 code: by folded name and by its ISO-like code.</summary>
    private static readonly Dictionary<string, string> NotM49Names = new()
    {
        ["kosovo"] = "Kosovo",
        // M49 once coded the Channel Islands 830; the current list has Guernsey and Jersey separately.
        ["channel islands"] = "Channel Islands",
    };

    public static readonly IReadOnlyDictionary<string, string> NotM49Codes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["XKX"] = "Kosovo",
        ["CHI"] = "Channel Islands",
    };

    public static WorldBankAreaKind Classify(string name)
    {
        var key = AreaNames.Key(name);
        if (key is "world" or "world total") return WorldBankAreaKind.World;
        if (NotM49Names.ContainsKey(key)) return WorldBankAreaKind.NotM49;
        if (key.Split(' ').Any(GroupWords.Contains)
            || GroupNames.Any(g => key == g || key.StartsWith(g + " ", StringComparison.Ordinal))
            || RegionKeys.Value.Contains(key))
            return WorldBankAreaKind.Aggregate;
        return WorldBankAreaKind.Country;
    }

    public static string NotM49Reason(string name) => $"{AreaNames.StripNotes(name)}: no UN M49 code of its own";

    /// <summary>The footnote markers printed after a name ("Mexico 1/" → "1/"), or null.</summary>
    public static string? NoteOf(string name)
    {
        var trimmed = name.Replace('\u00A0', ' ').Trim();
        var bare = AreaNames.StripNotes(trimmed);
        return trimmed.Length > bare.Length ? trimmed[bare.Length..].Trim() : null;
    }
}
