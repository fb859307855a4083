using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using MiniExcelLibs;
using Nexus.Web.Infrastructure.Documents;

namespace Nexus.Web.Features.Coordination.Workplans;

/// <summary>
/// The workplan as a Word document (for the principals' meeting pack) and as a spreadsheet of activities (for
/// follow-up). Labels come through <c>t</c>, so the files are in the language of the person downloading them.
/// </summary>
public static class WorkplanExport
{
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string FileName(WorkplanView plan, string extension) => $"workplan-{plan.Year}.{extension}";

    // A4 landscape with 2 cm margins, in twentieths of a point: the activity table has seven columns.
    private const int PageWidth = 16838, PageHeight = 11906, Margin = 1134;
    private static readonly int[] Columns = [3400, 1300, 1200, 2000, 1400, 1400, 3870];

    public static byte[] Docx(WorkplanView plan, Func<string, string> t)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            doc.PackageProperties.Title = Clean(plan.Title);
            doc.PackageProperties.Creator = "Nexus";
            var main = doc.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles();
            var body = new Body();

            body.Append(Paragraph(plan.Title, "Title"));
            body.Append(Paragraph($"{t("Span")}: {WorkplanText.Span(plan.Start, plan.End)}"));
            body.Append(Paragraph($"{t("Status")}: {t(WorkplanText.Status(plan.Status))}"));
            if (plan.Summary is { Length: > 0 } summary) body.Append(Paragraph(summary));
            var progress = plan.Progress;
            body.Append(Paragraph(string.Format(System.Globalization.CultureInfo.CurrentCulture,
                t("{0} activities: {1} done, {2} in progress, {3} planned, {4} postponed, {5} dropped."), progress.Total, progress.Done,
                progress.Count(ActivityStatus.InProgress), progress.Count(ActivityStatus.Planned), progress.Count(ActivityStatus.Postponed),
                progress.Count(ActivityStatus.Dropped))));

            foreach (var pillar in plan.Pillars)
            {
                body.Append(Paragraph(pillar.Title, "Heading1"));
                if (pillar.Description is { Length: > 0 } d) body.Append(Paragraph(d));
                foreach (var o in pillar.Objectives)
                {
                    body.Append(Paragraph($"{t("Objective")}: {o.Text}", "Heading2"));
                    if (o.ExpectedOutcomes.Count > 0)
                    {
                        body.Append(Paragraph(t("Expected outcomes"), "Heading3"));
                        foreach (var outcome in o.ExpectedOutcomes) body.Append(Paragraph("• " + outcome, "ListItem"));
                    }
                    if (o.Activities.Count > 0) body.Append(ActivityTable(o.Activities, t));
                    else body.Append(Paragraph(t("No activity yet.")));
                }
            }
            body.Append(new SectionProperties(
                new PageSize { Width = (UInt32Value)(uint)PageWidth, Height = (UInt32Value)(uint)PageHeight, Orient = PageOrientationValues.Landscape },
                new PageMargin { Top = Margin, Bottom = Margin, Left = (UInt32Value)(uint)Margin, Right = (UInt32Value)(uint)Margin,
                    Header = 709, Footer = 709, Gutter = 0 }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    public static byte[] Xlsx(WorkplanView plan, Func<string, string> t)
    {
        var rows = plan.Pillars.SelectMany(p => p.Objectives.SelectMany(o => o.Activities.Select(a => new Dictionary<string, object?>
        {
            [t("Pillar")] = Safe(p.Title),
            [t("Objective")] = Safe(o.Text),
            [t("Activity")] = Safe(a.Title),
            [t("Kind")] = t(WorkplanText.Kind(a.Kind)),
            [t("Lead")] = a.Lead.Acronym,
            [t("Contributing")] = string.Join(", ", a.Contributing.Select(c => c.Acronym)),
            [t("Due")] = a.Due is { } due ? WorkplanForms.Iso(due) : "",
            [t("Status")] = t(WorkplanText.Status(a.Status)),
            [t("Overdue")] = a.Overdue ? t("Overdue") : "",
            [t("Latest progress note")] = a.LatestNote is { } n ? Safe(NoteText(n, t)) : "",
        }))).ToList();
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, new Dictionary<string, object> { [SheetName(t("Activities"))] = rows });
        return stream.ToArray();
    }

    private static Table ActivityTable(IReadOnlyList<ActivityView> activities, Func<string, string> t)
    {
        var border = (uint)4;
        var table = new Table(
            new TableProperties(
                new TableWidth { Width = Columns.Sum().ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = border },
                    new LeftBorder { Val = BorderValues.Single, Size = border },
                    new BottomBorder { Val = BorderValues.Single, Size = border },
                    new RightBorder { Val = BorderValues.Single, Size = border },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = border },
                    new InsideVerticalBorder { Val = BorderValues.Single, Size = border }),
                new TableLayout { Type = TableLayoutValues.Fixed },
                new TableLook { Val = "04A0" }),
            new TableGrid(Columns.Select(w => new GridColumn { Width = w.ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        string[] headers = [t("Activity"), t("Kind"), t("Lead"), t("Contributing"), t("Due"), t("Status"), t("Latest progress note")];
        table.Append(Row(headers, header: true));
        foreach (var a in activities)
            table.Append(Row(
            [
                a.Title, t(WorkplanText.Kind(a.Kind)), a.Lead.Acronym, string.Join(", ", a.Contributing.Select(c => c.Acronym)),
                (a.Due is { } due ? WorkplanText.Date(due) : "") + (a.Overdue ? $" ({t("Overdue")})" : ""),
                t(WorkplanText.Status(a.Status)), a.LatestNote is { } n ? NoteText(n, t) : "",
            ], header: false));
        return table;
    }

    private static TableRow Row(IReadOnlyList<string> cells, bool header)
    {
        var row = new TableRow();
        // The header row repeats on every page a long table runs over.
        if (header) row.Append(new TableRowProperties(new TableHeader()));
        for (var i = 0; i < cells.Count; i++)
            row.Append(new TableCell(
                new TableCellProperties(new TableCellWidth { Width = Columns[i].ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa }),
                Paragraph(cells[i], "TableText", bold: header)));
        return row;
    }

    private static string NoteText(NoteView n, Func<string, string> t)
    {
        var text = n.Text.Length > 0 ? n.Text : n.Status is { } s ? $"{t("Status")}: {t(WorkplanText.Status(s))}" : "";
        return $"{n.At:yyyy-MM-dd}, {n.AuthorName}: {text}";
    }

    private static Paragraph Paragraph(string text, string? style = null, bool bold = false)
    {
        var p = new Paragraph();
        if (style is not null) p.Append(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        var lines = Clean(text).Replace("\r\n", "\n").Split('\n');
        var run = new Run();
        if (bold) run.Append(new RunProperties(new Bold()));
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0) run.Append(new Break());
            run.Append(new Text(lines[i]) { Space = SpaceProcessingModeValues.Preserve });
        }
        p.Append(run);
        return p;
    }

    private static Styles Styles() => DocxStyles.Build("Liberation Sans", 20, 120,
        new("Normal", "Normal", 20),
        new("Title", "Title", 36, Bold: true),
        new("Heading1", "heading 1", 30, Bold: true, Before: 360, OutlineLevel: 0),
        new("Heading2", "heading 2", 24, Bold: true, Before: 240, OutlineLevel: 1),
        new("Heading3", "heading 3", 20, Bold: true, Before: 120, OutlineLevel: 2),
        new("ListItem", "List Paragraph", 20),
        new("TableText", "Table Text", 18));

    /// <summary>XML 1.0 has no place for most control characters or a lone surrogate; text with them is dropped to the rest.</summary>
    public static string Clean(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { sb.Append(c).Append(text[++i]); continue; }
            if (char.IsSurrogate(c)) continue;
            if (c is '\t' or '\n' or '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)) sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>A leading =, +, - or @ makes spreadsheets evaluate a cell once it is saved as CSV; a quote keeps it text.</summary>
    private static string Safe(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;

    /// <summary>Sheet names are at most 31 characters and may not hold []:*?/\.</summary>
    private static string SheetName(string name)
    {
        var clean = new string(name.Where(c => "[]:*?/\\".IndexOf(c) < 0).ToArray());
        return clean.Length == 0 ? "Sheet1" : clean.Length > 31 ? clean[..31] : clean;
    }
}
