using Dapper;
using ChildrensWarehouse.Pipeline;
using ChildrensWarehouse.Rules;
using ChildrensWarehouse.Tests.TestSupport;
using ChildrensWarehouse.Warehouse;

namespace ChildrensWarehouse.Tests.Reliability;

public class DataTestTests
{
    /// <summary>Child A and one contact, C1 (source 1A).</summary>
    private static TestExtract ChildAWithContactC1()
    {
        var x = new TestExtract();
        x.Child("A");
        x.Row("contacts", ("contact_id", "C1"), ("child_id", "A"), ("received_at", "2016-01-10T09:00"), ("source", "1A"));
        return x;
    }

    [Test]
    public void A_failing_data_test_stops_the_run_naming_table_column_and_rows_and_the_previous_warehouse_stays()
    {
        using var dir = new TempDir();
        var x = ChildAWithContactC1();
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
    public void A_relationship_test_counts_once_each_row_naming_no_parent_row_however_many_parent_rows_the_others_match()
    {
        using var dir = new TempDir();
        var x = new TestExtract();
        x.Child("A");
        x.Child("B");
        foreach (var (contact, child) in new[] { ("C1", "A"), ("C2", "A"), ("C3", "B") })
        {
            x.Row("contacts", ("contact_id", contact), ("child_id", child), ("received_at", "2016-01-10T09:00"), ("source", "1A"));
        }
        foreach (var visit in new[] { "V1", "V2" })   // two parent rows for A, none for B
        {
            x.Row("visits", ("visit_id", visit), ("child_id", "A"), ("visit_date", "2016-01-08"), ("visit_type", "CP"), ("seen", "Y"));
        }
        var tests = dir.File("tests");
        Directory.CreateDirectory(Path.Combine(tests, "data-tests"));
        File.WriteAllText(Path.Combine(tests, "data-tests.csv"), "table,column,test,argument\nfact.contact,child_id,relationship,fact.visit.child_id\n");
        var request = new RunRequest
        {
            SourceFolder = x.WriteTo(dir.File("x")), WarehousePath = dir.File("w.duckdb"), Rules = new RuleSettings(), PseudonymSalt = "a fixed test salt of some length",
            DataTestsFolder = tests,
        };
        var e = Assert.Throws<DataTestFailedException>(() => new RunPipeline(Pipelines.QuietLog).Run(request))!;
        Assert.That(e.Message, Does.Contain("fact.contact.child_id relationship (fact.visit.child_id): 1 offending row(s), e.g. child_id="));
    }

    [Test]
    public void The_declared_data_tests_pass_on_a_run_restated_at_an_earlier_as_at()
    {
        using var dir = new TempDir();
        var x = ChildAWithContactC1();
        x.Row("referrals", ("referral_id", "R1"), ("child_id", "A"), ("contact_id", "C1"), ("referral_date", "2016-01-11"), ("source", "1A"));
        // As at 2016-01-05 neither has happened yet: they stay in staging, not in the facts, and the reconciliations allow for it.
        Assert.That(() => Pipelines.Run(x, dir, asAt: "2016-01-05T12:00:00"), Throws.Nothing);
    }

    private static string TestsAllowingSources(TempDir dir, string name, string sources)
    {
        var tests = dir.File(name);
        Directory.CreateDirectory(Path.Combine(tests, "data-tests"));
        File.WriteAllText(Path.Combine(tests, "data-tests.csv"), $"table,column,test,argument\nfact.contact,source,accepted_values,{sources}\n");
        return tests;
    }

    [Test]
    public void A_live_run_tests_the_rows_it_wrote_and_a_full_run_every_row()
    {
        using var dir = new TempDir();
        var x = new TestExtract();
        x.Child("A");
        x.Child("B");
        x.Row("contacts", ("contact_id", "C1"), ("child_id", "A"), ("received_at", "2016-01-10T09:00"), ("source", "1A"));
        var folder = x.WriteTo(dir.File("x"));
        var request = new RunRequest
        {
            SourceFolder = folder, WarehousePath = dir.File("w.duckdb"), Rules = new RuleSettings(), PseudonymSalt = "a fixed test salt of some length", Incremental = true,
        };
        new RunPipeline(Pipelines.QuietLog).Run(request);   // the first run of the council: in full
        var published = WarehouseContents.Snapshot(request.WarehousePath);

        // Later the same day (the same as-at), a contact for B: the live run derives B alone and writes B's rows.
        x.Row("contacts", ("contact_id", "C2"), ("child_id", "B"), ("received_at", "2016-01-10T10:00"), ("source", "1C"));
        x.WriteTo(folder);

        // Tests allowing only 1B: the live run finds its own row (C2, 1C), not A's older one (C1, 1A, tested when written) ...
        var e = Assert.Throws<DataTestFailedException>(() => new RunPipeline(Pipelines.QuietLog).Run(request with { DataTestsFolder = TestsAllowingSources(dir, "only-1B", "1B") }))!;
        Assert.That(e.Message, Does.Contain("fact.contact.source accepted_values (1B): 1 offending row(s), e.g. source=1C"));
        Assert.That(WarehouseContents.Snapshot(request.WarehousePath), Is.EqualTo(published), "nothing published");
        // ... and a full run finds both.
        var full = request with { WarehousePath = dir.File("full.duckdb"), Incremental = false, DataTestsFolder = TestsAllowingSources(dir, "only-1B-full", "1B") };
        e = Assert.Throws<DataTestFailedException>(() => new RunPipeline(Pipelines.QuietLog).Run(full))!;
        Assert.That(e.Message, Does.Contain("fact.contact.source accepted_values (1B): 2 offending row(s)"));

        // Tests allowing 1C: the live run's row passes and it is published; a full run still finds A's.
        var live = new RunPipeline(Pipelines.QuietLog).Run(request with { DataTestsFolder = TestsAllowingSources(dir, "only-1C", "1C") });
        Assert.That((live.ChangedRecordsOnly, live.ChangedChildrenOnly, live.ChildrenDerived), Is.EqualTo((true, true, 1L)));
        e = Assert.Throws<DataTestFailedException>(() => new RunPipeline(Pipelines.QuietLog).Run(full with { DataTestsFolder = TestsAllowingSources(dir, "only-1C-full", "1C") }))!;
        Assert.That(e.Message, Does.Contain("fact.contact.source accepted_values (1C): 1 offending row(s), e.g. source=1A"));
    }

    [Test]
    public void Every_declared_test_of_rows_can_be_limited_to_a_batch_and_every_table_it_names_carries_the_run()
    {
        var tests = DataTests.Load(DataTests.DefaultFolder);
        var declared = File.ReadLines(Path.Combine(DataTests.DefaultFolder, "data-tests.csv")).Skip(1).Select(l => l.Split(',')[0]).ToHashSet();
        var schema = Directory.GetFiles(SchemaMigrator.DefaultFolder("duckdb"), "*.sql").Select(File.ReadAllText).ToList();
        foreach (var table in declared.Where(t => t.StartsWith("fact.", StringComparison.Ordinal) || t == "dim.child"))
        {
            var create = schema.Single(sql => sql.Contains($"CREATE TABLE {table} (", StringComparison.Ordinal));
            Assert.That(create, Does.Contain("run_id "), $"{table}: a test limited to a batch's rows needs the rows' run");
        }
        foreach (var test in tests)
        {
            var shared = test.Name.StartsWith("dim.date", StringComparison.Ordinal) || test.Name.StartsWith("dim.indicator", StringComparison.Ordinal);
            var file = !test.Name.Contains(' ', StringComparison.Ordinal);
            Assert.That(test.WrittenSince is null, Is.EqualTo(shared || file), test.Name);
            if (test.WrittenSince is { } scoped)
            {
                Assert.That(scoped("@written_since"), Does.Contain("run_id >= @written_since"), test.Name);
                TSql.ParseOrFail(scoped("@written_since"), test.Name + " (limited to a batch)");
            }
            TSql.ParseOrFail(test.Sql, test.Name);
        }
    }

    [Test]
    public void A_key_that_a_batch_wrote_and_an_older_row_holds_is_a_duplicate_of_the_batch()
    {
        using var dir = new TempDir();
        var x = ChildAWithContactC1();
        var path = Pipelines.Run(x, dir).WarehousePath;
        using var w = DuckDbWarehouse.OpenForBuild(path, SchemaMigrator.DefaultFolder("duckdb"));
        var unique = DataTests.Load(DataTests.DefaultFolder).Where(t => t.Name == "fact.contact.la_code,contact_id unique").ToList();
        Assert.That(unique, Has.Count.EqualTo(1));
        Assert.That(() => w.RunDataTests(unique, writtenSince: 1000), Throws.Nothing);

        // Run 1000 writes C1 again beside the first run's C1.
        w.Connection.Execute("INSERT INTO fact.contact SELECT * REPLACE (1000 AS run_id) FROM fact.contact");
        Assert.That(() => w.RunDataTests(unique, writtenSince: 1000),
            Throws.TypeOf<DataTestFailedException>().With.Message.Contains("1 offending row(s), e.g. la_code=874, contact_id=C1, n=2"));
        Assert.That(() => w.RunDataTests(unique, writtenSince: 1001), Throws.Nothing, "a batch from run 1001 wrote neither");
        Assert.That(() => w.RunDataTests(unique), Throws.TypeOf<DataTestFailedException>());
    }
}
