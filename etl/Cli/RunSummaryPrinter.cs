using ChildrensWarehouse.Pipeline;

namespace ChildrensWarehouse.Cli;

public static class RunSummaryPrinter
{
    public static void Print(RunSummary s, TextWriter o)
    {
        o.WriteLine($"Run {s.RunId} ({s.Mode}): {s.Manifest.LocalAuthority} ({s.Manifest.LaCode}), as at {s.AsAt:yyyy-MM-dd HH:mm:ss}");
        o.WriteLine();
        o.WriteLine($"{"table",-28}{"read",12}{"loaded",12}{"quarantined",14}");
        foreach (var a in s.Accounting)
        {
            o.WriteLine($"{a.Table,-28}{a.Read,12:N0}{a.Loaded,12:N0}{a.Quarantined,14:N0}");
        }
        o.WriteLine($"{"total",-28}{s.Accounting.Sum(a => a.Read),12:N0}{s.Accounting.Sum(a => a.Loaded),12:N0}{s.Accounting.Sum(a => a.Quarantined),14:N0}");
        o.WriteLine();
        if (s.SourceAccounting.Count > 0)
        {
            o.WriteLine($"{"return file (rows)",-52}{"read",10}{"loaded",10}{"quarantined",13}{"not used",10}");
            foreach (var a in s.SourceAccounting)
            {
                o.WriteLine($"{Clip($"{a.File} ({a.Table})", 51),-52}{a.Read,10:N0}{a.Loaded,10:N0}{a.Quarantined,13:N0}{a.NotUsedCount,10:N0}");
                foreach (var (reason, count) in a.NotUsed) o.WriteLine($"    not used: {count:N0} {reason}");
            }
            o.WriteLine();
        }
        foreach (var (stage, elapsed) in s.Timings)
        {
            o.WriteLine($"{stage,-28}{elapsed.TotalSeconds,10:0.000} s");
        }
        o.WriteLine();
        if (s.Warnings.Count > 0)
        {
            foreach (var w in s.Warnings) o.WriteLine($"warning: {w}");
            o.WriteLine();
        }
        if (s.Mode == "incremental")
        {
            o.WriteLine($"Incremental: {(s.ChangedRecordsOnly ? "only the changed records read" : "the whole extract read")}, {s.StagedRowsChanged:N0} staging rows changed, " +
                $"{s.ChildrenDerived:N0} children re-derived, {s.ChildrenRewritten:N0} rewritten");
        }
        o.WriteLine($"Warehouse: {Warehouse.WarehouseTarget.Parse(s.WarehousePath).Display}");
        var computed = s.Kpis.Where(k => k.Availability is null).Select(k => k.IndicatorCode).Distinct().Count();
        var notAvailable = s.Kpis.Where(k => k.Availability is not null).Select(k => k.IndicatorCode).Distinct().ToList();
        o.WriteLine($"Indicators: {computed} indicators x {s.Kpis.Select(k => k.PeriodEnd).Distinct().Count()} months in fact.kpi_month");
        if (notAvailable.Count > 0)
        {
            o.WriteLine($"Not available from this source ({notAvailable.Count}, reasons in fact.kpi_availability): {string.Join(", ", notAvailable)}");
        }
        if (s.Accounting.Sum(a => a.Quarantined) > 0)
        {
            o.WriteLine("Quarantined rows and their reasons: SELECT * FROM audit.etl_quarantine WHERE run_id = " + s.RunId);
        }
    }

    private static string Clip(string text, int width) => text.Length <= width ? text : "..." + text[^(width - 3)..];

    public static void PrintHistory(IReadOnlyList<Warehouse.RunHistory.Entry> runs, TextWriter o)
    {
        o.WriteLine($"{"run",5}  {"council",-8}{"mode",-12}{"status",-10}{"started",-20}{"seconds",9}  {"as at",-20}{"read",10}{"loaded",10}{"quarant.",10}{"children",10}  rules");
        foreach (var r in runs)
        {
            var seconds = r.EndedAt is { } end ? (end - r.StartedAt).TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "";
            o.WriteLine($"{r.RunId,5}  {r.LaCode,-8}{r.Mode,-12}{r.Status,-10}{r.StartedAt,-20:yyyy-MM-dd HH:mm:ss}{seconds,9}  {r.AsAt,-20:yyyy-MM-dd HH:mm:ss}" +
                $"{r.RowsRead,10:N0}{r.RowsLoaded,10:N0}{r.RowsQuarantined,10:N0}{r.ChildrenRederived,10:N0}  {r.RulebookVersion}");
            if (r.Error is not null) o.WriteLine($"       error: {r.Error}");
        }
    }
}
