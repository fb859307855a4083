// TEMPORARY: replaced by the extraction layer being written in parallel.
namespace Nexus.Web.Features.Library.Files;

public static class LibraryFileFormat
{
    public static string? Detect(Stream content, string? fileName) => Infrastructure.Files.FileStore.Sniff(content) switch
    {
        Infrastructure.Files.FileKind.Pdf => "pdf", Infrastructure.Files.FileKind.Docx => "docx", Infrastructure.Files.FileKind.Xlsx => "xlsx", _ => null,
    };
}

public sealed record ExtractedText(string Text, string? Error);

public static class TextExtractor
{
    public static ExtractedText Extract(Stream content, string format, int maxChars = 1_000_000) => new("", null);
}
