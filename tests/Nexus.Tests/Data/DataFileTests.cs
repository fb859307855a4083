using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Nexus.Web.Features.Data.Import;

namespace Nexus.Tests.Data;

/// <summary>What reaches a parser: files are checked for size, type and zip bombs before anything reads them.</summary>
public class DataFileTests
{
    private static Task<DataFile> Open(byte[] bytes, string name = "file.xlsx") =>
        DataFile.OpenAsync(new MemoryStream(bytes), name, DataFile.DefaultMaxBytes, CancellationToken.None);

    private static async Task<string> Refusal(byte[] bytes, string name = "file.xlsx") =>
        (await Assert.ThrowsAsync<DataImportException>(async () => { var f = await Open(bytes, name); _ = f.Sheets; })).Message;

    [Fact]
    public async Task An_empty_file_is_refused() =>
        Assert.Contains("empty", await Refusal([]));

    [Fact]
    public async Task A_truncated_workbook_is_refused_as_damaged()
    {
        var bytes = await File.ReadAllBytesAsync(OfficialFiles.Path("undesa/UN_MigrantStockTotal_2019.xlsx"));
        Assert.Contains("damaged", await Refusal(bytes[..(bytes.Length / 2)]));
    }

    [Fact]
    public async Task An_encrypted_workbook_is_refused_with_what_to_do()
    {
        // Office saves a password-protected workbook as an OLE compound file; its first bytes are this signature.
        var bytes = new byte[4096];
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(bytes, 0);
        Assert.Contains("unprotected .xlsx", await Refusal(bytes));
    }

    [Fact]
    public async Task A_zip_bomb_is_refused_before_it_is_inflated()
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var w = new StreamWriter(archive.CreateEntry("xl/workbook.xml").Open())) w.Write("<workbook/>");
            using var bomb = archive.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 64; i++) bomb.Write(zeros);
        }
        var clock = Stopwatch.StartNew();
        Assert.Contains("zip bomb", await Refusal(zip.ToArray()));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_zip_that_is_not_a_workbook_is_refused()
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        using (var w = new StreamWriter(archive.CreateEntry("readme.txt").Open())) w.Write("hello");
        Assert.Contains("not an .xlsx workbook", await Refusal(zip.ToArray()));
    }

    [Fact]
    public async Task Binary_data_is_neither_a_workbook_nor_a_csv() =>
        Assert.Contains("neither", await Refusal([1, 2, 0, 0, 5, 6, 7, 8, 9]));

    [Fact]
    public async Task A_200_MB_file_is_refused_quickly_without_being_held_in_memory()
    {
        var clock = Stopwatch.StartNew();
        // Not seekable, so its size is only known by reading it: the reader must stop at the limit, so that at most
        // the limit is ever held. (Counting this thread's allocations would also count other tests' continuations.)
        var upload = new EndlessStream(200L * 1024 * 1024);
        var e = await Assert.ThrowsAsync<DataImportException>(() =>
            DataFile.OpenAsync(upload, "big.csv", DataFile.DefaultMaxBytes, CancellationToken.None));
        Assert.Contains("larger than 50 MB", e.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.True(upload.Position <= DataFile.DefaultMaxBytes + 81920, $"read {upload.Position / (1024 * 1024)} MB");
    }

    [Fact]
    public async Task A_path_in_the_file_name_is_dropped()
    {
        var f = await Open(Encoding.UTF8.GetBytes("a,b\n1,2\n"), "../../etc/pass\\wd.csv");
        Assert.Equal("wd.csv", f.Name);
    }

    [Theory]
    [InlineData("a;b;c\n1;2;3\n")]
    [InlineData("a,b,c\n1,2,3\n")]
    [InlineData("a\tb\tc\n1\t2\t3\n")]
    public async Task Csv_files_are_read_with_their_own_separator(string text)
    {
        var f = await Open(Encoding.UTF8.GetBytes("\uFEFF" + text), "x.csv");
        Assert.Equal(DataFileKind.Csv, f.Kind);
        Assert.Equal("a", f.Sheets[0].Text(1, 1));
        Assert.Equal("3", f.Sheets[0].Text(2, 3));
    }

    [Fact]
    public async Task A_windows_1252_csv_is_still_read()
    {
        var f = await Open([.. Encoding.Latin1.GetBytes("name;value\nC"), 0xF4, .. Encoding.Latin1.GetBytes("te d'Ivoire;1\n")], "x.csv");
        Assert.Equal("Côte d'Ivoire", f.Sheets[0].Text(2, 1));
    }

    [Fact]
    public void Cell_references_read_like_a_spreadsheet()
    {
        Assert.Equal("A", CellRef.Letters(1));
        Assert.Equal("Z", CellRef.Letters(26));
        Assert.Equal("AA", CellRef.Letters(27));
        Assert.Equal("IF", CellRef.Letters(240));
        Assert.Equal("sheet 'Table 1', row 12, column C", new CellRef("Table 1 ", 12, 3).ToString());
    }

    /// <summary>A stream of zeros of a given length that cannot seek, like an upload of unknown size.</summary>
    private sealed class EndlessStream(long length) : Stream
    {
        private long _position;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            Array.Clear(buffer, offset, n);
            _position += n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public void A_refusal_shows_invisible_characters_from_the_file_as_replacement_characters()
    {
        var error = new DataImportException("\"ZZZ\" (Aruba\u202E) is unknown.\nSecond line\u200B.", new CellRef("Sheet\u0007", 6, 2));
        Assert.Equal("\"ZZZ\" (Aruba\uFFFD) is unknown.\nSecond line\uFFFD.", error.Reason);
        Assert.Equal("sheet 'Sheet\uFFFD', row 6, column B: \"ZZZ\" (Aruba\uFFFD) is unknown.\nSecond line\uFFFD.", error.Message);
        Assert.Same("plain", DataImportException.Visible("plain"));
    }
}
