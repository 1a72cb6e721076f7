using ChildrensWarehouse.Reports.Data;
using ClosedXML.Excel;

namespace ChildrensWarehouse.Reports.Rendering;

/// <summary>
/// pack.xlsx: the headline sheet, one sheet per indicator series (24 months: numerator, denominator, value, target,
/// RAG, statistical neighbours) and the data-quality sheet. Dates are Excel dates; numbers are numbers, except a
/// suppressed one in the public version, which is the text "*". Text from data is written as text, never as a formula.
/// </summary>
public static class ExcelPackWriter
{
    public static void Write(PackData data, string path)
    {
        var disclosure = new Disclosure(data.Public);
        using var workbook = new XLWorkbook();
        Headline(workbook.AddWorksheet("Headline"), data, disclosure);
        var series = data.Charts.SelectMany(c => c.Indicators.Select(i => (Info: i, Points: c.Series(i.Code))))
            .Concat(data.Extras.Select(e => (Info: e.Indicator, Points: e.Points)))
            .GroupBy(x => x.Info.Code).Select(g => g.First())
            .OrderBy(x => x.Info.Code, StringComparer.Ordinal);
        foreach (var (info, points) in series) Series(workbook.AddWorksheet(info.Code), info, points, disclosure);
        if (data.Pack.DataQuality) DataQuality(workbook.AddWorksheet("Data quality"), data, disclosure);
        if (data.NotAvailable.Count > 0)
        {
            var sheet = workbook.AddWorksheet("Not available");
            Header(sheet, 1, "Indicator", "Title", "Why");
            var row = 2;
            foreach (var n in data.NotAvailable)
            {
                Text(sheet.Cell(row, 1), n.Indicator.Code);
                Text(sheet.Cell(row, 2), n.Indicator.Title);
                Text(sheet.Cell(row, 3), n.Reason);
                row++;
            }
        }
        workbook.SaveAs(path);
    }

    private static void Text(IXLCell cell, string? text)
    {
        cell.SetValue(SpreadsheetText.Guard(text));
        cell.DataType = XLDataType.Text;
    }

    private static void Number(IXLCell cell, decimal? value, string format = "#,##0.0###")
    {
        if (value is null) return;
        cell.SetValue(value.Value);
        cell.Style.NumberFormat.Format = format;
    }

    private static void Date(IXLCell cell, DateOnly? date)
    {
        if (date is null) return;
        cell.SetValue(date.Value.ToDateTime(TimeOnly.MinValue));
        cell.Style.NumberFormat.Format = "yyyy-mm-dd";
    }

    private static void Suppressible(IXLCell cell, decimal? value, bool suppressed)
    {
        if (suppressed) Text(cell, Disclosure.Mark);
        else Number(cell, value);
    }

    private static void Rag(IXLCell cell, string? rag)
    {
        var colour = Palette.Rag(rag);
        Text(cell, rag is null ? "" : colour.Label);
        if (rag is null) return;
        cell.Style.Fill.BackgroundColor = XLColor.FromHtml(colour.Fill);
        cell.Style.Font.FontColor = XLColor.FromHtml(colour.Text);
    }

    private static void Header(IXLWorksheet sheet, int row, params string[] headers)
    {
        for (var c = 0; c < headers.Length; c++)
        {
            Text(sheet.Cell(row, c + 1), headers[c]);
            sheet.Cell(row, c + 1).Style.Font.Bold = true;
            sheet.Column(c + 1).Width = Math.Max(12, Math.Min(60, headers[c].Length + 4));
        }
        sheet.SheetView.FreezeRows(row);
    }

    private static void Headline(IXLWorksheet sheet, PackData data, Disclosure disclosure)
    {
        Text(sheet.Cell(1, 1), $"{data.Pack.Title}: {PackView.PeriodLine(data)}");
        sheet.Cell(1, 1).Style.Font.Bold = true;
        var notices = PackView.Notices(data);
        for (var i = 0; i < notices.Count; i++) Text(sheet.Cell(2 + i, 1), notices[i]);
        var row = 3 + notices.Count;
        Header(sheet, row, "indicator_code", "title", "chart", "unit", "polarity", "period_end", "value", "numerator", "denominator",
            "target", "target_upper", "rag", "previous_value", "direction_of_travel", "stat_neighbour");
        sheet.Column(2).Width = 55;
        foreach (var h in data.Headline)
        {
            row++;
            var unit = h.Indicator.Unit;
            var withheld = disclosure.Withholds(h.Latest, unit);
            Text(sheet.Cell(row, 1), h.Indicator.Code);
            Text(sheet.Cell(row, 2), h.Indicator.Title);
            Text(sheet.Cell(row, 3), h.Indicator.Chart);
            Text(sheet.Cell(row, 4), unit);
            Text(sheet.Cell(row, 5), h.Indicator.Polarity);
            Date(sheet.Cell(row, 6), h.Latest.PeriodEnd);
            Suppressible(sheet.Cell(row, 7), h.Latest.Value, withheld);
            WriteCounts(sheet, row, 8, h.Latest, unit, disclosure);
            Number(sheet.Cell(row, 10), h.Latest.Target);
            Number(sheet.Cell(row, 11), h.Latest.TargetUpper);
            Rag(sheet.Cell(row, 12), h.Latest.Rag);
            var travel = PackView.TravelOf(h, disclosure);
            Suppressible(sheet.Cell(row, 13), h.PreviousValue, disclosure.Withholds(PackView.Previous(h), unit));
            Text(sheet.Cell(row, 14), travel.Words);
            Number(sheet.Cell(row, 15), h.Latest.StatNeighbour);
        }
    }

    private static void WriteCounts(IXLWorksheet sheet, int row, int column, KpiPoint p, string unit, Disclosure disclosure)
    {
        var numerator = disclosure.NumeratorText(p, unit);
        if (numerator == Disclosure.Mark) Text(sheet.Cell(row, column), numerator);
        else Number(sheet.Cell(row, column), p.Numerator, "#,##0.####");
        var denominator = disclosure.DenominatorText(p, unit);
        if (denominator == Disclosure.Mark) Text(sheet.Cell(row, column + 1), denominator);
        else Number(sheet.Cell(row, column + 1), p.Denominator, "#,##0.####");
    }

    private static void Series(IXLWorksheet sheet, IndicatorInfo info, IReadOnlyList<KpiPoint> points, Disclosure disclosure)
    {
        Text(sheet.Cell(1, 1), $"{info.Code}: {info.Title}");
        sheet.Cell(1, 1).Style.Font.Bold = true;
        Text(sheet.Cell(2, 1), $"{info.Window}, {Formats.UnitName(info.Unit)}, {Formats.PolarityName(info.Polarity)}. {info.Definition}");
        Header(sheet, 4, "period_end", "numerator", "denominator", "value", "target", "target_upper", "rag", "stat_neighbour");
        var row = 4;
        foreach (var p in points.OrderBy(p => p.PeriodEnd))
        {
            row++;
            Date(sheet.Cell(row, 1), p.PeriodEnd);
            WriteCounts(sheet, row, 2, p, info.Unit, disclosure);
            Suppressible(sheet.Cell(row, 4), p.Value, disclosure.Withholds(p, info.Unit));
            Number(sheet.Cell(row, 5), p.Target);
            Number(sheet.Cell(row, 6), p.TargetUpper);
            Rag(sheet.Cell(row, 7), p.Rag);
            Number(sheet.Cell(row, 8), p.StatNeighbour);
        }
    }

    private static void DataQuality(IXLWorksheet sheet, PackData data, Disclosure disclosure)
    {
        if (data.Public)
        {
            Header(sheet, 1, "team", "quarantined", "warnings", "oldest_age_days");
            var r = 1;
            foreach (var (team, quarantined, warnings, oldest) in PackView.DataQualityByTeam(data))
            {
                r++;
                Text(sheet.Cell(r, 1), team);
                Suppressible(sheet.Cell(r, 2), quarantined, Disclosure.IsSmall(quarantined));
                Suppressible(sheet.Cell(r, 3), warnings, Disclosure.IsSmall(warnings));
                Number(sheet.Cell(r, 4), oldest, "0");
            }
            return;
        }
        var headers = new List<string> { "team", "worker", "kind", "table_name", "line", "column_name", "reason" };
        if (data.Identifiable) headers.Add("child_id");
        headers.AddRange(["child", "age_days"]);
        Header(sheet, 1, [.. headers]);
        var row = 1;
        foreach (var d in data.DataQuality)
        {
            row++;
            var c = 1;
            Text(sheet.Cell(row, c++), d.Team);
            Text(sheet.Cell(row, c++), d.Worker);
            Text(sheet.Cell(row, c++), d.Kind);
            Text(sheet.Cell(row, c++), d.TableName);
            Number(sheet.Cell(row, c++), d.Line, "0");
            Text(sheet.Cell(row, c++), d.Column);
            Text(sheet.Cell(row, c++), d.Reason);
            if (data.Identifiable) Text(sheet.Cell(row, c++), d.ChildId);
            Text(sheet.Cell(row, c++), d.Child);
            Number(sheet.Cell(row, c), d.AgeDays, "0");
        }
    }
}
