using ClosedXML.Excel;
using ChildrensWarehouse.Reports.Rendering;

namespace ChildrensWarehouse.Returns;

/// <summary>
/// Writes the Annex A lists as one workbook with a sheet per list ("List 1" ... "List 11", as in Ofsted's template):
/// the template's headings in row 1, one record a row, dates as real Excel dates (dd/mm/yyyy), counts as numbers and
/// codes as the template's drop-down values, so the rows paste into the template and ChAT unchanged. Text that a
/// spreadsheet would run as a formula is prefixed with a quote mark.
/// </summary>
public static class AnnexAWorkbook
{
    public static void Write(IReadOnlyList<AnnexAList> lists, string path)
    {
        using var workbook = new XLWorkbook();
        foreach (var list in lists)
        {
            var sheet = workbook.AddWorksheet($"List {list.Number}");
            for (var c = 0; c < list.Headings.Count; c++)
            {
                var cell = sheet.Cell(1, c + 1);
                cell.SetValue(list.Headings[c]);
                cell.DataType = XLDataType.Text;
                cell.Style.Font.Bold = true;
            }
            for (var r = 0; r < list.Rows.Count; r++)
            {
                var row = list.Rows[r];
                if (row.Length != list.Headings.Count)
                {
                    throw new InvalidOperationException($"Annex A list {list.Number}: a row has {row.Length} values for {list.Headings.Count} headings");
                }
                for (var c = 0; c < row.Length; c++) Set(sheet.Cell(r + 2, c + 1), row[c]);
            }
            sheet.SheetView.FreezeRows(1);
            // A fixed width: measuring text (AdjustToContents) needs System.Drawing, which Linux lacks.
            sheet.Columns(1, list.Headings.Count).Width = 20;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        workbook.SaveAs(path);
    }

    private static void Set(IXLCell cell, object? value)
    {
        switch (value)
        {
            case null:
                break;
            case DateOnly d:
                cell.SetValue(d.ToDateTime(TimeOnly.MinValue));
                cell.Style.NumberFormat.Format = "dd/mm/yyyy";
                break;
            case int n:
                cell.SetValue(n);
                break;
            case string s when s.Length == 0:
                break;
            case string s:
                cell.SetValue(SpreadsheetText.Guard(s));
                cell.DataType = XLDataType.Text;
                break;
            default:
                throw new ArgumentException($"Annex A: cannot write a {value.GetType().Name}");
        }
    }
}
