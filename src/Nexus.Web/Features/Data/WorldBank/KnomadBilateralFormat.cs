using System.Globalization;
using System.Text.RegularExpressions;
using Nexus.Web.Features.Data.Import;

namespace Nexus.Web.Features.Data.WorldBank;

/// <summary>
/// KNOMAD's bilateral remittance matrix: a title ("Bilateral Remittance Estimates for 2021 ... (millions of US$)
/// (December 2022 Version)"), then a corner cell that says which way the matrix runs ("Remittance-receiving country
/// (across) - Remittance-sending country (down)"), the countries of one side across and of the other down, and a
/// WORLD column and row of totals. Each figure is stored with the receiving country as the area and the sending
/// country as the counterpart. The totals are kept with the World (900) in the place of the other side: what a
/// country sends to the world (area 900) and what it receives from the world (counterpart 900), and the world total.
/// </summary>
public sealed partial class KnomadBilateralFormat : IDataFormat
{

    public string Name => "World Bank / KNOMAD bilateral remittance matrix (xlsx)";

    public bool Recognizes(DataFile file) => file.Kind == DataFileKind.Xlsx && file.Sheets.Any(s => Corner(s) is not null);

    /// <summary>The row of the corner cell that names both sides (column A), with whether receiving countries run across.</summary>
    private static (int Row, bool ReceivingAcross)? Corner(Sheet s)
    {
        (int, bool)? found = null;
        s.FindRow(r =>
        {
            var sides = Sides().Matches(s.Text(r, 1)).ToDictionary(m => m.Groups["side"].Value.ToLowerInvariant(), m => m.Groups["way"].Value.ToLowerInvariant());
            if (sides.GetValueOrDefault("receiving") is not { } receiving || sides.GetValueOrDefault("sending") is not { } sending || receiving == sending) return false;
            found = (r, receiving == "across");
            return true;
        }, within: 10);
        return found;
    }

    [GeneratedRegex(@"(?<side>receiving|sending)\s+countr(y|ies)\s*\((?<way>across|down)\)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Sides();

    public ParsedRelease Read(DataFile file, CancellationToken ct)
    {
        var s = file.Sheets.FirstOrDefault(x => Corner(x) is not null) ?? throw new DataImportException(
            "No sheet has the matrix's corner cell (\"Remittance-receiving country (across) - Remittance-sending country (down)\") in column A.");
        var (header, receivingAcross) = Corner(s)!.Value;

        var titleRow = Enumerable.Range(1, header - 1).Reverse().FirstOrDefault(r => s.Text(r, 1).Length > 0);
        if (titleRow == 0) throw new DataImportException("The matrix has no title above it, which gives its year and version.", s.At(header, 1));
        var title = s.Text(titleRow, 1);
        if (!title.Contains("million", StringComparison.OrdinalIgnoreCase))
            throw new DataImportException($"The title \"{title}\" does not say the figures are in millions of US$, the unit Nexus stores.", s.At(titleRow, 1));
        if (EstimatesFor().Match(title) is not { Success: true } yearMatch)
            throw new DataImportException($"The title \"{title}\" does not give the year of the estimates (\"... for 2021 ...\").", s.At(titleRow, 1));
        var year = int.Parse(yearMatch.Groups["year"].Value, CultureInfo.InvariantCulture);
        var (version, versionDate) = Version(s, title);
        var release = new ParsedRelease
        {
            Dataset = Datasets.KnomadBilateral,
            Edition = $"{year} ({version})",
            EditionDate = versionDate,
            Title = title,
        };

        // Each side's places: the columns of the header row and the rows below it, by what they name.
        var columns = new Dictionary<int, AreaRef>();
        for (var c = 2; c <= WorldBankCells.Width(s); c++)
            if (s.Text(header, c) is { Length: > 0 } name && Side(release, name, s.At(header, c)) is { } area) columns[c] = area;
        if (columns.Count < 10) throw new DataImportException("Fewer than ten countries head the matrix's columns.", s.At(header, 2));

        for (var r = header + 1; r <= s.Rows.Count; r++)
        {
            ct.ThrowIfCancellationRequested();
            var name = s.Text(r, 1);
            var figures = Enumerable.Range(2, Math.Max(0, s.Rows[r - 1].Length - 1))
                .Select(c => (Column: c, Value: WorldBankCells.Figure(s, r, c))).Where(f => f.Value is not null).ToList();
            if (figures.Count == 0) continue;
            if (name.Length == 0)
            {
                // The 2021 matrix has one stray sum below its WORLD row.
                release.Skip("figures in a row with no country name (below the matrix)");
                continue;
            }
            if (Side(release, name, s.At(r, 1)) is not { } rowArea) continue;
            foreach (var (c, value) in figures)
            {
                if (!columns.TryGetValue(c, out var columnArea))
                {
                    if (s.Text(header, c).Length == 0) throw new DataImportException("The figure is in a column with no country above it.", s.At(r, c));
                    continue; // an aggregate's or a non-M49 economy's column, counted once in the notes
                }
                var (receiving, sending) = receivingAcross ? (columnArea, rowArea) : (rowArea, columnArea);
                release.Observations.Add(new ParsedObservation(Indicators.RemittancesBilateral, receiving, sending, Sex.Total, year, value!.Value));
            }
        }
        if (release.Observations.Count == 0) throw new DataImportException("The matrix has no figures.", s.At(header, 1));
        return release;
    }

    /// <summary>The area a row or column stands for, or null (with a note) for one that is not stored.</summary>
    private static AreaRef? Side(ParsedRelease release, string name, CellRef at)
    {
        switch (WorldBankAreas.Classify(name))
        {
            case WorldBankAreaKind.World:
                return new AreaRef(Area.World, null, name, at);
            case WorldBankAreaKind.Aggregate:
                release.Skip(WorldBankAreas.AggregateReason + " (rows and columns)");
                return null;
            case WorldBankAreaKind.NotM49:
                release.Skip(WorldBankAreas.NotM49Reason(name) + " (rows and columns)");
                return null;
            default:
                return new AreaRef(null, null, name, at);
        }
    }

    [GeneratedRegex(@"\bfor\s+(?<year>(19|20)\d\d)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EstimatesFor();

    /// <summary>
    /// The version's month: "(December 2022 Version)" in the title, or the month in the citation line ("please cite:
    /// KNOMAD/World Bank Bilateral Remittance Matrix 2021, December 2022."). The matrix for one year is revised, so
    /// the version, not the year of the estimates, orders the releases.
    /// </summary>
    private static (string Version, DateOnly Date) Version(Sheet s, string title)
    {
        if (VersionInTitle().Match(title) is { Success: true } m && WorldBankCells.MonthYear(m.Value) is { } inTitle) return inTitle;
        foreach (var (_, _, text) in WorldBankCells.Texts(s))
            if (text.Contains("cite", StringComparison.OrdinalIgnoreCase) && WorldBankCells.MonthYear(text) is { } cited) return cited;
        throw new DataImportException($"Sheet '{s.Name.Trim()}' does not say which version of the matrix it is: neither its title (\"(December 2022 Version)\") nor a citation line gives a month.");
    }

    [GeneratedRegex(@"\(\s*[A-Za-z]+\.?\s+(19|20)\d\d\s+version\s*\)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VersionInTitle();
}
