using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Nexus.Web.Infrastructure.Files;

/// <summary>Kinds of stored files. Csv is never sniffed (text has no signature); callers decide it.</summary>
public enum FileKind { Pdf, Docx, Pptx, Xlsx, Csv }

public sealed record StoredFile(string Key, string Sha256, long Size, FileKind Kind, string ContentType);

/// <summary>
/// Uploaded files, kept in the data folder (outside the web root) under random keys. The type is decided from
/// the content, never from the name the uploader gave.
/// </summary>
public sealed class FileStore(IOptions<NexusOptions> options, IHostEnvironment env)
{
    private string Root => Path.Combine(Path.GetFullPath(options.Value.DataDirectory, env.ContentRootPath), "files");

    public static string ContentTypeOf(FileKind kind) => kind switch
    {
        FileKind.Pdf => "application/pdf",
        FileKind.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        FileKind.Pptx => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        FileKind.Csv => "text/csv",
        _ => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };

    public static string ExtensionOf(FileKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>Recognises PDF by its header and Office files by the parts inside their zip container.</summary>
    public static FileKind? Sniff(Stream content)
    {
        var head = new byte[5];
        content.Position = 0;
        var n = content.ReadAtLeast(head, 5, throwOnEndOfStream: false);
        content.Position = 0;
        if (n >= 5 && head.AsSpan().SequenceEqual("%PDF-"u8)) return FileKind.Pdf;
        if (n < 4 || !head.AsSpan(0, 4).SequenceEqual("PK\u0003\u0004"u8)) return null;
        try
        {
            using var zip = new System.IO.Compression.ZipArchive(content, System.IO.Compression.ZipArchiveMode.Read, leaveOpen: true);
            if (zip.GetEntry("[Content_Types].xml") is null) return null;
            if (zip.GetEntry("word/document.xml") is not null) return FileKind.Docx;
            if (zip.GetEntry("ppt/presentation.xml") is not null) return FileKind.Pptx;
            if (zip.GetEntry("xl/workbook.xml") is not null) return FileKind.Xlsx;
            return null;
        }
        catch (InvalidDataException) { return null; }
        finally { content.Position = 0; }
    }

    /// <summary>Stores a file whose kind was already checked; the caller gives a seekable stream.</summary>
    public async Task<StoredFile> SaveAsync(Stream content, FileKind kind, CancellationToken ct)
    {
        Directory.CreateDirectory(Root);
        var key = $"{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}.{ExtensionOf(kind)}";
        var path = Path.Combine(Root, key);
        content.Position = 0;
        var sha = await SHA256.HashDataAsync(content, ct);
        content.Position = 0;
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
            await content.CopyToAsync(file, ct);
        return new StoredFile(key, Convert.ToHexStringLower(sha), content.Length, kind, ContentTypeOf(kind));
    }

    /// <summary>Opens a stored file; keys are checked so that no path can leave the store.</summary>
    public Stream? Open(string key)
    {
        if (key.Length > 100 || key.Any(c => !(char.IsAsciiLetterOrDigit(c) || c == '.')) || key.Contains("..")) return null;
        var path = Path.Combine(Root, key);
        return File.Exists(path) ? File.OpenRead(path) : null;
    }

    public void Delete(string key)
    {
        if (Open(key) is { } s) { s.Dispose(); File.Delete(Path.Combine(Root, key)); }
    }
}
