using ChildrensWarehouse.Pipeline;
using ChildrensWarehouse.Rules;
using ChildrensWarehouse.Tests.TestSupport;
using ChildrensWarehouse.Warehouse;
using Dapper;

namespace ChildrensWarehouse.Tests.Service;

/// <summary>
/// Incremental runs that parse only the changed records (IncrementalRead) write exactly what a full rebuild writes:
/// every staged, dimension and fact row, the quarantine and the row accounting. The changes are what a case system's
/// export does through a day (records changed where they are, new records at the end), with now and then what the
/// incremental reading must hand over to a full read: bad records, duplicates, orphans, overlapping episodes, a
/// deleted record, a council table changed.
/// </summary>
public class IncrementalReadTests
{
    /// <param name="modifiedSinceLastRun">A changed or new record's last_modified falls between the last run's extract moment and
    /// this one's (a case system that stamps every change; what a SQL source's query relies on); else anywhere in the last five hours.</param>
    private sealed class LiveExtract(int seed, bool modifiedSinceLastRun = false)
    {
        private readonly Random _random = new(seed);
        private DateTime _previousExtractedAt;
        private readonly Dictionary<string, List<string>> _lines = new();
        private DateTime _extractedAt = new(2016, 1, 12, 7, 0, 0);
        private int _next = 1000;
        private string _workerFte = "1.0";

        private static readonly string[] Tables = ["contacts", "referrals", "assessments", "visits", "cla_episodes", "cp_plans", "cp_reviews", "allocations", "health_assessments"];

        public LiveExtract Start()
        {
            for (var c = 1; c <= 12; c++) Append(Child($"K{c}"));
            foreach (var table in Tables)
            {
                for (var n = 0; n < 6; n++)
                {
                    if (Generate(table, NewId(table)) is { } row) Append(row);
                }
            }
            return this;
        }

        private static string Prefix(string table) => table[..2].ToUpperInvariant();
        private string NewId(string table) => $"{Prefix(table)}{_next++}";
        private List<string> Lines(string table) => _lines.TryGetValue(table, out var l) ? l : _lines[table] = [];

        private void Append((string Table, string Line) row) => Lines(row.Table).Add(row.Line);

        private static (string, string) Child(string id) => ("children", $"{id},,,,,2010-05-01,,F,,,,,{TestExtract.DefaultLastModified}");

        private string Existing(string table) => Lines(table).Count == 0 ? "NONE" : Lines(table)[_random.Next(Lines(table).Count)].Split(',')[0];
        private string AnyChild() => Existing("children");
        private string Stamp() => (modifiedSinceLastRun && _previousExtractedAt != default
            ? _previousExtractedAt.AddSeconds(_random.Next(1, (int)(_extractedAt - _previousExtractedAt).TotalSeconds + 1))
            : _extractedAt.AddMinutes(-_random.Next(1, 300))).ToString("yyyy-MM-dd'T'HH:mm:ss");
        private DateOnly Date(int back = 300) => new DateOnly(2016, 1, 12).AddDays(-_random.Next(1, back));
        private static string Text(DateOnly d) => d.ToString("yyyy-MM-dd");

        /// <summary>A valid row of a table with this id (null when its parent table has no rows yet).</summary>
        private (string, string)? Generate(string table, string id, string? child = null)
        {
            child ??= AnyChild();
            var lm = Stamp();
            var day = Text(Date());
            var start = Date(2000).AddDays(-20);
            return table switch
            {
                "contacts" => (table, _random.Next(3) == 0
                    ? $"{id},{child},{lm},1A,,,,{lm}"
                    : $"{id},{child},{day}T09:00:00,1A,{day}T17:00:00,NFA,,{lm}"),
                "referrals" => (table, $"{id},{child},{(_random.Next(3) == 0 ? Existing("contacts") : "")},{day},1A,,,,{lm}"),
                "assessments" => (table, $"{id},{Existing("referrals")},{child},{day},,,,,{lm}"),
                "visits" => (table, $"{id},{child},{day},CP,Y,,,,{lm}"),
                "cla_episodes" => (table, $"{id},{child},{Text(start)},{Text(start.AddDays(10))},C2,S,U1,,E13,,,{lm}"),
                "cp_plans" => (table, $"{id},{Existing("referrals")},{child},{day},,NEGLECT,{lm}"),
                "cp_reviews" => Lines("cp_plans").Count == 0 ? null : (table, $"{id},{Existing("cp_plans")},{day},,{lm}"),
                "allocations" => (table, $"{id},{child},{(_random.Next(2) == 0 ? "W1" : "W2")},{day},,{lm}"),
                _ => (table, $"{id},{child},IHA,{day},{lm}"),
            };
        }

        /// <summary>What happened since the last run: some records changed where they are, some new ones, now and then something harder.</summary>
        public void Change()
        {
            _previousExtractedAt = _extractedAt;
            _extractedAt = _extractedAt.AddMinutes(_random.Next(5, 60));
            for (var n = _random.Next(1, 5); n > 0; n--)
            {
                var table = Tables[_random.Next(Tables.Length)];
                var lines = Lines(table);
                switch (_random.Next(20))
                {
                    case < 8 when lines.Count > 0:   // changed where it is, same id
                        var at = _random.Next(lines.Count);
                        if (Generate(table, lines[at].Split(',')[0]) is { } changed) lines[at] = changed.Item2;
                        break;
                    case < 14:   // new record at the end
                        if (Generate(table, NewId(table)) is { } added) Append(added);
                        break;
                    case 14:   // a new child
                        Append(Child($"K{_next++}"));
                        break;
                    case 15 when lines.Count > 0:   // a bad record (a date that is not one)
                        lines[_random.Next(lines.Count)] = lines[0].Split(',')[0] + "X," + AnyChild() + ",31/01/2016";
                        break;
                    case 16 when lines.Count > 0:   // a duplicate of another record's id
                        if (Generate(table, lines[_random.Next(lines.Count)].Split(',')[0]) is { } duplicate) Append(duplicate);
                        break;
                    case 17:   // a record of a child the case system does not have
                        if (Generate(table, NewId(table), child: "NOBODY") is { } orphan) Append(orphan);
                        break;
                    case 18 when lines.Count > 0:   // a deleted record
                        lines.RemoveAt(_random.Next(lines.Count));
                        break;
                    case 19:   // a council table changed
                        _workerFte = _workerFte == "1.0" ? "0.5" : "1.0";
                        break;
                }
            }
        }

        public TestExtract Current()
        {
            var x = new TestExtract { ExtractedAt = _extractedAt.ToString("yyyy-MM-dd'T'HH:mm:ss") };
            x.Row("teams", ("team_id", "T1"), ("team_name", "Assessment"), ("service_area", "ASSESSMENT"));
            x.Row("workers", ("worker_id", "W1"), ("display_name", "Worker one"), ("team_id", "T1"), ("role", "QSW"), ("fte", _workerFte), ("start_date", "2014-01-01"));
            x.Row("workers", ("worker_id", "W2"), ("display_name", "Worker two"), ("team_id", "T1"), ("role", "QSW"), ("fte", "1.0"), ("start_date", "2014-01-01"));
            foreach (var (table, lines) in _lines)
            {
                foreach (var line in lines) x.RawLine(table, line);
            }
            return x;
        }
    }

    /// <summary>Runs on the extract as CSV files, or (<paramref name="database"/>) as the views of a DuckDB file (the SQL source).</summary>
    private static RunSummary RunOn(TestExtract x, TempDir dir, string warehouse, bool incremental, bool database = false)
    {
        var name = "extract-" + Guid.NewGuid().ToString("N")[..8];
        var folder = x.WriteTo(dir.File(name));
        return new RunPipeline(Pipelines.QuietLog).Run(new RunRequest
        {
            SourceFolder = database ? CaseSystemDatabase.Write(folder, dir.File(name + ".duckdb")) : folder,
            WarehousePath = dir.File(warehouse),
            Rules = new RuleSettings(),
            Incremental = incremental,
            PseudonymSalt = "a fixed test salt of some length",
        });
    }

    private static List<string> StoredPrints(string warehouse)
    {
        using var c = WarehouseConnections.OpenReadOnly(warehouse);
        return c.Query<string>("SELECT concat_ws('|', la_code, table_name, chunk, hex(fingerprints)) FROM audit.source_fingerprint ORDER BY la_code, table_name, chunk").ToList();
    }

    private static List<string> LastQuarantine(string warehouse)
    {
        using var c = WarehouseConnections.OpenReadOnly(warehouse);
        return c.Query<string>(
            """
            SELECT concat_ws('|', table_name, file, line, column_name, reason, raw_text, child_id, CAST(last_modified AS VARCHAR))
            FROM audit.etl_quarantine WHERE run_id = (SELECT max(run_id) FROM audit.etl_run WHERE status = 'succeeded') ORDER BY 1
            """).ToList();
    }

    [TestCase(21, false)]
    [TestCase(22, false)]
    [TestCase(23, false)]
    [TestCase(24, false)]
    [TestCase(25, false)]
    [TestCase(31, true)]
    [TestCase(33, true)]
    public void Runs_reading_only_the_changed_records_end_with_the_warehouse_of_a_full_rebuild(int seed, bool database)
    {
        using var dir = new TempDir();
        var live = new LiveExtract(seed, modifiedSinceLastRun: database).Start();
        Assert.That(RunOn(live.Current(), dir, "live.duckdb", incremental: true, database).ChangedRecordsOnly, Is.False, "the first run reads everything");
        int changedOnly = 0, whole = 0;
        for (var step = 1; step <= 10; step++)
        {
            live.Change();
            var label = $"seed {seed}, step {step}";
            var run = RunOn(live.Current(), dir, "live.duckdb", incremental: true, database);
            var full = RunOn(live.Current(), dir, $"full-{step}.duckdb", incremental: false, database);
            if (run.ChangedRecordsOnly) changedOnly++;
            else whole++;
            var expected = WarehouseContents.Snapshot(full.WarehousePath);
            var actual = WarehouseContents.Snapshot(run.WarehousePath);
            foreach (var table in expected.Keys) Assert.That(actual[table], Is.EqualTo(expected[table]), $"{label} ({(run.ChangedRecordsOnly ? "changed records" : "whole extract")}): {table}");
            Assert.That(LastQuarantine(run.WarehousePath), Is.EqualTo(LastQuarantine(full.WarehousePath)), $"{label}: quarantine");
            Assert.That(run.Accounting, Is.EqualTo(full.Accounting), $"{label}: rows read, loaded, quarantined");
            Assert.That(run.Kpis, Is.EqualTo(full.Kpis), $"{label}: kpis");
            // A CSV record's print is its bytes' hash, so the next run compares with what a full read would have kept
            // (a SQL row without a readable last_modified is salted with its run, so those differ by design).
            if (!database) Assert.That(StoredPrints(run.WarehousePath), Is.EqualTo(StoredPrints(full.WarehousePath)), $"{label}: record fingerprints");
        }
        TestContext.Out.WriteLine($"seed {seed}: {changedOnly} runs read only the changed records, {whole} the whole extract");
        Assert.That(changedOnly, Is.GreaterThan(0), "some runs read only the changed records");
    }

    [Test]
    public void A_run_with_new_and_changed_records_parses_only_those_and_a_deletion_reads_the_whole_extract()
    {
        var x = new TestExtract { ExtractedAt = "2016-01-12T09:00:00" };
        foreach (var c in new[] { "A", "B", "C" }) x.Child(c);
        x.Row("visits", ("visit_id", "V1"), ("child_id", "A"), ("visit_date", "2016-01-05"), ("visit_type", "CP"), ("seen", "Y"));
        x.Row("visits", ("visit_id", "V2"), ("child_id", "B"), ("visit_date", "2016-01-06"), ("visit_type", "CP"), ("seen", "Y"));
        using var dir = new TempDir();
        RunOn(x, dir, "w.duckdb", incremental: true);
        x.ExtractedAt = "2016-01-12T09:15:00";
        x.Row("visits", ("visit_id", "V3"), ("child_id", "C"), ("visit_date", "2016-01-12"), ("visit_type", "CP"), ("seen", "Y"));
        var live = RunOn(x, dir, "w.duckdb", incremental: true);
        Assert.That((live.ChangedRecordsOnly, live.ChildrenDerived, live.StagedRowsChanged), Is.EqualTo((true, 1L, 1L)), "only C's new visit was read, staged and derived");

        var shorter = new TestExtract { ExtractedAt = "2016-01-12T09:30:00" };
        foreach (var c in new[] { "A", "B", "C" }) shorter.Child(c);
        shorter.Row("visits", ("visit_id", "V1"), ("child_id", "A"), ("visit_date", "2016-01-05"), ("visit_type", "CP"), ("seen", "Y"));
        var afterDeletion = RunOn(shorter, dir, "w.duckdb", incremental: true);
        Assert.That((afterDeletion.Mode, afterDeletion.ChangedRecordsOnly), Is.EqualTo(("incremental", false)), "a deleted record: the whole extract is read");
        var full = RunOn(shorter, dir, "full.duckdb", incremental: false);
        Assert.That(WarehouseContents.Snapshot(afterDeletion.WarehousePath)["fact.visit"], Is.EqualTo(WarehouseContents.Snapshot(full.WarehousePath)["fact.visit"]));
    }

    [Test]
    public void A_SQL_source_fetches_the_rows_modified_since_the_last_run_and_a_row_changed_without_a_later_last_modified_reads_the_whole_extract()
    {
        TestExtract Extract(string at, params (string Id, string Child, string Seen, string Modified)[] visits)
        {
            var x = Base(at);
            foreach (var v in visits)
            {
                x.Row("visits", ("visit_id", v.Id), ("child_id", v.Child), ("visit_date", "2016-01-05"), ("visit_type", "CP"), ("seen", v.Seen), ("last_modified", v.Modified));
            }
            return x;
        }
        using var dir = new TempDir();
        RunOn(Extract("2016-01-12T09:00:00", ("V1", "A", "Y", "2016-01-05T10:00:00")), dir, "w.duckdb", incremental: true, database: true);

        var next = Extract("2016-01-12T09:15:00", ("V1", "A", "Y", "2016-01-05T10:00:00"), ("V2", "B", "Y", "2016-01-12T09:10:00"));
        var live = RunOn(next, dir, "w.duckdb", incremental: true, database: true);
        Assert.That((live.ChangedRecordsOnly, live.ChildrenDerived), Is.EqualTo((true, 1L)), "only B's new visit was fetched and derived");

        // V1 rewritten with a last_modified still before the last run's moment: the query would not return it.
        var backdated = Extract("2016-01-12T09:30:00", ("V1", "A", "N", "2016-01-06T10:00:00"), ("V2", "B", "Y", "2016-01-12T09:10:00"));
        var afterBackdating = RunOn(backdated, dir, "w.duckdb", incremental: true, database: true);
        Assert.That((afterBackdating.Mode, afterBackdating.ChangedRecordsOnly), Is.EqualTo(("incremental", false)), "the whole extract is read");
        var full = RunOn(backdated, dir, "full.duckdb", incremental: false, database: true);
        Assert.That(WarehouseContents.Snapshot(afterBackdating.WarehousePath)["fact.visit"], Is.EqualTo(WarehouseContents.Snapshot(full.WarehousePath)["fact.visit"]));
        Assert.That(afterBackdating.Kpis, Is.EqualTo(full.Kpis));
    }

    [Test]
    public void A_SQL_row_without_a_readable_last_modified_is_checked_again_in_every_run()
    {
        TestExtract Extract(string at, string child, string seen)
        {
            var x = Base(at);
            x.Row("visits", ("visit_id", "V1"), ("child_id", child), ("visit_date", "2016-01-05"), ("visit_type", "CP"), ("seen", seen), ("last_modified", ""));
            x.Row("visits", ("visit_id", "V2"), ("child_id", "A"), ("visit_date", "2016-01-06"), ("visit_type", "CP"), ("seen", "Y"), ("last_modified", "yesterday"));
            return x;
        }
        // Both rows are quarantined (no last_modified, or no timestamp); V1 then changes with nothing to say so.
        var live = LiveThenFull(Extract("2016-01-12T09:00:00", "A", "Y"), Extract("2016-01-12T09:10:00", "B", "N"), database: true);
        Assert.That(live.ChangedRecordsOnly, Is.True, "the two rows were fetched again, nothing else");
    }

    /// <summary>
    /// Runs on <paramref name="x"/> as the views of a DuckDB file, changes the file with <paramref name="sql"/> (nothing
    /// else tells of the change), then runs incrementally, and rebuilds in full from the same file.
    /// </summary>
    private static (RunSummary Live, RunSummary Full) ChangedInPlace(TestExtract x, TempDir dir, string sql)
    {
        var file = dir.File("case.duckdb");
        var request = new RunRequest
        {
            SourceFolder = CaseSystemDatabase.Write(x.WriteTo(dir.File("extract")), file), WarehousePath = dir.File("w.duckdb"), Rules = new RuleSettings(),
            Incremental = true, PseudonymSalt = "a fixed test salt of some length",
        };
        new RunPipeline(Pipelines.QuietLog).Run(request);
        using (var c = new DuckDB.NET.Data.DuckDBConnection($"Data Source={file}"))
        {
            c.Open();
            c.Execute(sql);
        }
        return (new RunPipeline(Pipelines.QuietLog).Run(request),
            new RunPipeline(Pipelines.QuietLog).Run(request with { WarehousePath = dir.File("full.duckdb"), Incremental = false }));
    }

    [Test]
    public void A_SQL_row_changed_twice_within_one_second_is_not_missed()
    {
        using var dir = new TempDir();
        var (live, full) = ChangedInPlace(Base("2016-01-12T09:00:00"), dir,
            "UPDATE children_typed SET sex = 'M', last_modified = last_modified + INTERVAL 500 MILLISECOND WHERE child_id = 'A'");
        var expected = WarehouseContents.Snapshot(full.WarehousePath);
        var actual = WarehouseContents.Snapshot(live.WarehousePath);
        foreach (var table in expected.Keys) Assert.That(actual[table], Is.EqualTo(expected[table]), table);
        Assert.That(live.Kpis, Is.EqualTo(full.Kpis));
    }

    [Test]
    public void A_view_column_that_changes_type_makes_the_next_run_read_the_whole_extract()
    {
        var x = Base("2016-01-12T09:00:00");
        x.Row("visits", ("visit_id", "V1"), ("child_id", "A"), ("visit_date", "2016-01-05"), ("visit_type", "CP"), ("seen", "Y"));
        using var dir = new TempDir();
        // The view now gives date_of_birth as a timestamp with a time: every child's values change, no key or last_modified does.
        var columns = ChildrensWarehouse.Contract.CaseSystemContract.Get("children").Columns
            .Select(col => col.Name == "date_of_birth" ? "CAST(date_of_birth AS TIMESTAMP) + INTERVAL 9 HOUR AS date_of_birth" : $"\"{col.Name}\"");
        var (live, full) = ChangedInPlace(x, dir, $"CREATE OR REPLACE VIEW children AS SELECT {string.Join(", ", columns)} FROM children_typed");
        Assert.That((live.Mode, live.ChangedRecordsOnly), Is.EqualTo(("incremental", false)), "the view's columns changed: the whole extract is read");
        Assert.That(live.Accounting, Is.EqualTo(full.Accounting));
        Assert.That(LastQuarantine(live.WarehousePath), Is.EqualTo(LastQuarantine(full.WarehousePath)));
        Assert.That(LastQuarantine(live.WarehousePath), Has.Some.Contains("date_of_birth"), "a date with a time is no date");
    }

    /// <summary>Runs <paramref name="before"/> then, incrementally, <paramref name="after"/>; the live warehouse must equal a full rebuild of <paramref name="after"/>.</summary>
    private static RunSummary LiveThenFull(TestExtract before, TestExtract after, bool database = false)
    {
        using var dir = new TempDir();
        RunOn(before, dir, "w.duckdb", incremental: true, database);
        var live = RunOn(after, dir, "w.duckdb", incremental: true, database);
        var full = RunOn(after, dir, "full.duckdb", incremental: false, database);
        var expected = WarehouseContents.Snapshot(full.WarehousePath);
        var actual = WarehouseContents.Snapshot(live.WarehousePath);
        foreach (var table in expected.Keys) Assert.That(actual[table], Is.EqualTo(expected[table]), table);
        Assert.That(LastQuarantine(live.WarehousePath), Is.EqualTo(LastQuarantine(full.WarehousePath)), "quarantine");
        Assert.That(live.Accounting, Is.EqualTo(full.Accounting), "accounting");
        Assert.That(live.Kpis, Is.EqualTo(full.Kpis), "kpis");
        return live;
    }

    private static TestExtract Base(string extractedAt)
    {
        var x = new TestExtract { ExtractedAt = extractedAt };
        foreach (var c in new[] { "A", "B" }) x.Child(c);
        return x;
    }

    [Test]
    public void A_referral_changed_to_name_another_childs_contact_re_derives_that_child_from_the_changed_records_alone()
    {
        TestExtract Extract(string at, string? namedContact)
        {
            var x = Base(at);
            x.Row("contacts", ("contact_id", "C1"), ("child_id", "B"), ("received_at", "2016-01-04T10:00"), ("source", "1A"),
                ("decision_at", "2016-01-04T12:00"), ("outcome", "NFA"));
            x.Row("referrals", ("referral_id", "R1"), ("child_id", "A"), ("referral_date", "2016-01-05"), ("source", "1A"), ("contact_id", namedContact));
            return x;
        }
        var live = LiveThenFull(Extract("2016-01-12T09:00:00", null), Extract("2016-01-12T09:10:00", "C1"));
        Assert.That((live.ChangedRecordsOnly, live.ChildrenDerived), Is.EqualTo((true, 2L)), "A (its referral) and B (its contact is now named by a referral)");
    }

    [Test]
    public void A_changed_record_holding_a_stored_replacement_character_is_loaded_as_a_full_read_loads_it()
    {
        var before = Base("2016-01-12T09:00:00");
        var after = Base("2016-01-12T09:10:00").Row("children", ("child_id", "C"), ("first_name", "Zo\uFFFD"), ("sex", "F"), ("date_of_birth", "2012-02-02"));
        var live = LiveThenFull(before, after);
        Assert.That((live.ChangedRecordsOnly, live.Accounting.Sum(a => a.Quarantined)), Is.EqualTo((true, 0L)));
    }

    [Test]
    public void A_changed_duplicate_winner_lets_the_held_back_duplicate_win()
    {
        TestExtract Extract(string at, string winnerModified)
        {
            var x = Base(at);
            x.Row("visits", ("visit_id", "V1"), ("child_id", "A"), ("visit_date", "2016-01-05"), ("visit_type", "CP"), ("seen", "Y"), ("last_modified", "2016-01-06T00:00:00"));
            x.Row("visits", ("visit_id", "V1"), ("child_id", "A"), ("visit_date", "2016-01-07"), ("visit_type", "CP"), ("seen", "N"), ("last_modified", winnerModified));
            return x;
        }
        LiveThenFull(Extract("2016-01-12T09:00:00", "2016-01-08T00:00:00"), Extract("2016-01-12T09:10:00", "2016-01-05T00:00:00"));
    }

    [Test]
    public void A_new_child_releases_its_held_back_orphan_rows()
    {
        TestExtract Extract(string at, bool withC)
        {
            var x = Base(at);
            x.Row("visits", ("visit_id", "V1"), ("child_id", "C"), ("visit_date", "2016-01-05"), ("visit_type", "CP"), ("seen", "Y"));
            if (withC) x.Child("C");
            return x;
        }
        LiveThenFull(Extract("2016-01-12T09:00:00", false), Extract("2016-01-12T09:10:00", true));
    }

    [Test]
    public void A_changed_episode_that_no_longer_overlaps_releases_the_held_back_one()
    {
        TestExtract Extract(string at, string firstEnd)
        {
            var x = Base(at);
            x.Row("cla_episodes", ("episode_id", "E1"), ("child_id", "A"), ("start_date", "2015-09-01"), ("end_date", firstEnd), ("legal_status", "C2"),
                ("reason_new_episode", "S"), ("placement_type", "U1"), ("reason_ceased", "E13"));
            x.Row("cla_episodes", ("episode_id", "E2"), ("child_id", "A"), ("start_date", "2015-10-01"), ("end_date", "2015-11-01"), ("legal_status", "C2"),
                ("reason_new_episode", "S"), ("placement_type", "U1"), ("reason_ceased", "E13"));
            return x;
        }
        LiveThenFull(Extract("2016-01-12T09:00:00", "2015-12-01"), Extract("2016-01-12T09:10:00", "2015-09-20"));
    }

    [Test]
    public void A_file_that_changed_while_the_extract_was_read_gets_no_fingerprints()
    {
        var x = Base("2016-01-12T09:00:00");
        x.Row("visits", ("visit_id", "V1"), ("child_id", "A"), ("visit_date", "2016-01-05"), ("visit_type", "CP"), ("seen", "N"));
        using var dir = new TempDir();
        var folder = x.WriteTo(dir.File("extract"));
        var source = new ChildrensWarehouse.Contract.CsvExtractSource(folder);
        source.BeginFullRead();
        var extract = new ChildrensWarehouse.Contract.ExtractReader().Read(source);
        var visits = Path.Combine(folder, "visits.csv");
        File.WriteAllText(visits, File.ReadAllText(visits).Replace(",N,", ",Y,"));   // the export rewrote a record in place meanwhile
        File.SetLastWriteTimeUtc(visits, DateTime.UtcNow.AddSeconds(1));
        var prints = IncrementalRead.PrintsOfFullRead(source, extract);
        Assert.That(prints["visits"], Is.Null, "the staged N must not be recorded as the file's Y");
        Assert.That(prints["children"], Is.Not.Null);
    }

    [Test]
    public void A_folder_with_two_extracts_of_one_council_is_refused()
    {
        using var dir = new TempDir();
        var folder = dir.File("councils");
        Base("2016-01-12T09:00:00").WriteTo(Path.Combine(folder, "a"));
        Base("2016-01-12T10:00:00").WriteTo(Path.Combine(folder, "b"));
        var error = Assert.Throws<ArgumentException>(() => new RunPipeline(Pipelines.QuietLog).RunMany(new RunRequest
        {
            SourceFolder = folder, WarehousePath = dir.File("w.duckdb"), Rules = new RuleSettings(), PseudonymSalt = "a fixed test salt of some length",
        }, ChildrensWarehouse.Contract.ExtractSources.Councils(folder)));
        Assert.That(error!.Message, Does.Contain("council 874 is already in this load"));
        Assert.That(File.Exists(dir.File("w.duckdb")), Is.False, "nothing published");
    }
}
