using ChildrensWarehouse.Rules;
using ChildrensWarehouse.Tests.TestSupport;

namespace ChildrensWarehouse.Tests.Rules;

public class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Calendar = new(BankHolidaysFromRules.Named);

    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [TestCase("2024-05-01", 45, "2024-07-05")]   // RULES.md §0 example (6 May and 27 May 2024 are bank holidays)
    [TestCase("2025-12-19", 15, "2026-01-14")]   // RULES.md §0 example, across Christmas and New Year
    [TestCase("2022-09-16", 1, "2022-09-20")]    // RULES.md §0 example: 19 Sep 2022 state funeral
    [TestCase("2016-01-29", 0, "2016-01-29")]    // N = 0 is the day itself
    [TestCase("2016-01-30", 1, "2016-02-01")]    // start on a Saturday: next working day is day 1
    [TestCase("2020-05-07", 1, "2020-05-11")]    // 8 May 2020 (VE day) was the bank holiday, not 4 May
    [TestCase("2020-05-01", 1, "2020-05-04")]
    public void AddWorkingDays_counts_from_the_day_after_the_start(string start, int n, string expected)
    {
        Assert.That(Calendar.AddWorkingDays(D(start), n), Is.EqualTo(D(expected)));
    }

    [Test]
    public void Forty_five_working_days_across_Christmas_2015_and_Easter_2016()
    {
        // From Wed 2015-12-16: Dec working days 17,18,21,22,23,24,29,30,31 = 9 (25 and 28 Dec are bank holidays);
        // January 2016: 20 (1 Jan is a holiday) -> 29; February: 21 -> 50 > 45, so the 45th is the 16th working day
        // of February: 1..5 (5), 8..12 (10), 15,16,17,18,19 (15), 22 (16) -> 2016-02-22.
        Assert.That(Calendar.AddWorkingDays(D("2015-12-16"), 45), Is.EqualTo(D("2016-02-22")));
        // From Thu 2016-03-10: March 11,14..18,21..24 = 10 (25 Good Friday, 28 Easter Monday), 29,30,31 -> 13;
        // April 2016 has 21 working days -> 34; May: 3,4,5,6 (2 May holiday) -> 38, 9..13 -> 43, 16,17 -> 45: 2016-05-17.
        Assert.That(Calendar.AddWorkingDays(D("2016-03-10"), 45), Is.EqualTo(D("2016-05-17")));
    }

    [Test]
    public void WorkingDaysBetween_counts_working_days_after_the_first_date_up_to_the_second()
    {
        Assert.That(Calendar.WorkingDaysBetween(D("2015-12-24"), D("2015-12-29")), Is.EqualTo(1));   // 25, 26, 27, 28 closed; 29 counts
        Assert.That(Calendar.WorkingDaysBetween(D("2016-01-04"), D("2016-01-04")), Is.EqualTo(0));
        Assert.That(Calendar.WorkingDaysBetween(D("2016-01-08"), D("2016-01-04")), Is.EqualTo(-4));
    }

    [Test]
    public void Weekends_and_bank_holidays_are_not_working_days()
    {
        Assert.That(Calendar.IsWorkingDay(D("2016-03-25")), Is.False);   // Good Friday
        Assert.That(Calendar.IsWorkingDay(D("2016-03-26")), Is.False);   // Saturday
        Assert.That(Calendar.IsWorkingDay(D("2011-04-29")), Is.False);   // royal wedding
        Assert.That(Calendar.IsWorkingDay(D("2023-05-08")), Is.False);   // coronation
        Assert.That(Calendar.IsWorkingDay(D("2016-03-24")), Is.True);
    }

    [Test]
    public void Years_after_the_list_are_counted_with_the_standard_rules()
    {
        // RULES.md §3: "Years after 2030: compute by these rules". From Fri 2030-12-20: 23, 24, 27, 30, 31 Dec (25 and
        // 26 closed) = 5; 2031: 1 Jan (a Wednesday) closed, 2, 3 (7), 6-10 (12), 13-17 (17), 20, 21, 22 (20) -> 2031-01-22.
        Assert.That(Calendar.AddWorkingDays(D("2030-12-20"), 20), Is.EqualTo(D("2031-01-22")));
        Assert.That(Calendar.IsWorkingDay(D("2031-01-01")), Is.False);
        // Easter 2031 is 13 April: Good Friday 11 April, Easter Monday 14 April.
        Assert.That(Calendar.IsWorkingDay(D("2031-04-11")), Is.False);
        Assert.That(Calendar.IsWorkingDay(D("2031-04-14")), Is.False);
        Assert.That(Calendar.IsWorkingDay(D("2031-04-15")), Is.True);
    }

    [Test]
    public void Years_before_the_list_are_counted_with_the_standard_rules()
    {
        // 2009: Christmas on a Friday, Boxing Day on a Saturday, so Mon 28 Dec is its substitute. From Wed 2009-12-23:
        // 24 (1), 25 and 28 closed, 29 (2), 30 (3).
        Assert.That(Calendar.AddWorkingDays(D("2009-12-23"), 3), Is.EqualTo(D("2009-12-30")));
        Assert.That(Calendar.IsWorkingDay(D("2009-12-28")), Is.False);
        // Across the list's first day: Thu 31 Dec 2009 (1), Fri 1 Jan 2010 closed, Mon 4 Jan 2010 (2).
        Assert.That(Calendar.AddWorkingDays(D("2009-12-30"), 2), Is.EqualTo(D("2010-01-04")));
        Assert.That(Calendar.WorkingDaysBetween(D("2009-12-23"), D("2010-01-04")), Is.EqualTo(5));
        // Easter 2008 was 23 March: Good Friday 21 March, Easter Monday 24 March.
        Assert.That(Calendar.IsWorkingDay(D("2008-03-21")), Is.False);
        Assert.That(Calendar.IsWorkingDay(D("2008-03-24")), Is.False);
    }

    [Test]
    public void Working_day_numbers_count_from_the_lists_first_day_and_dates_beyond_2200_are_a_clear_error()
    {
        // Fri 1 Jan 2010 is a bank holiday, Mon 4 Jan the list's first working day.
        Assert.That(Calendar.WorkingDayNumber(D("2010-01-01")), Is.EqualTo(0));
        Assert.That(Calendar.WorkingDayNumber(D("2010-01-04")), Is.EqualTo(1));
        Assert.That((Calendar.ListedFirstDate, Calendar.ListedLastDate), Is.EqualTo((D("2010-01-01"), D("2030-12-31"))));
        var e = Assert.Throws<CalendarRangeException>(() => Calendar.IsWorkingDay(D("2201-01-02")))!;
        Assert.That(e.Message, Does.Contain("2201-01-02").And.Contain("1900-2200"));
        Assert.Throws<CalendarRangeException>(() => Calendar.AddWorkingDays(D("2200-12-20"), 20));
    }

    [Test]
    public void Local_closure_days_are_not_working_days()
    {
        var local = new WorkingDayCalendar(BankHolidaysFromRules.Named, [D("2015-12-29")]);
        Assert.That(local.AddWorkingDays(D("2015-12-24"), 1), Is.EqualTo(D("2015-12-30")));
    }
}
