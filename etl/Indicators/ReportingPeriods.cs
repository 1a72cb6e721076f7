namespace ChildrensWarehouse.Indicators;

/// <summary>
/// The month ends E an indicator series is reported for (KPIS.md "Common definitions"): the last day of each month,
/// or the as-at date for the month that holds it. Windows ending at E: month, YTD (from 1 April), R12, snapshot.
/// </summary>
public sealed class ReportingPeriods
{
    public IReadOnlyList<DateOnly> MonthEnds { get; }
    public DateOnly AsAtDate { get; }

    private ReportingPeriods(IReadOnlyList<DateOnly> monthEnds, DateOnly asAtDate)
    {
        MonthEnds = monthEnds;
        AsAtDate = asAtDate;
    }

    /// <summary>The <paramref name="months"/> months that end with the as-at month.</summary>
    public static ReportingPeriods Ending(DateTime asAt, int months)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(months, 1);
        var asAtDate = DateOnly.FromDateTime(asAt);
        var first = new DateOnly(asAtDate.Year, asAtDate.Month, 1).AddMonths(-(months - 1));
        var ends = Enumerable.Range(0, months)
            .Select(i => first.AddMonths(i))
            .Select(m => m.Year == asAtDate.Year && m.Month == asAtDate.Month ? asAtDate : m.AddMonths(1).AddDays(-1))
            .ToList();
        return new ReportingPeriods(ends, asAtDate);
    }

    public static DateOnly MonthStart(DateOnly e) => new(e.Year, e.Month, 1);
    public static DateOnly YearToDateStart(DateOnly e) => e.Month >= 4 ? new(e.Year, 4, 1) : new(e.Year - 1, 4, 1);
    public static DateOnly Rolling12Start(DateOnly e) => MonthStart(e).AddMonths(-11);

    /// <summary>The index of the period whose month window [first of month, E] holds d, or -1.</summary>
    public int MonthIndexOf(DateOnly d)
    {
        var first = MonthStart(MonthEnds[0]);
        if (d < first) return -1;
        var index = (d.Year - first.Year) * 12 + d.Month - first.Month;
        return index < MonthEnds.Count && d <= MonthEnds[index] ? index : -1;
    }

    public static bool InWindow(DateOnly d, DateOnly start, DateOnly end) => d >= start && d <= end;
}
