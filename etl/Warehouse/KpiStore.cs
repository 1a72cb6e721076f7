using ChildrensWarehouse.Cli;
using ChildrensWarehouse.Indicators;

namespace ChildrensWarehouse.Warehouse;

/// <summary>Reads the KPI fact back (the numbers are never recomputed outside the indicator module), from any engine.</summary>
public static class KpiStore
{
    public static IReadOnlyList<KpiRow> Read(string warehouse, string? laCode, int months)
    {
        using var db = WarehouseFactory.OpenReader(warehouse);
        var councils = db.Query<string>("SELECT DISTINCT la_code FROM fact.kpi_month ORDER BY la_code").ToList();
        if (laCode is null)
        {
            if (councils.Count > 1) throw new UsageException($"{db.Name} holds {councils.Count} councils ({string.Join(", ", councils)}): give --council");
            laCode = councils.FirstOrDefault();
        }
        else if (!councils.Contains(laCode))
        {
            throw new UsageException($"--council {laCode}: not in {db.Name}");
        }
        if (laCode is null) return [];
        // The last N period ends the council has, then their rows (no LIMIT/TOP: the same SQL on every engine).
        var periods = db.Query<DateTime>($"SELECT DISTINCT {db.Timestamp("period_end")} AS period_end FROM fact.kpi_month WHERE la_code = @la ORDER BY period_end DESC",
            new { la = laCode });
        if (periods.Count == 0) return [];
        var from = periods[Math.Min(months, periods.Count) - 1];
        var computed = db.Query<(string Code, DateTime PeriodEnd, decimal Numerator, decimal? Denominator, decimal? Value)>(
            $"SELECT indicator_code, {db.Timestamp("period_end")} AS period_end, numerator, denominator, value FROM fact.kpi_month WHERE la_code = @la AND period_end >= @from",
            new { la = laCode, from })
            .Select(r => new KpiRow(r.Code, DateOnly.FromDateTime(r.PeriodEnd), r.Numerator, r.Denominator, r.Value));
        // Indicators the source could not support: the contract's rows, with no numbers, and the reason.
        var notAvailable = db.Query<(string Code, string Reason)>("SELECT indicator_code, reason FROM fact.kpi_availability WHERE la_code = @la", new { la = laCode })
            .SelectMany(a => periods.Where(p => p >= from).Select(p => KpiRow.NotAvailable(a.Code, DateOnly.FromDateTime(p), a.Reason)));
        return computed.Concat(notAvailable)
            .OrderBy(r => r.IndicatorCode, StringComparer.Ordinal).ThenBy(r => r.PeriodEnd)
            .ToList();
    }
}
