using System.Globalization;
using System.IO.Compression;
using System.Text;
using ExcelDataReader;

namespace Nexus.Web.Features.Data.Import;

/// <summary>Where a value was read: sheet, 1-based row and column letter, as a spreadsheet shows them.</summary>
public sealed record CellRef(string Sheet, int Row, int Column)
{
    public string ColumnName => Letters(Column);

    public override string ToString() => Sheet.Length == 0 ? $"row {Row}, column {ColumnName}" : $"sheet '{Sheet.Trim()}', row {Row}, column {ColumnName}";

    /// <summary>1 → A, 27 → AA.</summary>
    public static string Letters(int column)
    {
        var s = "";
        for (var c = column; c > 0; c = (c - 1) / 26) s = (char)('A' + (c - 1) % 26) + s;
        return s;
    }
}

/// <summary>A refusal of a file, with the place in it that caused it (when there is one).</summary>
public sealed class DataImportException(string message, CellRef? at = null) : Exception(Visible(at is null ? message : $"{at}: {message}"))
{
    public CellRef? At => at;
    public string Reason { get; } = Visible(message);

    /// <summary>
    /// Messages quote names and cells from the file. Invisible characters there (a right-to-left override, a
    /// zero-width joiner, a control character) would reorder or hide the message's own words wherever it is shown,
    /// on the upload page or in a terminal, so each is shown as U+FFFD. Line breaks stay.
    /// </summary>
    public static string Visible(string text)
    {
        char[]? chars = null;
        for (var i = 0; i < text.Length; i++)
            if (text[i] != '\n' && (char.IsControl(text[i]) || char.GetUnicodeCategory(text[i]) == UnicodeCategory.Format))
                (chars ??= text.ToCharArray())[i] = '\uFFFD';
        return chars is null ? text : new string(chars);
    }
}

/// <summary>One worksheet (or a CSV file) as rows of cell values: double, string, DateTime, bool or null.</summary>
public sealed class Sheet(string name, List<object?[]> rows)
{
    public string Name => name;
    public IReadOnlyList<object?[]> Rows => rows;

    /// <summary>The value at a 1-based row and column, or null past the end.</summary>
    public object? this[int row, int column] =>
        row >= 1 && row <= rows.Count && column >= 1 && column <= rows[row - 1].Length ? rows[row - 1][column - 1] : null;

    public string Text(int row, int column) => this[row, column] switch
    {
        null => "",
        string s => s.Trim(),
        double d => d.ToString(CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        var v => Convert.ToString(v, CultureInfo.InvariantCulture)?.Trim() ?? "",
    };

    public CellRef At(int row, int column) => new(name, row, column);

    /// <summary>The first row (1-based) whose cells satisfy the test, within the first <paramref name="within"/> rows.</summary>
    public int? FindRow(Func<int, bool> test, int within = 60)
    {
        for (var r = 1; r <= Math.Min(within, rows.Count); r++) if (test(r)) return r;
        return null;
    }

    /// <summary>The column (1-based) in a row whose text equals one of the labels, ignoring case, spaces and line breaks.</summary>
    public int? FindColumn(int row, params string[] labels)
    {
        if (row < 1 || row > rows.Count) return null;
        var wanted = labels.Select(Label).ToHashSet();
        for (var c = 1; c <= rows[row - 1].Length; c++) if (wanted.Contains(Label(Text(row, c)))) return c;
        return null;
    }

    /// <summary>Header text compared loosely: case, runs of white space and line breaks do not matter.</summary>
    public static string Label(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}

public enum DataFileKind { Xlsx, Csv }

/// <summary>
/// A file offered for import, checked before any parser sees it: its size, its real type (from its bytes, not its
/// name), and for workbooks the sizes its zip entries claim, so that a zip bomb is refused before it is inflated.
/// Sheets are read once, on first use.
/// </summary>
public sealed class DataFile
{
    /// <summary>Largest file accepted (Nexus:Data:MaxImportBytes). UN DESA's largest workbook is about 6 MB.</summary>
    public const long DefaultMaxBytes = 50L * 1024 * 1024;

    /// <summary>Largest unpacked size of a workbook, and largest ratio of unpacked to packed size.</summary>
    private const long MaxUnpackedBytes = 400L * 1024 * 1024;
    private const int MaxRatio = 200;

    private readonly byte[] _bytes;
    private List<Sheet>? _sheets;

    // ExcelDataReader asks for code page 1252 on every workbook, which .NET only has once this provider is registered.
    static DataFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private DataFile(string name, byte[] bytes, DataFileKind kind, string? sha256 = null)
    {
        Name = name;
        _bytes = bytes;
        Kind = kind;
        Sha256 = sha256 ?? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
    }

    public string Name { get; }
    public DataFileKind Kind { get; }
    public string Sha256 { get; }
    public long Length => _bytes.Length;

    /// <summary>Reads and checks a file; refuses it with a clear reason when it cannot be a dataset.</summary>
    public static async Task<DataFile> OpenAsync(Stream stream, string name, long maxBytes, CancellationToken ct)
    {
        name = Path.GetFileName(name.Replace('\\', '/'));
        if (name.Length == 0) name = "upload";
        if (stream.CanSeek && stream.Length > maxBytes) throw TooLarge(maxBytes);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > maxBytes) throw TooLarge(maxBytes);
            buffer.Write(chunk, 0, n);
        }
        var bytes = buffer.ToArray();
        if (bytes.Length == 0) throw new DataImportException("The file is empty.");
        return FromBytes(bytes, name);
    }

    public static DataFile FromBytes(byte[] bytes, string name)
    {
        if (bytes.Length >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B)
        {
            // A gzipped CSV (Nexus ships its extracts so). The sha of the file as given still identifies it.
            var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
            var text = Gunzip(bytes);
            return new DataFile(name, text, Detect(text), sha);
        }
        return new DataFile(name, bytes, Detect(bytes));
    }

    private static byte[] Gunzip(byte[] bytes)
    {
        try
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var chunk = new byte[81920];
            int n;
            while ((n = gzip.Read(chunk)) > 0)
            {
                if (output.Length + n > MaxUnpackedBytes)
                    throw new DataImportException("The compressed file unpacks to far more data than a dataset holds (a zip bomb?); it was not read.");
                output.Write(chunk, 0, n);
            }
            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            throw new DataImportException("The compressed file is damaged.");
        }
    }

    /// <summary>The file's bytes as uploaded (after gunzip for a .gz file).</summary>
    public ReadOnlySpan<byte> Content => _bytes;

    private static DataImportException TooLarge(long max) =>
        new($"The file is larger than {max / (1024 * 1024)} MB, the most an import accepts.");

    private static DataFileKind Detect(byte[] bytes)
    {
        if (bytes.Length >= 8 && bytes[0] == 0xD0 && bytes[1] == 0xCF && bytes[2] == 0x11 && bytes[3] == 0xE0)
            // An OLE compound file: a legacy .xls, or an .xlsx protected by a password (Office encrypts into one).
            throw new DataImportException("The file is an encrypted workbook or an old .xls file. Save it as an unprotected .xlsx workbook and import that.");
        if (bytes.Length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4)
        {
            CheckWorkbook(bytes);
            return DataFileKind.Xlsx;
        }
        var sample = bytes.AsSpan(0, Math.Min(bytes.Length, 4096));
        if (sample.IndexOf((byte)0) >= 0) throw new DataImportException("The file is neither an .xlsx workbook nor a CSV text file.");
        return DataFileKind.Csv;
    }

    private static void CheckWorkbook(byte[] bytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            long total = 0;
            foreach (var e in zip.Entries)
            {
                total += e.Length;
                if (total > MaxUnpackedBytes || (e.CompressedLength > 0 && e.Length / e.CompressedLength > MaxRatio && e.Length > 10 * 1024 * 1024))
                    throw new DataImportException("The workbook unpacks to far more data than a spreadsheet of this size holds (a zip bomb?); it was not read.");
            }
            if (zip.GetEntry("xl/workbook.xml") is null) throw new DataImportException("The file is a zip archive but not an .xlsx workbook.");
        }
        catch (InvalidDataException)
        {
            throw new DataImportException("The workbook is damaged (truncated or not a complete .xlsx file).");
        }
    }

    /// <summary>Every sheet of the workbook (one unnamed sheet for a CSV).</summary>
    public IReadOnlyList<Sheet> Sheets => _sheets ??= Kind == DataFileKind.Xlsx ? ReadWorkbook() : [ReadCsv()];

    /// <summary>The sheet with this name (ignoring case and surrounding spaces), or null.</summary>
    public Sheet? FindSheet(string name) =>
        Sheets.FirstOrDefault(s => string.Equals(s.Name.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase));

    private List<Sheet> ReadWorkbook()
    {
        try
        {
            using var reader = ExcelReaderFactory.CreateOpenXmlReader(new MemoryStream(_bytes));
            var sheets = new List<Sheet>();
            do
            {
                var rows = new List<object?[]>();
                while (reader.Read())
                {
                    var row = new object?[reader.FieldCount];
                    for (var i = 0; i < row.Length; i++) row[i] = reader.GetValue(i);
                    rows.Add(row);
                }
                sheets.Add(new Sheet(reader.Name ?? $"Sheet{sheets.Count + 1}", rows));
            } while (reader.NextResult());
            return sheets;
        }
        catch (Exception e) when (e is InvalidDataException or ExcelDataReader.Exceptions.ExcelReaderException or System.Xml.XmlException
                                      or FormatException or IndexOutOfRangeException or NullReferenceException or InvalidOperationException)
        {
            throw new DataImportException("The workbook could not be read: it is damaged or not a valid .xlsx file.");
        }
    }

    private Sheet ReadCsv()
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(_bytes);
        }
        catch (DecoderFallbackException)
        {
            // Statistical CSVs are UTF-8 nowadays; older ones are Windows-1252, which maps every byte.
            text = Encoding.Latin1.GetString(_bytes);
        }
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var delimiter = GuessDelimiter(text);
        using var parser = new CsvHelper.CsvParser(new StringReader(text),
            new CsvHelper.Configuration.CsvConfiguration(CultureInfo.InvariantCulture)
            {
                Delimiter = delimiter, BadDataFound = null, DetectColumnCountChanges = false,
                // Blank lines stay rows, so that row numbers in messages are the file's line numbers.
                IgnoreBlankLines = false,
            });
        var rows = new List<object?[]>();
        try
        {
            while (parser.Read()) rows.Add(parser.Record!.Select(v => (object?)(v.Length == 0 ? null : v)).ToArray());
        }
        catch (CsvHelper.CsvHelperException)
        {
            throw new DataImportException($"The CSV file could not be parsed near line {parser.Row}.", new CellRef("", (int)parser.Row, 1));
        }
        return new Sheet("", rows);
    }

    /// <summary>
    /// The separator used most in the first lines: comma, semicolon or tab (comma on a tie). Counted in a loop: LINQ
    /// over tuples is compiled at run time, on every one-shot import (ADR 014).
    /// </summary>
    private static string GuessDelimiter(string text)
    {
        int commas = 0, semicolons = 0, tabs = 0;
        for (var i = 0; i < Math.Min(text.Length, 8192); i++)
            switch (text[i])
            {
                case ',': commas++; break;
                case ';': semicolons++; break;
                case '\t': tabs++; break;
            }
        return semicolons > commas && semicolons >= tabs ? ";" : tabs > commas && tabs > semicolons ? "\t" : ",";
    }
}
