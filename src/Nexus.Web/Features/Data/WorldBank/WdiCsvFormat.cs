using System.Globalization;
using Nexus.Web.Features.Data.Import;
using Nexus.Web.Infrastructure.Countries;

namespace Nexus.Web.Features.Data.WorldBank;

/// <summary>
/// A World Development Indicators bulk download (API_{indicator}_DS2_en_csv_v2_*.csv): a preamble with the source and
/// "Last Updated Date", then "Country Name", "Country Code", "Indicator Name", "Indicator Code" and one column per
/// year. Economies are identified by ISO alpha-3 code. The World Bank's aggregates (EAS, LMY, ARB ...) share that
/// column under codes that are not ISO country codes; a code is taken for a country only when it is one in the M49
/// list Nexus ships, so an aggregate can never be stored as a country. A row with any other code is skipped only when
/// its name is a World Bank group; otherwise the file is refused, naming the cell.
/// </summary>
public sealed class WdiCsvFormat : IDataFormat
{
    private const string NameHeader = "Country Name";
    private const string CodeHeader = "Country Code";
    private const string IndicatorNameHeader = "Indicator Name";
    private const string IndicatorCodeHeader = "Indicator Code";

    /// <summary>WDI indicator codes Nexus stores, and as what.</summary>
    public static readonly IReadOnlyDictionary<string, string> SupportedIndicators = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["BM.TRF.PWKR.CD.DT"] = Indicators.RemittancesPaid,
    };

    public string Name => "World Bank World Development Indicators, bulk CSV download";

    public bool Recognizes(DataFile file) => file.Kind == DataFileKind.Csv && Header(file.Sheets[0]) is not null;

    private static int? Header(Sheet s) => s.FindRow(r => s.FindColumn(r, NameHeader) is not null && s.FindColumn(r, CodeHeader) is not null
        && s.FindColumn(r, IndicatorNameHeader) is not null && s.FindColumn(r, IndicatorCodeHeader) is not null, within: 10);

    public ParsedRelease Read(DataFile file, CancellationToken ct)
    {
        var s = file.Sheets[0];
        var header = Header(s) ?? throw new DataImportException(
            $"No header row with \"{NameHeader}\", \"{CodeHeader}\", \"{IndicatorNameHeader}\" and \"{IndicatorCodeHeader}\" in the first ten lines.");
        var nameColumn = s.FindColumn(header, NameHeader)!.Value;
        var codeColumn = s.FindColumn(header, CodeHeader)!.Value;
        var indicatorNameColumn = s.FindColumn(header, IndicatorNameHeader)!.Value;
        var indicatorColumn = s.FindColumn(header, IndicatorCodeHeader)!.Value;
        var (edition, editionDate) = LastUpdated(s, header);

        // Year columns left to right. Loops rather than LINQ over tuples: see KnomadFlowsFormat.
        var years = new List<ColumnYear>();
        var otherColumns = new List<int>();
        var unlabelled = new List<int>();
        for (var c = 1; c <= WorldBankCells.Width(s); c++)
        {
            if (c == nameColumn || c == codeColumn || c == indicatorNameColumn || c == indicatorColumn) continue;
            var text = s.Text(header, c);
            if (text.Length == 4 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1900 and <= 2100)
            {
                foreach (var other in years)
                    if (other.Year == year) throw new DataImportException($"The year {year} heads two columns.", s.At(header, c));
                years.Add(new ColumnYear(c, year, null));
            }
            else if (text.Length > 0) otherColumns.Add(c);
            else unlabelled.Add(c); // the trailing comma of every line
        }
        if (years.Count == 0) throw new DataImportException("The header has no year columns.", s.At(header, indicatorColumn));

        // The row's figures, by year column (reused from row to row).
        var values = new double?[years.Count];
        var titles = new SortedSet<string>(StringComparer.Ordinal);
        var release = new ParsedRelease { Dataset = Datasets.Wdi, Edition = edition, EditionDate = editionDate };
        for (var r = header + 1; r <= s.Rows.Count; r++)
        {
            ct.ThrowIfCancellationRequested();
            if (s.Rows[r - 1].All(v => v is null || (v is string t && t.Trim().Length == 0))) continue;
            foreach (var c in unlabelled)
                if (WorldBankCells.Figure(s, r, c) is not null)
                    throw new DataImportException("The figure is in a column with no year above it.", s.At(r, c));
            foreach (var c in otherColumns)
                if (s.Text(r, c).Length > 0) release.Skip($"figures under column \"{s.Text(header, c)}\", which is not a year");

            var code = s.Text(r, indicatorColumn);
            if (!SupportedIndicators.TryGetValue(code, out var indicator))
                throw new DataImportException($"The indicator \"{code}\" ({s.Text(r, indicatorNameColumn)}) is not one Nexus stores. It reads: {string.Join(", ", SupportedIndicators.Keys)}.",
                    s.At(r, indicatorColumn));
            titles.Add($"{s.Text(r, indicatorNameColumn)} ({code})");

            var count = 0;
            for (var i = 0; i < years.Count; i++)
                if ((values[i] = WorldBankCells.Figure(s, r, years[i].Column)) is not null) count++;
            var iso3 = s.Text(r, codeColumn).ToUpperInvariant();
            var name = s.Text(r, nameColumn);
            if (iso3.Length == 0) throw new DataImportException("The row has no country code.", s.At(r, codeColumn));
            if (count == 0) continue;
            AreaRef area;
            if (iso3 == "WLD") area = new AreaRef(Area.World, null, name, s.At(r, codeColumn));
            else if (Countries.Find(iso3) is not null) area = new AreaRef(null, iso3, name, s.At(r, codeColumn));
            else
            {
                // Not a country code Nexus knows: skipped only when it is an economy without an M49 code or its name
                // is one of the World Bank's groups, so that a country missing from the shipped list (or a mistyped
                // code) stops the import instead of vanishing into the aggregates.
                var kind = WorldBankAreas.NotM49Codes.TryGetValue(iso3, out var economy) ? WorldBankAreaKind.NotM49 : WorldBankAreas.Classify(name);
                if (kind == WorldBankAreaKind.Country)
                    throw new DataImportException(
                        $"\"{iso3}\" ({name}) is neither an ISO country code in the UN M49 list Nexus ships nor one of the World Bank's groups of economies.",
                        s.At(r, codeColumn));
                release.Skip(kind == WorldBankAreaKind.NotM49 ? WorldBankAreas.NotM49Reason(economy ?? name) : WorldBankAreas.AggregateReason);
                continue;
            }
            for (var i = 0; i < years.Count; i++)
                if (values[i] is { } value) release.Observations.Add(new ParsedObservation(indicator, area, null, Sex.Total, years[i].Year, value));
        }
        if (release.Observations.Count == 0) throw new DataImportException("The file has no figures for any country.", s.At(header, 1));
        // The title names the indicators read, which are known only now.
        var titled = new ParsedRelease
        {
            Dataset = release.Dataset, Edition = release.Edition, EditionDate = release.EditionDate,
            Title = $"World Development Indicators: {string.Join("; ", titles)}",
        };
        titled.Observations.AddRange(release.Observations);
        foreach (var (reason, count) in release.Skipped) titled.Skipped[reason] = count;
        return titled;
    }

    /// <summary>"Last Updated Date","2021-09-15" in the preamble: the edition, as the World Bank dates its bulk files.</summary>
    private static (string Edition, DateOnly Date) LastUpdated(Sheet s, int header)
    {
        for (var r = 1; r < header; r++)
        {
            if (Sheet.Label(s.Text(r, 1)) != "last updated date") continue;
            var text = s.Text(r, 2);
            return IsoDate.TryParse(text, out var date)
                ? (text, date)
                : throw new DataImportException($"\"{text}\" is not a date (yyyy-mm-dd).", s.At(r, 2));
        }
        throw new DataImportException("The file does not say when it was last updated: the \"Last Updated Date\" line above the header is missing.", s.At(header, 1));
    }
}
