using System.Globalization;
using System.Text;

namespace Nexus.Web.Features.Data.Downloads;

/// <summary>
/// SDMX-CSV 2.0 output. One dataflow per indicator, agency NEXUS, version 1.0 (documented in docs/data/sdmx.md):
/// dimensions REF_AREA and COUNTERPART_AREA (UN M49 codes, as the UN's SDG database uses; _Z where there is no
/// counterpart), SEX (_T, M, F from the SDMX cross-domain code list) and TIME_PERIOD; measure OBS_VALUE; attributes
/// UNIT_MEASURE, UNIT_MULT and OBS_STATUS (A normal, E estimated).
/// </summary>
public static class Sdmx
{
    public const string Agency = "NEXUS";
    public const string Version = "1.0";

    public static string DataflowId(string indicator) => "DF_" + indicator.Replace('-', '_').ToUpperInvariant();

    public static string Csv(IReadOnlyList<DataRow> rows)
    {
        var sb = new StringBuilder("STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,COUNTERPART_AREA,SEX,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT,OBS_STATUS\r\n");
        foreach (var r in rows)
        {
            var (unit, mult) = Unit(r.Unit);
            sb.Append("dataflow,").Append(Agency).Append(':').Append(DataflowId(r.Indicator)).Append('(').Append(Version).Append("),I,")
              .Append(Code(r.Area)).Append(',').Append(r.Counterpart is null ? "_Z" : Code(r.Counterpart)).Append(',')
              .Append(r.Sex switch { Sex.Male => "M", Sex.Female => "F", _ => "_T" }).Append(',')
              .Append(r.Year.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(r.Value.ToString("R", CultureInfo.InvariantCulture)).Append(',')
              .Append(unit).Append(',').Append(mult).Append(',')
              .Append(r.Flag is "e" or "E" ? "E" : "A").Append("\r\n");
        }
        return sb.ToString();
    }

    /// <summary>M49 codes are three digits, zero-padded (UN DESA's own aggregate codes are longer).</summary>
    public static string Code(Area a) => a.Code.ToString("000", CultureInfo.InvariantCulture);

    /// <summary>Unit of measure and unit multiplier (power of ten) of a Nexus unit.</summary>
    public static (string Unit, int Mult) Unit(string unit) => unit switch
    {
        "persons" => ("PS", 0),
        "thousands" => ("PS", 3),
        "%" => ("PT", 0),
        "US$ million" => ("USD", 6),
        "US$" => ("USD", 0),
        _ => ("_Z", 0),
    };
}
