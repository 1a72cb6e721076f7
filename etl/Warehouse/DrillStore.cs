using ChildrensWarehouse.Cli;
using Dapper;

namespace ChildrensWarehouse.Warehouse;

/// <summary>One child (or worker, carer) behind an indicator row.</summary>
public sealed record DrillRow(string IndicatorCode, DateTime PeriodEnd, string? Child, string RecordId, bool InNumerator, bool InDenominator,
    DateTime? DueDate, string? Outcome, string? Worker, string? Team);

/// <summary>Reads the drill-through of one indicator and month (mart.kpi_drill, or mart_identifiable.kpi_drill with child ids).</summary>
public static class DrillStore
{
    public static IReadOnlyList<DrillRow> Read(string warehousePath, string? laCode, string code, int year, int month, bool identifiable)
    {
        using var connection = DuckDbWarehouse.OpenReadOnly(warehousePath);
        var councils = connection.Query<string>("SELECT DISTINCT la_code FROM fact.kpi_month ORDER BY 1").ToList();
        laCode ??= councils.Count == 1 ? councils[0] : throw new UsageException($"{warehousePath} holds {councils.Count} councils: give --council");
        var (view, child) = identifiable ? ("mart_identifiable.kpi_drill", "child_id") : ("mart.kpi_drill", "child");
        return connection.Query<DrillRow>(
            $"""
            SELECT indicator_code AS IndicatorCode, period_end::TIMESTAMP AS PeriodEnd, {child} AS Child, record_id AS RecordId,
                   in_numerator AS InNumerator, in_denominator AS InDenominator, due_date::TIMESTAMP AS DueDate, outcome AS Outcome,
                   worker AS Worker, team AS Team
            FROM {view}
            WHERE la_code = $la AND indicator_code = $code AND year(period_end) = $year AND month(period_end) = $month
            ORDER BY in_numerator DESC, in_denominator DESC, Child, record_id
            """, new { la = laCode, code, year, month }).ToList();
    }
}
