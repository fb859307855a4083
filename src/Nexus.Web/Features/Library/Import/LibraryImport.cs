using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Library.Files;
using Nexus.Web.Infrastructure;
using Nexus.Web.Infrastructure.Files;

namespace Nexus.Web.Features.Library.Import;

public sealed record ImportedItem(int Id, string Slug, string Title, ItemStatus Status);

public sealed record ImportResult(ImportErrors Errors, IReadOnlyList<ImportedItem> Items)
{
    public bool Ok => !Errors.Any;
}

/// <summary>
/// Bulk import from a manifest (XLSX or CSV, one row per item), alone or in a zip with the files it names.
/// Everything is checked first and every problem reported with its row and column; only a clean upload is
/// written, in one transaction (<see cref="LibraryService.CreateManyAsync(IReadOnlyList{NewItem}, string, CancellationToken)"/>).
/// The upload comes from staff, but it is still untrusted input: sizes, names and compression are bounded.
/// </summary>
public sealed class LibraryImport(AppDbContext db, LibraryService library, FileStore store, ILogger<LibraryImport> log)
{
    public const long MaxUploadBytes = 200L * 1024 * 1024;
    public const int MaxRows = 5000;
    public const int MaxEntries = 2000;
    /// <summary>Sum of the uncompressed sizes of a zip's entries.</summary>
    public const long MaxUnpackedBytes = 1024L * 1024 * 1024;
    /// <summary>Entries larger than 1 MB that shrank more than this are refused as possible zip bombs.</summary>
    public const int MaxCompressionRatio = 100;
    public const long MaxManifestBytes = 100L * 1024 * 1024;
    /// <summary>An XLSX manifest is itself a zip; its XML parts together may not unpack to more than this.</summary>
    public const long MaxWorkbookUnpackedBytes = 256L * 1024 * 1024;

    private const string FilesColumn = "files";
    private static readonly string[] ManifestNames = ["manifest.xlsx", "manifest.csv"];

    private enum UploadKind { Zip, Xlsx, Csv }

    /// <param name="upload">A seekable stream: the zip, XLSX or CSV file.</param>
    /// <param name="fileName">The name the uploader gave, used only when the content does not tell the type.</param>
    public async Task<ImportResult> ImportAsync(Stream upload, string? fileName, string editor, CancellationToken ct)
    {
        var errors = new ImportErrors();
        if (upload.Length == 0) { errors.Add(ImportPlace.Upload, "The file is empty."); return Refused(errors); }
        if (upload.Length > MaxUploadBytes) { errors.Add(ImportPlace.Upload, "The file is larger than {0} MB.", MaxUploadBytes / 1024 / 1024); return Refused(errors); }

        var kind = KindOf(upload, fileName);
        if (kind is null) { errors.Add(ImportPlace.Upload, "Upload a zip file with a manifest, or a manifest alone (.xlsx or .csv)."); return Refused(errors); }
        if (kind != UploadKind.Zip)
        {
            if (upload.Length > MaxManifestBytes)
            {
                errors.Add(ImportPlace.Upload, "'{0}' is larger than {1} MB.", fileName ?? "manifest", MaxManifestBytes / 1024 / 1024);
                return Refused(errors);
            }
            var table = ReadManifest(upload, kind == UploadKind.Xlsx ? "xlsx" : "csv", errors);
            return table is null ? Refused(errors) : await ImportRowsAsync(table, null, editor, errors, ct);
        }

        ZipArchive zip;
        try { zip = new ZipArchive(upload, ZipArchiveMode.Read, leaveOpen: true); }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            errors.Add(ImportPlace.Upload, "The file could not be read as a zip archive.");
            return Refused(errors);
        }
        using (zip)
        {
            var entries = CheckZip(zip, errors);
            if (entries is null) return Refused(errors);
            var manifests = ManifestNames.Where(entries.ContainsKey).ToList();
            if (manifests.Count == 0) errors.Add(ImportPlace.Upload, "The zip has no manifest.xlsx or manifest.csv at its top level.");
            if (manifests.Count > 1) errors.Add(ImportPlace.Upload, "The zip has both a manifest.xlsx and a manifest.csv: keep one.");
            if (errors.Any) return Refused(errors);
            var manifestEntry = entries[manifests[0]];
            using var buffer = ReadEntry(manifestEntry, MaxManifestBytes, errors, ImportPlace.Upload);
            if (buffer is null) return Refused(errors);
            var table = ReadManifest(buffer, Path.GetExtension(manifestEntry.Name).TrimStart('.').ToLowerInvariant(), errors);
            return table is null ? Refused(errors) : await ImportRowsAsync(table, entries, editor, errors, ct);
        }
    }

    // ---- the upload --------------------------------------------------------------------------------------

    /// <summary>Zip or XLSX by content (an XLSX is a zip with a workbook inside); otherwise by the name; else CSV.</summary>
    private static UploadKind? KindOf(Stream upload, string? fileName)
    {
        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        var head = new byte[2];
        upload.Position = 0;
        var isZip = upload.ReadAtLeast(head, 2, throwOnEndOfStream: false) == 2 && head is [(byte)'P', (byte)'K'];
        upload.Position = 0;
        if (isZip)
        {
            try
            {
                using var zip = new ZipArchive(upload, ZipArchiveMode.Read, leaveOpen: true);
                return zip.GetEntry("xl/workbook.xml") is not null ? UploadKind.Xlsx : UploadKind.Zip;
            }
            catch (Exception e) when (e is InvalidDataException or IOException) { return extension == ".xlsx" ? UploadKind.Xlsx : UploadKind.Zip; }
            finally { upload.Position = 0; }
        }
        return extension switch
        {
            ".xlsx" => UploadKind.Xlsx,
            ".zip" => UploadKind.Zip,
            ".csv" or ".txt" or "" => UploadKind.Csv,
            _ => null,
        };
    }

    /// <summary>The zip's files by name (ignoring case), or null with the reasons when the zip is refused.</summary>
    private static Dictionary<string, ZipArchiveEntry>? CheckZip(ZipArchive zip, ImportErrors errors)
    {
        IReadOnlyCollection<ZipArchiveEntry> all;
        try { all = zip.Entries; }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            errors.Add(ImportPlace.Upload, "The file could not be read as a zip archive.");
            return null;
        }
        if (all.Count > MaxEntries)
        {
            errors.Add(ImportPlace.Upload, "The zip holds {0} entries; at most {1} are accepted.", all.Count, MaxEntries);
            return null;
        }
        var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.OrdinalIgnoreCase);
        long total = 0;
        foreach (var e in all)
        {
            if (!IsSafeName(e.FullName)) { errors.Add(ImportPlace.Upload, "The zip holds an entry with an unsafe name: '{0}'.", Printable(e.FullName)); continue; }
            total += e.Length;
            if (e.Length > 1024 * 1024 && e.Length > e.CompressedLength * MaxCompressionRatio)
                errors.Add(ImportPlace.Upload, "The zip entry '{0}' is compressed more than {1} times; it is refused as a possible zip bomb.", e.FullName, MaxCompressionRatio);
            if (e.FullName.EndsWith('/')) continue; // a folder
            if (!entries.TryAdd(e.FullName, e)) errors.Add(ImportPlace.Upload, "The zip holds '{0}' twice.", e.FullName);
        }
        if (total > MaxUnpackedBytes)
            errors.Add(ImportPlace.Upload, "The zip would unpack to more than {0} MB.", MaxUnpackedBytes / 1024 / 1024);
        return errors.Any ? null : entries;
    }

    /// <summary>Relative, forward slashes, no "..": nothing that could name a place outside a folder if unpacked.</summary>
    private static bool IsSafeName(string name) =>
        name.Length is > 0 and <= 500 && !name.StartsWith('/') && !name.Contains('\\') && !name.Contains(':')
        && !name.Any(char.IsControl) && name.Split('/').All(s => s is not (".." or "."));

    private static string Printable(string name) => new(name.Select(c => char.IsControl(c) ? '?' : c).ToArray());

    /// <summary>
    /// Reads an entry into memory, trusting neither its declared size (read at most <paramref name="max"/> bytes
    /// plus one) nor its content (a damaged entry is an error, not an exception).
    /// </summary>
    private static MemoryStream? ReadEntry(ZipArchiveEntry entry, long max, ImportErrors errors, ImportPlace at)
    {
        if (entry.Length > max)
        {
            errors.Add(at, "'{0}' is larger than {1} MB.", entry.FullName, max / 1024 / 1024);
            return null;
        }
        var buffer = new MemoryStream();
        try
        {
            using var source = entry.Open();
            var chunk = new byte[81920];
            int n;
            while ((n = source.Read(chunk)) > 0)
            {
                buffer.Write(chunk, 0, n);
                if (buffer.Length > Math.Min(max, entry.Length))
                {
                    errors.Add(at, "'{0}' unpacks to more than its stated size; the zip is damaged or forged.", entry.FullName);
                    buffer.Dispose();
                    return null;
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or IOException)
        {
            errors.Add(at, "'{0}' could not be unpacked: the zip is damaged, encrypted or uses an unknown compression.", entry.FullName);
            buffer.Dispose();
            return null;
        }
        buffer.Position = 0;
        return buffer;
    }

    private ManifestTable? ReadManifest(Stream content, string format, ImportErrors errors)
    {
        try
        {
            if (format == "xlsx")
            {
                if (!WorkbookIsBounded(content))
                {
                    errors.Add(ImportPlace.Upload, "The manifest could not be read as an Excel workbook.");
                    return null;
                }
                return Check(Manifest.ReadXlsx(content, MaxRows), errors);
            }
            return Check(Manifest.ReadCsv(content, MaxRows), errors);
        }
        catch (DecoderFallbackException)
        {
            errors.Add(ImportPlace.Upload, "The CSV file is not UTF-8 text: save it as \"CSV UTF-8\".");
            return null;
        }
        catch (CsvHelper.CsvHelperException e)
        {
            errors.Add(ImportPlace.Upload, "The CSV file could not be read near row {0}: check its quotes.", e.Context?.Parser?.Row ?? 0);
            return null;
        }
        // The workbook reader is given bytes from outside: whatever it throws means the file is not a workbook it can read.
        catch (Exception e) when (format == "xlsx" && e is not OperationCanceledException)
        {
            log.LogInformation(e, "An import manifest could not be read as a workbook");
            errors.Add(ImportPlace.Upload, "The manifest could not be read as an Excel workbook.");
            return null;
        }
    }

    /// <summary>An XLSX is a zip of XML parts; a forged one could unpack to gigabytes while the reader holds them.</summary>
    private static bool WorkbookIsBounded(Stream content)
    {
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            return zip.Entries.Count <= MaxEntries && zip.Entries.Sum(e => e.Length) <= MaxWorkbookUnpackedBytes;
        }
        catch (Exception e) when (e is InvalidDataException or IOException) { return false; }
        finally { content.Position = 0; }
    }

    private static ManifestTable? Check(ManifestTable table, ImportErrors errors)
    {
        if (table.Header.Count == 0) errors.Add(ImportPlace.Upload, "The manifest is empty.");
        else if (table.Rows.Count == 0) errors.Add(ImportPlace.Upload, "The manifest has a header row but no items below it.");
        else if (table.Rows.Count > MaxRows) errors.Add(ImportPlace.Upload, "The manifest has more than {0} rows; split it into several imports.", MaxRows);
        return errors.Any ? null : table;
    }

    // ---- the rows ----------------------------------------------------------------------------------------

    private async Task<ImportResult> ImportRowsAsync(ManifestTable table, Dictionary<string, ZipArchiveEntry>? entries, string editor,
        ImportErrors errors, CancellationToken ct)
    {
        var columns = Columns(table, errors);
        if (columns is null) return Refused(errors);

        var (themes, agencies) = await library.VocabularyAsync(ct);
        var today = library.Today;
        var rows = new List<(ManifestRow Row, ItemContent? Content, bool Publish, List<(string Name, string? Language)> Files)>();
        foreach (var row in table.Rows)
        {
            string? Cell(string column) => columns.TryGetValue(column, out var i) && i < row.Cells.Count ? row.Cells[i] : null;
            var (input, suffixes) = Input(Cell, row.Number, errors);
            var (content, fieldErrors) = input.ToContent(themes, agencies, today);
            errors.AddRow(row.Number, fieldErrors, field => ColumnOf(field, suffixes));
            var publish = Publish(Cell("publish"), row.Number, errors);
            rows.Add((row, content, publish, FileNames(Cell(FilesColumn), row.Number, errors)));
        }

        var eventIds = rows.Select(r => r.Content?.EventId).OfType<int>().Distinct().ToList();
        var known = await db.Events.Where(e => eventIds.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct);
        foreach (var (row, content, _, _) in rows)
            if (content?.EventId is { } id && !known.Contains(id))
            {
                var at = new ImportPlace(row.Number, "event_id");
                errors.Add(at, "No such event.");
            }

        var formats = CheckFiles(rows.Select(r => (r.Row.Number, r.Files)), entries, errors);
        if (errors.Any) return Refused(errors);

        var stored = new List<NewFile>();
        try
        {
            var items = new List<NewItem>(rows.Count);
            foreach (var (row, content, publish, files) in rows)
            {
                var newFiles = new List<NewFile>();
                foreach (var (name, language) in files)
                {
                    var entry = entries![name];
                    await using var buffer = ReadEntry(entry, LibraryService.MaxFileBytes, errors, new ImportPlace(row.Number, FilesColumn))
                                             ?? throw new InvalidDataException($"{name} could not be read a second time.");
                    var file = await library.StoreFileAsync(buffer, formats[name], entry.Name, language, ct);
                    stored.Add(file);
                    newFiles.Add(file);
                }
                items.Add(new NewItem(content!, publish, newFiles));
            }
            var created = await library.CreateManyAsync(items, editor, ct);
            return new ImportResult(errors, created.Select(i => new ImportedItem(i.Id, i.Slug, LibraryLanguages.Pick(i.Draft.Texts, "en").Title, i.Status)).ToList());
        }
        catch
        {
            // Nothing was written to the database; the stored files would be orphans.
            foreach (var f in stored) store.Delete(f.Stored.Key);
            throw;
        }
    }

    /// <summary>Column name to position, or null with the reasons when the header is not usable.</summary>
    private static Dictionary<string, int>? Columns(ManifestTable table, ImportErrors errors)
    {
        var columns = new Dictionary<string, int>();
        for (var i = 0; i < table.Header.Count; i++)
        {
            var name = Printable(Manifest.NormalizeHeader(table.Header[i]));
            var at = new ImportPlace(table.HeaderRow, name.Length > 0 ? name : (i + 1).ToString(CultureInfo.InvariantCulture));
            if (name.Length == 0)
            {
                if (table.Rows.Any(r => i < r.Cells.Count && !string.IsNullOrWhiteSpace(r.Cells[i])))
                    errors.Add(at, "The column has values but no name.");
            }
            else if (!Manifest.Columns.Contains(name)) errors.Add(at, "Unknown column '{0}'.", name);
            else if (!columns.TryAdd(name, i)) errors.Add(at, "The column appears twice.");
        }
        foreach (var missing in Manifest.Required.Where(c => !columns.ContainsKey(c)).Select(c => new ImportPlace(table.HeaderRow, c)))
            errors.Add(missing, "The column is missing.");
        return errors.Any ? null : columns;
    }

    /// <summary>The row as the API's input, and the column suffix of each of its texts ("" for the first, "_fr" ...).</summary>
    private static (ItemInput Input, List<string> Suffixes) Input(Func<string, string?> cell, int row, ImportErrors errors)
    {
        var texts = new List<TextInput>
        {
            new() { Language = cell("language"), Title = cell(Manifest.TitleColumn), Abstract = cell(Manifest.AbstractColumn), Body = cell(Manifest.BodyColumn) },
        };
        var suffixes = new List<string> { "" };
        foreach (var language in LibraryLanguages.All)
        {
            var suffix = "_" + language;
            var (title, summary, body) = (cell(Manifest.TitleColumn + suffix), cell(Manifest.AbstractColumn + suffix), cell(Manifest.BodyColumn + suffix));
            if (string.IsNullOrWhiteSpace(title) && string.IsNullOrWhiteSpace(summary) && string.IsNullOrWhiteSpace(body)) continue;
            texts.Add(new TextInput { Language = language, Title = title, Abstract = summary, Body = body });
            suffixes.Add(suffix);
        }

        int? eventId = null;
        var eventText = cell("event_id")?.Trim();
        if (!string.IsNullOrEmpty(eventText))
        {
            if (int.TryParse(eventText, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) eventId = id;
            else
            {
                var at = new ImportPlace(row, "event_id");
                errors.Add(at, "Give the number of an event.");
            }
        }

        return (new ItemInput
        {
            Kind = cell("kind"),
            Texts = texts,
            Authors = List(cell("authors")),
            Agencies = List(cell("agencies")),
            Themes = List(cell("themes")),
            // A spreadsheet turns the M49 code 008 typed in a cell into the number 8.
            Places = Manifest.Split(cell("places")).Select(p => p.All(char.IsAsciiDigit) && p.Length < 3 ? p.PadLeft(3, '0') : p).ToList(),
            PublishedOn = cell("published_on"),
            Licence = cell("licence"),
            EventId = eventId,
        }, suffixes);

        static List<string>? List(string? value) => Manifest.Split(value).ToList() is { Count: > 0 } list ? list : null;
    }

    /// <summary>The manifest column of a field named by <see cref="ItemInput.ToContent"/>.</summary>
    private static string ColumnOf(string field, List<string> suffixes)
    {
        if (field.StartsWith("texts[", StringComparison.Ordinal))
        {
            var close = field.IndexOf(']');
            var index = int.Parse(field[6..close], CultureInfo.InvariantCulture);
            var part = field[(close + 2)..];
            var suffix = index < suffixes.Count ? suffixes[index] : "";
            return part == "language" ? (index == 0 ? "language" : Manifest.TitleColumn + suffix) : part + suffix;
        }
        return field switch
        {
            "texts" => Manifest.TitleColumn,
            "publishedOn" => "published_on",
            "eventId" => "event_id",
            _ => field,
        };
    }

    private static bool Publish(string? value, int row, ImportErrors errors)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case null or "" or "yes" or "y" or "true" or "1" or "oui": return true;
            case "no" or "n" or "false" or "0" or "non": return false;
            default:
                var at = new ImportPlace(row, "publish");
                errors.Add(at, "Write yes or no.");
                return false;
        }
    }

    /// <summary>"report.pdf; annexe.docx|fr": names of files in the zip, each with an optional language.</summary>
    private static List<(string Name, string? Language)> FileNames(string? value, int row, ImportErrors errors)
    {
        var files = new List<(string, string?)>();
        var at = new ImportPlace(row, FilesColumn);
        foreach (var part in Manifest.Split(value))
        {
            var bar = part.LastIndexOf('|');
            var name = (bar < 0 ? part : part[..bar]).Trim().Replace('\\', '/');
            var language = bar < 0 ? null : part[(bar + 1)..].Trim().ToLowerInvariant();
            if (FieldErrors.Clean(name) is null) errors.Add(at, "Contains characters that are not allowed.");
            else if (language is not null && !LibraryLanguages.All.Contains(language))
                errors.Add(at, "'{0}': give the language after | as one of {1}.", name, string.Join(", ", LibraryLanguages.All));
            else files.Add((name, language));
        }
        return files;
    }

    /// <summary>Checks that every named file is in the zip and of an accepted type; returns each file's format.</summary>
    private static Dictionary<string, string> CheckFiles(IEnumerable<(int Row, List<(string Name, string? Language)> Files)> rows,
        Dictionary<string, ZipArchiveEntry>? entries, ImportErrors errors)
    {
        var formats = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var refused = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (row, files) in rows)
            foreach (var (name, _) in files)
            {
                var at = new ImportPlace(row, FilesColumn);
                if (formats.ContainsKey(name)) continue;
                if (entries is null)
                {
                    errors.Add(at, "'{0}' is named, but a manifest alone carries no files: upload a zip with the manifest and the files.", name);
                    continue;
                }
                if (!entries.TryGetValue(name, out var entry))
                {
                    errors.Add(at, "'{0}' is not in the zip file.", name);
                    continue;
                }
                if (refused.Contains(name)) { errors.Add(at, "'{0}' cannot be imported (see above).", name); continue; }
                using var buffer = ReadEntry(entry, LibraryService.MaxFileBytes, errors, at);
                var format = buffer is null ? null : LibraryFileFormat.Detect(buffer, entry.Name);
                if (format is not null) formats[name] = format;
                else
                {
                    if (buffer is not null)
                        errors.Add(at, "'{0}' is not a PDF, Word (.docx), Excel (.xlsx) or CSV file.", name);
                    refused.Add(name);
                }
            }
        return formats;
    }

    private static ImportResult Refused(ImportErrors errors) => new(errors, []);
}
