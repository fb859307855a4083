using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Nexus.Web.Features.Coordination.Workplans;
using Nexus.Web.Infrastructure.Documents;

namespace Nexus.Web.Features.Reports;

/// <summary>
/// The report as a Word document in the manner of a United Nations document: centred title, lettered section headings
/// in capitals, paragraphs numbered in the margin, and the notes listed at the end under a rule, cited by superscript
/// numbers (a note cited twice keeps one number, which Word's own footnotes cannot do).
/// </summary>
public static class ReportDocx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private static readonly CultureInfo En = CultureInfo.InvariantCulture;
    // A4 portrait, 2.5 cm margins, in twentieths of a point; the paragraph number hangs 1.25 cm into the margin column.
    private const int PageWidth = 11906, PageHeight = 16838, Margin = 1418, Hanging = 709;

    public static byte[] Write(ReportDocument d)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            doc.PackageProperties.Title = WorkplanExport.Clean(d.Title);
            doc.PackageProperties.Creator = WorkplanExport.Clean(d.Organisation);
            var main = doc.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles();
            var body = new Body();
            body.Append(Text(d.Title.ToUpperInvariant(), "Title"));
            body.Append(Text(d.Organisation, "Subtitle"));
            var n = 0;
            foreach (var s in d.Sections)
            {
                body.Append(Text(s.Letter is null ? s.Heading.ToUpperInvariant() : $"{s.Letter}.\t{s.Heading.ToUpperInvariant()}", "Heading1"));
                foreach (var p in s.Paragraphs) body.Append(Numbered(++n, p));
            }
            if (d.Notes.Count > 0)
            {
                body.Append(Text("_______", "NoteRule"));
                body.Append(Text("NOTES", "Heading1"));
                foreach (var note in d.Notes)
                {
                    var para = new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Note" }));
                    para.Append(Superscript(note.Number.ToString(En)), Plain(" " + note.Text));
                    body.Append(para);
                }
            }
            body.Append(new SectionProperties(
                new PageSize { Width = PageWidth, Height = PageHeight },
                new PageMargin { Top = Margin, Bottom = Margin, Left = (uint)Margin, Right = (uint)Margin, Header = 709, Footer = 709, Gutter = 0 }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static Paragraph Numbered(int n, string paragraph)
    {
        var p = new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Numbered" }));
        p.Append(Plain($"{n.ToString(En)}.\t"));
        foreach (var (text, note) in ReportDrafter.Runs(paragraph))
            p.Append(note is { } k ? Superscript(k.ToString(En)) : Plain(text));
        return p;
    }

    private static Paragraph Text(string text, string style) =>
        new(new ParagraphProperties(new ParagraphStyleId { Val = style }), Plain(text));

    private static Run Plain(string text)
    {
        var run = new Run();
        var parts = WorkplanExport.Clean(text).Split('\t');
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0) run.Append(new TabChar());
            if (parts[i].Length > 0) run.Append(new Text(parts[i]) { Space = SpaceProcessingModeValues.Preserve });
        }
        return run;
    }

    private static Run Superscript(string text) =>
        new(new RunProperties(new VerticalTextAlignment { Val = VerticalPositionValues.Superscript }),
            new Text(text) { Space = SpaceProcessingModeValues.Preserve });

    private static Styles Styles() => DocxStyles.Build("Times New Roman", 24, 240,
        new("Normal", "Normal", 24),
        new("Title", "Title", 28, Bold: true, Align: JustificationValues.Center, After: 120),
        new("Subtitle", "Subtitle", 24, Align: JustificationValues.Center, After: 480),
        new("Heading1", "heading 1", 24, Bold: true, Before: 360, OutlineLevel: 0, Hanging: Hanging),
        new("Numbered", "Numbered Paragraph", 24, Align: JustificationValues.Both, Hanging: Hanging),
        new("NoteRule", "Note Rule", 20, Before: 480, After: 120),
        new("Note", "Note", 20, After: 120));
}
