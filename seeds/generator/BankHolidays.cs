namespace ChildrensWarehouse.Seeds;

/// <summary>
/// England and Wales bank holidays 2010-2030, exactly as the table of RULES.md section 3 (the one
/// place in the generator that lists them; reference/bank_holidays.csv is written from here).
/// Years outside the table are computed by the standard rules (used only for old history).
/// </summary>
public static class BankHolidays
{
    public static readonly IReadOnlyList<(DateOnly Date, string Name)> EnglandAndWales =
    [
        (D(2010, 1, 1), "New Year's Day"), (D(2010, 4, 2), "Good Friday"), (D(2010, 4, 5), "Easter Monday"),
        (D(2010, 5, 3), "Early May bank holiday"), (D(2010, 5, 31), "Spring bank holiday"), (D(2010, 8, 30), "Summer bank holiday"),
        (D(2010, 12, 27), "Christmas Day (substitute day)"), (D(2010, 12, 28), "Boxing Day (substitute day)"),

        (D(2011, 1, 3), "New Year's Day (substitute day)"), (D(2011, 4, 22), "Good Friday"), (D(2011, 4, 25), "Easter Monday"),
        (D(2011, 4, 29), "Royal wedding"), (D(2011, 5, 2), "Early May bank holiday"), (D(2011, 5, 30), "Spring bank holiday"),
        (D(2011, 8, 29), "Summer bank holiday"), (D(2011, 12, 26), "Boxing Day"), (D(2011, 12, 27), "Christmas Day (substitute day)"),

        (D(2012, 1, 2), "New Year's Day (substitute day)"), (D(2012, 4, 6), "Good Friday"), (D(2012, 4, 9), "Easter Monday"),
        (D(2012, 5, 7), "Early May bank holiday"), (D(2012, 6, 4), "Spring bank holiday (moved)"), (D(2012, 6, 5), "Queen's Diamond Jubilee"),
        (D(2012, 8, 27), "Summer bank holiday"), (D(2012, 12, 25), "Christmas Day"), (D(2012, 12, 26), "Boxing Day"),

        (D(2013, 1, 1), "New Year's Day"), (D(2013, 3, 29), "Good Friday"), (D(2013, 4, 1), "Easter Monday"),
        (D(2013, 5, 6), "Early May bank holiday"), (D(2013, 5, 27), "Spring bank holiday"), (D(2013, 8, 26), "Summer bank holiday"),
        (D(2013, 12, 25), "Christmas Day"), (D(2013, 12, 26), "Boxing Day"),

        (D(2014, 1, 1), "New Year's Day"), (D(2014, 4, 18), "Good Friday"), (D(2014, 4, 21), "Easter Monday"),
        (D(2014, 5, 5), "Early May bank holiday"), (D(2014, 5, 26), "Spring bank holiday"), (D(2014, 8, 25), "Summer bank holiday"),
        (D(2014, 12, 25), "Christmas Day"), (D(2014, 12, 26), "Boxing Day"),

        (D(2015, 1, 1), "New Year's Day"), (D(2015, 4, 3), "Good Friday"), (D(2015, 4, 6), "Easter Monday"),
        (D(2015, 5, 4), "Early May bank holiday"), (D(2015, 5, 25), "Spring bank holiday"), (D(2015, 8, 31), "Summer bank holiday"),
        (D(2015, 12, 25), "Christmas Day"), (D(2015, 12, 28), "Boxing Day (substitute day)"),

        (D(2016, 1, 1), "New Year's Day"), (D(2016, 3, 25), "Good Friday"), (D(2016, 3, 28), "Easter Monday"),
        (D(2016, 5, 2), "Early May bank holiday"), (D(2016, 5, 30), "Spring bank holiday"), (D(2016, 8, 29), "Summer bank holiday"),
        (D(2016, 12, 26), "Boxing Day"), (D(2016, 12, 27), "Christmas Day (substitute day)"),

        (D(2017, 1, 2), "New Year's Day (substitute day)"), (D(2017, 4, 14), "Good Friday"), (D(2017, 4, 17), "Easter Monday"),
        (D(2017, 5, 1), "Early May bank holiday"), (D(2017, 5, 29), "Spring bank holiday"), (D(2017, 8, 28), "Summer bank holiday"),
        (D(2017, 12, 25), "Christmas Day"), (D(2017, 12, 26), "Boxing Day"),

        (D(2018, 1, 1), "New Year's Day"), (D(2018, 3, 30), "Good Friday"), (D(2018, 4, 2), "Easter Monday"),
        (D(2018, 5, 7), "Early May bank holiday"), (D(2018, 5, 28), "Spring bank holiday"), (D(2018, 8, 27), "Summer bank holiday"),
        (D(2018, 12, 25), "Christmas Day"), (D(2018, 12, 26), "Boxing Day"),

        (D(2019, 1, 1), "New Year's Day"), (D(2019, 4, 19), "Good Friday"), (D(2019, 4, 22), "Easter Monday"),
        (D(2019, 5, 6), "Early May bank holiday"), (D(2019, 5, 27), "Spring bank holiday"), (D(2019, 8, 26), "Summer bank holiday"),
        (D(2019, 12, 25), "Christmas Day"), (D(2019, 12, 26), "Boxing Day"),

        (D(2020, 1, 1), "New Year's Day"), (D(2020, 4, 10), "Good Friday"), (D(2020, 4, 13), "Easter Monday"),
        (D(2020, 5, 8), "Early May bank holiday (VE day)"), (D(2020, 5, 25), "Spring bank holiday"), (D(2020, 8, 31), "Summer bank holiday"),
        (D(2020, 12, 25), "Christmas Day"), (D(2020, 12, 28), "Boxing Day (substitute day)"),

        (D(2021, 1, 1), "New Year's Day"), (D(2021, 4, 2), "Good Friday"), (D(2021, 4, 5), "Easter Monday"),
        (D(2021, 5, 3), "Early May bank holiday"), (D(2021, 5, 31), "Spring bank holiday"), (D(2021, 8, 30), "Summer bank holiday"),
        (D(2021, 12, 27), "Christmas Day (substitute day)"), (D(2021, 12, 28), "Boxing Day (substitute day)"),

        (D(2022, 1, 3), "New Year's Day (substitute day)"), (D(2022, 4, 15), "Good Friday"), (D(2022, 4, 18), "Easter Monday"),
        (D(2022, 5, 2), "Early May bank holiday"), (D(2022, 6, 2), "Spring bank holiday (moved)"), (D(2022, 6, 3), "Platinum Jubilee bank holiday"),
        (D(2022, 8, 29), "Summer bank holiday"), (D(2022, 9, 19), "Bank Holiday for the State Funeral of Queen Elizabeth II"),
        (D(2022, 12, 26), "Boxing Day"), (D(2022, 12, 27), "Christmas Day (substitute day)"),

        (D(2023, 1, 2), "New Year's Day (substitute day)"), (D(2023, 4, 7), "Good Friday"), (D(2023, 4, 10), "Easter Monday"),
        (D(2023, 5, 1), "Early May bank holiday"), (D(2023, 5, 8), "Bank holiday for the coronation of King Charles III"),
        (D(2023, 5, 29), "Spring bank holiday"), (D(2023, 8, 28), "Summer bank holiday"),
        (D(2023, 12, 25), "Christmas Day"), (D(2023, 12, 26), "Boxing Day"),

        (D(2024, 1, 1), "New Year's Day"), (D(2024, 3, 29), "Good Friday"), (D(2024, 4, 1), "Easter Monday"),
        (D(2024, 5, 6), "Early May bank holiday"), (D(2024, 5, 27), "Spring bank holiday"), (D(2024, 8, 26), "Summer bank holiday"),
        (D(2024, 12, 25), "Christmas Day"), (D(2024, 12, 26), "Boxing Day"),

        (D(2025, 1, 1), "New Year's Day"), (D(2025, 4, 18), "Good Friday"), (D(2025, 4, 21), "Easter Monday"),
        (D(2025, 5, 5), "Early May bank holiday"), (D(2025, 5, 26), "Spring bank holiday"), (D(2025, 8, 25), "Summer bank holiday"),
        (D(2025, 12, 25), "Christmas Day"), (D(2025, 12, 26), "Boxing Day"),

        (D(2026, 1, 1), "New Year's Day"), (D(2026, 4, 3), "Good Friday"), (D(2026, 4, 6), "Easter Monday"),
        (D(2026, 5, 4), "Early May bank holiday"), (D(2026, 5, 25), "Spring bank holiday"), (D(2026, 8, 31), "Summer bank holiday"),
        (D(2026, 12, 25), "Christmas Day"), (D(2026, 12, 28), "Boxing Day (substitute day)"),

        (D(2027, 1, 1), "New Year's Day"), (D(2027, 3, 26), "Good Friday"), (D(2027, 3, 29), "Easter Monday"),
        (D(2027, 5, 3), "Early May bank holiday"), (D(2027, 5, 31), "Spring bank holiday"), (D(2027, 8, 30), "Summer bank holiday"),
        (D(2027, 12, 27), "Christmas Day (substitute day)"), (D(2027, 12, 28), "Boxing Day (substitute day)"),

        (D(2028, 1, 3), "New Year's Day (substitute day)"), (D(2028, 4, 14), "Good Friday"), (D(2028, 4, 17), "Easter Monday"),
        (D(2028, 5, 1), "Early May bank holiday"), (D(2028, 5, 29), "Spring bank holiday"), (D(2028, 8, 28), "Summer bank holiday"),
        (D(2028, 12, 25), "Christmas Day"), (D(2028, 12, 26), "Boxing Day"),

        (D(2029, 1, 1), "New Year's Day"), (D(2029, 3, 30), "Good Friday"), (D(2029, 4, 2), "Easter Monday"),
        (D(2029, 5, 7), "Early May bank holiday"), (D(2029, 5, 28), "Spring bank holiday"), (D(2029, 8, 27), "Summer bank holiday"),
        (D(2029, 12, 25), "Christmas Day"), (D(2029, 12, 26), "Boxing Day"),

        (D(2030, 1, 1), "New Year's Day"), (D(2030, 4, 19), "Good Friday"), (D(2030, 4, 22), "Easter Monday"),
        (D(2030, 5, 6), "Early May bank holiday"), (D(2030, 5, 27), "Spring bank holiday"), (D(2030, 8, 26), "Summer bank holiday"),
        (D(2030, 12, 25), "Christmas Day"), (D(2030, 12, 26), "Boxing Day"),
    ];

    public const int FirstListedYear = 2010;
    public const int LastListedYear = 2030;

    /// <summary>The standard rules of RULES.md section 3, without special or moved days.</summary>
    public static IEnumerable<DateOnly> ByStandardRules(int year)
    {
        yield return NextWeekday(new DateOnly(year, 1, 1));
        var easter = EasterSunday(year);
        yield return easter.AddDays(-2);
        yield return easter.AddDays(1);
        yield return FirstMonday(year, 5);
        yield return LastMonday(year, 5);
        yield return LastMonday(year, 8);
        var christmas = NextWeekday(new DateOnly(year, 12, 25));
        yield return christmas;
        var boxing = NextWeekday(new DateOnly(year, 12, 26));
        if (boxing <= christmas)
        {
            boxing = NextWeekday(christmas.AddDays(1));
        }
        yield return boxing;
    }

    /// <summary>Easter Sunday (anonymous Gregorian algorithm).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = (19 * a + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + 2 * e + 2 * i - h - k) % 7;
        var m = (a + 11 * h + 22 * l) / 451;
        var month = (h + l - 7 * m + 114) / 31;
        var day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }

    private static DateOnly NextWeekday(DateOnly d)
    {
        while (d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            d = d.AddDays(1);
        }
        return d;
    }

    private static DateOnly FirstMonday(int year, int month)
    {
        var d = new DateOnly(year, month, 1);
        while (d.DayOfWeek != DayOfWeek.Monday)
        {
            d = d.AddDays(1);
        }
        return d;
    }

    private static DateOnly LastMonday(int year, int month)
    {
        var d = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        while (d.DayOfWeek != DayOfWeek.Monday)
        {
            d = d.AddDays(-1);
        }
        return d;
    }

    private static DateOnly D(int y, int m, int d) => new(y, m, d);
}

/// <summary>Working days (Monday to Friday, not a bank holiday), as RULES.md section 0 counts them.</summary>
internal sealed class WorkingDayCalendar
{
    public static readonly WorkingDayCalendar EnglandAndWales = new();

    private readonly HashSet<DateOnly> _holidays = [];

    private WorkingDayCalendar()
    {
        foreach (var (date, _) in BankHolidays.EnglandAndWales)
        {
            _holidays.Add(date);
        }
        for (var year = 1990; year <= 2060; year++)
        {
            if (year is < BankHolidays.FirstListedYear or > BankHolidays.LastListedYear)
            {
                foreach (var d in BankHolidays.ByStandardRules(year))
                {
                    _holidays.Add(d);
                }
            }
        }
    }

    public bool IsWorkingDay(DateOnly d) => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(d);

    /// <summary>The N-th working day after d (d itself not counted).</summary>
    public DateOnly AddWorkingDays(DateOnly d, int n)
    {
        var x = d;
        var counted = 0;
        while (counted < n)
        {
            x = x.AddDays(1);
            if (IsWorkingDay(x))
            {
                counted++;
            }
        }
        return x;
    }

    /// <summary>The first working day on or after d.</summary>
    public DateOnly OnOrAfter(DateOnly d)
    {
        while (!IsWorkingDay(d))
        {
            d = d.AddDays(1);
        }
        return d;
    }
}
