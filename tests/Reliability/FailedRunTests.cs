using ChildrensWarehouse.Pipeline;
using ChildrensWarehouse.Rules;
using ChildrensWarehouse.Tests.TestSupport;
using ChildrensWarehouse.Warehouse;

namespace ChildrensWarehouse.Tests.Reliability;

public class FailedRunTests
{
    [Test]
    public void A_run_that_fails_after_reading_leaves_the_contents_and_records_the_failure()
    {
        using var dir = new TempDir();
        var x = new TestExtract();
        x.Child("A");
        x.Row("referrals", ("referral_id", "R1"), ("child_id", "A"), ("referral_date", "2015-06-01"), ("source", "1A"));
        var folder = x.WriteTo(dir.File("x"));
        var warehouse = dir.File("w.duckdb");
        var request = new RunRequest { SourceFolder = folder, WarehousePath = warehouse, Rules = new RuleSettings(), PseudonymSalt = "a fixed test salt of some length" };
        new RunPipeline(Pipelines.QuietLog).Run(request);
        var before = WarehouseContents.Snapshot(warehouse);

        // A schema folder with one broken migration: the build fails after the extract was read.
        var schema = dir.File("schema");
        Directory.CreateDirectory(schema);
        foreach (var file in Directory.GetFiles(SchemaMigrator.DefaultFolder("duckdb"))) File.Copy(file, Path.Combine(schema, Path.GetFileName(file)));
        File.WriteAllText(Path.Combine(schema, "9999_broken.sql"), "CREATE TABLE fact.broken (x NOT_A_TYPE);");
        Assert.That(() => new RunPipeline(Pipelines.QuietLog).Run(request with { SchemaFolder = schema }), Throws.Exception);

        Assert.That(WarehouseContents.Snapshot(warehouse), Is.EqualTo(before));
        var runs = RunHistory.Last(warehouse, 5);
        Assert.That(runs.Select(r => (r.RunId, r.Status)), Is.EqualTo(new[] { (2L, "failed"), (1L, "succeeded") }));
        Assert.That(runs[0].Error, Does.Contain("NOT_A_TYPE"));
        Assert.That(File.Exists(warehouse + ".building"), Is.False);
    }

    [Test]
    public void A_second_run_while_one_holds_the_warehouse_is_refused_as_busy()
    {
        using var dir = new TempDir();
        var x = new TestExtract();
        x.Child("A");
        var folder = x.WriteTo(dir.File("x"));
        var warehouse = dir.File("w.duckdb");
        using var first = DuckDbWarehouse.OpenForBuild(warehouse, SchemaMigrator.DefaultFolder("duckdb"));
        var e = Assert.Throws<WarehouseBusyException>(() =>
            new RunPipeline(Pipelines.QuietLog).Run(new RunRequest { SourceFolder = folder, WarehousePath = warehouse, Rules = new RuleSettings() }))!;
        Assert.That(e.Message, Does.Contain("another run is loading this warehouse"));
    }
}
