using ChildrensWarehouse.Cli;
using ChildrensWarehouse.Indicators;
using Dapper;

namespace ChildrensWarehouse.Warehouse;

/// <summary>Reads the KPI fact back (the numbers are never recomputed outside the indicator module).</summary>
public static class KpiStore
{
    public static IReadOnlyList<KpiRow> Read(string warehousePath, string? laCode, int months)
    {
        using var connection = DuckDbWarehouse.OpenReadOnly(warehousePath);
        var councils = connection.Query<string>("SELECT DISTINCT la_code FROM fact.kpi_month ORDER BY 1").ToList();
        if (laCode is null)
        {
            if (councils.Count > 1) throw new UsageException($"{warehousePath} holds {councils.Count} councils ({string.Join(", ", councils)}): give --council");
            laCode = councils.FirstOrDefault();
        }
        else if (!councils.Contains(laCode))
        {
            throw new UsageException($"--council {laCode}: not in {warehousePath}");
        }
        if (laCode is null) return [];
        var rows = connection.Query<(string Code, DateTime PeriodEnd, decimal Numerator, decimal? Denominator, decimal? Value)>(
            """
            SELECT indicator_code, period_end::TIMESTAMP, numerator, denominator, value FROM fact.kpi_month
            WHERE la_code = $la AND period_end IN (SELECT DISTINCT period_end FROM fact.kpi_month WHERE la_code = $la ORDER BY period_end DESC LIMIT $months)
            """, new { la = laCode, months })
            .Select(r => new KpiRow(r.Code, DateOnly.FromDateTime(r.PeriodEnd), r.Numerator, r.Denominator, r.Value))
            .OrderBy(r => r.IndicatorCode, StringComparer.Ordinal).ThenBy(r => r.PeriodEnd)
            .ToList();
        return rows;
    }
}
