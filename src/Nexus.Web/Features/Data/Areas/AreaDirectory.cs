using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;

namespace Nexus.Web.Features.Data.Areas;

/// <summary>
/// Finds areas by M49 code, ISO alpha-3 code or name. Built from the Areas table and the shipped alias list; a name
/// key that two areas share (the short key "congo" of both Congos) is ambiguous and matches neither, so a guess is
/// never stored.
/// </summary>
public sealed class AreaDirectory
{
    private readonly FrozenDictionary<int, Area> _byCode;
    private readonly FrozenDictionary<string, Area> _byIso3;
    private readonly FrozenDictionary<string, Area> _byName;

    public AreaDirectory(IEnumerable<Area> areas, IEnumerable<(string Name, int Code)> aliases)
    {
        var list = areas.ToList();
        _byCode = list.ToFrozenDictionary(a => a.Code);
        _byIso3 = list.Where(a => a.Iso3 is { Length: 3 }).ToFrozenDictionary(a => a.Iso3!, StringComparer.OrdinalIgnoreCase);

        // Full keys win over short keys; a key claimed by two different areas at the same strength is dropped.
        var names = new Dictionary<string, (Area? Area, int Strength)>();
        void Claim(string key, Area area, int strength)
        {
            if (key.Length == 0) return;
            if (!names.TryGetValue(key, out var held) || strength > held.Strength) names[key] = (area, strength);
            else if (strength == held.Strength && held.Area?.Code != area.Code) names[key] = (null, strength);
        }
        foreach (var a in list)
        {
            Claim(AreaNames.Key(a.Name), a, 3);
            Claim(AreaNames.ShortKey(a.Name), a, 1);
        }
        foreach (var (name, code) in aliases)
            if (_byCode.TryGetValue(code, out var a)) Claim(AreaNames.Key(name), a, 4);
        _byName = names.Where(n => n.Value.Area is not null).ToFrozenDictionary(n => n.Key, n => n.Value.Area!);
    }

    public IEnumerable<Area> All => _byCode.Values;

    public int Count => _byCode.Count;

    public Area? ByCode(int code) => _byCode.GetValueOrDefault(code);

    public Area? ByIso3(string? iso3) => iso3 is null ? null : _byIso3.GetValueOrDefault(iso3.Trim());

    public Area? ByName(string? name) => name is null ? null : _byName.GetValueOrDefault(AreaNames.Key(name));

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
    public static IReadOnlyList<(string Name, int Code)> Aliases => ShippedAliases.Value;

    private static readonly Lazy<IReadOnlyList<(string, int)>> ShippedAliases = new(() =>
    {
        using var stream = typeof(AreaDirectory).Assembly.GetManifestResourceStream("Nexus.AreaAliases.csv")
            ?? throw new InvalidOperationException("area-aliases.csv is not embedded.");
        using var reader = new StreamReader(stream);
        var list = new List<(string, int)>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var cut = line.LastIndexOf(';');
            if (cut > 0 && int.TryParse(line[(cut + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var code))
                list.Add((line[..cut], code));
        }
        return list;
    });

    public static async Task<AreaDirectory> LoadAsync(AppDbContext db, CancellationToken ct) =>
        new(await db.Areas.AsNoTracking().ToListAsync(ct), Aliases);
}
