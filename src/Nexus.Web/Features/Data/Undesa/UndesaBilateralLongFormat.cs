using System.Globalization;
using Nexus.Web.Features.Data.Import;

namespace Nexus.Web.Features.Data.Undesa;

/// <summary>
/// International Migrant Stock 2020 by destination and origin (undesa_pd_2020_ims_stock_by_sex_destination_and_origin.xlsx):
/// one row per destination and origin, each with its name and location code, the destination's notes and type of
/// data, then the years 1990-2020 three times: both sexes, males, females. The blocks are told apart by their
/// headings when the sheet has them, else by their order, as the publisher lays them out.
/// </summary>
public sealed class UndesaBilateralLongFormat : IDataFormat
{
    private const string DestinationName = "Region, development group, country or area of destination";
    private const string DestinationCode = "Location code of destination";
    private const string OriginName = "Region, development group, country or area of origin";
    private const string OriginCode = "Location code of origin";

    private static readonly Sex[] BlockOrder = [Sex.Total, Sex.Male, Sex.Female];

    public string Name => "UN DESA International Migrant Stock 2020, by destination and origin";

    public bool Recognizes(DataFile file) => UndesaWorkbook.Layout(file) == UndesaLayout.BilateralLong;

    public ParsedRelease Read(DataFile file, CancellationToken ct) =>
        UndesaWorkbook.ReadBilateralTables(file, DestinationName, (s, header, release, areas) => ReadTable(s, header, release, areas, ct), ct);

    private static void ReadTable(Sheet s, int header, ParsedRelease release, Dictionary<int, Area> areas, CancellationToken ct)
    {
        var near = UndesaWorkbook.AreaColumn(s, header)!.Value;
        var destinationName = UndesaWorkbook.RequiredColumn(s, header, near, DestinationName);
        var destinationCode = UndesaWorkbook.RequiredColumn(s, header, near, DestinationCode);
        var originName = UndesaWorkbook.RequiredColumn(s, header, near, OriginName);
        var originCode = UndesaWorkbook.RequiredColumn(s, header, near, OriginCode);
        var notes = s.FindColumn(header, "Notes of destination");
        var type = s.FindColumn(header, "Type of data of destination");
        var first = new[] { destinationName, destinationCode, originName, originCode, notes ?? 0, type ?? 0 }.Max() + 1;
        var columns = UndesaWorkbook.ValueColumns(s, header, first);
        var sexes = Sexes(s, header, columns);

        var seen = new Dictionary<(int, string), (int Row, double?[] Values)>();
        for (var r = header + 1; r <= s.Rows.Count; r++)
        {
            if ((r & 1023) == 0) ct.ThrowIfCancellationRequested();
            if (UndesaWorkbook.Code(s, r, destinationCode) is not { } destination)
            {
                if (!UndesaWorkbook.IsBlank(s, r))
                    release.Skip("headings and notes without a location code");
                continue;
            }
            var printedDestination = s.Text(r, destinationName);
            if (printedDestination.Length == 0) throw new DataImportException("The row has a destination code but no destination name.", s.At(r, destinationName));
            var printedOrigin = s.Text(r, originName);
            if (printedOrigin.Length == 0) throw new DataImportException("The row names no origin.", s.At(r, originName));
            var origin = UndesaWorkbook.Code(s, r, originCode);
            if (origin is null && printedOrigin.StartsWith("Other", StringComparison.OrdinalIgnoreCase))
            {
                // DESA's residual origins ("Other North", "Other South") are not areas; without a code they cannot be stored.
                release.Skip("rows of residual origins (\"Other North\", \"Other South\") without a location code");
                continue;
            }
            var values = columns.Select(c => UndesaWorkbook.Number(s, r, c.Column)).ToArray();
            var pair = (destination, origin?.ToString(CultureInfo.InvariantCulture) ?? Sheet.Label(printedOrigin));
            if (seen.TryGetValue(pair, out var firstRow))
            {
                // Aggregates listed twice as destinations (an SDG region that is also a subregion) repeat their rows.
                if (UndesaWorkbook.SameFigures(firstRow.Values, values))
                {
                    release.Skip("aggregates listed a second time, with the same figures");
                    continue;
                }
                throw new DataImportException($"Destination {destination} and origin {printedOrigin} are listed a second time (first in row {firstRow.Row}) with different figures.",
                    s.At(r, destinationCode));
            }
            seen[pair] = (r, values);

            if (!areas.TryGetValue(destination, out var destinationArea)) areas[destination] = destinationArea = UndesaWorkbook.Area(destination, printedDestination);
            var to = new AreaRef(destination, null, destinationArea.Name, s.At(r, destinationCode));
            AreaRef from;
            if (origin is { } o)
            {
                if (!areas.TryGetValue(o, out var originArea)) areas[o] = originArea = UndesaWorkbook.Area(o, printedOrigin);
                from = new AreaRef(o, null, originArea.Name, s.At(r, originCode));
            }
            else from = new AreaRef(null, null, UndesaWorkbook.AreaName(printedOrigin), s.At(r, originName));
            var note = UndesaWorkbook.Printed(s, r, notes);
            var flag = UndesaWorkbook.Printed(s, r, type);
            for (var i = 0; i < values.Length; i++)
                if (values[i] is { } value)
                    release.Observations.Add(new ParsedObservation(Indicators.MigrantStockBilateral, to, from, sexes[i], columns[i].Year, value, flag, note));
        }
    }

    /// <summary>
    /// The sex of each column: from its block heading ("..., males") when the blocks have headings, else from the
    /// block's place (the years restart at each block: both sexes, then males, then females).
    /// </summary>
    private static Sex[] Sexes(Sheet s, int header, List<ValueColumn> columns)
    {
        var sexes = new Sex[columns.Count];
        var headed = columns.Any(c => c.Heading.Length > 0);
        var block = 0;
        for (var i = 0; i < columns.Count; i++)
        {
            if (i > 0 && columns[i].Year <= columns[i - 1].Year) block++;
            if (headed)
            {
                if (columns[i].Heading.Length == 0)
                    throw new DataImportException("This year has no block heading (both sexes, males or females) above it.", s.At(header, columns[i].Column));
                if (!Sheet.Label(columns[i].Heading).Contains("migrant stock", StringComparison.Ordinal))
                    throw new DataImportException($"\"{UndesaWorkbook.Collapse(columns[i].Heading)}\" is not a block of migrant stock figures.", columns[i].HeadingAt);
                sexes[i] = UndesaWorkbook.SexOf(columns[i].Heading);
            }
            else if (block < BlockOrder.Length) sexes[i] = BlockOrder[block];
            else throw new DataImportException("More than three blocks of years (both sexes, males, females).", s.At(header, columns[i].Column));
        }
        var keys = new HashSet<(Sex, int)>();
        for (var i = 0; i < columns.Count; i++)
            if (!keys.Add((sexes[i], columns[i].Year)))
                throw new DataImportException($"A second column for {sexes[i]} in {columns[i].Year}.", s.At(header, columns[i].Column));
        return sexes;
    }
}
