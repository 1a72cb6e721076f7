using ChildrensWarehouse.Pipeline;
using ChildrensWarehouse.Rules;
using ChildrensWarehouse.Tests.TestSupport;
using ChildrensWarehouse.Warehouse;

namespace ChildrensWarehouse.Tests.Reliability;

public class DataTestTests
{
    [Test]
    public void A_failing_data_test_stops_the_run_naming_table_column_and_rows_and_the_previous_warehouse_stays()
    {
        using var dir = new TempDir();
        var x = new TestExtract();
        x.Child("A");
        x.Row("contacts", ("contact_id", "C1"), ("child_id", "A"), ("received_at", "2016-01-10T09:00"), ("source", "1A"));
        var folder = x.WriteTo(dir.File("x"));
        var warehouse = dir.File("w.duckdb");
        var request = new RunRequest { SourceFolder = folder, WarehousePath = warehouse, Rules = new RuleSettings(), PseudonymSalt = "a fixed test salt of some length" };
        new RunPipeline(Pipelines.QuietLog).Run(request);
        var before = WarehouseContents.Snapshot(warehouse);

        // A copy of the declared tests with one that the data cannot pass.
        var tests = dir.File("tests");
        Directory.CreateDirectory(Path.Combine(tests, "data-tests"));
        File.WriteAllText(Path.Combine(tests, "data-tests.csv"), "table,column,test,argument\nfact.contact,source,accepted_values,9\n");
        var e = Assert.Throws<DataTestFailedException>(() => new RunPipeline(Pipelines.QuietLog).Run(request with { DataTestsFolder = tests }))!;
        Assert.That(e.Message, Does.Contain("fact.contact.source accepted_values (9): 1 offending row(s), e.g. source=1A"));
        Assert.That(WarehouseContents.Snapshot(warehouse), Is.EqualTo(before));
    }

    [Test]
    public void The_declared_data_tests_pass_on_a_run_restated_at_an_earlier_as_at()
    {
        using var dir = new TempDir();
        var x = new TestExtract();
        x.Child("A");
        x.Row("contacts", ("contact_id", "C1"), ("child_id", "A"), ("received_at", "2016-01-10T09:00"), ("source", "1A"));
        x.Row("referrals", ("referral_id", "R1"), ("child_id", "A"), ("contact_id", "C1"), ("referral_date", "2016-01-11"), ("source", "1A"));
        // As at 2016-01-05 neither has happened yet: they stay in staging, not in the facts, and the reconciliations allow for it.
        Assert.That(() => Pipelines.Run(x, dir, asAt: "2016-01-05T12:00:00"), Throws.Nothing);
    }
}
