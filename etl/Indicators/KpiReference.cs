using ChildrensWarehouse.Contract;

namespace ChildrensWarehouse.Indicators;

/// <summary>An effective-dated target (reference/targets.csv).</summary>
public sealed record Target(string IndicatorCode, DateOnly ValidFrom, DateOnly? ValidTo, decimal Value, decimal AmberTolerance, decimal? Upper);

/// <summary>A published statistical-neighbour value (reference/stat_neighbours.csv).</summary>
public sealed record StatNeighbourValue(string IndicatorCode, DateOnly PeriodEnd, decimal Value);

/// <summary>Targets, RAG and statistical neighbours for KPI rows (KPIS.md "RAG"): the one place RAG is decided.</summary>
public sealed class KpiReference(IEnumerable<Target> targets, IEnumerable<StatNeighbourValue> statNeighbours)
{
    private readonly ILookup<string, Target> _targets = targets.ToLookup(t => t.IndicatorCode, StringComparer.Ordinal);
    private readonly ILookup<string, StatNeighbourValue> _neighbours = statNeighbours.ToLookup(s => s.IndicatorCode, StringComparer.Ordinal);

    public static KpiReference From(Extract extract)
    {
        var t = extract["targets"];
        int code = t.Spec.IndexOf("indicator_code"), from = t.Spec.IndexOf("valid_from"), to = t.Spec.IndexOf("valid_to"),
            target = t.Spec.IndexOf("target"), tol = t.Spec.IndexOf("amber_tolerance"), upper = t.Spec.IndexOf("target_upper");
        var s = extract["stat_neighbours"];
        int sCode = s.Spec.IndexOf("indicator_code"), sEnd = s.Spec.IndexOf("period_end"), sValue = s.Spec.IndexOf("value");
        return new KpiReference(
            t.Rows.Select(r => new Target(r.Text(code)!, r.Date(from)!.Value, r.Date(to), r.Decimal(target)!.Value, r.Decimal(tol)!.Value, r.Decimal(upper))),
            s.Rows.Select(r => new StatNeighbourValue(r.Text(sCode)!, r.Date(sEnd)!.Value, r.Decimal(sValue)!.Value)));
    }

    /// <summary>The target valid at E: valid_from &lt;= E &lt;= valid_to (open-ended when empty); the latest valid_from wins.</summary>
    public Target? TargetAt(string code, DateOnly e) =>
        _targets[code].Where(t => t.ValidFrom <= e && (t.ValidTo is null || t.ValidTo >= e)).MaxBy(t => t.ValidFrom);

    public decimal? StatNeighbourAt(string code, DateOnly e) =>
        _neighbours[code].Where(n => n.PeriodEnd <= e).MaxBy(n => n.PeriodEnd)?.Value;

    /// <summary>
    /// Green meets the target (band: target &lt;= value &lt;= target_upper), amber misses it by no more than the
    /// tolerance in points, red otherwise; no target or no value, no RAG.
    /// </summary>
    public static string? Rag(decimal? value, Target? target, string polarity)
    {
        if (value is not { } v || target is null) return null;
        var (t, tol) = (target.Value, target.AmberTolerance);
        var (green, amber) = polarity switch
        {
            "up" => (v >= t, v >= t - tol),
            "down" => (v <= t, v <= t + tol),
            "band" => (v >= t && v <= (target.Upper ?? t), v >= t - tol && v <= (target.Upper ?? t) + tol),
            _ => throw new ArgumentOutOfRangeException(nameof(polarity), polarity, "polarity must be up, down or band"),
        };
        return green ? "GREEN" : amber ? "AMBER" : "RED";
    }

    /// <summary>
    /// The row with its target, RAG and statistical neighbour. RAG is judged on the unrounded value
    /// (<paramref name="value"/>): KPIS.md rounds to 4 decimals only what is written out, so 79.99996% misses a target of
    /// 80 although it is shown as 80.
    /// </summary>
    public KpiRow Annotate(KpiRow row, IndicatorDefinition definition, decimal? value)
    {
        var target = TargetAt(row.IndicatorCode, row.PeriodEnd);
        return row with
        {
            Target = target?.Value,
            AmberTolerance = target?.AmberTolerance,
            TargetUpper = target?.Upper,
            Rag = Rag(value, target, definition.Polarity),
            StatNeighbour = StatNeighbourAt(row.IndicatorCode, row.PeriodEnd),
        };
    }
}
