using System.Globalization;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace Nexus.Web.Features.Reports;

/// <summary>
/// The report as a PDF: A4, the DejaVu fonts the certificates embed, words wrapped greedily by their measured width.
/// Note citations print as "[n]", which survive copying the text where raised digits would not.
/// </summary>
public static class ReportPdf
{
    private static readonly byte[] Regular = Font("DejaVuSans");
    private static readonly byte[] Bold = Font("DejaVuSans-Bold");
    private static readonly CultureInfo En = CultureInfo.InvariantCulture;
    private const double Left = 72, Right = 72, Top = 72, Bottom = 72, Indent = 36;

    public static byte[] Write(ReportDocument d)
    {
        using var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = d.Title;
        builder.DocumentInformation.Author = d.Organisation;
        var regular = builder.AddTrueTypeFont(Regular);
        var bold = builder.AddTrueTypeFont(Bold);
        var writer = new Writer(builder);

        writer.Lines(d.Title.ToUpperInvariant(), 13, bold, 0, center: true);
        writer.Lines(d.Organisation, 11, regular, 0, center: true);
        writer.Space(18);
        var n = 0;
        foreach (var s in d.Sections)
        {
            writer.Space(8);
            writer.Lines(s.Letter is null ? s.Heading.ToUpperInvariant() : $"{s.Letter}.  {s.Heading.ToUpperInvariant()}", 11, bold, 0, keepWithNext: 3);
            writer.Space(4);
            foreach (var p in s.Paragraphs)
            {
                var text = string.Concat(ReportDrafter.Runs(p).Select(r => r.Note is { } k ? $"[{k.ToString(En)}]" : r.Text));
                writer.Lines(text, 11, regular, Indent, label: $"{(++n).ToString(En)}.");
                writer.Space(6);
            }
        }
        if (d.Notes.Count > 0)
        {
            writer.Space(12);
            writer.Lines("NOTES", 11, bold, 0, keepWithNext: 2);
            foreach (var note in d.Notes) writer.Lines(note.Text, 9, regular, 18, label: note.Number.ToString(En));
        }
        return builder.Build();
    }

    /// <summary>Places wrapped lines top to bottom, starting a new page when one is full.</summary>
    private sealed class Writer(PdfDocumentBuilder builder)
    {
        private PdfPageBuilder? page;
        private double y;

        private PdfPageBuilder Page
        {
            get
            {
                if (page == null) NewPage();
                return page!;
            }
        }

        private void NewPage()
        {
            page = builder.AddPage(PageSize.A4);
            y = page.PageSize.Height - Top;
        }

        public void Space(double points) => y -= points;

        public void Lines(string text, double size, PdfDocumentBuilder.AddedFont font, double indent, bool center = false, string? label = null,
            int keepWithNext = 0)
        {
            var p = Page;
            var width = p.PageSize.Width - Left - Right - indent;
            var lines = Wrap(p, text, size, font, width);
            var leading = size * 1.35;
            if (y - leading * (1 + keepWithNext) < Bottom) NewPage();
            for (var i = 0; i < lines.Count; i++)
            {
                if (y - leading < Bottom) NewPage();
                y -= leading;
                var x = Left + indent;
                if (center) x = Left + (p.PageSize.Width - Left - Right - Width(page!, lines[i], size, font)) / 2;
                if (i == 0 && label != null) page!.AddText(label, size, new PdfPoint(Left, y), font);
                page!.AddText(lines[i], size, new PdfPoint(x, y), font);
            }
        }

        private static List<string> Wrap(PdfPageBuilder page, string text, double size, PdfDocumentBuilder.AddedFont font, double width)
        {
            var lines = new List<string>();
            var line = "";
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && Width(page, candidate, size, font) > width)
                {
                    lines.Add(line);
                    line = word;
                }
                else line = candidate;
            }
            if (line.Length > 0 || lines.Count == 0) lines.Add(line);
            return lines;
        }

        private static double Width(PdfPageBuilder page, string text, double size, PdfDocumentBuilder.AddedFont font)
        {
            if (text.Length == 0) return 0;
            var letters = page.MeasureText(text, size, new PdfPoint(0, 0), font);
            return letters.Count == 0 ? 0 : letters[^1].EndBaseLine.X - letters[0].StartBaseLine.X;
        }
    }

    private static byte[] Font(string name)
    {
        using var stream = typeof(ReportPdf).Assembly.GetManifestResourceStream($"Nexus.Fonts.{name}.ttf")
            ?? throw new InvalidOperationException($"Font {name} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
