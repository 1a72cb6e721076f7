using System.Globalization;
using ChildrensWarehouse.Reports.Data;

namespace ChildrensWarehouse.Reports.Rendering;

/// <summary>
/// Small-number suppression for the public version of the pack (DfE practice): a count of people or records from 1
/// to 4 is shown as <see cref="Mark"/>, and a value computed from one is withheld. Zero is shown: it identifies nobody.
/// Outside the public version nothing is suppressed.
/// </summary>
public sealed class Disclosure(bool isPublic)
{
    public const string Mark = "*";
    public const int Threshold = 5;
    public bool IsPublic { get; } = isPublic;

    public static bool IsSmall(decimal? count) => count is > 0m and < Threshold;

    /// <summary>Is the point's value withheld? Percentages: numerator or denominator small. Rates and counts: the
    /// numerator (the denominator of a rate is the population). Averages: the denominator (the people or proceedings
    /// averaged over; the numerator is a sum of weeks or cases).</summary>
    public bool Withholds(KpiPoint p, string unit) => IsPublic && unit switch
    {
        "percent" => IsSmall(p.Numerator) || IsSmall(p.Denominator),
        "average" => IsSmall(p.Denominator),
        _ => IsSmall(p.Numerator),
    };

    public decimal? Value(KpiPoint p, string unit) => Withholds(p, unit) ? null : p.Value;

    public string ValueText(KpiPoint p, string unit) => Withholds(p, unit) ? Mark : Formats.Value(p.Value, unit);

    public string NumeratorText(KpiPoint p, string unit) =>
        IsPublic && (IsSmall(p.Numerator) || (unit == "average" && IsSmall(p.Denominator))) ? Mark : Formats.Number(p.Numerator);

    public string DenominatorText(KpiPoint p, string unit) =>
        unit is "count" ? "" : IsPublic && unit != "rate" && IsSmall(p.Denominator) ? Mark : Formats.Number(p.Denominator);
}

/// <summary>How numbers and dates are written in the pack (invariant culture, English month names).</summary>
public static class Formats
{
    private static readonly CultureInfo En = CultureInfo.InvariantCulture;

    public static string Value(decimal? value, string unit) => value is not { } v ? "–" : unit switch
    {
        "percent" => v.ToString("0.0", En) + "%",
        "count" => v.ToString("#,0.##", En),
        _ => v.ToString("#,0.0", En),
    };

    public static string Tick(decimal value, string unit) => value.ToString("#,0.##", En) + (unit == "percent" ? "%" : "");

    public static string Number(decimal? value) => value is { } v ? v.ToString("#,0.####", En) : "–";

    /// <summary>The exact stored value (data attributes, CSV): invariant, no grouping, trailing zeros dropped.</summary>
    public static string Raw(decimal? value) => value is { } v ? v.ToString("0.####", En) : "";

    public static string Month(DateOnly d) => d.ToString("MMM yyyy", En);
    public static string MonthShort(DateOnly d) => d.ToString("MMM yy", En);
    public static string Date(DateOnly? d) => d is { } x ? x.ToString("yyyy-MM-dd", En) : "";
    public static string LongDate(DateOnly d) => d.ToString("d MMMM yyyy", En);

    public static string UnitName(string unit) => unit switch
    {
        "percent" => "%",
        "rate" => "per 10,000 children",
        "average" => "average",
        _ => "count",
    };

    public static string PolarityName(string polarity) => polarity switch
    {
        "up" => "higher is better",
        "down" => "lower is better",
        "band" => "within the target range is best",
        _ => polarity,
    };
}

/// <summary>Direction of travel since the previous month, judged by the indicator's polarity.</summary>
public sealed record Travel(string Arrow, string Words, string Css)
{
    public static readonly Travel Unknown = new("–", "not known", "travel-none");

    public static Travel Of(decimal? now, decimal? before, string polarity, decimal? target, decimal? upper)
    {
        if (now is not { } n || before is not { } b) return Unknown;
        var arrow = n > b ? "▲" : n < b ? "▼" : "►";
        if (n == b) return new(arrow, "no change", "travel-same");
        bool? better = polarity switch
        {
            "up" => n > b,
            "down" => n < b,
            "band" when target is { } t => Distance(n, t, upper ?? t) < Distance(b, t, upper ?? t)
                ? true : Distance(n, t, upper ?? t) > Distance(b, t, upper ?? t) ? false : null,
            _ => null,
        };
        var direction = n > b ? "up" : "down";
        return better switch
        {
            true => new(arrow, direction + ", improving", "travel-better"),
            false => new(arrow, direction + ", worsening", "travel-worse"),
            null => new(arrow, direction, "travel-same"),
        };
    }

    private static decimal Distance(decimal v, decimal low, decimal high) => v < low ? low - v : v > high ? v - high : 0m;
}
