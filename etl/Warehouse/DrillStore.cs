using ChildrensWarehouse.Cli;

namespace ChildrensWarehouse.Warehouse;

/// <summary>One child (or worker, carer) behind an indicator row.</summary>
public sealed record DrillRow(string IndicatorCode, DateTime PeriodEnd, string? Child, string RecordId, bool InNumerator, bool InDenominator,
    DateTime? DueDate, string? Outcome, string? Worker, string? Team);

/// <summary>Reads the drill-through of one indicator and month (mart.kpi_drill, or mart_identifiable.kpi_drill with child ids), from any engine.</summary>
public static class DrillStore
{
    public static IReadOnlyList<DrillRow> Read(string warehouse, string? laCode, string code, int year, int month, bool identifiable)
    {
        using var db = WarehouseFactory.OpenReader(warehouse);
        var councils = db.Query<string>("SELECT DISTINCT la_code FROM fact.kpi_month ORDER BY la_code").ToList();
        laCode ??= councils.Count == 1 ? councils[0] : throw new UsageException($"{db.Name} holds {councils.Count} councils: give --council");
        var (view, child) = identifiable ? ("mart_identifiable.kpi_drill", "child_id") : ("mart.kpi_drill", "child");
        var first = new DateTime(year, month, 1);
        return db.Query<DrillRow>(
            $"""
            SELECT indicator_code AS IndicatorCode, {db.Timestamp("period_end")} AS PeriodEnd, {child} AS Child, record_id AS RecordId,
                   in_numerator AS InNumerator, in_denominator AS InDenominator, {db.Timestamp("due_date")} AS DueDate, outcome AS Outcome,
                   worker AS Worker, team AS Team
            FROM {view}
            WHERE la_code = @la AND indicator_code = @code AND period_end >= @first AND period_end < @next
            ORDER BY in_numerator DESC, in_denominator DESC, Child, record_id
            """, new { la = laCode, code, first, next = first.AddMonths(1) }).ToList();
    }
}
