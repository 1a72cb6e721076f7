using ChildrensWarehouse.Tests.TestSupport;
using ChildrensWarehouse.Warehouse;

namespace ChildrensWarehouse.Tests.Warehouse;

/// <summary>
/// The same behaviour on every warehouse engine (DESIGN.md "Warehouse engines"): the same rows and numbers, a rerun
/// changes nothing, a failed load leaves the previous state, one loader at a time, councils side by side. DuckDB runs
/// everywhere; SQL Server runs through Testcontainers where Docker exists and is skipped, with the reason, where not.
/// </summary>
[TestFixtureSource(typeof(EngineUnderTest), nameof(EngineUnderTest.All))]
public class EngineConformanceTests(EngineUnderTest engine)
{
    [OneTimeSetUp]
    public void EngineIsAvailable() => engine.RequireAvailable();

    private static TestExtract SmallExtract(string laCode = "874")
    {
        var x = new TestExtract { LaCode = laCode };
        x.Child("A").Child("B");
        x.Row("teams", ("team_id", "T1"), ("team_name", "Front door"), ("service_area", "FRONT_DOOR"));
        x.Row("workers", ("worker_id", "W1"), ("display_name", "Sam O'Neil"), ("team_id", "T1"), ("role", "QSW"), ("fte", "1"), ("start_date", "2010-01-01"));
        x.Row("allocations", ("allocation_id", "AL1"), ("child_id", "A"), ("worker_id", "W1"), ("start_date", "2015-01-01"));
        x.Row("contacts", ("contact_id", "C1"), ("child_id", "A"), ("received_at", "2016-01-10T09:00:00"), ("source", "1A"),
            ("decision_at", "2016-01-11T09:01:00"), ("outcome", "NFA"), ("worker_id", "W1"));
        x.Row("contacts", ("contact_id", "C2"), ("child_id", "B"), ("received_at", "2016-01-12T09:00:00"), ("source", "1A"),
            ("decision_at", "2016-01-12T10:00:00"), ("outcome", "NFA"));
        x.Row("referrals", ("referral_id", "R1"), ("child_id", "A"), ("referral_date", "2015-06-01"), ("source", "1A"));
        x.Row("assessments", ("assessment_id", "AS1"), ("referral_id", "R1"), ("child_id", "A"), ("start_date", "2015-06-02"), ("authorised_date", "2015-07-30"));
        x.Row("cla_episodes", ("episode_id", "E1"), ("child_id", "B"), ("start_date", "2015-12-14"), ("legal_status", "C2"), ("reason_new_episode", "S"), ("placement_type", "U1"));
        x.Row("children", ("child_id", "BAD"), ("sex", "M"), ("date_of_birth", "31/01/2016"), ("first_name", "Robert'); DROP TABLE children;--"));
        x.Row("targets", ("indicator_code", "K01"), ("valid_from", "2015-04-01"), ("target", "20"), ("amber_tolerance", "5"));
        return x;
    }

    [Test]
    public void A_run_stores_the_numbers_it_computed_and_they_equal_the_embedded_engines()
    {
        using var dir = new TempDir();
        var warehouse = engine.NewWarehouse(dir);
        var run = engine.Run(SmallExtract(), dir, warehouse);
        var stored = KpiStore.Read(warehouse, "874", 24);
        Assert.That(stored, Is.EqualTo(run.Kpis.Select(k => k with { Target = null, AmberTolerance = null, TargetUpper = null, Rag = null, StatNeighbour = null })));
        // January: C1 decided after 24h01 (a derived referral), C2 in time: 1 of 2 = 50%.
        var k01 = stored.Single(k => k.IndicatorCode == "K01" && k.PeriodEnd == new DateOnly(2016, 1, 31));
        Assert.That((k01.Numerator, k01.Denominator, k01.Value), Is.EqualTo((1m, (decimal?)2m, (decimal?)50m)));

        var reference = new DuckDbEngine();
        var referenceWarehouse = reference.NewWarehouse(dir);
        reference.Run(SmallExtract(), dir, referenceWarehouse);
        Assert.That(stored, Is.EqualTo(KpiStore.Read(referenceWarehouse, "874", 24)), "the same numbers as DuckDB");
        Assert.That(WarehouseContents.Snapshot(warehouse), Is.EqualTo(WarehouseContents.Snapshot(referenceWarehouse)), "the same rows as DuckDB");
    }

    [Test]
    public void The_analyst_views_answer_and_the_drill_through_names_the_same_children()
    {
        using var dir = new TempDir();
        var warehouse = engine.NewWarehouse(dir);
        engine.Run(SmallExtract(), dir, warehouse);
        var drill = DrillStore.Read(warehouse, null, "K01", 2016, 1, identifiable: true);
        Assert.That(drill.Select(d => (d.Child, d.RecordId, d.InNumerator, d.Outcome)), Is.EquivalentTo(new[]
        {
            ((string?)"A", "C1", true, (string?)"met"),
            ("B", "C2", false, "missed"),
        }));
        var pseudonymised = DrillStore.Read(warehouse, null, "K01", 2016, 1, identifiable: false);
        Assert.That(pseudonymised.Select(d => d.Child), Is.All.Match("^P[0-9a-f]{16}$"));
        Assert.That(pseudonymised.Single(d => d.RecordId == "C1").Worker, Is.EqualTo("Sam O'Neil"));
        Assert.That(WarehouseContents.Scalar(warehouse, "SELECT COUNT(*) FROM mart.kpi_month WHERE rag IS NOT NULL"), Is.GreaterThan(0));
        Assert.That(WarehouseContents.Scalar(warehouse, "SELECT COUNT(*) FROM mart.quarantine"), Is.EqualTo(1));
        Assert.That(WarehouseContents.Scalar(warehouse, "SELECT COUNT(*) FROM mart.data_quality WHERE kind = 'quarantined'"), Is.EqualTo(1));
        Assert.That(WarehouseContents.Scalar(warehouse, "SELECT COUNT(*) FROM mart_identifiable.data_quality WHERE kind = 'quarantined'"), Is.EqualTo(1));
    }

    [Test]
    public void Running_twice_on_the_same_input_gives_the_same_contents_and_two_audit_rows()
    {
        using var dir = new TempDir();
        var warehouse = engine.NewWarehouse(dir);
        engine.Run(SmallExtract(), dir, warehouse);
        var first = WarehouseContents.Snapshot(warehouse);
        engine.Run(SmallExtract(), dir, warehouse);
        Assert.That(WarehouseContents.Snapshot(warehouse), Is.EqualTo(first));
        Assert.That(first["fact.kpi_month"], Is.Not.Empty);
        Assert.That(WarehouseContents.Scalar(warehouse, "SELECT COUNT(*) FROM audit.etl_run WHERE status = 'succeeded'"), Is.EqualTo(2));
    }

    [Test]
    public void A_load_that_fails_part_way_leaves_the_previous_state()
    {
        using var dir = new TempDir();
        var warehouse = engine.NewWarehouse(dir);
        engine.Run(SmallExtract(), dir, warehouse);
        var before = WarehouseContents.Snapshot(warehouse);
        var valid = new object?[] { "874", "K99", new DateOnly(2016, 1, 31), 1m, 2m, 50m, null, null, null, null, null, new DateTime(2016, 2, 1), 99L };
        var broken = new object?[] { null, "K98", new DateOnly(2016, 1, 31), 1m, 2m, 50m, null, null, null, null, null, new DateTime(2016, 2, 1), 99L };
        Assert.Catch(() =>
        {
            using var w = WarehouseFactory.OpenForBuild(warehouse);
            w.ClearCouncil("874");
            w.Append("fact", "kpi_month", [valid]);
            w.Append("fact", "kpi_month", [broken]);   // la_code is NOT NULL
            w.Commit();
        });
        Assert.That(WarehouseContents.Snapshot(warehouse), Is.EqualTo(before));
        Assert.That(WarehouseContents.Scalar(warehouse, "SELECT COUNT(*) FROM audit.etl_run"), Is.EqualTo(1));
        Assert.DoesNotThrow(() => engine.Run(SmallExtract(), dir, warehouse), "the lock was released");
    }

    [Test]
    public void A_second_load_is_refused_while_one_holds_the_warehouse()
    {
        using var dir = new TempDir();
        var warehouse = engine.NewWarehouse(dir);
        using (WarehouseFactory.OpenForBuild(warehouse))
        {
            var e = Assert.Throws<WarehouseBusyException>(() => WarehouseFactory.OpenForBuild(warehouse).Dispose())!;
            Assert.That(e.Message, Does.Contain("another run is loading"));
            Assert.That(e.Message, Does.Not.Contain(SqlServerPasswordOf(warehouse) ?? "\u0000"));
        }
        Assert.DoesNotThrow(() => WarehouseFactory.OpenForBuild(warehouse).Dispose(), "free again once the first has finished");
    }

    [Test]
    public void Reloading_one_council_leaves_another_council_untouched()
    {
        using var dir = new TempDir();
        var warehouse = engine.NewWarehouse(dir);
        engine.Run(SmallExtract("874"), dir, warehouse);
        engine.Run(SmallExtract("875"), dir, warehouse);
        var other = KpiStore.Read(warehouse, "875", 24);
        var reloaded = SmallExtract("874");
        reloaded.Row("contacts", ("contact_id", "C3"), ("child_id", "B"), ("received_at", "2016-01-20T09:00:00"), ("source", "1A"));
        engine.Run(reloaded, dir, warehouse);
        Assert.That(KpiStore.Read(warehouse, "875", 24), Is.EqualTo(other));
        var k01 = KpiStore.Read(warehouse, "874", 24).Single(k => k.IndicatorCode == "K01" && k.PeriodEnd == new DateOnly(2016, 1, 31));
        Assert.That(k01.Denominator, Is.EqualTo(3m));
        Assert.Throws<ChildrensWarehouse.Cli.UsageException>(() => KpiStore.Read(warehouse, null, 24), "two councils: --council needed");
    }

    [Test]
    public void Migrating_an_up_to_date_warehouse_applies_nothing()
    {
        using var dir = new TempDir();
        var warehouse = engine.NewWarehouse(dir);
        Assert.That(WarehouseFactory.Migrate(warehouse), Is.Empty);
        Assert.That(WarehouseContents.Scalar(warehouse, "SELECT COUNT(*) FROM audit.schema_version"), Is.GreaterThan(20));
    }

    private static string? SqlServerPasswordOf(string warehouse) =>
        WarehouseTarget.Parse(warehouse).Engine == WarehouseEngine.SqlServer
            ? new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(warehouse).Password is { Length: > 0 } p ? p : null
            : null;
}
