using ChildrensWarehouse.Pipeline;
using ChildrensWarehouse.Rules;
using ChildrensWarehouse.Tests.TestSupport;

namespace ChildrensWarehouse.Tests.Service;

/// <summary>Incremental runs write exactly what a full rebuild writes (lineage aside).</summary>
public class IncrementalRunTests
{
    /// <summary>A small universe of rows; each step of a sequence adds, removes or changes some of them.</summary>
    private sealed class ChangingExtract(int seed)
    {
        private readonly Random _random = new(seed);
        private readonly Dictionary<int, int> _variant = new();   // row index -> 0 absent, 1, 2
        private DateTime _extractedAt = new(2016, 1, 20, 6, 0, 0);

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
                        ("closure_date", v2 ? "2016-01-05" : null), ("last_modified", lm)]),
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
                _ => ("cla_reviews", [("cla_review_id", $"L{i}"), ("child_id", child), ("review_date", v2 ? "2015-10-15" : "2015-09-25"), ("last_modified", lm)]),
            };
        }

        public const int Size = 45;

        public void Change()
        {
            for (var n = _random.Next(1, 5); n > 0; n--)
            {
                _variant[_random.Next(Size)] = _random.Next(3);
            }
            _extractedAt = _extractedAt.AddHours(_random.Next(1, 30));
        }

        public TestExtract Current()
        {
            var x = new TestExtract { ExtractedAt = _extractedAt.ToString("yyyy-MM-dd'T'HH:mm:ss") };
            foreach (var c in Children) x.Child(c);
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
            var live = RunOn(universe.Current(), dir, "live.duckdb", incremental: true);
            Assert.That(live.Mode, Is.EqualTo("incremental"));
            var full = RunOn(universe.Current(), dir, $"full-{step}.duckdb", incremental: false);
            var expected = WarehouseContents.Snapshot(full.WarehousePath);
            var actual = WarehouseContents.Snapshot(live.WarehousePath);
            foreach (var table in expected.Keys)
            {
                Assert.That(actual[table], Is.EqualTo(expected[table]), $"seed {seed}, step {step}: {table}");
            }
            Assert.That(live.Kpis, Is.EqualTo(full.Kpis), $"seed {seed}, step {step}: kpis");
        }
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
        Assert.That((second.Mode, second.ChildrenRewritten, second.StagedRowsChanged), Is.EqualTo(("incremental", 1L, 1L)));
        var unchanged = RunOn(x, dir, "w.duckdb", incremental: true);
        Assert.That((unchanged.ChildrenRewritten, unchanged.StagedRowsChanged), Is.EqualTo((0L, 0L)));
    }
}
