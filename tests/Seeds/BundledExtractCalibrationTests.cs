using System.Globalization;
using NUnit.Framework;

namespace ChildrensWarehouse.Tests.Seeds;

/// <summary>
/// What the raw files of the bundled Peterborough extract already show about the 2015-16 scrutiny
/// report (the indicator values are checked against seeds/calibration.csv by the indicator tests).
/// </summary>
[TestFixture]
public class BundledExtractCalibrationTests
{
    private static string Folder => SeedExtractFiles.BundledExtract;

    [Test]
    public void Population_is_about_43400_children_at_mid_2015_and_rising()
    {
        var rows = SeedExtractFiles.Rows(Path.Combine(Folder, "reference"), "population");
        Assert.That(rows.All(r => r["la_code"] == "874"), Is.True);
        var byYear = rows.ToDictionary(r => int.Parse(r["mid_year"]!, CultureInfo.InvariantCulture), r => int.Parse(r["age_0_17"]!, CultureInfo.InvariantCulture));
        Assert.That(byYear.Keys, Is.EquivalentTo(new[] { 2012, 2013, 2014, 2015, 2016 }));
        Assert.That(byYear[2015], Is.EqualTo(43_400).Within(300));
        Assert.That(byYear.OrderBy(kv => kv.Key).Select(kv => kv.Value), Is.Ordered);
        Assert.That(byYear.Values.All(v => v is >= 41_500 and <= 43_600), Is.True);
    }

    [Test]
    public void About_317_children_are_looked_after_at_31_January_2016()
    {
        var atEnd = LookedAfterOn(new DateOnly(2016, 1, 31));

        Assert.That(atEnd, Is.InRange(290, 345));
        // 73 per 10,000 children in the report.
        Assert.That(10_000.0 * atEnd / 43_400, Is.InRange(67.0, 79.5));
    }

    [Test]
    public void About_2000_children_are_open_at_January_2015_and_fewer_a_year_later()
    {
        var referrals = SeedExtractFiles.Rows(Folder, "referrals");
        int OpenOn(DateOnly d) => referrals
            .Where(r => SeedExtractFiles.Date(r["referral_date"]) <= d && (SeedExtractFiles.Date(r["closure_date"]) is not { } c || c > d))
            .Select(r => r["child_id"]).Distinct().Count();

        var january2015 = OpenOn(new DateOnly(2015, 1, 31));
        var january2016 = OpenOn(new DateOnly(2016, 1, 31));

        Assert.That(january2015, Is.InRange(1_700, 2_300));
        Assert.That(january2016, Is.LessThan(january2015 - 200));
    }

    [Test]
    public void Some_children_are_in_care_only_a_few_days_and_some_have_short_breaks()
    {
        var episodes = SeedExtractFiles.Rows(Folder, "cla_episodes");
        var shortStays = episodes.Count(e => e["reason_new_episode"] == "S" && e["legal_status"] is not ("V3" or "V4")
            && SeedExtractFiles.Date(e["end_date"]) is { } end && end.DayNumber - SeedExtractFiles.Date(e["start_date"])!.Value.DayNumber <= 7
            && e["reason_ceased"] is not null);
        Assert.That(shortStays, Is.GreaterThan(20));
        Assert.That(episodes.Count(e => e["legal_status"] is "V3" or "V4"), Is.GreaterThan(50));
        Assert.That(episodes.Count(e => e["placement_type"]!.StartsWith('T')), Is.GreaterThan(5));
        Assert.That(episodes.Count(e => e["reason_ceased"] is "E11" or "E12"), Is.GreaterThan(10));
        Assert.That(episodes.Select(e => e["reason_new_episode"]).Distinct(), Is.EquivalentTo(new[] { "S", "L", "P", "B", "T", "U" }));
    }

    [Test]
    public void Names_exercise_escaping_with_apostrophes_ampersands_angle_brackets_quotes_and_line_breaks()
    {
        var children = SeedExtractFiles.Rows(Folder, "children");
        var names = children.SelectMany(c => new[] { c["first_name"], c["last_name"] }).OfType<string>().ToList();

        Assert.That(names.Count(n => n.Contains('\'')), Is.GreaterThan(2), "apostrophes");
        Assert.That(names.Count(n => n.Contains('&')), Is.GreaterThanOrEqualTo(1), "ampersands");
        Assert.That(names.Count(n => n.Contains('<')), Is.GreaterThanOrEqualTo(1), "angle brackets");
        Assert.That(names.Count(n => n.Contains('"')), Is.GreaterThanOrEqualTo(1), "quotes");
        Assert.That(names.Count(n => n.Contains('\n')), Is.GreaterThanOrEqualTo(1), "line breaks");
        Assert.That(names.Count(n => n.Contains('-')), Is.GreaterThan(2), "hyphens");
    }

    [Test]
    public void Nhs_numbers_are_unique_valid_test_numbers_of_the_999_range()
    {
        var numbers = SeedExtractFiles.Rows(Folder, "children").Select(c => c["nhs_number"]).OfType<string>().ToList();

        Assert.That(numbers, Has.Count.GreaterThan(10_000));
        Assert.That(numbers, Is.Unique);
        foreach (var n in numbers)
        {
            Assert.That(n, Does.Match("^999[0-9]{7}$"));
            Assert.That(NhsChecksumIsValid(n), Is.True, n);
        }
    }

    [Test]
    public void Nothing_in_the_extract_is_later_than_the_as_at_moment()
    {
        var asAt = new DateTime(2016, 2, 1, 6, 0, 0);
        foreach (var table in SeedContractChecker.Columns.Keys)
        {
            var rows = SeedExtractFiles.Rows(Folder, table);
            Assert.That(rows.Max(r => SeedExtractFiles.Timestamp(r["last_modified"])), Is.LessThanOrEqualTo(asAt), table);
            foreach (var column in SeedContractChecker.Columns[table].Where(c => c.EndsWith("_date", StringComparison.Ordinal) && c is not ("expected_date_of_birth" or "up_to_date")))
            {
                Assert.That(rows.Select(r => SeedExtractFiles.Date(r[column])).Max() ?? DateOnly.MinValue, Is.LessThanOrEqualTo(new DateOnly(2016, 2, 1)), $"{table}.{column}");
            }
        }
    }

    private static int LookedAfterOn(DateOnly d)
        => SeedExtractFiles.Rows(Folder, "cla_episodes")
            .Where(e => e["legal_status"] is not ("V3" or "V4"))
            .Where(e => SeedExtractFiles.Date(e["start_date"]) <= d && (SeedExtractFiles.Date(e["end_date"]) is not { } end || end > d))
            .Select(e => e["child_id"]).Distinct().Count();

    /// <summary>Modulus 11 as the NHS publishes it (weights 10 to 2; 11 means 0; 10 is invalid).</summary>
    internal static bool NhsChecksumIsValid(string n)
    {
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (n[i] - '0') * (10 - i);
        }
        var check = 11 - sum % 11;
        if (check == 11)
        {
            check = 0;
        }
        return check != 10 && check == n[9] - '0';
    }
}
