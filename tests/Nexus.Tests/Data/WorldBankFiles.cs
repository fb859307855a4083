using System.Globalization;
using System.Text;
using Nexus.Tests.Library;

namespace Nexus.Tests.Data;

/// <summary>
/// The World Bank and KNOMAD files as the tests read them, without the importer's code: workbook cells through
/// <see cref="OfficialFiles.Cells"/>, the WDI CSV through a plain quote-aware split. The names and codes below were
/// looked up by hand in the M49 list.
/// </summary>
public static class WorldBankFiles
{
    public const string Inflows = "worldbank/inward_remittance_flows_june_2023.xlsx";
    public const string Outflows = "worldbank/outward_remittance_flows_june_2023.xlsx";
    public const string Bilateral = "worldbank/bilateral_remittance_matrix_2021.xlsx";
    public const string Wdi = "worldbank/API_BM.TRF.PWKR.CD.DT_DS2_en_csv_v2_3012027.csv";

    public const string InflowsSheet = "Inward remittance flows";
    public const string OutflowsSheet = "Outward remittance flows";
    public const string BilateralSheet = "FINAL BRM 2021 ";

    /// <summary>Rows of the KNOMAD files that are not stored: a World Bank aggregate, and economies without an M49 code.</summary>
    public static readonly HashSet<string> NotStored = ["Low-and Middle-Income Countries", "Kosovo", "Channel Islands"];

    /// <summary>KNOMAD names of a sample of economies, with their M49 codes, spread over the alphabet and over spellings.</summary>
    public static readonly Dictionary<string, int> SampleEconomies = new()
    {
        ["Afghanistan"] = 4, ["American Samoa"] = 16, ["Andorra"] = 20, ["Bangladesh"] = 50, ["Egypt, Arab Rep."] = 818,
        ["Faeroe Islands"] = 234, ["Guatemala"] = 320, ["India"] = 356, ["Korea, Rep."] = 410, ["Lebanon"] = 422,
        ["Mexico"] = 484, ["Nepal"] = 524, ["Pakistan"] = 586, ["Philippines"] = 608, ["Russian Federation"] = 643,
        ["Saudi Arabia"] = 682, ["Tonga"] = 776, ["Türkiye, Rep. of"] = 792, ["Turkey"] = 792, ["United Arab Emirates"] = 784,
        ["United Kingdom"] = 826, ["United States"] = 840, ["Vietnam"] = 704, ["Zimbabwe"] = 716, ["World"] = 900, ["WORLD"] = 900,
    };

    /// <summary>WDI codes of a sample of economies, with their M49 codes.</summary>
    public static readonly Dictionary<string, int> SampleIso3 = new()
    {
        ["USA"] = 840, ["SAU"] = 682, ["DEU"] = 276, ["CHE"] = 756, ["RUS"] = 643, ["ARE"] = 784, ["KWT"] = 414,
        ["FRA"] = 250, ["IND"] = 356, ["MEX"] = 484, ["LUX"] = 442, ["ABW"] = 533, ["ZWE"] = 716, ["WLD"] = 900,
    };

    /// <summary>A KNOMAD table: its heading row, the year of each year column, and the name in column A of each row below.</summary>
    public sealed record Table(IReadOnlyDictionary<string, object> Cells, int Header, Dictionary<int, int> Years, Dictionary<int, string> Names)
    {
        public double? Number(int column, int row) => Cells.TryGetValue(OfficialFiles.Ref(column, row), out var v) && v is double d ? d : null;

        /// <summary>Rows that have at least one figure under a year.</summary>
        public IEnumerable<int> RowsWithFigures => Names.Keys.Where(r => Years.Keys.Any(c => Number(c, r) is not null));
    }

    /// <summary>A flows workbook's table: the heading is the first row whose column A starts with "Remittance".</summary>
    public static Table Flows(string relative, string sheet)
    {
        var cells = OfficialFiles.Cells(OfficialFiles.Path(relative), sheet);
        var header = Enumerable.Range(1, 5).First(r => cells.GetValueOrDefault(OfficialFiles.Ref(1, r)) is string s && s.StartsWith("Remittance", StringComparison.Ordinal));
        var years = new Dictionary<int, int>();
        for (var c = 2; c <= 60; c++)
            switch (cells.GetValueOrDefault(OfficialFiles.Ref(c, header)))
            {
                case double d: years[c] = (int)d; break;
                case string s when s.Length == 4 && int.TryParse(s, CultureInfo.InvariantCulture, out var y): years[c] = y; break;
            }
        var names = new Dictionary<int, string>();
        for (var r = header + 1; r <= 400; r++)
            if (cells.GetValueOrDefault(OfficialFiles.Ref(1, r)) is string s && s.Trim().Length > 0) names[r] = s.Trim();
        return new Table(cells, header, years, names);
    }

    /// <summary>The bilateral matrix: receiving countries across row 2, sending countries down column A.</summary>
    public static (IReadOnlyDictionary<string, object> Cells, Dictionary<int, string> Columns, Dictionary<int, string> Rows) Matrix()
    {
        var cells = OfficialFiles.Cells(OfficialFiles.Path(Bilateral), BilateralSheet);
        var columns = new Dictionary<int, string>();
        for (var c = 2; c <= 400; c++)
            if (cells.GetValueOrDefault(OfficialFiles.Ref(c, 2)) is string s && s.Trim().Length > 0) columns[c] = s.Trim();
        var rows = new Dictionary<int, string>();
        for (var r = 3; r <= 400; r++)
            if (cells.GetValueOrDefault(OfficialFiles.Ref(1, r)) is string s && s.Trim().Length > 0) rows[r] = s.Trim();
        // The table ends with its WORLD row; notes follow.
        var world = rows.First(r => r.Value == "WORLD").Key;
        return (cells, columns, rows.Where(r => r.Key <= world).ToDictionary());
    }

    /// <summary>The WDI CSV's lines as fields, the byte order mark removed.</summary>
    public static List<List<string>> WdiLines() =>
        File.ReadAllText(OfficialFiles.Path(Wdi), Encoding.UTF8).TrimStart('\uFEFF')
            .Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).Select(Fields).ToList();

    /// <summary>One CSV line split at commas outside double quotes; "" inside quotes is a quote.</summary>
    public static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted && ch == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
            else if (ch == '"') quoted = !quoted;
            else if (ch == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(ch);
        }
        fields.Add(field.ToString());
        return fields;
    }

    /// <summary>The WDI CSV written again with ';' between its fields, every field quoted, as a spreadsheet in some locales saves it.</summary>
    public static byte[] WdiWithSemicolons() =>
        [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(string.Join("\r\n",
            WdiLines().Select(f => string.Join(';', f.Select(v => "\"" + v.Replace("\"", "\"\"") + "\"")))) + "\r\n")];

    /// <summary>
    /// A KNOMAD inflows workbook of a release to come, built here: a "2024e" column, a share-of-GDP column, names
    /// with a note marker and trailing spaces, aggregates, blank and note rows, and its own date line.
    /// </summary>
    public static byte[] NewInflowsRelease(string dateLine = "Date: December 2024", string mexico = "Mexico 1/") =>
        SampleFiles.Workbook((InflowsSheet,
        [
            ["Remittance inflows (US$ million)", "2022", "2023", "2024e", "Remittances as a share of GDP in 2024 (%)"],
            [mexico, "61100.5", "66200", "68400.25", "3.5"],
            ["Türkiye, Rep. of ", "800", "", "900", "0.1"],
            ["Philippines", "", "39100", "40000", "8.9"],
            ["Tonga", "0", "0", "", ""],
            ["Sub-Saharan Africa", "53000", "54000", "55000", "2.5"],
            ["Low- and middle-income countries", "647000", "656000", "685000", "1.9"],
            ["World", "831000", "857000", "905000", "0.7"],
            [],
            ["Note: All numbers are in current (nominal) US $. 1/ Includes compensation of employees."],
            [dateLine],
        ]));
}
