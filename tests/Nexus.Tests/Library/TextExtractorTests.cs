using System.Buffers.Binary;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using MiniExcelLibs;
using Nexus.Web.Features.Library.Files;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Nexus.Tests.Library;

public class TextExtractorTests
{
    private const string Sentence = "The Global Forum on Migration and Development met in Manila in October 2008.";

    private static ExtractedText Extract(byte[] bytes, string format, int maxChars = 1_000_000) =>
        TextExtractor.Extract(new MemoryStream(bytes), format, maxChars);

    private static string[] Lines(ExtractedText extracted) => extracted.Text.Split('\n');

    [Fact]
    public void A_pdf_gives_its_sentence()
    {
        var extracted = Extract(SampleFiles.Pdf(Sentence), "pdf");

        Assert.Null(extracted.Error);
        Assert.Equal(Sentence, extracted.Text);
    }

    [Fact]
    public void A_pdf_of_several_pages_gives_their_text_in_page_order_with_breaks_between()
    {
        var extracted = Extract(SampleFiles.Pdf("First page.", "Second page\nhas two lines.", "Third page."), "pdf");

        Assert.Null(extracted.Error);
        Assert.Equal(["First page.", "Second page", "has two lines.", "Third page."], Lines(extracted));
    }

    [Fact]
    public void A_long_pdf_is_cut_at_the_character_limit()
    {
        var pdf = SampleFiles.Pdf([.. Enumerable.Range(1, 50).Select(i => $"Page {i}: {Sentence}")]);

        var extracted = Extract(pdf, "pdf", maxChars: 300);

        Assert.Null(extracted.Error);
        Assert.InRange(extracted.Text.Length, 250, 300);
        Assert.StartsWith("Page 1: ", extracted.Text);
        Assert.DoesNotContain("Page 50", extracted.Text);
    }

    [Fact]
    public void A_pdf_with_no_text_says_it_may_be_a_scan()
    {
        var extracted = Extract(SampleFiles.Pdf(""), "pdf");

        Assert.Equal("", extracted.Text);
        Assert.Contains("scanned", extracted.Error);
    }

    [Fact]
    public void A_pdf_locked_with_a_password_says_so()
    {
        var extracted = Extract(PasswordProtectedPdf(), "pdf");

        Assert.Equal("", extracted.Text);
        Assert.Contains("encrypted", extracted.Error);
    }

    [Fact]
    public void A_docx_gives_its_paragraphs_and_table_cells_one_per_line()
    {
        var docx = SampleFiles.Docx(body => body.Append(
            SampleFiles.Paragraph("Remittances   to the Philippines\trose."),
            SampleFiles.Table(["Year", "Amount"], ["2008", "16.4 billion"]),
            SampleFiles.Paragraph("Source: central bank.")));

        var extracted = Extract(docx, "docx");

        Assert.Null(extracted.Error);
        Assert.Equal(["Remittances to the Philippines rose.", "Year", "Amount", "2008", "16.4 billion", "Source: central bank."], Lines(extracted));
    }

    [Fact]
    public void A_docx_gives_headers_and_footnotes_after_the_body()
    {
        using var stream = Expandable(SampleFiles.Docx("Body text."));
        using (var doc = WordprocessingDocument.Open(stream, true))
        {
            var main = doc.MainDocumentPart!;
            main.AddNewPart<HeaderPart>().Header = new W.Header(SampleFiles.Paragraph("Running header"));
            main.AddNewPart<FootnotesPart>().Footnotes = new W.Footnotes(new W.Footnote(SampleFiles.Paragraph("A footnote.")) { Id = 1 });
        }

        var extracted = Extract(stream.ToArray(), "docx");

        Assert.Null(extracted.Error);
        Assert.Equal(["Body text.", "A footnote.", "Running header"], Lines(extracted));
    }

    [Fact]
    public void A_text_box_written_twice_for_old_and_new_word_is_read_once()
    {
        var docx = HandMadeDocx("""
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
                        xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
                        xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
              <w:body>
                <w:p><w:r><w:t>Before.</w:t></w:r></w:p>
                <w:p><w:r><mc:AlternateContent>
                  <mc:Choice Requires="wps"><w:t>In the box.</w:t></mc:Choice>
                  <mc:Fallback><w:t>In the box.</w:t></mc:Fallback>
                </mc:AlternateContent></w:r></w:p>
                <w:p><w:r><w:delText>Deleted in review.</w:delText><w:t>After.</w:t></w:r></w:p>
              </w:body>
            </w:document>
            """);

        var extracted = Extract(docx, "docx");

        Assert.Null(extracted.Error);
        Assert.Equal(["Before.", "In the box.", "After."], Lines(extracted));
    }

    [Fact]
    public void An_xlsx_gives_every_sheet_row_by_row_with_shared_strings_resolved()
    {
        var xlsx = SampleFiles.Workbook(
            ("Countries", [["Country", "Migrants"], ["España", "6.5"], ["México", "0.1"]]),
            ("Notes", [["Figures in millions, niño"]]));

        var extracted = Extract(xlsx, "xlsx");

        Assert.Null(extracted.Error);
        Assert.Equal(["Country Migrants", "España 6.5", "México 0.1", "Figures in millions, niño"], Lines(extracted));
    }

    [Fact]
    public void An_xlsx_written_by_another_library_is_read_too()
    {
        using var stream = new MemoryStream();
        stream.SaveAs(new[] { new { Agency = "IOM", City = "Genève" }, new { Agency = "UNITAR", City = "New York" } });

        var extracted = Extract(stream.ToArray(), "xlsx");

        Assert.Null(extracted.Error);
        Assert.Equal(["Agency City", "IOM Genève", "UNITAR New York"], Lines(extracted));
    }

    [Fact]
    public void A_utf8_csv_gives_one_line_per_row_with_fields_joined_by_spaces()
    {
        var csv = SampleFiles.Csv("país,ciudad,nota\nEspaña,\"Madrid, capital\",\"dos\nlíneas\"\r\nPerú,Lima,niño\n", Encoding.UTF8, byteOrderMark: true);

        var extracted = Extract(csv, "csv");

        Assert.Null(extracted.Error);
        Assert.Equal(["país ciudad nota", "España Madrid, capital dos líneas", "Perú Lima niño"], Lines(extracted));
    }

    [Fact]
    public void A_windows_1252_csv_with_semicolons_keeps_its_accents()
    {
        var csv = SampleFiles.Csv("país;café;coût\nEspaña;niño;5 €\n", SampleFiles.Windows1252);

        var extracted = Extract(csv, "csv");

        Assert.Null(extracted.Error);
        Assert.Equal(["país café coût", "España niño 5 €"], Lines(extracted));
    }

    [Fact]
    public void A_csv_with_an_unclosed_quote_is_still_read_as_text()
    {
        var csv = SampleFiles.Csv("name,comment\nAna,\"never closed\nBo,fine\n", Encoding.UTF8);

        var extracted = Extract(csv, "csv");

        Assert.Null(extracted.Error);
        foreach (var word in new[] { "name", "comment", "Ana", "never closed", "Bo", "fine" }) Assert.Contains(word, extracted.Text);
    }

    [Fact]
    public void A_csv_whose_unclosed_quote_swallows_more_than_the_limit_falls_back_to_lines()
    {
        var csv = SampleFiles.Csv("a,\"open\n" + string.Concat(Enumerable.Repeat("row,of,text\n", 200)), Encoding.UTF8);

        var extracted = Extract(csv, "csv", maxChars: 500);

        Assert.Null(extracted.Error);
        Assert.StartsWith("a,\"open\nrow,of,text\n", extracted.Text);
        Assert.InRange(extracted.Text.Length, 450, 500);
    }

    [Fact]
    public void Whitespace_runs_collapse_and_control_characters_and_lone_surrogates_disappear()
    {
        var text = new TextBuilder(1000);
        text.Append("  Migration \u0000 and\u00A0\u00A0development \r\n\r\n\n  Second\u0007 para\u00ADgraph\uD800 😀 \u2029");
        text.AppendInline("cell\nwith a break");

        Assert.Equal("Migration and development\nSecond paragraph 😀\ncell with a break", text.ToString());
    }

    [Fact]
    public void The_character_limit_never_splits_a_surrogate_pair()
    {
        var text = new TextBuilder(5);
        text.Append("abcd😀");

        Assert.Equal("abcd", text.ToString());
        Assert.True(text.IsFull);
    }

    [Fact]
    public void Extraction_leaves_the_callers_stream_open_at_the_start()
    {
        using var stream = new MemoryStream(SampleFiles.Docx("Text"));

        TextExtractor.Extract(stream, "docx");

        Assert.True(stream.CanRead);
        Assert.Equal(0, stream.Position);
    }

    [Fact]
    public void An_unknown_format_is_a_programming_error() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TextExtractor.Extract(new MemoryStream([1]), "pptx"));

    public static TheoryData<string, byte[], string, string> BadFiles()
    {
        var random = new byte[8192];
        new Random(11).NextBytes(random);
        var pdf = SampleFiles.Pdf(Sentence, Sentence, Sentence);
        var notOffice = SampleFiles.Zip(("readme.txt", "hello"), ("data/values.xml", "<values/>"));
        var garbageXml = HandMadeDocx("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:t>unclosed");
        byte[] withNul = [.. "a,b\n1,"u8, 0, .. "2\n"u8];
        return new()
        {
            { "empty PDF", [], "pdf", TextExtractor.EmptyFile },
            { "empty DOCX", [], "docx", TextExtractor.EmptyFile },
            { "empty CSV", [], "csv", TextExtractor.EmptyFile },
            { "random bytes as PDF", random, "pdf", TextExtractor.Damaged },
            { "random bytes as DOCX", random, "docx", TextExtractor.Damaged },
            { "random bytes as XLSX", random, "xlsx", TextExtractor.Damaged },
            { "random bytes as CSV", random, "csv", TextExtractor.NotText },
            { "the first half of a PDF", pdf[..(pdf.Length / 2)], "pdf", TextExtractor.Damaged },
            { "a zip that is not Office as DOCX", notOffice, "docx", TextExtractor.Damaged },
            { "a zip that is not Office as XLSX", notOffice, "xlsx", TextExtractor.Damaged },
            { "a DOCX whose document.xml is garbage", garbageXml, "docx", TextExtractor.Damaged },
            { "a DOCX as XLSX", SampleFiles.Docx("text"), "xlsx", TextExtractor.Damaged },
            { "a CSV with a NUL byte", withNul, "csv", TextExtractor.NotText },
            { "a PDF as CSV", pdf, "csv", TextExtractor.NotText },
        };
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void A_bad_file_gives_an_error_instead_of_an_exception(string file, byte[] bytes, string format, string error)
    {
        var extracted = Extract(bytes, format);

        Assert.True(error == extracted.Error, $"{file}: {extracted.Error}");
        Assert.Equal("", extracted.Text);
    }

    [Theory]
    [InlineData("word/document.xml", "docx")]
    [InlineData("xl/sharedStrings.xml", "xlsx")]
    public void A_zip_bomb_is_refused_before_it_is_inflated(string entry, string format)
    {
        var bomb = SampleFiles.ZipBomb(entryName: entry);
        Assert.InRange(bomb.Length, 1, 1024 * 1024);

        var extracted = Extract(bomb, format);

        Assert.Equal(TextExtractor.TooLarge, extracted.Error);
    }

    [Fact]
    public void Headers_that_are_each_small_but_together_too_large_are_refused()
    {
        using var stream = Expandable(SampleFiles.Docx("Body"));
        using (var doc = WordprocessingDocument.Open(stream, true))
        {
            // Three headers of 40 MB of spaces each: under the part limit, over the limit for the whole file.
            var spaces = new byte[1024 * 1024];
            spaces.AsSpan().Fill((byte)' ');
            for (var i = 0; i < 3; i++)
            {
                using var part = doc.MainDocumentPart!.AddNewPart<HeaderPart>().GetStream(FileMode.Create);
                part.Write("<w:hdr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"u8);
                for (var mb = 0; mb < 40; mb++) part.Write(spaces);
                part.Write("</w:hdr>"u8);
            }
        }

        var extracted = Extract(stream.ToArray(), "docx");

        Assert.Equal(TextExtractor.TooLarge, extracted.Error);
    }

    [Fact]
    public void A_zip_that_understates_the_size_of_a_part_is_not_inflated_past_what_it_claims()
    {
        var bomb = SampleFiles.ZipBomb();
        ClaimUncompressedSize(bomb, "word/document.xml", 100);

        var extracted = Extract(bomb, "docx");

        Assert.Equal(TextExtractor.Damaged, extracted.Error);
    }

    /// <summary>A copy that can grow, for changing a sample file in place.</summary>
    private static MemoryStream Expandable(byte[] bytes)
    {
        var stream = new MemoryStream();
        stream.Write(bytes);
        return stream;
    }

    /// <summary>A zip holding a hand-written document.xml, for markup the SDK would not write.</summary>
    private static byte[] HandMadeDocx(string documentXml) => SampleFiles.Zip(
        ("[Content_Types].xml", SampleFiles.ContentTypes),
        ("_rels/.rels", SampleFiles.Relationships),
        ("word/document.xml", documentXml));

    /// <summary>Rewrites the uncompressed size an entry's local header and directory record give.</summary>
    private static void ClaimUncompressedSize(byte[] zip, string entryName, uint size)
    {
        var name = Encoding.UTF8.GetBytes(entryName);
        for (var i = 0; i + 46 < zip.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i));
            if (signature == 0x04034b50 && zip.AsSpan(i + 30).StartsWith(name))
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + 22), size);
            else if (signature == 0x02014b50 && zip.AsSpan(i + 46).StartsWith(name))
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + 24), size);
        }
    }

    /// <summary>
    /// A one-page PDF encrypted with the standard security handler; its password check values match no password,
    /// so no reader can open it without one. Offsets are computed, as the cross-reference table needs them exact.
    /// </summary>
    private static byte[] PasswordProtectedPdf()
    {
        var hex32 = Convert.ToHexString(Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray());
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
            $"<< /Filter /Standard /V 1 /R 2 /O <{hex32}> /U <{hex32}> /P -4 >>",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) pdf.Append($"{offset:D10} 00000 n \n");
        pdf.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<{hex32[..32]}> <{hex32[..32]}>] >>\n");
        pdf.Append($"startxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }
}
