using ChildrensWarehouse.Seeds;
using NUnit.Framework;

namespace ChildrensWarehouse.Tests.Seeds;

[TestFixture]
public class BankHolidayAndIdentifierTests
{
    private static List<DateOnly> BundledHolidays()
        => SeedExtractFiles.Rows(Path.Combine(SeedExtractFiles.BundledExtract, "reference"), "bank_holidays")
            .Select(r => SeedExtractFiles.Date(r["date"])!.Value).ToList();

    [Test]
    public void Bank_holidays_cover_2010_to_2030_with_the_special_and_moved_days_of_RULES_md()
    {
        var dates = BundledHolidays();

        Assert.That(dates, Is.Unique);
        Assert.That(dates, Is.Ordered);
        Assert.That(dates.First(), Is.EqualTo(new DateOnly(2010, 1, 1)));
        Assert.That(dates.Last(), Is.EqualTo(new DateOnly(2030, 12, 26)));
        Assert.That(dates, Is.SupersetOf(new[]
        {
            new DateOnly(2011, 4, 29), new DateOnly(2012, 6, 4), new DateOnly(2012, 6, 5), new DateOnly(2020, 5, 8),
            new DateOnly(2022, 6, 2), new DateOnly(2022, 6, 3), new DateOnly(2022, 9, 19), new DateOnly(2023, 5, 8),
            new DateOnly(2010, 12, 27), new DateOnly(2010, 12, 28), new DateOnly(2011, 1, 3), new DateOnly(2015, 12, 28),
            new DateOnly(2016, 12, 27), new DateOnly(2021, 12, 27), new DateOnly(2021, 12, 28), new DateOnly(2027, 12, 28),
        }));
        Assert.That(dates, Has.None.EqualTo(new DateOnly(2020, 5, 4)));
        Assert.That(dates, Has.None.EqualTo(new DateOnly(2012, 5, 28)));
        Assert.That(dates, Has.None.EqualTo(new DateOnly(2022, 5, 30)));
    }

    [Test]
    public void Every_other_year_follows_the_standard_rules()
    {
        var dates = BundledHolidays();
        var special = new HashSet<int> { 2011, 2012, 2020, 2022, 2023 };
        for (var year = 2010; year <= 2030; year++)
        {
            var listed = dates.Where(d => d.Year == year).ToList();
            if (special.Contains(year))
            {
                continue;
            }
            Assert.That(listed, Is.EquivalentTo(StandardRules(year)), year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        Assert.That(dates.Where(d => d.Year == 2011), Is.EquivalentTo(StandardRules(2011).Append(new DateOnly(2011, 4, 29))));
        Assert.That(dates.Where(d => d.Year == 2023), Is.EquivalentTo(StandardRules(2023).Append(new DateOnly(2023, 5, 8))));
        Assert.That(dates.Where(d => d.Year == 2020), Is.EquivalentTo(StandardRules(2020).Where(d => d != new DateOnly(2020, 5, 4)).Append(new DateOnly(2020, 5, 8))));
    }

    /// <summary>The rules under the table of RULES.md section 3, computed here independently of the generator.</summary>
    private static List<DateOnly> StandardRules(int year)
    {
        static DateOnly Weekday(DateOnly d)
        {
            while (d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                d = d.AddDays(1);
            }
            return d;
        }
        static DateOnly Monday(DateOnly d, int step)
        {
            while (d.DayOfWeek != DayOfWeek.Monday)
            {
                d = d.AddDays(step);
            }
            return d;
        }
        // Meeus/Jones/Butcher Gregorian Easter.
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
        var easter = new DateOnly(year, (h + l - 7 * m + 114) / 31, (h + l - 7 * m + 114) % 31 + 1);
        var christmas = Weekday(new DateOnly(year, 12, 25));
        var boxing = Weekday(new DateOnly(year, 12, 26));
        if (boxing <= christmas)
        {
            boxing = Weekday(christmas.AddDays(1));
        }
        return
        [
            Weekday(new DateOnly(year, 1, 1)), easter.AddDays(-2), easter.AddDays(1), Monday(new DateOnly(year, 5, 1), 1),
            Monday(new DateOnly(year, 5, 31), -1), Monday(new DateOnly(year, 8, 31), -1), christmas, boxing,
        ];
    }

    [TestCase("9990000018", true)]
    [TestCase("9990000019", false)]
    [TestCase("9434765919", false)]
    [TestCase("999000001", false)]
    public void Test_nhs_numbers_are_recognised(string number, bool valid)
        => Assert.That(Identifiers.IsValidTestNhsNumber(number), Is.EqualTo(valid));

    [Test]
    public void Generated_nhs_numbers_are_valid_unique_and_from_the_test_range()
    {
        var numbers = Enumerable.Range(0, 200_000).Select(i => Identifiers.NhsNumber(i)).OfType<string>().ToList();

        Assert.That(numbers.Count, Is.GreaterThan(170_000), "only bases needing check digit 10 are skipped");
        Assert.That(numbers, Is.Unique);
        Assert.That(numbers.All(n => n.Length == 10 && n.StartsWith("999", StringComparison.Ordinal) && BundledExtractCalibrationTests.NhsChecksumIsValid(n)), Is.True);
    }

    [Test]
    public void Seeds_of_concerns_do_not_depend_on_the_process()
    {
        // string.GetHashCode differs per process; the generator's stable hash must not.
        Assert.That(RandomStreams.SeedFor(874, 0, "child-case", 1), Is.EqualTo(RandomStreams.SeedFor(874, 0, "child-case", 1)));
        Assert.That(RandomStreams.SeedFor(874, 0, "child-case", 1), Is.Not.EqualTo(RandomStreams.SeedFor(874, 0, "child-case", 2)));
        Assert.That(RandomStreams.SeedFor(874, 0, "child-case", 1), Is.Not.EqualTo(RandomStreams.SeedFor(874, 0, "child-care", 1)));
        Assert.That(RandomStreams.SeedFor(874, 0, "arrivals:flow"), Is.EqualTo(PinnedArrivalsSeed));
    }

    /// <summary>Pinned so that a change of the hash (which would reshuffle every extract) is noticed.</summary>
    private const int PinnedArrivalsSeed = 642901770;
}
