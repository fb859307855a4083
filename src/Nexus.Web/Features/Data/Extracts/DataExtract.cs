using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Data.Import;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Data.Extracts;

/// <summary>
/// Nexus's own compact copy of a release: the figures only, with the release's description and its attribution in
/// comment lines. Nexus ships extracts of the official files, made by its importer (`data extract`), so that a new
/// install shows the portal filled without the original workbooks; importing them goes through the same pipeline as
/// any file. An areas extract carries the M49 list and UN DESA's groups the same way.
/// </summary>
public static class DataExtract
{
    public const string FiguresMagic = "# Nexus data extract 1";
    public const string AreasMagic = "# Nexus areas extract 1";
    private const string FiguresHeader = "indicator,area,counterpart,sex,year,value,flag,note";
    private const string AreasHeader = "code,name,iso2,iso3,kind,parent,ldc,lldc,sids,groups";

    /// <summary>Writes every current release and the areas as gzipped extracts into a folder; returns the files written.</summary>
    public static async Task<List<string>> WriteAllAsync(AppDbContext db, string folder, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        var areas = await db.Areas.AsNoTracking().OrderBy(a => a.Code).ToListAsync(ct);
        var members = (await db.AreaMembers.AsNoTracking().ToListAsync(ct)).ToLookup(m => m.MemberCode, m => m.GroupCode);
        var sb = new StringBuilder().AppendLine(AreasMagic)
            .AppendLine("# Sources: United Nations Statistics Division, Standard country or area codes for statistical use (M49);")
            .AppendLine("# United Nations, Department of Economic and Social Affairs, Population Division, International Migrant Stock 2020 (correspondence table).")
            .AppendLine(AreasHeader);
        foreach (var a in areas)
            sb.AppendLine(string.Join(',', a.Code.ToString(CultureInfo.InvariantCulture), Csv(a.Name), a.Iso2 ?? "", a.Iso3 ?? "", Codes.Of(a.Kind),
                a.ParentCode?.ToString(CultureInfo.InvariantCulture) ?? "", a.Ldc ? "1" : "", a.Lldc ? "1" : "", a.Sids ? "1" : "",
                string.Join(' ', members[a.Code].Order())));
        written.Add(await SaveAsync(folder, "areas.csv.gz", sb.ToString(), ct));

        foreach (var r in await db.DataReleases.AsNoTracking().Where(r => r.Current && r.Observations > 0).OrderBy(r => r.Dataset).ToListAsync(ct))
        {
            var info = Datasets.Get(r.Dataset);
            sb.Clear().AppendLine(FiguresMagic)
                .AppendLine($"# dataset: {r.Dataset}")
                .AppendLine($"# title: {OneLine(r.Title)}")
                .AppendLine($"# publisher: {OneLine(r.Publisher)}")
                .AppendLine($"# edition: {OneLine(r.Edition)}")
                .AppendLine($"# edition-date: {r.EditionDate:yyyy-MM-dd}")
                .AppendLine($"# licence: {OneLine(r.Licence)}")
                .AppendLine($"# source: {info.SourceUrl}")
                .AppendLine($"# source-file: {OneLine(r.FileName)} (SHA-256 {r.Sha256})")
                .AppendLine($"# attribution: {OneLine(r.Publisher)}, {OneLine(r.Title)}, {OneLine(r.Edition)}. Figures only, extracted by Nexus's importer.")
                .AppendLine(FiguresHeader);
            var series = await db.DataSeries.AsNoTracking().Where(o => o.ReleaseId == r.Id).ToListAsync(ct);
            // In the order of the key as stored (sex as its name), so that the same figures give the same bytes.
            var rows = series.OrderBy(o => o.Indicator, StringComparer.Ordinal).ThenBy(o => o.Area).ThenBy(o => o.Counterpart)
                .ThenBy(o => o.Sex.ToString(), StringComparer.Ordinal).SelectMany(o => o.Figures());
            foreach (var o in rows)
                sb.Append(o.Indicator).Append(',').Append(o.Area.ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append(o.Counterpart.ToString(CultureInfo.InvariantCulture)).Append(',').Append(Codes.Of(o.Sex)).Append(',')
                    .Append(o.Year.ToString(CultureInfo.InvariantCulture)).Append(',').Append(o.Value.ToString("R", CultureInfo.InvariantCulture))
                    .Append(',').Append(Csv(o.Flag ?? "")).Append(',').Append(Csv(o.Note ?? "")).AppendLine();
            written.Add(await SaveAsync(folder, $"{r.Dataset}.csv.gz", sb.ToString(), ct));
        }
        return written;
    }

    private static async Task<string> SaveAsync(string folder, string name, string text, CancellationToken ct)
    {
        var path = Path.Combine(folder, name);
        await using var file = File.Create(path);
        // No file name or time in the gzip header: the same figures give the same bytes, so the same checksum.
        await using var gzip = new GZipStream(file, CompressionLevel.SmallestSize);
        await gzip.WriteAsync(Encoding.UTF8.GetBytes(text), ct);
        return path;
    }

    private static string OneLine(string s) => s.Replace('\n', ' ').Replace('\r', ' ').Replace('"', '\'');

    private static string Csv(string s) => s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}

/// <summary>Reads extracts written by <see cref="DataExtract"/>.</summary>
public sealed class NexusExtractFormat : IDataFormat
{
    public string Name => "Nexus data extract (CSV)";

    public bool Recognizes(DataFile file) => file.Kind == DataFileKind.Csv && (StartsWith(file, DataExtract.FiguresMagic) || StartsWith(file, DataExtract.AreasMagic));

    private static bool StartsWith(DataFile file, string magic) =>
        file.Content.Length >= magic.Length && Encoding.UTF8.GetString(file.Content[..magic.Length]) == magic;

    public ParsedRelease Read(DataFile file, CancellationToken ct)
    {
        var text = Encoding.UTF8.GetString(file.Content);
        var lines = text.Split('\n');
        var meta = new Dictionary<string, string>();
        var first = 0;
        while (first < lines.Length && lines[first].StartsWith('#'))
        {
            var line = lines[first].TrimEnd('\r');
            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (colon > 2) meta[line[2..colon]] = line[(colon + 2)..];
            first++;
        }
        var sheet = file.Sheets[0];
        var header = first + 1; // 1-based row of the column names: the CSV reader sees the comment lines as rows too
        return StartsWith(file, DataExtract.AreasMagic) ? ReadAreas(sheet, header, ct) : ReadFigures(sheet, header, meta, ct);
    }

    private static ParsedRelease ReadFigures(Sheet s, int header, Dictionary<string, string> meta, CancellationToken ct)
    {
        string Meta(string key) => meta.TryGetValue(key, out var v) && v.Length > 0 ? v : throw new DataImportException($"The extract has no \"{key}\" line.");
        var dataset = Meta("dataset");
        if (Datasets.All.All(d => d.Code != dataset)) throw new DataImportException($"Unknown dataset \"{dataset}\".", s.At(1, 1));
        if (!IsoDate.TryParse(Meta("edition-date"), out var date))
            throw new DataImportException("The edition date is not a date (yyyy-MM-dd).");
        var release = new ParsedRelease { Dataset = dataset, Edition = Meta("edition"), EditionDate = date, Title = Meta("title") };
        for (var r = header + 1; r <= s.Rows.Count; r++)
        {
            if (r % 10_000 == 0) ct.ThrowIfCancellationRequested();
            if (s.Text(r, 1).Length == 0) continue;
            var indicator = s.Text(r, 1);
            if (Indicators.Find(indicator) is null) throw new DataImportException($"Unknown indicator \"{indicator}\".", s.At(r, 1));
            var area = Code(s, r, 2);
            var counterpart = Code(s, r, 3);
            if (!Codes.TryParse<Sex>(s.Text(r, 4), out var sex)) throw new DataImportException("Sex is total, male or female.", s.At(r, 4));
            var year = Code(s, r, 5);
            if (!double.TryParse(s.Text(r, 6), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                throw new DataImportException("Not a number.", s.At(r, 6));
            release.Observations.Add(new ParsedObservation(indicator, new AreaRef(area, null, "", s.At(r, 2)),
                counterpart == 0 ? null : new AreaRef(counterpart, null, "", s.At(r, 3)), sex, year, value, s.Text(r, 7), s.Text(r, 8)));
        }
        return release;
    }

    private static ParsedRelease ReadAreas(Sheet s, int header, CancellationToken ct)
    {
        var release = new ParsedRelease { Dataset = Datasets.M49, Edition = "M49", EditionDate = new DateOnly(2000, 1, 1), DefinesAreas = true };
        for (var r = header + 1; r <= s.Rows.Count; r++)
        {
            ct.ThrowIfCancellationRequested();
            if (s.Text(r, 1).Length == 0) continue;
            if (!Codes.TryParse<AreaKind>(s.Text(r, 5), out var kind)) throw new DataImportException("Unknown kind of area.", s.At(r, 5));
            var code = Code(s, r, 1);
            release.Areas.Add(new Area
            {
                Code = code, Name = s.Text(r, 2), Iso2 = Empty(s.Text(r, 3)), Iso3 = Empty(s.Text(r, 4)), Kind = kind,
                ParentCode = s.Text(r, 6).Length == 0 ? null : Code(s, r, 6),
                Ldc = s.Text(r, 7) == "1", Lldc = s.Text(r, 8) == "1", Sids = s.Text(r, 9) == "1",
            });
            foreach (var g in s.Text(r, 10).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                release.Members.Add(new AreaMember
                {
                    GroupCode = int.TryParse(g, NumberStyles.None, CultureInfo.InvariantCulture, out var gc) ? gc
                        : throw new DataImportException("Group codes are numbers.", s.At(r, 10)),
                    MemberCode = code,
                });
        }
        return release;
    }

    private static string? Empty(string s) => s.Length == 0 ? null : s;

    private static int Code(Sheet s, int row, int column) =>
        int.TryParse(s.Text(row, column), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
            : throw new DataImportException("Not a whole number.", s.At(row, column));
}
