using System.Globalization;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Nexus.Web.Infrastructure.Documents;

/// <summary>
/// One paragraph style of a generated Word document. Sizes are in half-points and spacing in twentieths of a point,
/// as WordprocessingML counts them. A style with an outline level is a heading: it keeps with the next paragraph and
/// appears in Word's navigation pane. <see cref="Hanging"/> sets a tab and a hanging indent of that width, for a
/// number or letter followed by the text ("A.  The chairmanship", "12.  The seminar ...").
/// </summary>
public sealed record ParagraphStyle(string Id, string Name, int HalfPoints, bool Bold = false, JustificationValues? Align = null,
    int Before = 0, int? After = null, int? OutlineLevel = null, int? Hanging = null);

/// <summary>The style part of the documents Nexus writes (the annual report, the workplan): a base font and paragraph styles.</summary>
public static class DocxStyles
{
    public static Styles Build(string font, int halfPoints, int after, params ParagraphStyle[] styles)
    {
        var en = CultureInfo.InvariantCulture;
        var result = new Styles(new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = font, HighAnsi = font, ComplexScript = font, EastAsia = font },
                new FontSize { Val = halfPoints.ToString(en) }, new Languages { Val = "en-GB" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = after.ToString(en) }))));
        foreach (var s in styles)
        {
            // Children in the order the schema requires (keepNext, tabs, spacing, ind, jc, outlineLvl): Word refuses
            // a document whose properties are out of order.
            var pPr = new StyleParagraphProperties();
            if (s.OutlineLevel is not null) pPr.Append(new KeepNext());
            if (s.Hanging is { } tab) pPr.Append(new Tabs(new TabStop { Val = TabStopValues.Left, Position = tab }));
            pPr.Append(new SpacingBetweenLines { Before = s.Before.ToString(en), After = (s.After ?? after).ToString(en) });
            if (s.Hanging is { } indent) pPr.Append(new Indentation { Left = indent.ToString(en), Hanging = indent.ToString(en) });
            if (s.Align is { } align) pPr.Append(new Justification { Val = align });
            if (s.OutlineLevel is { } level) pPr.Append(new OutlineLevel { Val = level });
            var rPr = new StyleRunProperties();
            if (s.Bold) rPr.Append(new Bold());
            rPr.Append(new FontSize { Val = s.HalfPoints.ToString(en) });
            var style = new Style(new StyleName { Val = s.Name }) { Type = StyleValues.Paragraph, StyleId = s.Id };
            if (s.Id != "Normal") style.Append(new BasedOn { Val = "Normal" }, new NextParagraphStyle { Val = "Normal" });
            style.Append(new PrimaryStyle(), pPr, rPr);
            result.Append(style);
        }
        return result;
    }
}
