using System.Text;
using Nexus.Web.Features.Library.Files;

namespace Nexus.Tests.Library;

public class LibraryFileFormatTests
{
    private static string? Detect(byte[] bytes, string? name) => LibraryFileFormat.Detect(new MemoryStream(bytes), name);

    [Theory]
    [InlineData(null)]
    [InlineData("report.pdf")]
    [InlineData("report.docx")]
    [InlineData("report.csv")]
    public void A_pdf_is_a_pdf_whatever_its_name(string? name) =>
        Assert.Equal("pdf", Detect(SampleFiles.Pdf("Findings of the seminar"), name));

    [Fact]
    public void Word_and_Excel_files_are_recognised_by_their_content()
    {
        Assert.Equal("docx", Detect(SampleFiles.Docx("A paragraph"), "upload.bin"));
        Assert.Equal("xlsx", Detect(SampleFiles.Xlsx([["a", "1"]]), null));
    }

    [Fact]
    public void A_presentation_is_not_accepted()
    {
        var pptx = SampleFiles.Zip(("[Content_Types].xml", SampleFiles.ContentTypes), ("ppt/presentation.xml", "<p:presentation/>"));

        Assert.Null(Detect(pptx, "slides.pptx"));
    }

    [Theory]
    [InlineData("data.csv", false)]
    [InlineData("DATA.CSV", false)]
    [InlineData("données.Csv", true)]
    public void Utf8_text_named_csv_is_csv_with_or_without_byte_order_mark(string name, bool byteOrderMark) =>
        Assert.Equal("csv", Detect(SampleFiles.Csv("país,café\nEspaña,niño\n", Encoding.UTF8, byteOrderMark), name));

    [Fact]
    public void Windows_1252_text_named_csv_is_csv() =>
        Assert.Equal("csv", Detect(SampleFiles.Csv("país;café;€\nEspaña;niño;5\n", SampleFiles.Windows1252), "legacy.csv"));

    [Theory]
    [InlineData(null)]
    [InlineData("data.txt")]
    [InlineData("data.csv.txt")]
    [InlineData("csv")]
    public void Text_not_named_csv_is_not_accepted(string? name) =>
        Assert.Null(Detect(SampleFiles.Csv("a,b\n1,2\n", Encoding.UTF8), name));

    [Fact]
    public void Only_the_extension_of_the_name_matters_even_for_a_path_that_climbs_out()
    {
        var csv = SampleFiles.Csv("a,b\n1,2\n", Encoding.UTF8);

        Assert.Equal("csv", Detect(csv, "../../etc/passwd.csv"));
        Assert.Null(Detect(csv, "../../etc/passwd"));
    }

    [Fact]
    public void A_csv_name_does_not_make_binary_content_csv()
    {
        byte[] withNul = [.. Encoding.UTF8.GetBytes("a,b\n1,"), 0, .. Encoding.UTF8.GetBytes("2\n")];
        var zip = SampleFiles.Zip(("readme.txt", "not an office file"));
        var utf16 = SampleFiles.Csv("a,b\n1,2\n", Encoding.Unicode, byteOrderMark: true);

        Assert.Null(Detect(withNul, "data.csv"));
        Assert.Null(Detect(zip, "data.csv"));
        Assert.Null(Detect(utf16, "data.csv"));
    }

    [Theory]
    [InlineData("random.pdf")]
    [InlineData("random.docx")]
    [InlineData(null)]
    public void Random_bytes_are_not_accepted(string? name)
    {
        var random = new byte[4096];
        new Random(7).NextBytes(random);
        random[0] = 0; // A NUL early on, as in nearly every binary file.

        Assert.Null(Detect(random, name));
    }

    [Fact]
    public void Empty_content_is_not_accepted_even_named_csv() =>
        Assert.Null(Detect([], "empty.csv"));

    [Fact]
    public void A_truncated_word_file_is_not_accepted()
    {
        var docx = SampleFiles.Docx("Some text");

        Assert.Null(Detect(docx[..(docx.Length / 2)], "cut.docx"));
    }

    [Fact]
    public void A_zip_with_a_damaged_header_after_the_signature_is_not_accepted()
    {
        byte[] bytes = [.. "PK\u0003\u0004"u8, .. new byte[200]];

        Assert.Null(Detect(bytes, "x.docx"));
    }

    [Fact]
    public void Detection_leaves_the_stream_at_the_start_for_the_next_reader()
    {
        using var stream = new MemoryStream(SampleFiles.Csv("a,b\n", Encoding.UTF8));
        stream.Position = 3;

        LibraryFileFormat.Detect(stream, "a.csv");

        Assert.Equal(0, stream.Position);
    }

    [Fact]
    public void Each_format_has_a_content_type_and_an_extension()
    {
        Assert.Equal("application/pdf", LibraryFileFormat.ContentType("pdf"));
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", LibraryFileFormat.ContentType("docx"));
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", LibraryFileFormat.ContentType("xlsx"));
        Assert.Equal("text/csv", LibraryFileFormat.ContentType("csv"));
        Assert.Equal(["pdf", "docx", "xlsx", "csv"], new[] { "pdf", "docx", "xlsx", "csv" }.Select(LibraryFileFormat.Extension));
        Assert.Throws<ArgumentOutOfRangeException>(() => LibraryFileFormat.ContentType("pptx"));
    }
}
