using System.Globalization;
using System.Text.RegularExpressions;
using Nexus.Web.Features.Data.Import;

namespace Nexus.Web.Features.Data.Undesa;

/// <summary>
/// UN DESA's correspondence table (aggregates_correspondence_table_2020_1.xlsx, sheet Annex): every region and group
/// of the migrant stock tables, and which countries make up each. Rows are regions, groups or countries (by their
/// "Location Type"); a country's row gives the code of each region it belongs to under a heading (WORLD,
/// Subregion, SDG subregion, SDG region, Geographic region), and marks its development and income groups in columns
/// headed by the group's name and code ("Least developed countries 941"). The groups replace the stored ones, the
/// memberships replace those of the same groups; countries themselves stay as the M49 list defines them.
/// </summary>
public sealed partial class UndesaAggregatesFormat : IDataFormat
{
    public string Name => "UN DESA International Migrant Stock 2020: regions and groups (correspondence table)";

    public bool Recognizes(DataFile file) => UndesaWorkbook.Layout(file) == UndesaLayout.Aggregates;

    public ParsedRelease Read(DataFile file, CancellationToken ct)
    {
        var s = file.FindSheet("Annex") ?? throw new DataImportException("The workbook has no sheet named \"Annex\".");
        var header = UndesaWorkbook.AnnexHeader(s) ?? throw new DataImportException(
            $"Sheet '{s.Name.Trim()}' has no header row with \"Location code\" and \"ISO3 Alpha-code\" in its first 30 rows.");
        var year = UndesaWorkbook.Edition(s, header);
        var nameColumn = UndesaWorkbook.ColumnStartingWith(s, header, "Region, subregion, country or area") ?? throw new DataImportException(
            "The header row has no \"Region, subregion, country or area\" column.", s.At(header, 1));
        var codeColumn = s.FindColumn(header, "Location code")!.Value;
        if (header < 2) throw new DataImportException("The header row has no row of group headings above it.", s.At(header, 1));
        var headings = header - 1;
        var typeColumn = s.FindColumn(headings, "Location Type") ?? throw new DataImportException(
            "The row above the header has no \"Location Type\" heading.", s.At(headings, 1));
        var typeName = s.FindColumn(header, "Name") is { } n && n > typeColumn ? n : throw new DataImportException(
            "The location type has no \"Name\" column.", s.At(header, typeColumn));
        var parentColumn = s.FindColumn(headings, "Parent Location code");

        // Region columns: "Code" (and the region's "Name" beside it) under a heading such as "SDG region".
        var regionColumns = new List<(int Code, int? Name)>();
        // Group columns: headed by the group's name and code, a member's cell holding the code.
        var groupColumns = new List<(int Column, int Code, string Name)>();
        for (var c = 1; c <= s.Rows[header - 1].Length; c++)
        {
            var text = UndesaWorkbook.Collapse(s.Text(header, c));
            if (Sheet.Label(text) == "code" && c != typeColumn)
                regionColumns.Add((c, Sheet.Label(s.Text(header, c + 1)) == "name" ? c + 1 : null));
            else if (GroupHeading().Match(text) is { Success: true } m)
                groupColumns.Add((c, int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), m.Groups[1].Value));
        }
        if (regionColumns.Count == 0 && groupColumns.Count == 0)
            throw new DataImportException("The header row has no region or group columns.", s.At(header, codeColumn));

        var release = new ParsedRelease
        {
            Dataset = Datasets.UndesaAggregates,
            Edition = year.ToString(CultureInfo.InvariantCulture),
            EditionDate = UndesaWorkbook.EditionDate(year),
            Title = $"International Migrant Stock {year}: regions and groups (correspondence table)",
            DefinesAreas = true,
        };
        var groups = new Dictionary<int, (Area Area, int? Parent)>();
        var named = new Dictionary<int, string>();
        for (var r = header + 1; r <= s.Rows.Count; r++)
        {
            ct.ThrowIfCancellationRequested();
            if (UndesaWorkbook.Code(s, r, codeColumn) is not { } code)
            {
                if (!UndesaWorkbook.IsBlank(s, r))
                    release.Skip("rows without a location code");
                continue;
            }
            var name = s.Text(r, nameColumn);
            if (name.Length == 0) throw new DataImportException("The row has a location code but no name.", s.At(r, nameColumn));
            if (Sheet.Label(s.Text(r, typeName)) != "country/area")
            {
                if (!UndesaWorkbook.IsAggregate(code))
                    throw new DataImportException($"A region or group with code {code}, below UN DESA's aggregate codes (900 and up).", s.At(r, codeColumn));
                var parent = parentColumn is { } pc ? UndesaWorkbook.Code(s, r, pc) : null;
                groups.TryAdd(code, (UndesaWorkbook.Area(code, name), parent));
                continue;
            }
            if (UndesaWorkbook.IsAggregate(code))
                throw new DataImportException($"A country or area with code {code}, which is a UN DESA aggregate code.", s.At(r, codeColumn));
            foreach (var (column, nameOf) in regionColumns)
            {
                if (UndesaWorkbook.Code(s, r, column) is not { } group) continue;
                release.Members.Add(new AreaMember { GroupCode = group, MemberCode = code });
                if (nameOf is { } nc && s.Text(r, nc) is { Length: > 0 } groupName) named.TryAdd(group, groupName);
            }
            foreach (var (column, group, groupName) in groupColumns)
            {
                if (UndesaWorkbook.Code(s, r, column) is not { } marked) continue;
                if (marked != group) throw new DataImportException($"The column of group {group} marks a member with {marked}.", s.At(r, column));
                release.Members.Add(new AreaMember { GroupCode = group, MemberCode = code });
                named.TryAdd(group, groupName);
            }
        }
        if (release.Members.Count == 0) throw new DataImportException("The table lists no countries or areas with their regions and groups.", s.At(header, codeColumn));

        // Some groups have no row of their own (Europe as an SDG subregion, "No income group available"): their
        // names come from the columns that list them.
        foreach (var (code, groupName) in named)
            groups.TryAdd(code, (UndesaWorkbook.Area(code, groupName), null));
        foreach (var (area, parent) in groups.Values.OrderBy(g => g.Area.Code))
        {
            // DESA's parents include headings that are not areas ("SDG regions" 1828); only real groups are kept.
            area.ParentCode = parent is { } p && p != area.Code && groups.ContainsKey(p) ? p : null;
            release.Areas.Add(area);
        }
        return release;
    }

    /// <summary>"Least developed countries\n941": the group's name, then its code.</summary>
    [GeneratedRegex(@"^(.*\D)\s+(\d{3,4})$", RegexOptions.CultureInvariant)]
    private static partial Regex GroupHeading();
}
