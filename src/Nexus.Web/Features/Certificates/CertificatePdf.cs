using System.Globalization;
using QRCoder;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace Nexus.Web.Features.Certificates;

/// <summary>
/// The printable certificate: one A4 landscape page with the holder, what was completed, the dates and hours, the
/// code in large type and a QR code of the verification address. Written with PdfPig's builder (already used to read
/// PDFs; PDFsharp is AGPL from 6.5, the only version the package mirror has). The fonts are embedded in Nexus (DejaVu
/// Sans), so names in any Latin, Greek or Cyrillic script print the same on a server with no fonts installed, and
/// the QR code is drawn as vector squares, sharp at any zoom.
/// </summary>
public static class CertificatePdf
{
    private static readonly byte[] Regular = Font("DejaVuSans");
    private static readonly byte[] Bold = Font("DejaVuSans-Bold");
    private static readonly CultureInfo En = CultureInfo.InvariantCulture;

    public static byte[] Write(Certificate c, string verifyUrl, string organisation)
    {
        using var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = $"{Heading(c.Kind)}: {c.HolderName}";
        builder.DocumentInformation.Subject = c.Title;
        builder.DocumentInformation.Author = organisation;
        var regular = builder.AddTrueTypeFont(Regular);
        var bold = builder.AddTrueTypeFont(Bold);
        var page = builder.AddPage(PageSize.A4, isPortrait: false);
        var (w, h) = (page.PageSize.Width, page.PageSize.Height);

        page.SetStrokeColor(0x0b, 0x4f, 0x8a);
        page.DrawRectangle(new PdfPoint(24, 24), w - 48, h - 48, 3);

        // PDF coordinates start at the bottom: y is measured up from there.
        page.SetTextAndFillColor(0x0b, 0x4f, 0x8a);
        Centered(page, organisation, 14, regular, h - 80, w);
        page.SetTextAndFillColor(0x1a, 0x1a, 0x1a);
        Centered(page, Heading(c.Kind), 30, bold, h - 135, w);
        Centered(page, "This is to certify that", 13, regular, h - 180, w);
        Centered(page, c.HolderName, Fit(page, c.HolderName, 28, bold, w - 160), bold, h - 225, w);
        Centered(page, c.Kind == CertificateKind.CourseCompletion ? "has completed the course" : "attended", 13, regular, h - 262, w);
        Centered(page, c.Title, Fit(page, c.Title, 18, bold, w - 160), bold, h - 298, w);
        var dates = c.StartDate == c.EndDate ? c.StartDate.ToString("d MMMM yyyy", En)
            : $"{c.StartDate.ToString("d MMMM yyyy", En)} – {c.EndDate.ToString("d MMMM yyyy", En)}";
        if (c.Hours is { } hours) dates += $" · {hours.ToString("0.#", En)} hours";
        Centered(page, dates, 12, regular, h - 328, w);

        // The code and the QR code sit bottom right, where a checker looks for them.
        const double qrSize = 120;
        var (qrX, qrY) = (w - 60 - qrSize, 60.0);
        DrawQr(page, verifyUrl, qrX, qrY, qrSize);
        page.AddText($"Certificate code: {CertificateCode.Display(c.Code)}", 14, new PdfPoint(60, qrY + 70), bold);
        page.AddText($"Check it at {verifyUrl}", 9, new PdfPoint(60, qrY + 50), regular);
        page.AddText($"Issued on {c.IssuedAt.ToString("d MMMM yyyy", En)}" + (c.Issue > 1 ? $" (issue {c.Issue})" : ""), 9, new PdfPoint(60, qrY + 36), regular);
        return builder.Build();
    }

    public static string Heading(CertificateKind kind) =>
        kind == CertificateKind.CourseCompletion ? "Certificate of completion" : "Certificate of attendance";

    private static void Centered(PdfPageBuilder page, string text, double size, PdfDocumentBuilder.AddedFont font, double y, double width)
    {
        var letters = page.MeasureText(text, size, new PdfPoint(0, y), font);
        var textWidth = letters.Count == 0 ? 0 : letters[^1].EndBaseLine.X - letters[0].StartBaseLine.X;
        page.AddText(text, size, new PdfPoint((width - textWidth) / 2, y), font);
    }

    /// <summary>The largest size up to <paramref name="size"/> at which one line of text fits the width.</summary>
    private static double Fit(PdfPageBuilder page, string text, double size, PdfDocumentBuilder.AddedFont font, double width)
    {
        while (size > 8)
        {
            var letters = page.MeasureText(text, size, new PdfPoint(0, 0), font);
            if (letters.Count == 0 || letters[^1].EndBaseLine.X - letters[0].StartBaseLine.X <= width) break;
            size -= 1;
        }
        return size;
    }

    /// <summary>One filled square per dark module, with the quiet zone QRCoder adds around the code left white.</summary>
    private static void DrawQr(PdfPageBuilder page, string text, double x, double y, double size)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix;
        var n = modules.Count;
        var cell = size / n;
        // The builder strokes every rectangle it fills: in the fill colour, the edges disappear into the squares.
        page.SetTextAndFillColor(0, 0, 0);
        page.SetStrokeColor(0, 0, 0);
        for (var row = 0; row < n; row++)
            for (var col = 0; col < n; col++)
            {
                if (!modules[row][col]) continue;
                // One rectangle per run of dark modules in a row: fewer operators, no seams between neighbours.
                var start = col;
                while (col + 1 < n && modules[row][col + 1]) col++;
                page.DrawRectangle(new PdfPoint(x + start * cell, y + (n - 1 - row) * cell), (col - start + 1) * cell, cell, 0.01, fill: true);
            }
    }

    private static byte[] Font(string name)
    {
        using var stream = typeof(CertificatePdf).Assembly.GetManifestResourceStream($"Nexus.Fonts.{name}.ttf")
            ?? throw new InvalidOperationException($"Font {name} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
