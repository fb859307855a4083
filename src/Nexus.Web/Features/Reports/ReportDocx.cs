using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Nexus.Web.Features.Coordination.Workplans;

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

    private static Styles Styles()
    {
        static Style Para(string id, string name, int halfPoints, bool bold, JustificationValues? align = null, int before = 0, int after = 240,
            bool heading = false, int? hanging = null)
        {
            var pPr = new StyleParagraphProperties();
            if (heading) pPr.Append(new KeepNext());
            if (hanging is { } h) pPr.Append(new Tabs(new TabStop { Val = TabStopValues.Left, Position = h }));
            pPr.Append(new SpacingBetweenLines { Before = before.ToString(En), After = after.ToString(En) });
            if (hanging is { } indent) pPr.Append(new Indentation { Left = indent.ToString(En), Hanging = indent.ToString(En) });
            if (align is { } a) pPr.Append(new Justification { Val = a });
            if (heading) pPr.Append(new OutlineLevel { Val = 0 });
            var rPr = new StyleRunProperties();
            if (bold) rPr.Append(new Bold());
            rPr.Append(new FontSize { Val = halfPoints.ToString(En) });
            var style = new Style(new StyleName { Val = name }) { Type = StyleValues.Paragraph, StyleId = id };
            if (id != "Normal") style.Append(new BasedOn { Val = "Normal" }, new NextParagraphStyle { Val = "Normal" });
            style.Append(new PrimaryStyle(), pPr, rPr);
            return style;
        }
        return new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", ComplexScript = "Times New Roman", EastAsia = "Times New Roman" },
                    new FontSize { Val = "24" }, new Languages { Val = "en-GB" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "240" }))),
            Para("Normal", "Normal", 24, false),
            Para("Title", "Title", 28, true, JustificationValues.Center, after: 120),
            Para("Subtitle", "Subtitle", 24, false, JustificationValues.Center, after: 480),
            Para("Heading1", "heading 1", 24, true, before: 360, heading: true, hanging: Hanging),
            Para("Numbered", "Numbered Paragraph", 24, false, JustificationValues.Both, hanging: Hanging),
            Para("NoteRule", "Note Rule", 20, false, before: 480, after: 120),
            Para("Note", "Note", 20, false, after: 120));
    }
}
