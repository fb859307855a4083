using System.Globalization;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;
using S = DocumentFormat.OpenXml.Spreadsheet;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Nexus.Tests.Library;

/// <summary>
/// Real files made on the spot with the same libraries people's tools are compatible with, so tests of upload,
/// extraction and search need no binary fixtures in the repository.
/// </summary>
public static class SampleFiles
{
    public static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    /// <summary>
    /// A PDF with one page per text, in Helvetica; "\n" starts a new line. ASCII only: PdfPig's writer declares
    /// StandardEncoding for the standard 14 fonts, which has no accented letters ("é" reads back as "Ø").
    /// </summary>
    public static byte[] Pdf(params string[] pageTexts)
    {
        using var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var pageText in pageTexts)
        {
            var page = builder.AddPage(PageSize.A4);
            var y = 800.0;
            foreach (var line in pageText.Split('\n'))
            {
                page.AddText(line, 11, new PdfPoint(50, y), font);
                y -= 16;
            }
        }
        return builder.Build();
    }

    /// <summary>A DOCX whose body is one paragraph per text.</summary>
    public static byte[] Docx(params string[] paragraphs) =>
        Docx(body => body.Append(paragraphs.Select(Paragraph)));

    /// <summary>A DOCX whose body is built by the caller, for tables and other structure.</summary>
    public static byte[] Docx(Action<W.Body> build)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var body = new W.Body();
            build(body);
            doc.AddMainDocumentPart().Document = new W.Document(body);
        }
        return stream.ToArray();
    }

    public static W.Paragraph Paragraph(string text) =>
        new(new W.Run(new W.Text(text) { Space = SpaceProcessingModeValues.Preserve }));

    public static W.Table Table(params string[][] rows) =>
        new(rows.Select(r => new W.TableRow(r.Select(cell => new W.TableCell(Paragraph(cell))))));

    /// <summary>An XLSX with one sheet.</summary>
    public static byte[] Xlsx(string[][] rows) => Workbook(("Sheet1", rows));

    /// <summary>
    /// An XLSX with the given sheets. Values that read as numbers are stored as numbers; the others go to the
    /// shared string table, as Excel writes them.
    /// </summary>
    public static byte[] Workbook(params (string Name, string[][] Rows)[] sheets)
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var book = doc.AddWorkbookPart();
            book.Workbook = new S.Workbook(new S.Sheets());
            var strings = new List<string>();
            uint sheetId = 1;
            foreach (var (name, rows) in sheets)
            {
                var sheet = book.AddNewPart<WorksheetPart>();
                var data = new S.SheetData(rows.Select(row => new S.Row(row.Select(value => Cell(value, strings)))));
                sheet.Worksheet = new S.Worksheet(data);
                book.Workbook.Sheets!.Append(new S.Sheet { Id = book.GetIdOfPart(sheet), SheetId = sheetId++, Name = name });
            }
            var table = book.AddNewPart<SharedStringTablePart>();
            table.SharedStringTable = new S.SharedStringTable(strings.Select(s => new S.SharedStringItem(new S.Text(s))));
        }
        return stream.ToArray();
    }

    private static S.Cell Cell(string value, List<string> strings)
    {
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            return new S.Cell { CellValue = new S.CellValue(value) };
        var index = strings.IndexOf(value);
        if (index < 0) { index = strings.Count; strings.Add(value); }
        return new S.Cell { DataType = S.CellValues.SharedString, CellValue = new S.CellValue(index.ToString(CultureInfo.InvariantCulture)) };
    }

    /// <summary>CSV bytes in the given encoding, with its byte order mark only when asked.</summary>
    public static byte[] Csv(string text, Encoding enc, bool byteOrderMark = false) =>
        [.. byteOrderMark ? enc.GetPreamble() : [], .. enc.GetBytes(text)];

    /// <summary>A zip with the given text entries, for containers that are not (or only look like) Office files.</summary>
    public static byte[] Zip(params (string Name, string Content)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(Encoding.UTF8.GetBytes(content));
            }
        }
        return stream.ToArray();
    }

    /// <summary>
    /// A DOCX-shaped zip whose document.xml inflates to <paramref name="bytes"/> bytes of spaces; 60 MB compress
    /// to about 60 KB.
    /// </summary>
    public static byte[] ZipBomb(long bytes = 60L * 1024 * 1024, string entryName = "word/document.xml")
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml", ContentTypes);
            Write(zip, "_rels/.rels", Relationships);
            using var entry = zip.CreateEntry(entryName, CompressionLevel.SmallestSize).Open();
            var spaces = new byte[1024 * 1024];
            spaces.AsSpan().Fill((byte)' ');
            for (var left = bytes; left > 0; left -= spaces.Length)
                entry.Write(spaces, 0, (int)Math.Min(left, spaces.Length));
        }
        return stream.ToArray();

        static void Write(ZipArchive zip, string name, string content)
        {
            using var entry = zip.CreateEntry(name).Open();
            entry.Write(Encoding.UTF8.GetBytes(content));
        }
    }

    public const string ContentTypes =
        """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>""";

    public const string Relationships =
        """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>""";
}
