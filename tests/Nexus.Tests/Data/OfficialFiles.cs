using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Nexus.Tests.Data;

/// <summary>
/// The official data files in ../shared/data, and a reader of their cells that shares nothing with the importer
/// (which reads through ExcelDataReader): the OpenXML SDK's document model, cell by reference.
/// </summary>
public static class OfficialFiles
{
    /// <summary>The full path of a file under shared/data, e.g. "undesa/UN_MigrantStockTotal_2019.xlsx".</summary>
    public static string Path(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "data", relative);
            if (File.Exists(candidate)) return candidate;
        }
        Assert.Fail($"No shared/data/{relative} in any folder above {AppContext.BaseDirectory}. The tests expect the " +
                    "programme's shared data next to the repository (../shared/data).");
        return "";
    }

    /// <summary>Every cell of one sheet of a workbook, by reference ("B12"): a double for numbers, else the text.</summary>
    public static IReadOnlyDictionary<string, object> Cells(string path, string sheetName)
    {
        using var doc = SpreadsheetDocument.Open(path, false);
        var book = doc.WorkbookPart!;
        var sheet = book.Workbook.Sheets!.Elements<Sheet>().FirstOrDefault(s => s.Name?.Value == sheetName)
            ?? throw new ArgumentException($"No sheet '{sheetName}' in {path}.");
        var part = (WorksheetPart)book.GetPartById(sheet.Id!.Value!);
        var shared = book.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];
        var cells = new Dictionary<string, object>();
        foreach (var c in part.Worksheet.Descendants<Cell>())
        {
            var raw = c.CellValue?.Text ?? c.InlineString?.InnerText;
            if (raw is null || c.CellReference?.Value is not { } reference) continue;
            object value = c.DataType?.Value == CellValues.SharedString ? shared[int.Parse(raw, CultureInfo.InvariantCulture)]
                : c.DataType?.Value == CellValues.String || c.DataType?.Value == CellValues.InlineString ? raw
                : double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : raw;
            cells[reference] = value;
        }
        return cells;
    }

    /// <summary>"C", 12 → "C12"; column 1 is A.</summary>
    public static string Ref(int column, int row) => Nexus.Web.Features.Data.Import.CellRef.Letters(column) + row.ToString(CultureInfo.InvariantCulture);
}
