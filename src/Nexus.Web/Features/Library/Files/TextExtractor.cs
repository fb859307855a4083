using System.Globalization;
using System.IO.Compression;
using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using UglyToad.PdfPig.Exceptions;
using S = DocumentFormat.OpenXml.Spreadsheet;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Nexus.Web.Features.Library.Files;

/// <summary>
/// The text of a file for search. <see cref="Error"/> says, for the person who uploaded it, why there is no text
/// or only part of it; <see cref="Text"/> holds whatever could be read either way.
/// </summary>
public sealed record ExtractedText(string Text, string? Error);

/// <summary>
/// Reads the text of library files. Files come from anyone who may upload, so a damaged, hostile or enormous file
/// gives an <see cref="ExtractedText.Error"/>, never an exception, and the work done is bounded by
/// <c>maxChars</c>, <see cref="MaxPdfPages"/>, <see cref="MaxRows"/> and the size limits on zip parts.
/// </summary>
public static class TextExtractor
{
    public const int MaxPdfPages = 5_000;
    /// <summary>Rows read from a spreadsheet or CSV, over all sheets.</summary>
    public const int MaxRows = 200_000;
    /// <summary>Uncompressed size allowed for one XML part of a DOCX or XLSX; more is treated as a zip bomb.</summary>
    public const long MaxPartBytes = 50L * 1024 * 1024;
    /// <summary>Uncompressed size allowed for all the parts read from one file (a DOCX can have many headers).</summary>
    public const long MaxPackageBytes = 2 * MaxPartBytes;
    private const int MaxZipEntries = 10_000;

    internal const string EmptyFile = "The file is empty.";
    internal const string Damaged = "The file is damaged and its text could not be read.";
    internal const string PartlyDamaged = "Part of the file is damaged; only some of its text could be read.";
    internal const string Encrypted = "The PDF is encrypted with a password, so its text could not be read.";
    internal const string NoPdfText = "The PDF contains no text; it may be a scanned image.";
    internal const string TooLarge = "The file expands to too much content to be read safely; its text was not read.";
    internal const string NotText = "The file is not text.";

    /// <summary>
    /// Extracts the text of a whole file held in a seekable stream, which is read from position 0 and left open.
    /// <paramref name="format"/> is one of <see cref="LibraryFileFormat"/>'s formats, as detected for this content.
    /// </summary>
    public static ExtractedText Extract(Stream content, string format, int maxChars = 1_000_000)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxChars);
        if (!content.CanSeek) throw new ArgumentException("The stream must be seekable.", nameof(content));
        Func<Stream, TextBuilder, string?> read = format switch
        {
            LibraryFileFormat.Pdf => ReadPdf,
            LibraryFileFormat.Docx => ReadDocx,
            LibraryFileFormat.Xlsx => ReadXlsx,
            LibraryFileFormat.Csv => ReadCsv,
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Not a library file format."),
        };
        if (content.Length == 0) return new("", EmptyFile);

        var text = new TextBuilder(maxChars);
        try
        {
            content.Position = 0;
            var error = read(content, text);
            return new(text.ToString(), error);
        }
        // The parsers throw whatever their code paths meet on malformed input (format, XML, zip, index and null
        // reference exceptions among others), so the one safe reading of any exception here is "damaged".
        catch (Exception)
        {
            var partial = text.ToString();
            return new(partial, partial.Length == 0 ? Damaged : PartlyDamaged);
        }
        finally { content.Position = 0; }
    }

    private static string? ReadPdf(Stream content, TextBuilder text)
    {
        PdfDocument pdf;
        try
        {
            // Lenient parsing recovers most files with a broken cross-reference table; skipping missing fonts loses
            // some letters instead of the whole page.
            pdf = PdfDocument.Open(content, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
        }
        catch (PdfDocumentEncryptedException) { return Encrypted; }

        using (pdf)
        {
            var pages = Math.Min(pdf.NumberOfPages, MaxPdfPages);
            var damagedPages = 0;
            for (var number = 1; number <= pages && !text.IsFull; number++)
            {
                string page;
                // One bad page (a broken font or content stream) should not cost the text of the others.
                try { page = ContentOrderTextExtractor.GetText(pdf.GetPage(number)); }
                catch (Exception) { damagedPages++; continue; }
                text.Append(page);
                text.Break();
            }
            var any = !text.IsEmpty;
            if (damagedPages > 0) return any ? PartlyDamaged : Damaged;
            return any ? null : NoPdfText;
        }
    }

    private static readonly OpenSettings ReadOnly = new()
    {
        AutoSave = false,
        // The SDK's own limit on parts it loads whole (the workbook); parts read here are checked before reading.
        MaxCharactersInPart = MaxPartBytes,
    };

    private static string? ReadDocx(Stream content, TextBuilder text)
    {
        var sizes = PartSizes(content);
        if (sizes is null) return TooLarge;
        using var doc = WordprocessingDocument.Open(content, false, ReadOnly);
        if (doc.MainDocumentPart is not { } main) return Damaged;

        // Body first, so that with a cap it is the body that is kept; notes, headers and footers add terms.
        var parts = new OpenXmlPart?[] { main, main.FootnotesPart, main.EndnotesPart }
            .Concat(main.HeaderParts)
            .Concat(main.FooterParts)
            .OfType<OpenXmlPart>()
            .ToList();
        if (!FitsLimits(parts, sizes)) return TooLarge;
        foreach (var part in parts)
        {
            if (text.IsFull) break;
            ReadWordPart(part, text);
            text.Break();
        }
        return null;
    }

    private static void ReadWordPart(OpenXmlPart part, TextBuilder text)
    {
        using var reader = OpenXmlReader.Create(part);
        var skipDepth = -1;
        while (!text.IsFull && reader.Read())
        {
            if (skipDepth >= 0)
            {
                if (!reader.IsStartElement && reader.Depth == skipDepth) skipDepth = -1;
                continue;
            }
            var type = reader.ElementType;
            if (reader.IsStartElement)
            {
                // Text boxes are written twice, once for new Word and once as a fallback for old; read them once.
                if (type == typeof(AlternateContentFallback)) skipDepth = reader.Depth;
                else if (type == typeof(W.Text)) text.AppendInline(reader.GetText());
                else if (type == typeof(W.TabChar)) text.Space();
                else if (type == typeof(W.Break) || type == typeof(W.CarriageReturn)) text.Break();
                else if (type == typeof(W.NoBreakHyphen)) text.AppendInline("-");
            }
            else if (type == typeof(W.Paragraph) || type == typeof(W.TableCell)) text.Break();
        }
    }

    private static string? ReadXlsx(Stream content, TextBuilder text)
    {
        var sizes = PartSizes(content);
        if (sizes is null) return TooLarge;
        using var doc = SpreadsheetDocument.Open(content, false, ReadOnly);
        if (doc.WorkbookPart is not { } book) return Damaged;

        // Worksheets in the order of the tabs; chart sheets have no cells.
        var sheets = (book.Workbook.Sheets?.Elements<S.Sheet>() ?? [])
            .Select(s => s.Id?.Value is { } id && book.TryGetPartById(id, out var p) ? p as WorksheetPart : null)
            .OfType<WorksheetPart>()
            .ToList();
        if (!FitsLimits([.. sheets, .. book.SharedStringTablePart is { } sst ? [sst] : Array.Empty<OpenXmlPart>()], sizes)) return TooLarge;

        var shared = book.SharedStringTablePart is { } table ? SharedStrings(table) : [];
        var rows = 0;
        foreach (var sheet in sheets)
        {
            if (text.IsFull || rows >= MaxRows) break;
            rows += ReadSheet(sheet, shared, text, MaxRows - rows);
        }
        return null;
    }

    /// <summary>The shared string table; rich text runs are joined, phonetic guides (Japanese furigana) left out.</summary>
    private static List<string> SharedStrings(SharedStringTablePart part)
    {
        var strings = new List<string>();
        var current = new System.Text.StringBuilder();
        var phoneticDepth = -1;
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            var type = reader.ElementType;
            if (phoneticDepth >= 0)
            {
                if (!reader.IsStartElement && reader.Depth == phoneticDepth) phoneticDepth = -1;
                continue;
            }
            if (type == typeof(S.PhoneticRun) && reader.IsStartElement) phoneticDepth = reader.Depth;
            else if (type == typeof(S.Text) && reader.IsStartElement) current.Append(reader.GetText());
            else if (type == typeof(S.SharedStringItem) && !reader.IsStartElement)
            {
                strings.Add(current.ToString());
                current.Clear();
            }
        }
        return strings;
    }

    /// <summary>Reads cell values row by row, cells separated by spaces, rows by breaks; returns rows read.</summary>
    private static int ReadSheet(WorksheetPart sheet, List<string> shared, TextBuilder text, int maxRows)
    {
        using var reader = OpenXmlReader.Create(sheet);
        var rows = 0;
        string? cellType = null;
        var phoneticDepth = -1;
        while (!text.IsFull && reader.Read())
        {
            var type = reader.ElementType;
            if (phoneticDepth >= 0)
            {
                if (!reader.IsStartElement && reader.Depth == phoneticDepth) phoneticDepth = -1;
                continue;
            }
            if (!reader.IsStartElement)
            {
                if (type == typeof(S.Row))
                {
                    text.Break();
                    if (++rows >= maxRows) break;
                }
                continue;
            }
            if (type == typeof(S.Cell))
            {
                cellType = reader.Attributes.FirstOrDefault(a => a.LocalName == "t" && a.NamespaceUri.Length == 0).Value;
            }
            else if (type == typeof(S.CellValue))
            {
                if (CellText(reader.GetText(), cellType, shared) is { } value)
                {
                    text.AppendInline(value);
                    text.Space();
                }
            }
            else if (type == typeof(S.PhoneticRun)) phoneticDepth = reader.Depth;
            else if (type == typeof(S.Text))
            {
                // Inline strings (<is><t>), written by many tools that make spreadsheets without a string table.
                text.AppendInline(reader.GetText());
                text.Space();
            }
        }
        return rows;
    }

    private static string? CellText(string value, string? cellType, List<string> shared) => cellType switch
    {
        "s" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < shared.Count ? shared[i] : null,
        "b" => value == "1" ? "TRUE" : "FALSE",
        "e" => null,
        "str" or "inlineStr" => value,
        // Excel stores binary doubles in decimal (0.1 as 0.10000000000000001); the shortest round trip reads as typed.
        _ => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d.ToString(CultureInfo.InvariantCulture) : value,
    };

    /// <summary>
    /// The uncompressed size of every zip entry, from the zip directory, so that nothing is inflated before it is
    /// known to be small enough; null when the file has too many entries or an XML entry is too large. The sizes
    /// are binding: .NET's zip reader stops inflating an entry at its recorded size.
    /// </summary>
    private static Dictionary<string, long>? PartSizes(Stream content)
    {
        content.Position = 0;
        Dictionary<string, long> sizes;
        using (var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true))
        {
            if (zip.Entries.Count > MaxZipEntries) return null;
            sizes = new(zip.Entries.Count, StringComparer.OrdinalIgnoreCase);
            foreach (var entry in zip.Entries) sizes[entry.FullName] = entry.Length;
        }
        content.Position = 0;
        // The package itself reads [Content_Types].xml and the relationship parts, before any check of ours.
        return sizes.Any(e => e.Value > MaxPartBytes && (e.Key.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || e.Key.EndsWith(".rels", StringComparison.OrdinalIgnoreCase)))
            ? null
            : sizes;
    }

    /// <summary>Whether the parts about to be read are each and together within limits, whatever their names.</summary>
    private static bool FitsLimits(IEnumerable<OpenXmlPart> parts, Dictionary<string, long> sizes)
    {
        long total = 0;
        foreach (var part in parts)
        {
            // Part names are absolute URIs ("/word/document.xml"); zip entries have no leading slash. A part with
            // no entry of that name cannot be measured, so it is not read.
            var name = Uri.UnescapeDataString(part.Uri.OriginalString).TrimStart('/');
            if (!sizes.TryGetValue(name, out var size) || size > MaxPartBytes) return false;
            total += size;
        }
        return total <= MaxPackageBytes;
    }

    private static string? ReadCsv(Stream content, TextBuilder text)
    {
        var encoding = LibraryFileFormat.TextEncodingOf(content);
        if (encoding is null) return NotText;
        try
        {
            ReadCsvRecords(content, encoding, text);
        }
        // A field longer than the whole cap can only come from a quote that is never closed; such a file is still
        // text, so it is read as lines instead.
        catch (CsvHelperException)
        {
            text.Clear();
            content.Position = 0;
            using var reader = new StreamReader(content, encoding, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
            var rows = 0;
            while (!text.IsFull && rows++ < MaxRows && reader.ReadLine() is { } line)
            {
                text.AppendInline(line);
                text.Break();
            }
        }
        return null;
    }

    private static void ReadCsvRecords(Stream content, System.Text.Encoding encoding, TextBuilder text)
    {
        content.Position = 0;
        using var reader = new StreamReader(content, encoding, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            // Spreadsheets saved in many European locales separate fields with semicolons.
            DetectDelimiter = true,
            // A stray quote inside a field is kept as text rather than reported.
            BadDataFound = null,
            MaxFieldSize = text.MaxChars,
        };
        using var parser = new CsvParser(reader, config);
        var rows = 0;
        while (!text.IsFull && rows++ < MaxRows && parser.Read())
        {
            for (var i = 0; i < parser.Count; i++)
            {
                text.AppendInline(parser[i]);
                text.Space();
            }
            text.Break();
        }
    }
}
