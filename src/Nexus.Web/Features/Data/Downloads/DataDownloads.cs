using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Nexus.Web.Infrastructure;
using Nexus.Web.Infrastructure.Caching;
using Nexus.Web.Infrastructure.Security;

namespace Nexus.Web.Features.Data.Downloads;

/// <summary>One row of a download: a figure with everything needed to read it without the portal.</summary>
public sealed record DataRow(string Indicator, string Unit, Area Area, Area? Counterpart, Sex Sex, int Year, double Value, string? Flag, string? Note);

public enum DownloadFormat { Csv, Xlsx, Json, SdmxCsv }

/// <summary>
/// Every table and chart of the portal can be downloaded as CSV, XLSX, JSON or SDMX-CSV 2.0, and the whole set of
/// current figures as one zip with a README of sources. A download is described by the same parameters as the API:
/// indicator, and optionally area, counterpart, sex and year.
/// </summary>
public static class DataDownloads
{
    public static void MapDataDownloads(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/data/download", Download).CacheOutput(PublicCache.Policy).RequireRateLimiting(RateLimitPolicies.Api)
            .WithTags("Data").WithSummary("Figures as a file: format=csv|xlsx|json|sdmx-csv; indicator required; area, counterpart, sex, year optional.");
        routes.MapGet("/data/download/all.zip", All).CacheOutput(PublicCache.Policy).RequireRateLimiting(RateLimitPolicies.Api)
            .WithTags("Data").WithSummary("Every current figure, one CSV per indicator, with a README of sources and licences.");
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem, NotFound>> Download(string? indicator, string? area, string? counterpart,
        string? sex, string? year, string? format, DataStore store, CancellationToken ct)
    {
        var errors = new FieldErrors();
        // One indicator, or several separated by commas (a chart of remittances received and sent).
        var asked = (indicator ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Take(20).ToList();
        var inds = asked.Select(Indicators.Find).ToList();
        if (inds.Count == 0 || inds.Any(i => i is null)) errors.Add("indicator", "Choose one or more of: {0}.", string.Join(", ", Indicators.All.Select(i => i.Id)));
        var ind = inds.FirstOrDefault();
        var fmt = DownloadFormat.Csv;
        if (!string.IsNullOrWhiteSpace(format) && !Codes.TryParse(format, out fmt)) errors.Add("format", "Choose one of: csv, xlsx, json, sdmx-csv.");
        Sex? s = null;
        if (!string.IsNullOrWhiteSpace(sex)) { if (Codes.TryParse<Sex>(sex, out var parsed)) s = parsed; else errors.Add("sex", "Choose one of: total, male, female."); }
        int? y = null;
        if (!string.IsNullOrWhiteSpace(year)) { if (int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var yy) && yy is > 1800 and < 2200) y = yy; else errors.Add("year", "Give a year, e.g. 2020."); }
        var data = await store.CurrentAsync(ct);
        // One area, several separated by commas (a comparison), or none for every area.
        var areas = (area ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Take(20)
            .Select(text => Find(data, "area", text, errors)).OfType<Area>().ToList();
        var a = areas.Count == 1 ? areas[0] : null;
        var c = Find(data, "counterpart", counterpart, errors);
        if (errors.Any || ind is null) return TypedResults.ValidationProblem(errors.ToDictionary());
        var rows = inds.SelectMany(i => areas.Count == 0 ? Rows(data, i!, null, c, s, y) : areas.SelectMany(x => Rows(data, i!, x, c, s, y))).ToList();
        if (rows.Count == 0) return TypedResults.NotFound();
        var name = $"nexus-{string.Join('-', inds.Select(i => i!.Id))}{(a is null ? "" : "-" + (a.Iso3 ?? a.Code.ToString(CultureInfo.InvariantCulture)).ToLowerInvariant())}";
        var source = data.Source(ind);
        return fmt switch
        {
            DownloadFormat.Xlsx => TypedResults.File(Xlsx(rows, source), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx"),
            DownloadFormat.Json => TypedResults.File(Json(rows, source), "application/json", name + ".json"),
            DownloadFormat.SdmxCsv => TypedResults.File(Encoding.UTF8.GetBytes(Sdmx.Csv(rows)), "text/csv; charset=utf-8", name + ".sdmx.csv"),
            _ => TypedResults.File(Encoding.UTF8.GetBytes(Csv(rows, source)), "text/csv; charset=utf-8", name + ".csv"),
        };
    }

    public static async Task<FileContentHttpResult> All(DataStore store, CancellationToken ct)
    {
        var data = await store.CurrentAsync(ct);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var readme = new StringBuilder("# Nexus data portal: all current figures\n\nOne CSV file per indicator. Columns: indicator, unit, area code (UN M49), ISO alpha-3, area name, counterpart code and name (bilateral indicators: origin or sending country), sex, year, value, flag (publisher's qualifier: e = estimate; UN DESA type of data B, C, R, I), note (publisher's footnote references). A figure the publisher marks as not available is absent, never zero.\n\n## Sources\n\n");
            foreach (var ind in Indicators.All)
            {
                var rows = Rows(data, ind, null, null, null, null).ToList();
                if (rows.Count == 0) continue;
                var entry = zip.CreateEntry($"{ind.Id}.csv", CompressionLevel.Optimal);
                await using (var w = new StreamWriter(entry.Open(), new UTF8Encoding(false))) await w.WriteAsync(Csv(rows, data.Source(ind)));
                if (data.Source(ind) is { } r)
                    readme.Append($"- `{ind.Id}.csv`: {ind.Name} ({ind.Unit}). {r.Publisher}, {r.Title}, edition {r.Edition}. Licence: {r.Licence}. {Datasets.Get(r.Dataset).SourceUrl}\n");
            }
            readme.Append("\nCite the publisher wherever a figure is shown or reused.\n");
            var entryReadme = zip.CreateEntry("README.md");
            await using var rw = new StreamWriter(entryReadme.Open(), new UTF8Encoding(false));
            await rw.WriteAsync(readme.ToString());
        }
        return TypedResults.File(buffer.ToArray(), "application/zip", "nexus-data.zip");
    }

    /// <summary>The figures a download covers: one area's series, or every area; bilateral ones by counterpart.</summary>
    public static IEnumerable<DataRow> Rows(DataSnapshot data, Indicator ind, Area? area, Area? counterpart, Sex? sex, int? year)
    {
        var sexes = sex is { } one ? [one] : ind.BySex ? Enum.GetValues<Sex>() : [Sex.Total];
        IEnumerable<Area> areas = area is null ? data.Areas.All.OrderBy(a => a.Code) : [area];
        foreach (var a in areas)
            foreach (var s in sexes)
            {
                if (ind.Bilateral)
                {
                    IEnumerable<Area> others = counterpart is null ? data.Areas.All.OrderBy(x => x.Code) : [counterpart];
                    foreach (var c in others)
                        foreach (var p in data.Series(ind.Id, a.Code, s, c.Code))
                            if (year is null || p.Year == year) yield return new DataRow(ind.Id, ind.Unit, a, c, s, p.Year, p.Value, p.Flag, p.Note);
                }
                else
                    foreach (var p in data.Series(ind.Id, a.Code, s))
                        if (year is null || p.Year == year) yield return new DataRow(ind.Id, ind.Unit, a, null, s, p.Year, p.Value, p.Flag, p.Note);
            }
    }

    private static Area? Find(DataSnapshot data, string field, string? text, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (text.Length > 200) { errors.Add(field, "At most 200 characters."); return null; }
        var a = data.Areas.Find(text);
        if (a is null) errors.Add(field, "No country or area is known by that code or name.");
        return a;
    }

    public static string Csv(IReadOnlyList<DataRow> rows, DataRelease? source)
    {
        var sb = new StringBuilder();
        using (var w = new StringWriter(sb, CultureInfo.InvariantCulture))
        using (var csv = new CsvHelper.CsvWriter(w, CultureInfo.InvariantCulture))
        {
            foreach (var h in new[] { "indicator", "unit", "area_code", "area_iso3", "area", "counterpart_code", "counterpart", "sex", "year", "value", "flag", "note", "source" })
                csv.WriteField(h);
            csv.NextRecord();
            var cite = source is null ? "" : $"{source.Publisher}, {source.Title}, {source.Edition} ({source.Licence})";
            foreach (var r in rows)
            {
                csv.WriteField(r.Indicator); csv.WriteField(r.Unit); csv.WriteField(r.Area.Code); csv.WriteField(r.Area.Iso3 ?? ""); csv.WriteField(r.Area.Name);
                csv.WriteField(r.Counterpart?.Code.ToString(CultureInfo.InvariantCulture) ?? ""); csv.WriteField(r.Counterpart?.Name ?? "");
                csv.WriteField(Codes.Of(r.Sex)); csv.WriteField(r.Year); csv.WriteField(r.Value.ToString("R", CultureInfo.InvariantCulture));
                csv.WriteField(r.Flag ?? ""); csv.WriteField(r.Note ?? ""); csv.WriteField(cite);
                csv.NextRecord();
            }
        }
        return sb.ToString();
    }

    private static byte[] Json(IReadOnlyList<DataRow> rows, DataRelease? source) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        source = source is null ? null : new { source.Publisher, source.Title, source.Edition, source.Licence, url = Datasets.Get(source.Dataset).SourceUrl },
        rows = rows.Select(r => new
        {
            r.Indicator, r.Unit, area = new { r.Area.Code, r.Area.Iso3, r.Area.Name },
            counterpart = r.Counterpart is null ? null : new { r.Counterpart.Code, r.Counterpart.Iso3, r.Counterpart.Name },
            sex = Codes.Of(r.Sex), r.Year, r.Value, r.Flag, r.Note,
        }),
    }, new JsonSerializerOptions(JsonSerializerDefaults.Web));

    private static byte[] Xlsx(IReadOnlyList<DataRow> rows, DataRelease? source)
    {
        using var stream = new MemoryStream();
        var sheet = rows.Select(r => new Dictionary<string, object?>
        {
            ["indicator"] = r.Indicator, ["unit"] = r.Unit, ["area_code"] = r.Area.Code, ["area_iso3"] = r.Area.Iso3, ["area"] = r.Area.Name,
            ["counterpart_code"] = r.Counterpart?.Code, ["counterpart"] = r.Counterpart?.Name, ["sex"] = Codes.Of(r.Sex),
            ["year"] = r.Year, ["value"] = r.Value, ["flag"] = r.Flag, ["note"] = r.Note,
        });
        var about = new[]
        {
            new Dictionary<string, object?> { ["about"] = source is null ? "" : $"{source.Publisher}, {source.Title}, edition {source.Edition}" },
            new Dictionary<string, object?> { ["about"] = source is null ? "" : $"Licence: {source.Licence}. Source: {Datasets.Get(source.Dataset).SourceUrl}" },
            new Dictionary<string, object?> { ["about"] = "Values marked not available by the publisher are absent. Flag e = estimate; B, C, R, I = UN DESA type of data." },
        };
        MiniExcelLibs.MiniExcel.SaveAs(stream, new Dictionary<string, object> { ["data"] = sheet, ["source"] = about });
        return stream.ToArray();
    }
}
