using System.Globalization;

namespace ChildrensWarehouse.Indicators;

/// <summary>
/// One row of the output contract (KPIS.md): indicator_code, period_end, numerator, denominator, value.
/// Numbers are already rounded to 4 decimals half away from zero, as written out. An indicator the source cannot support
/// has no numbers at all (numerator, denominator and value null) and says why in <see cref="Availability"/>.
/// </summary>
public sealed record KpiRow(string IndicatorCode, DateOnly PeriodEnd, decimal? Numerator, decimal? Denominator, decimal? Value)
{
    /// <summary>Null when computed; else why the source cannot support the indicator ("not available from this source: ...").</summary>
    public string? Availability { get; init; }

    public static KpiRow NotAvailable(string code, DateOnly periodEnd, string reason) => new(code, periodEnd, null, null, null) { Availability = reason };

    /// <summary>The target valid at the period end (targets.csv), its amber tolerance and, for band indicators, the upper bound.</summary>
    public decimal? Target { get; init; }
    public decimal? AmberTolerance { get; init; }
    public decimal? TargetUpper { get; init; }
    /// <summary>GREEN, AMBER or RED against the target; null with no target or no value.</summary>
    public string? Rag { get; init; }
    /// <summary>The latest published statistical-neighbour value at or before the period end.</summary>
    public decimal? StatNeighbour { get; init; }

    public const string CsvHeader = "indicator_code,period_end,numerator,denominator,value";

    public static decimal Round(decimal value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);

    public static string Format(decimal? value) => value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "";

    public string ToCsv() =>
        string.Join(",", IndicatorCode, PeriodEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Format(Numerator), Format(Denominator), Format(Value));

    /// <summary>Builds the row from the unrounded numerator and denominator, by the indicator's unit.</summary>
    public static KpiRow Create(string code, DateOnly periodEnd, IndicatorUnit unit, decimal numerator, decimal denominator) =>
        new(code, periodEnd, Round(numerator), unit == IndicatorUnit.Count ? null : Round(denominator), ValueOf(unit, numerator, denominator) is { } v ? Round(v) : null);

    /// <summary>The value, unrounded (KPIS.md rounds only what is written out; RAG is judged on this).</summary>
    public static decimal? ValueOf(IndicatorUnit unit, decimal numerator, decimal denominator) => unit switch
    {
        IndicatorUnit.Count => numerator,
        IndicatorUnit.Percent => denominator == 0 ? null : 100m * numerator / denominator,
        IndicatorUnit.Rate => denominator == 0 ? null : 10000m * numerator / denominator,
        IndicatorUnit.Average => denominator == 0 ? null : numerator / denominator,
        _ => throw new ArgumentOutOfRangeException(nameof(unit)),
    };
}
