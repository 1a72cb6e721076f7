using ChildrensWarehouse.Pipeline;
using ChildrensWarehouse.Rules;
using ChildrensWarehouse.Tests.TestSupport;

namespace ChildrensWarehouse.Tests.Service;

/// <summary>Incremental runs write exactly what a full rebuild writes (lineage aside).</summary>
public class IncrementalRunTests
{
    /// <summary>A small universe of rows; each step of a sequence adds, removes or changes some of them.</summary>
    /// <param name="sameDay">
    /// Live runs within one day: the extract moment moves by minutes across the contacts' received, decision and
    /// 24-hour window end times (the times compared with the as-at moment), so only some children are re-derived.
    /// </param>
    private sealed class ChangingExtract(int seed, bool sameDay = false)
    {
        private readonly Random _random = new(seed);
        private readonly Dictionary<int, int> _variant = new();   // row index -> 0 absent, 1, 2
        private DateTime _extractedAt = sameDay ? new(2016, 1, 12, 0, 30, 0) : new(2016, 1, 20, 6, 0, 0);
        private int _workerVariant = 1;

        private static readonly string[] Children = ["A", "B", "C", "D", "E"];

        /// <summary>Row i of the universe in a variant (1 or 2); the rows reference each other, so some end up as orphans on purpose.</summary>
        private static (string Table, (string, string?)[] Values) Row(int i, int variant)
        {
            var child = Children[i % Children.Length];
            var v2 = variant == 2;
            var lm = v2 ? "2016-01-02T00:00:00" : "2016-01-01T00:00:00";
            return (i / Children.Length) switch
            {
                0 => ("contacts", [("contact_id", $"C{i}"), ("child_id", child), ("received_at", v2 ? "2016-01-12T09:00" : "2016-01-11T10:00"), ("source", "1A"),
                        ("decision_at", v2 ? null : "2016-01-12T11:00"), ("outcome", v2 ? null : "NFA"), ("last_modified", lm)]),
                1 => ("referrals", [("referral_id", $"R{i}"), ("child_id", child), ("referral_date", v2 ? "2015-03-01" : "2015-02-01"), ("source", "1A"),
                        ("closure_date", v2 ? "2016-01-05" : null), ("contact_id", v2 ? $"C{(i + 1) % Children.Length}" : null), ("last_modified", lm)]),
                2 => ("assessments", [("assessment_id", $"A{i}"), ("referral_id", $"R{i - 5}"), ("child_id", child), ("start_date", "2015-03-02"),
                        ("authorised_date", v2 ? "2015-05-01" : "2015-04-01"), ("outcome", v2 ? "CIN_PLAN" : "NFA"), ("last_modified", lm)]),
                3 => ("cp_plans", [("cp_plan_id", $"P{i}"), ("referral_id", $"R{i - 10}"), ("child_id", child), ("start_date", v2 ? "2015-04-10" : "2015-04-01"),
                        ("category", "NEGLECT"), ("last_modified", lm)]),
                4 => ("cp_reviews", [("cp_review_id", $"V{i}"), ("cp_plan_id", $"P{i - 5}"), ("review_date", v2 ? "2015-08-01" : "2015-06-25"), ("last_modified", lm)]),
                5 => ("visits", [("visit_id", $"S{i}"), ("child_id", child), ("visit_date", v2 ? "2016-01-15" : "2016-01-08"), ("visit_type", "CP"),
                        ("seen", "Y"), ("last_modified", lm)]),
                6 => ("cla_episodes", [("episode_id", $"E{i}"), ("child_id", child), ("start_date", "2015-09-01"), ("end_date", v2 ? "2015-12-01" : null),
                        ("legal_status", "C2"), ("reason_new_episode", "S"), ("placement_type", "U1"), ("reason_ceased", v2 ? "E13" : null), ("last_modified", lm)]),
                7 => ("health_assessments", [("health_assessment_id", $"H{i}"), ("child_id", child), ("assessment_type", "IHA"),
                        ("completed_date", v2 ? "2015-10-30" : "2015-09-20"), ("last_modified", lm)]),
                8 => ("cla_reviews", [("cla_review_id", $"L{i}"), ("child_id", child), ("review_date", v2 ? "2015-10-15" : "2015-09-25"), ("last_modified", lm)]),
                _ => ("allocations", [("allocation_id", $"W{i}"), ("child_id", child), ("worker_id", v2 ? "W2" : "W1"), ("start_date", v2 ? "2015-11-01" : "2015-06-01"),
                        ("last_modified", lm)]),
            };
        }

        public const int Size = 50;

        public void Change()
        {
            for (var n = _random.Next(1, 5); n > 0; n--)
            {
                _variant[_random.Next(Size)] = _random.Next(3);
            }
            if (_random.Next(8) == 0) _workerVariant = 3 - _workerVariant;   // now and then a council table changes
            _extractedAt = sameDay ? _extractedAt.AddMinutes(_random.Next(10, 110)) : _extractedAt.AddHours(_random.Next(1, 30));
        }

        public TestExtract Current()
        {
            var x = new TestExtract { ExtractedAt = _extractedAt.ToString("yyyy-MM-dd'T'HH:mm:ss") };
            foreach (var c in Children) x.Child(c);
            x.Row("teams", ("team_id", "T1"), ("team_name", "Assessment"), ("service_area", "ASSESSMENT"));
            x.Row("workers", ("worker_id", "W1"), ("display_name", "Worker one"), ("team_id", "T1"), ("role", "QSW"), ("fte", _workerVariant == 1 ? "1.0" : "0.5"),
                ("start_date", "2014-01-01"));
            x.Row("workers", ("worker_id", "W2"), ("display_name", "Worker two"), ("team_id", "T1"), ("role", "QSW"), ("fte", "1.0"), ("start_date", "2014-01-01"));
            foreach (var (i, v) in _variant.OrderBy(kv => kv.Key))
            {
                if (v == 0) continue;
                var (table, values) = Row(i, v);
                x.Row(table, values);
            }
            return x;
        }
    }

    private static RunSummary RunOn(TestExtract x, TempDir dir, string warehouse, bool incremental)
    {
        var folder = x.WriteTo(dir.File("extract-" + Guid.NewGuid().ToString("N")[..8]));
        return new RunPipeline(Pipelines.QuietLog).Run(new RunRequest
        {
            SourceFolder = folder,
            WarehousePath = dir.File(warehouse),
            Rules = new RuleSettings(),
            Incremental = incremental,
            PseudonymSalt = "a fixed test salt of some length",
        });
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void A_sequence_of_incremental_runs_ends_with_the_same_warehouse_as_a_full_rebuild(int seed)
    {
        using var dir = new TempDir();
        var universe = new ChangingExtract(seed);
        universe.Change();
        Assert.That(RunOn(universe.Current(), dir, "live.duckdb", incremental: true).Mode, Is.EqualTo("full"), "the first run has nothing to build on");
        for (var step = 1; step <= 8; step++)
        {
            universe.Change();
            IncrementalThenFull(universe, dir, $"seed {seed}, step {step}");
        }
    }

    /// <summary>An incremental run on the live warehouse and a full rebuild of the same extract: every table and every indicator row equal.</summary>
    private static RunSummary IncrementalThenFull(ChangingExtract universe, TempDir dir, string label)
    {
        var live = RunOn(universe.Current(), dir, "live.duckdb", incremental: true);
        Assert.That(live.Mode, Is.EqualTo("incremental"));
        var full = RunOn(universe.Current(), dir, $"full-{Guid.NewGuid():N}.duckdb", incremental: false);
        var expected = WarehouseContents.Snapshot(full.WarehousePath);
        var actual = WarehouseContents.Snapshot(live.WarehousePath);
        foreach (var table in expected.Keys)
        {
            Assert.That(actual[table], Is.EqualTo(expected[table]), $"{label}: {table}");
        }
        Assert.That(live.Kpis, Is.EqualTo(full.Kpis), $"{label}: kpis");
        return live;
    }

    [TestCase(11)]
    [TestCase(12)]
    [TestCase(13)]
    [TestCase(14)]
    public void Live_runs_within_a_day_re_derive_only_some_children_and_end_with_the_warehouse_of_a_full_rebuild(int seed)
    {
        using var dir = new TempDir();
        var universe = new ChangingExtract(seed, sameDay: true);
        universe.Change();
        RunOn(universe.Current(), dir, "live.duckdb", incremental: true);
        var selective = 0;
        for (var step = 1; step <= 8; step++)
        {
            universe.Change();
            if (IncrementalThenFull(universe, dir, $"seed {seed}, step {step}").ChildrenDerived < 5) selective++;
        }
        Assert.That(selective, Is.GreaterThan(0), "some live runs re-derived only the children their changes touched");
    }

    [Test]
    public void A_live_run_re_derives_the_child_whose_contact_window_ended_since_the_last_run()
    {
        var x = new TestExtract { ExtractedAt = "2016-01-12T09:00:00" };
        foreach (var c in new[] { "A", "B" }) x.Child(c);
        x.Row("contacts", ("contact_id", "C1"), ("child_id", "A"), ("received_at", "2016-01-11T10:00"), ("source", "1A"));
        x.Row("contacts", ("contact_id", "C2"), ("child_id", "B"), ("received_at", "2016-01-11T15:00"), ("source", "1A"));
        using var dir = new TempDir();
        RunOn(x, dir, "w.duckdb", incremental: true);
        x.ExtractedAt = "2016-01-12T10:30:00";   // A's 24 hours ended at 10:00 undecided: it became a referral; B's end at 15:00
        var live = RunOn(x, dir, "w.duckdb", incremental: true);
        Assert.That((live.ChildrenDerived, live.ChildrenRewritten), Is.EqualTo((1L, 1L)));
        var full = RunOn(x, dir, "full.duckdb", incremental: false);
        Assert.That(WarehouseContents.Snapshot(live.WarehousePath)["fact.contact"], Is.EqualTo(WarehouseContents.Snapshot(full.WarehousePath)["fact.contact"]));
    }

    [Test]
    public void A_referral_that_names_another_childs_contact_re_derives_that_child_too()
    {
        TestExtract Extract(string? namedContact)
        {
            var x = new TestExtract { ExtractedAt = "2016-01-12T09:00:00" };
            foreach (var c in new[] { "A", "B" }) x.Child(c);
            x.Row("contacts", ("contact_id", "C1"), ("child_id", "B"), ("received_at", "2016-01-04T10:00"), ("source", "1A"),
                ("decision_at", "2016-01-04T12:00"), ("outcome", "NFA"));
            x.Row("referrals", ("referral_id", "R1"), ("child_id", "A"), ("referral_date", "2016-01-05"), ("source", "1A"), ("contact_id", namedContact));
            return x;
        }
        using var dir = new TempDir();
        RunOn(Extract(null), dir, "w.duckdb", incremental: true);
        var live = RunOn(Extract("C1"), dir, "w.duckdb", incremental: true);   // only A's referral row changed
        Assert.That(live.ChildrenDerived, Is.EqualTo(2), "A (its referral) and B (its contact is now named by a referral)");
        var full = RunOn(Extract("C1"), dir, "full.duckdb", incremental: false);
        Assert.That(WarehouseContents.Snapshot(live.WarehousePath)["fact.contact"], Is.EqualTo(WarehouseContents.Snapshot(full.WarehousePath)["fact.contact"]));
    }

    [Test]
    public void An_incremental_run_with_one_changed_child_rewrites_only_that_child()
    {
        var x = new TestExtract();
        foreach (var c in new[] { "A", "B", "C" }) x.Child(c);
        x.Row("referrals", ("referral_id", "R1"), ("child_id", "A"), ("referral_date", "2015-06-01"), ("source", "1A"));
        x.Row("referrals", ("referral_id", "R2"), ("child_id", "B"), ("referral_date", "2015-06-01"), ("source", "1A"));
        using var dir = new TempDir();
        Assert.That(RunOn(x, dir, "w.duckdb", incremental: true).ChildrenRewritten, Is.EqualTo(3));
        x.Row("referrals", ("referral_id", "R3"), ("child_id", "C"), ("referral_date", "2015-07-01"), ("source", "1A"));
        var second = RunOn(x, dir, "w.duckdb", incremental: true);
        Assert.That((second.Mode, second.ChildrenDerived, second.ChildrenRewritten, second.StagedRowsChanged), Is.EqualTo(("incremental", 1L, 1L, 1L)));
        var unchanged = RunOn(x, dir, "w.duckdb", incremental: true);
        Assert.That((unchanged.ChildrenRewritten, unchanged.StagedRowsChanged), Is.EqualTo((0L, 0L)));
    }

    [Test]
    public void Shared_dimensions_are_compared_only_when_their_rows_or_their_stored_hash_change()
    {
        static TestExtract Extract(string source, bool extraHoliday)
        {
            var x = new TestExtract();
            x.Child("A");
            x.Row("referrals", ("referral_id", "R1"), ("child_id", "A"), ("referral_date", "2015-06-01"), ("source", source));
            if (extraHoliday) x.Row("bank_holidays", ("date", "2015-06-15"), ("name", "A local holiday"));
            return x;
        }
        using var dir = new TempDir();
        var path = dir.File("w.duckdb");
        long Scalar(string sql) => WarehouseContents.Scalar(path, sql);
        const string Consistent = "SELECT count(*) FROM audit.shared_table_hash AS h WHERE h.row_count = CASE h.table_name WHEN 'dim.date' THEN (SELECT count(*) FROM dim.date) ELSE (SELECT count(*) FROM dim.indicator) END";
        const string Holiday = "SELECT count(*) FROM dim.date WHERE date = DATE '2015-06-15' AND is_bank_holiday AND NOT is_working_day AND bank_holiday_name = 'A local holiday'";

        RunOn(Extract("1A", extraHoliday: false), dir, "w.duckdb", incremental: true);
        Assert.That(Scalar(Consistent), Is.EqualTo(2), "both shared tables' rows are recorded with their count");
        var days = Scalar("SELECT count(*) FROM dim.date");

        // Another child row, the same calendar: dim.date stays as it was.
        RunOn(Extract("3A", extraHoliday: false), dir, "w.duckdb", incremental: true);
        Assert.That((Scalar("SELECT count(*) FROM dim.date"), Scalar(Holiday)), Is.EqualTo((days, 0L)));

        // A new bank holiday in the extract: the calendar's rows differ from the recorded ones and are replaced.
        RunOn(Extract("3A", extraHoliday: true), dir, "w.duckdb", incremental: true);
        Assert.That((Scalar("SELECT count(*) FROM dim.date"), Scalar(Holiday), Scalar(Consistent)), Is.EqualTo((days, 1L, 2L)));

        // A table whose row count no longer matches its recorded one (rows deleted by hand) is compared and put right.
        WarehouseContents.Execute(path, "DELETE FROM dim.date WHERE date >= DATE '2015-06-01' AND date < DATE '2015-07-01'");
        RunOn(Extract("1A", extraHoliday: true), dir, "w.duckdb", incremental: true);
        Assert.That((Scalar("SELECT count(*) FROM dim.date"), Scalar(Holiday), Scalar(Consistent)), Is.EqualTo((days, 1L, 2L)));

        // So is one changed by hand with its count kept (DuckDB's hash of the table's rows no longer matches).
        WarehouseContents.Execute(path, "UPDATE dim.date SET bank_holiday_name = 'Renamed by hand' WHERE date = DATE '2015-06-15'");
        RunOn(Extract("3A", extraHoliday: true), dir, "w.duckdb", incremental: true);
        Assert.That((Scalar("SELECT count(*) FROM dim.date"), Scalar(Holiday), Scalar(Consistent)), Is.EqualTo((days, 1L, 2L)));
    }

    [Test]
    public void A_council_whose_last_run_kept_no_child_states_has_each_derived_childs_rows_replaced_in_every_table()
    {
        static TestExtract Extract(bool visit)
        {
            var x = new TestExtract();
            x.Child("A");
            x.Row("referrals", ("referral_id", "R1"), ("child_id", "A"), ("referral_date", "2015-06-01"), ("source", "1A"));
            if (visit) x.Row("visits", ("visit_id", "V1"), ("child_id", "A"), ("visit_date", "2015-06-05"), ("visit_type", "CIN"), ("seen", "Y"));
            return x;
        }
        using var dir = new TempDir();
        var path = dir.File("w.duckdb");
        RunOn(Extract(visit: true), dir, "w.duckdb", incremental: true);
        // As a program from before child states and totals left it: rows, but nothing to say which tables hold them.
        WarehouseContents.Execute(path, "DELETE FROM audit.child_state");
        WarehouseContents.Execute(path, "UPDATE audit.etl_run SET tally = NULL");

        RunOn(Extract(visit: false), dir, "w.duckdb", incremental: true);
        Assert.That(WarehouseContents.Scalar(path, "SELECT count(*) FROM fact.visit"), Is.Zero, "the visit that went is not left behind");
        Assert.That(WarehouseContents.Scalar(path, "SELECT count(*) FROM fact.referral"), Is.EqualTo(1));
    }

    [Test]
    public void A_childs_hashes_of_every_table_fit_the_child_state_column_on_sql_server()
    {
        var outputs = new ChildOutputs("874", 1, new RuleSettings(), null!, null!, new Dictionary<string, string>(), new Dictionary<string, object?[]>(), []);
        var ddl = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "warehouse-schema", "sqlserver", "audit", "Tables", "child_state.sql"));
        var width = int.Parse(System.Text.RegularExpressions.Regex.Match(ddl, @"output_hash\s+NVARCHAR\((\d+)\)").Groups[1].Value);
        Assert.That(outputs.MaxHashLength, Is.LessThanOrEqualTo(width));
        Assert.That(outputs.MaxHashLength, Is.EqualTo(8 + outputs.TableNames.Count * 17), "the layout, then a dot and 16 hex digits a table");
    }

    [Test]
    public void A_changed_child_is_rewritten_only_in_the_tables_whose_rows_changed_and_those_that_name_them()
    {
        static TestExtract Extract(bool secondVisit, string referralSource)
        {
            var x = new TestExtract();
            x.Child("A");
            x.Row("referrals", ("referral_id", "R1"), ("child_id", "A"), ("referral_date", "2015-06-01"), ("source", referralSource));
            x.Row("assessments", ("assessment_id", "AS1"), ("referral_id", "R1"), ("child_id", "A"), ("start_date", "2015-06-02"), ("authorised_date", "2015-07-30"));
            x.Row("visits", ("visit_id", "V1"), ("child_id", "A"), ("visit_date", "2015-06-05"), ("visit_type", "CIN"), ("seen", "Y"));
            if (secondVisit) x.Row("visits", ("visit_id", "V2"), ("child_id", "A"), ("visit_date", "2015-06-20"), ("visit_type", "CIN"), ("seen", "Y"));
            return x;
        }
        using var dir = new TempDir();
        var path = dir.File("w.duckdb");
        long Scalar(string sql) => WarehouseContents.Scalar(path, sql);
        long RunOf(string table) => Scalar($"SELECT max(run_id) FROM {table} WHERE child_id = 'A'");
        (long Visit, long Referral, long Assessment) Runs() => (RunOf("fact.visit"), RunOf("fact.referral"), RunOf("fact.assessment"));
        RunOn(Extract(secondVisit: false, "1A"), dir, "w.duckdb", incremental: true);
        Assert.That(Runs(), Is.EqualTo((1L, 1L, 1L)));

        // A second visit: only the visits are written again; the referral and the assessment keep the first run's rows.
        Assert.That(RunOn(Extract(secondVisit: true, "1A"), dir, "w.duckdb", incremental: true).ChildrenRewritten, Is.EqualTo(1));
        Assert.That(Runs(), Is.EqualTo((2L, 1L, 1L)));

        // The referral's source changes: the referral, and the assessment that names it, are written again (so a run that
        // tests only what it wrote still tests the assessment's reference); the visits stay.
        Assert.That(RunOn(Extract(secondVisit: true, "3A"), dir, "w.duckdb", incremental: true).ChildrenRewritten, Is.EqualTo(1));
        Assert.That(Runs(), Is.EqualTo((2L, 3L, 3L)));
        Assert.That((Scalar("SELECT count(*) FROM fact.visit WHERE child_id = 'A'"), Scalar("SELECT count(*) FROM fact.referral WHERE child_id = 'A'"),
            Scalar("SELECT count(*) FROM fact.assessment WHERE child_id = 'A'")), Is.EqualTo((2L, 1L, 1L)));
    }
}
