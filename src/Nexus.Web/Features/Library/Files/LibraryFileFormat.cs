using System.Text;
using Nexus.Web.Infrastructure.Files;

namespace Nexus.Web.Features.Library.Files;

/// <summary>
/// The formats the library accepts: "pdf", "docx", "xlsx" and "csv". Binary formats are recognised from the
/// content alone; CSV has no signature, so it needs both the .csv name and content that really is text.
/// </summary>
public static class LibraryFileFormat
{
    public const string Pdf = "pdf";
    public const string Docx = "docx";
    public const string Xlsx = "xlsx";
    public const string Csv = "csv";

    private const int ChunkSize = 64 * 1024;

    /// <summary>
    /// The format of a seekable stream holding a whole file, or null when the library does not take it. The
    /// name is only consulted for its extension, and only to allow CSV. The stream is left at position 0.
    /// </summary>
    public static string? Detect(Stream content, string? fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!content.CanSeek) throw new ArgumentException("The stream must be seekable.", nameof(content));
        if (content.Length == 0) return null;

        FileKind? kind;
        try { kind = FileStore.Sniff(content); }
        // Sniff catches what a broken zip directory usually throws; a damaged local header can still surface as
        // an I/O error, and that means "not a file we take", not a crash.
        catch (IOException) { kind = null; }
        finally { content.Position = 0; }

        switch (kind)
        {
            case FileKind.Pdf: return Pdf;
            case FileKind.Docx: return Docx;
            case FileKind.Xlsx: return Xlsx;
            case FileKind.Pptx: return null;
        }

        if (fileName is null || !fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)) return null;
        return TextEncodingOf(content) is null ? null : Csv;
    }

    public static string ContentType(string format) => format switch
    {
        Pdf => FileStore.ContentTypeOf(FileKind.Pdf),
        Docx => FileStore.ContentTypeOf(FileKind.Docx),
        Xlsx => FileStore.ContentTypeOf(FileKind.Xlsx),
        Csv => "text/csv",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Not a library file format."),
    };

    /// <summary>The file name extension, without the dot (as <see cref="FileStore.ExtensionOf"/>).</summary>
    public static string Extension(string format) => format switch
    {
        Pdf or Docx or Xlsx or Csv => format,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Not a library file format."),
    };

    /// <summary>
    /// UTF-8 when the whole stream is valid UTF-8 (with or without BOM), else Windows-1252; null when it is not
    /// text: a NUL byte anywhere (binary, or UTF-16 which we do not take), or a zip or PDF signature.
    /// </summary>
    internal static Encoding? TextEncodingOf(Stream content)
    {
        content.Position = 0;
        try
        {
            Span<byte> head = stackalloc byte[5];
            var n = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            if (n >= 4 && head[..4].SequenceEqual("PK\u0003\u0004"u8)) return null;
            if (n >= 5 && head.SequenceEqual("%PDF-"u8)) return null;
            content.Position = 0;

            // Decoding chunk by chunk keeps memory flat for large files; the decoder carries a multi-byte
            // character that straddles two chunks.
            var decoder = StrictUtf8.GetDecoder();
            var bytes = new byte[ChunkSize];
            var chars = new char[StrictUtf8.GetMaxCharCount(ChunkSize)];
            var utf8 = true;
            int read;
            while ((read = content.Read(bytes, 0, bytes.Length)) > 0)
            {
                if (bytes.AsSpan(0, read).Contains((byte)0)) return null;
                if (!utf8) continue;
                try { decoder.GetChars(bytes, 0, read, chars, 0, flush: false); }
                catch (DecoderFallbackException) { utf8 = false; }
            }
            if (utf8)
            {
                try { decoder.GetChars([], 0, 0, chars, 0, flush: true); }
                catch (DecoderFallbackException) { utf8 = false; }
            }
            // Every byte but NUL means something in Windows-1252 (the five unassigned ones map to C1 controls,
            // which extraction strips), so anything without NUL that is not UTF-8 is taken as Windows-1252.
            return utf8 ? Encoding.UTF8 : Windows1252;
        }
        finally { content.Position = 0; }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>From the code pages provider directly, so that nothing global is registered.</summary>
    internal static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)
        ?? throw new InvalidOperationException("Windows-1252 is not available.");
}
