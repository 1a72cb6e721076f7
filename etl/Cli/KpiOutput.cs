using System.Globalization;
using ChildrensWarehouse.Indicators;
using ChildrensWarehouse.Warehouse;

namespace ChildrensWarehouse.Cli;

public static class KpiOutput
{
    public static void Write(IReadOnlyList<KpiRow> rows, string format, TextWriter o)
    {
        if (format == "table")
        {
            o.WriteLine($"{"indicator",-10}{"period_end",-12}{"numerator",14}{"denominator",14}{"value",12}");
            foreach (var r in rows)
            {
                o.WriteLine(r.Availability is { } reason
                    ? $"{r.IndicatorCode,-10}{r.PeriodEnd:yyyy-MM-dd}  {reason}"
                    : $"{r.IndicatorCode,-10}{r.PeriodEnd:yyyy-MM-dd}  {KpiRow.Format(r.Numerator),14}{KpiRow.Format(r.Denominator),14}{KpiRow.Format(r.Value),12}");
            }
            return;
        }
        o.Write(KpiRow.CsvHeader + "\n");
        foreach (var r in rows) o.Write(r.ToCsv() + "\n");
    }

    public const string DrillHeader = "indicator_code,period_end,child,record_id,in_numerator,in_denominator,due_date,outcome,worker,team";

    public static void WriteDrill(IReadOnlyList<DrillRow> rows, TextWriter o)
    {
        o.Write(DrillHeader + "\n");
        foreach (var r in rows)
        {
            o.Write(string.Join(",", Csv(r.IndicatorCode), r.PeriodEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Csv(r.Child), Csv(r.RecordId),
                r.InNumerator ? "Y" : "N", r.InDenominator ? "Y" : "N", r.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                Csv(r.Outcome), Csv(r.Worker), Csv(r.Team)) + "\n");
        }
    }

    /// <summary>RFC 4180 quoting, and a leading quote mark for text a spreadsheet would run as a formula.</summary>
    public static string Csv(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@') value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
