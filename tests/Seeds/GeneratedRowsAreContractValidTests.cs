using ChildrensWarehouse.Seeds;
using NUnit.Framework;

namespace ChildrensWarehouse.Tests.Seeds;

[TestFixture]
public class GeneratedRowsAreContractValidTests
{
    [Test]
    public void Every_row_of_the_bundled_extract_passes_the_contract_checks()
    {
        var problems = SeedContractChecker.Check(SeedExtractFiles.BundledExtract);

        Assert.That(problems.Take(20), Is.Empty, $"{problems.Count} problems");
    }

    [Test]
    public void Every_row_of_a_generated_extract_passes_the_contract_checks()
    {
        using var temp = new SeedTempFolder();
        SeedGenerator.Generate(SeedExtractFiles.SmallOptions(), temp.Path);

        var problems = SeedContractChecker.Check(temp.Path);

        Assert.That(problems.Take(20), Is.Empty, $"{problems.Count} problems");
    }

    [Test]
    public void Every_row_not_listed_in_defects_csv_passes_the_contract_checks()
    {
        using var temp = new SeedTempFolder();
        SeedGenerator.Generate(SeedExtractFiles.SmallOptions(defectRate: 0.03), temp.Path);

        var problems = SeedContractChecker.Check(temp.Path);

        Assert.That(problems.Take(20), Is.Empty, $"{problems.Count} problems");
    }

    [Test]
    public void No_date_lies_outside_the_years_of_the_bank_holiday_list()
    {
        // Working days cannot be counted outside the list, so the ETL refuses such dates; history that
        // began earlier appears as migrated on 1 January 2010. Dates of birth are exempt.
        using var temp = new SeedTempFolder();
        SeedGenerator.Generate(SeedExtractFiles.SmallOptions() with { From = new DateOnly(2010, 6, 1) }, temp.Path);

        foreach (var folder in new[] { SeedExtractFiles.BundledExtract, temp.Path })
        {
            var holidays = SeedExtractFiles.Rows(Path.Combine(folder, "reference"), "bank_holidays").Select(r => SeedExtractFiles.Date(r["date"])!.Value).ToList();
            var first = new DateOnly(holidays.Min().Year, 1, 1);
            var last = new DateOnly(holidays.Max().Year, 12, 31);
            foreach (var (table, columns) in SeedContractChecker.Columns)
            {
                var rows = SeedExtractFiles.Rows(folder, table);
                foreach (var column in columns.Where(c => c.EndsWith("_date", StringComparison.Ordinal) && c is not ("expected_date_of_birth" or "up_to_date")))
                {
                    var dates = rows.Select(r => SeedExtractFiles.Date(r[column])).OfType<DateOnly>().ToList();
                    if (dates.Count > 0)
                    {
                        Assert.That(dates.Min(), Is.GreaterThanOrEqualTo(first), $"{folder} {table}.{column}");
                        Assert.That(dates.Max(), Is.LessThanOrEqualTo(last), $"{folder} {table}.{column}");
                    }
                }
                var stamps = rows.Select(r => SeedExtractFiles.Timestamp(r["received_at"] ?? r["last_modified"])!.Value).ToList();
                Assert.That(stamps.Count == 0 || DateOnly.FromDateTime(stamps.Min()) >= first, Is.True, $"{folder} {table} timestamps");
            }
        }
    }

    [Test]
    public void The_extract_folder_holds_the_manifest_the_24_tables_and_the_reference_files()
    {
        var folder = SeedExtractFiles.BundledExtract;
        Assert.That(File.ReadAllText(Path.Combine(folder, "manifest.json")),
            Is.EqualTo("{\"local_authority\": \"Peterborough\", \"la_code\": \"874\", \"extracted_at\": \"2016-02-01T06:00:00\", \"contract_version\": 1}\n"));
        foreach (var table in SeedContractChecker.Columns.Keys)
        {
            Assert.That(File.Exists(Path.Combine(folder, table + ".csv")), Is.True, table);
        }
        var reference = new Dictionary<string, string[]>
        {
            ["population"] = ["la_code", "mid_year", "age_0_17"],
            ["stat_neighbours"] = ["indicator_code", "period_end", "value", "source"],
            ["targets"] = ["indicator_code", "valid_from", "valid_to", "target", "amber_tolerance", "target_upper", "source"],
            ["bank_holidays"] = ["date", "name"],
        };
        foreach (var (file, columns) in reference)
        {
            var (header, rows) = SeedExtractFiles.Read(Path.Combine(folder, "reference", file + ".csv"));
            Assert.That(header, Is.EqualTo(columns), file);
            Assert.That(rows, Is.Not.Empty, file);
        }
    }

    [Test]
    public void Reference_keys_are_unique_and_targets_are_effective_dated()
    {
        var reference = Path.Combine(SeedExtractFiles.BundledExtract, "reference");
        var targets = SeedExtractFiles.Rows(reference, "targets");
        Assert.That(targets.GroupBy(t => (t["indicator_code"], t["valid_from"])).All(g => g.Count() == 1), Is.True);
        Assert.That(SeedExtractFiles.Rows(reference, "stat_neighbours").GroupBy(t => (t["indicator_code"], t["period_end"])).All(g => g.Count() == 1), Is.True);
        Assert.That(SeedExtractFiles.Rows(reference, "population").GroupBy(t => (t["la_code"], t["mid_year"])).All(g => g.Count() == 1), Is.True);

        var cpReviews = targets.Where(t => t["indicator_code"] == "K08").OrderBy(t => t["valid_from"]).ToList();
        Assert.That(cpReviews.Select(t => (t["valid_from"], t["valid_to"], t["target"])), Does.Contain(("2014-04-01", "2015-03-31", "98")));
        Assert.That(cpReviews.Select(t => (t["valid_from"], t["valid_to"], t["target"])), Does.Contain(("2015-04-01", (string?)null, "100")));
        var cla = targets.Single(t => t["indicator_code"] == "K10");
        Assert.That(cla["target_upper"], Is.Not.Null, "K10 is a band");
        // The band is 325-360 children, held as rates per 10,000 over 43,400 children.
        Assert.That(decimal.Parse(cla["target"]!, System.Globalization.CultureInfo.InvariantCulture) * 4.34m, Is.EqualTo(325m).Within(1m));
        Assert.That(decimal.Parse(cla["target_upper"]!, System.Globalization.CultureInfo.InvariantCulture) * 4.34m, Is.EqualTo(360m).Within(1m));
        Assert.That(SeedExtractFiles.Rows(reference, "stat_neighbours").Single(s => s["indicator_code"] == "K10" && s["period_end"] == "2015-03-31")["value"], Is.EqualTo("79"));

        // Most indicators of KPIS.md have a target.
        var codes = targets.Select(t => t["indicator_code"]).Distinct().ToList();
        Assert.That(codes, Has.Count.GreaterThanOrEqualTo(30));
    }
}
