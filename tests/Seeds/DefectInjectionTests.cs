using System.Globalization;
using ChildrensWarehouse.Seeds;
using NUnit.Framework;

namespace ChildrensWarehouse.Tests.Seeds;

[TestFixture]
public class DefectInjectionTests
{
    private static readonly string[] Classes =
    [
        "missing_required", "date_dd_mm_yyyy", "impossible_date", "code_outside_list", "end_before_start",
        "timestamp_after_extract", "duplicate_id", "orphan_child_id", "overlapping_cla_episode",
    ];

    [Test]
    public void Without_a_defect_rate_defects_csv_lists_nothing()
    {
        var (header, rows) = SeedExtractFiles.Read(Path.Combine(SeedExtractFiles.BundledExtract, "defects.csv"));

        Assert.That(header, Is.EqualTo(new[] { "table", "line", "id", "defect_class" }));
        Assert.That(rows, Is.Empty);
    }

    [Test]
    public void Every_listed_defect_is_on_its_line_and_of_its_class()
    {
        using var temp = new SeedTempFolder();
        var options = SeedExtractFiles.SmallOptions(defectRate: 0.05);
        SeedGenerator.Generate(options, temp.Path);

        var defects = SeedExtractFiles.Rows(temp.Path, "defects");
        Assert.That(defects, Has.Count.GreaterThan(100));
        Assert.That(defects.Select(d => d["defect_class"]).Distinct(), Is.EquivalentTo(Classes));

        var tables = SeedContractChecker.Columns.Keys.ToDictionary(t => t, t => SeedExtractFiles.Rows(temp.Path, t));
        var children = tables["children"].Select(c => c["child_id"]).ToHashSet();
        foreach (var defect in defects)
        {
            var table = defect["table"]!;
            var line = long.Parse(defect["line"]!, CultureInfo.InvariantCulture);
            var rows = tables[table];
            var row = rows.SingleOrDefault(r => r.Line == line);
            Assert.That(row, Is.Not.Null, $"{table} has no record starting on line {line}");
            var what = $"{table} line {line} {defect["defect_class"]}";
            switch (defect["defect_class"])
            {
                case "missing_required":
                    Assert.That(row!.Values.Values.Count(v => v is null), Is.GreaterThan(0), what);
                    break;
                case "date_dd_mm_yyyy":
                    Assert.That(row!.Values.Values.Any(v => v is not null && System.Text.RegularExpressions.Regex.IsMatch(v, @"^\d{2}/\d{2}/\d{4}$")), Is.True, what);
                    break;
                case "impossible_date":
                    Assert.That(row!.Values.Values.Any(v => v is not null && (v.EndsWith("-02-30", StringComparison.Ordinal) || v.EndsWith("-04-31", StringComparison.Ordinal))), Is.True, what);
                    break;
                case "timestamp_after_extract":
                    Assert.That(SeedExtractFiles.Timestamp(row!["last_modified"]), Is.GreaterThan(options.AsAt), what);
                    break;
                case "orphan_child_id":
                    Assert.That(children, Does.Not.Contain(row!["child_id"]), what);
                    break;
                case "duplicate_id":
                    {
                        var key = SeedContractChecker.IdColumns.TryGetValue(table, out var id) ? row![id] : row!["child_id"];
                        var keyColumn = id ?? "child_id";
                        var earlier = rows.Where(r => r.Line < line && r[keyColumn] == key
                            && (table != "immunisations" || r["as_at_date"] == row["as_at_date"])).ToList();
                        Assert.That(earlier, Is.Not.Empty, what);
                        Assert.That(SeedExtractFiles.Timestamp(row["last_modified"])!.Value, Is.LessThan(SeedExtractFiles.Timestamp(earlier[^1]["last_modified"])!.Value), what + ": the duplicate must lose");
                        break;
                    }
                case "overlapping_cla_episode":
                    {
                        var start = SeedExtractFiles.Date(row!["start_date"])!.Value;
                        var host = rows.Single(r => r.Line == line - 1);
                        Assert.That(host["child_id"], Is.EqualTo(row["child_id"]), what);
                        Assert.That(SeedExtractFiles.Date(host["start_date"]), Is.LessThan(start), what);
                        Assert.That(SeedExtractFiles.Date(host["end_date"]) ?? DateOnly.MaxValue, Is.GreaterThan(start), what);
                        break;
                    }
                case "end_before_start":
                    Assert.That(row!.Values.Count(kv => kv.Key.EndsWith("_date", StringComparison.Ordinal) || kv.Key is "decision_at" or "date_of_death"), Is.GreaterThan(0), what);
                    break;
            }
        }
    }

    [Test]
    public void Each_listed_row_breaks_the_contract_and_no_other_row_does()
    {
        using var temp = new SeedTempFolder();
        SeedGenerator.Generate(SeedExtractFiles.SmallOptions(defectRate: 0.02), temp.Path);
        var defects = SeedExtractFiles.Rows(temp.Path, "defects");

        // Checking the same folder without defects.csv finds a problem for every listed defect.
        Assert.That(SeedContractChecker.Check(temp.Path), Is.Empty);
        File.Move(Path.Combine(temp.Path, "defects.csv"), Path.Combine(temp.Path, "defects.hidden"));
        var problems = SeedContractChecker.Check(temp.Path);
        foreach (var defect in defects.Where(d => d["defect_class"] is not ("duplicate_id" or "overlapping_cla_episode")))
        {
            var prefix = $"{defect["table"]} line {defect["line"]}:";
            Assert.That(problems.Any(p => p.StartsWith(prefix, StringComparison.Ordinal)), Is.True, $"{prefix} {defect["defect_class"]}");
        }
        Assert.That(problems.Count(p => p.Contains("duplicate", StringComparison.Ordinal)),
            Is.EqualTo(defects.Count(d => d["defect_class"] == "duplicate_id")));
        foreach (var overlap in defects.Where(d => d["defect_class"] == "overlapping_cla_episode"))
        {
            Assert.That(problems, Has.Some.StartsWith($"cla_episodes line {overlap["line"]}: overlaps"));
        }
    }

    [Test]
    public void The_rate_is_the_share_of_rows_damaged()
    {
        using var temp = new SeedTempFolder();
        var result = SeedGenerator.Generate(SeedExtractFiles.SmallOptions(defectRate: 0.01), temp.Path);
        var listed = SeedExtractFiles.Rows(temp.Path, "defects").Count;

        Assert.That(listed, Is.EqualTo(result.RowsWritten * 0.01).Within(result.RowsWritten * 0.003));
    }
}
