using System.Globalization;

namespace ChildrensWarehouse.Seeds;

/// <summary>Invariant text forms of the contract: dates YYYY-MM-DD, timestamps YYYY-MM-DDTHH:MM:SS.</summary>
internal static class Format
{
    private static readonly DateOnly CacheStart = new(1980, 1, 1);
    private static readonly string[] DateCache = BuildDateCache();

    private static string[] BuildDateCache()
    {
        var days = new DateOnly(2071, 1, 1).DayNumber - CacheStart.DayNumber;
        var cache = new string[days];
        for (var i = 0; i < days; i++)
        {
            cache[i] = CacheStart.AddDays(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        return cache;
    }

    public static string Date(DateOnly d)
    {
        var i = d.DayNumber - CacheStart.DayNumber;
        return (uint)i < (uint)DateCache.Length ? DateCache[i] : d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    public static string? Date(DateOnly? d) => d is { } v ? Date(v) : null;

    public static string Timestamp(DateTime t)
        => string.Create(19, t, static (span, v) =>
        {
            Date(DateOnly.FromDateTime(v)).AsSpan().CopyTo(span);
            span[10] = 'T';
            Two(span[11..], v.Hour);
            span[13] = ':';
            Two(span[14..], v.Minute);
            span[16] = ':';
            Two(span[17..], v.Second);
        });

    public static string? Timestamp(DateTime? t) => t is { } v ? Timestamp(v) : null;

    public static string YesNo(bool value) => value ? "Y" : "N";

    public static string Decimal(double value) => value.ToString("0.0##", CultureInfo.InvariantCulture);

    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Two(Span<char> span, int value)
    {
        span[0] = (char)('0' + value / 10);
        span[1] = (char)('0' + value % 10);
    }
}

internal static class Dates
{
    public static DateTime At(this DateOnly d, double hours) => d.ToDateTime(TimeOnly.MinValue).AddSeconds(Math.Round(hours * 3600));

    public static DateOnly Day(this DateTime t) => DateOnly.FromDateTime(t);

    public static int DaysUntil(this DateOnly from, DateOnly to) => to.DayNumber - from.DayNumber;

    public static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    public static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    /// <summary>Completed years at d (someone born on 29 February has a birthday on 1 March in common years).</summary>
    public static int AgeAt(DateOnly dob, DateOnly d)
    {
        var age = d.Year - dob.Year;
        if (d.Month < dob.Month || (d.Month == dob.Month && d.Day < dob.Day))
        {
            age--;
        }
        return age;
    }

    /// <summary>The date of the n-th birthday (29 February rolls to 1 March in common years).</summary>
    public static DateOnly Birthday(DateOnly dob, int n)
    {
        var year = dob.Year + n;
        if (dob.Month == 2 && dob.Day == 29 && !DateTime.IsLeapYear(year))
        {
            return new DateOnly(year, 3, 1);
        }
        return new DateOnly(year, dob.Month, dob.Day);
    }

    public static int MonthIndex(DateOnly d) => d.Year * 12 + d.Month - 1;

    public static DateOnly MonthStart(int monthIndex) => new(monthIndex / 12, monthIndex % 12 + 1, 1);

    public static DateOnly MonthEnd(int monthIndex) => MonthStart(monthIndex + 1).AddDays(-1);
}
