using System.Globalization;
using Nexus.Web.Features.Data.Import;

namespace Nexus.Web.Features.Data.Areas;

/// <summary>
/// The UN Statistics Division's M49 list as downloaded (CSV, any separator, columns found by their header names since
/// the download options change which columns appear): countries and areas with their region, sub-region and
/// intermediate region, ISO codes and the LDC, LLDC and SIDS groups.
/// </summary>
public sealed class M49Format : IDataFormat
{
    private const string CodeHeader = "M49 Code";
    private const string NameHeader = "Country or Area";

    public string Name => "UN M49 standard country or area codes (CSV)";

    public bool Recognizes(DataFile file) =>
        file.Kind == DataFileKind.Csv && file.Sheets[0] is var s && s.Rows.Count > 0 && Header(s) is not null;

    private static int? Header(Sheet s) => s.FindRow(r => s.FindColumn(r, CodeHeader) is not null && s.FindColumn(r, NameHeader) is not null, 5);

    public ParsedRelease Read(DataFile file, CancellationToken ct)
    {
        var s = file.Sheets[0];
        var header = Header(s) ?? throw new DataImportException($"No header row with \"{CodeHeader}\" and \"{NameHeader}\".");
        int Column(string label) => s.FindColumn(header, label) ?? throw new DataImportException($"The column \"{label}\" is missing.", s.At(header, 1));
        int? Optional(string label) => s.FindColumn(header, label);
        var code = Column(CodeHeader);
        var name = Column(NameHeader);
        var iso2 = Optional("ISO-alpha2 Code");
        var iso3 = Optional("ISO-alpha3 Code");
        var levels = new[]
        {
            (Code: Optional("Region Code"), Name: Optional("Region Name"), Kind: AreaKind.Region),
            (Code: Optional("Sub-region Code"), Name: Optional("Sub-region Name"), Kind: AreaKind.SubRegion),
            (Code: Optional("Intermediate Region Code"), Name: Optional("Intermediate Region Name"), Kind: AreaKind.IntermediateRegion),
        };
        var ldc = Optional("Least Developed Countries (LDC)");
        var lldc = Optional("Land Locked Developing Countries (LLDC)");
        var sids = Optional("Small Island Developing States (SIDS)");

        var release = new ParsedRelease { Dataset = Datasets.M49, Edition = "M49", EditionDate = new DateOnly(2000, 1, 1), DefinesAreas = true };
        var areas = new Dictionary<int, Area>
        {
            // M49 numbers the world 001; UN DESA's files, and Nexus, use 900. They are the same area.
            [Area.World] = new() { Code = Area.World, Name = "World", Kind = AreaKind.World },
        };
        for (var r = header + 1; r <= s.Rows.Count; r++)
        {
            ct.ThrowIfCancellationRequested();
            if (s.Text(r, code).Length == 0 && s.Text(r, name).Length == 0) continue;
            int? parent = Area.World;
            foreach (var level in levels)
            {
                if (level.Code is not { } lc || level.Name is not { } ln || s.Text(r, lc).Length == 0) continue;
                var c = Number(s, r, lc);
                if (!areas.ContainsKey(c)) areas[c] = new Area { Code = c, Name = s.Text(r, ln), Kind = level.Kind, ParentCode = parent };
                parent = c;
            }
            var m49 = Number(s, r, code);
            var countryName = s.Text(r, name);
            if (countryName.Length == 0) throw new DataImportException("The country or area has no name.", s.At(r, name));
            areas[m49] = new Area
            {
                Code = m49, Name = countryName, Kind = AreaKind.Country, ParentCode = parent,
                Iso2 = iso2 is { } i2 && s.Text(r, i2) is { Length: 2 } a2 ? a2.ToUpperInvariant() : null,
                Iso3 = iso3 is { } i3 && s.Text(r, i3) is { Length: 3 } a3 ? a3.ToUpperInvariant() : null,
                Ldc = Flag(s, r, ldc), Lldc = Flag(s, r, lldc), Sids = Flag(s, r, sids),
            };
        }
        if (areas.Values.Count(a => a.IsCountry) < 100) throw new DataImportException("The list has fewer than 100 countries or areas; it is not the whole M49 list.");
        release.Areas.AddRange(areas.Values.OrderBy(a => a.Code));
        return release;
    }

    private static bool Flag(Sheet s, int row, int? column) => column is { } c && s.Text(row, c).Length > 0;

    private static int Number(Sheet s, int row, int column) =>
        int.TryParse(s.Text(row, column), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and < 10_000 ? n
            : throw new DataImportException($"\"{s.Text(row, column)}\" is not an M49 code (one to four digits).", s.At(row, column));
}
