using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;

namespace Nexus.Web.Features.Data.Areas;

/// <summary>
/// Finds areas by M49 code, ISO alpha-3 code or name. Built from the Areas table and the shipped alias list; a name
/// key that two areas share (the short key "congo" of both Congos) is ambiguous and matches neither, so a guess is
/// never stored.
/// </summary>
/// <remarks>
/// Plain dictionaries rather than frozen ones: every import builds a directory of its own, and building frozen
/// dictionaries (and compiling their generic code, which ReadyToRun cannot do ahead of time for int keys) cost more
/// in a one-shot <c>data import</c> than their faster lookups save over a few thousand names.
/// </remarks>
public sealed class AreaDirectory
{
    private readonly Dictionary<int, Area> _byCode = [];
    private readonly Dictionary<string, Area> _byIso3 = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Area> _byName = new(StringComparer.Ordinal);

    public AreaDirectory(IEnumerable<Area> areas, IEnumerable<AreaAlias> aliases)
    {
        foreach (var a in areas)
        {
            _byCode[a.Code] = a;
            if (a.Iso3 is { Length: 3 } iso3) _byIso3[iso3] = a;
        }

        // Full keys win over short keys; a key claimed by two different areas at the same strength is dropped.
        var names = new Dictionary<string, NameClaim>(StringComparer.Ordinal);
        void Claim(string key, Area area, int strength)
        {
            if (key.Length == 0) return;
            if (!names.TryGetValue(key, out var held) || strength > held.Strength) names[key] = new NameClaim(area, strength);
            else if (strength == held.Strength && held.Area?.Code != area.Code) names[key] = new NameClaim(null, strength);
        }
        foreach (var a in _byCode.Values)
        {
            Claim(AreaNames.Key(a.Name), a, 3);
            Claim(AreaNames.ShortKey(a.Name), a, 1);
        }
        foreach (var alias in aliases)
            if (_byCode.TryGetValue(alias.Code, out var a)) Claim(AreaNames.Key(alias.Name), a, 4);
        foreach (var (key, claim) in names)
            if (claim.Area is not null) _byName[key] = claim.Area;
    }

    private sealed record NameClaim(Area? Area, int Strength);

    public IEnumerable<Area> All => _byCode.Values;

    public int Count => _byCode.Count;

    public Area? ByCode(int code) => _byCode.TryGetValue(code, out var a) ? a : null;

    public Area? ByIso3(string? iso3) => iso3 is not null && _byIso3.TryGetValue(iso3.Trim(), out var a) ? a : null;

    public Area? ByName(string? name) => name is not null && _byName.TryGetValue(AreaNames.Key(name), out var a) ? a : null;

    /// <summary>
    /// What an API caller or a URL means by an area: an M49 code ("840", "4"), an ISO alpha-3 code ("USA"),
    /// "world", or a name.
    /// </summary>
    public Area? Find(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim();
        if (t.Equals("world", StringComparison.OrdinalIgnoreCase)) return ByCode(Area.World);
        if (t.Length <= 4 && t.All(char.IsAsciiDigit)) return ByCode(int.Parse(t, System.Globalization.CultureInfo.InvariantCulture));
        if (t.Length == 3 && t.All(char.IsAsciiLetter) && ByIso3(t) is { } byIso) return byIso;
        return ByName(t);
    }

    /// <summary>The area a file means, trying its M49 code, then its ISO code, then its name.</summary>
    public Area? Resolve(Import.AreaRef r) =>
        (r.M49 is { } code ? ByCode(code) : null) ?? ByIso3(r.Iso3) ?? (r.M49 is null && r.Iso3 is null ? ByName(r.Name) : null);

    /// <summary>The shipped list of spellings that keys alone do not match (area-aliases.csv).</summary>
    public static IReadOnlyList<AreaAlias> Aliases => ShippedAliases.Value;

    private static readonly Lazy<IReadOnlyList<AreaAlias>> ShippedAliases = new(() =>
    {
        using var stream = typeof(AreaDirectory).Assembly.GetManifestResourceStream("Nexus.AreaAliases.csv")
            ?? throw new InvalidOperationException("area-aliases.csv is not embedded.");
        using var reader = new StreamReader(stream);
        var list = new List<AreaAlias>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var cut = line.LastIndexOf(';');
            if (cut > 0 && int.TryParse(line[(cut + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var code))
                list.Add(new AreaAlias(line[..cut], code));
        }
        return list;
    });

    public static async Task<AreaDirectory> LoadAsync(AppDbContext db, CancellationToken ct) =>
        new(await db.Areas.AsNoTracking().ToListAsync(ct), Aliases);
}

/// <summary>A spelling of an area's name that publishers use and name keys alone do not match.</summary>
public sealed record AreaAlias(string Name, int Code);
