using ChildrensWarehouse.Indicators;

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
                o.WriteLine($"{r.IndicatorCode,-10}{r.PeriodEnd:yyyy-MM-dd}  {KpiRow.Format(r.Numerator),14}{KpiRow.Format(r.Denominator),14}{KpiRow.Format(r.Value),12}");
            }
            return;
        }
        o.Write(KpiRow.CsvHeader + "\n");
        foreach (var r in rows) o.Write(r.ToCsv() + "\n");
    }
}
