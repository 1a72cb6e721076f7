using System.Globalization;
using ChildrensWarehouse.Contract;
using ChildrensWarehouse.Tests.TestSupport;
using CsvHelper;
using CsvHelper.Configuration;

namespace ChildrensWarehouse.Tests.Contract;

/// <summary>
/// Only the row source differs between a CSV folder and SQL views: the same records from another source meet the same
/// rules (row alone, duplicates, foreign keys, overlapping episodes) and give the same rows and reasons.
/// </summary>
public class RowSourceTests
{
    /// <summary>Rows held in memory, as a SQL source delivers them: by contract column, row numbers from 1, named by table.</summary>
    private sealed class MemorySource(Manifest manifest, Dictionary<string, List<string?[]>> tables) : IExtractRowSource
    {
        public string Name => "memory";
        public Manifest ReadManifest() => manifest;
        public void CheckTables(IReadOnlyList<TableSpec> specs, List<string> warnings)
        {
            foreach (var spec in specs.Where(s => !tables.ContainsKey(s.Name))) throw new ExtractUnusableException($"memory: there is no view or table named {spec.Name}");
        }
        public string Location(TableSpec table) => table.Name;
        public IEnumerable<SourceRecord> Records(TableSpec table, CancellationToken cancellationToken) =>
            tables[table.Name].Select((fields, i) => new SourceRecord(i + 1, fields, string.Join(",", fields)));
    }

    /// <summary>The CSV files of a test extract as rows of text by contract column.</summary>
    private static MemorySource FromCsv(string folder)
    {
        var tables = new Dictionary<string, List<string?[]>>();
        foreach (var spec in CaseSystemContract.AllTables)
        {
            using var reader = new StreamReader(Path.Combine(folder, spec.RelativePath));
            using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.None });
            csv.Read();
            csv.ReadHeader();
            var rows = new List<string?[]>();
            while (csv.Read())
            {
                rows.Add(spec.Columns.Select(c => csv.GetField(c.Name) is { Length: > 0 } v ? v : null).ToArray());
            }
            tables[spec.Name] = rows;
        }
        return new MemorySource(CsvExtractSource.ReadManifest(folder), tables);
    }

    private static TestExtract Troubled()
    {
        var x = new TestExtract();
        x.Child("A").Child("B");
        x.Row("children", ("child_id", "C"), ("sex", "M"), ("date_of_birth", "2016-02-30"));
        x.Row("children", ("child_id", "A"), ("sex", "F"), ("last_modified", "2015-12-01T00:00:00"));          // older duplicate
        x.Row("referrals", ("referral_id", "R1"), ("child_id", "Z"), ("referral_date", "2015-05-01"), ("source", "1A"));   // orphan
        x.Row("referrals", ("referral_id", "R2"), ("child_id", "A"), ("referral_date", "2015-05-01"), ("source", "1a"));   // bad code
        x.Row("contacts", ("contact_id", "K1"), ("child_id", "A"), ("received_at", "2016-03-01T00:00"), ("source", "1A")); // future
        x.Row("cla_episodes", ("episode_id", "E1"), ("child_id", "A"), ("start_date", "2015-01-01"), ("end_date", "2015-03-01"),
            ("legal_status", "C2"), ("reason_new_episode", "S"), ("placement_type", "U1"), ("reason_ceased", "E8"));
        x.Row("cla_episodes", ("episode_id", "E2"), ("child_id", "A"), ("start_date", "2015-02-01"),
            ("legal_status", "C2"), ("reason_new_episode", "S"), ("placement_type", "U1"));                  // overlaps E1
        return x;
    }

    [Test]
    public void The_same_records_from_another_source_meet_the_same_rules()
    {
        using var dir = new TempDir();
        var folder = Troubled().WriteTo(dir.File("x"));
        var fromCsv = new ExtractReader().Read(folder);
        var fromMemory = new ExtractReader().Read(FromCsv(folder));
        static string Masked(string reason) => System.Text.RegularExpressions.Regex.Replace(reason, @"line \d+", "line N");
        Assert.That(fromMemory.Quarantine.Select(q => (q.Table, q.Column, Masked(q.Reason), q.ChildId)),
            Is.EqualTo(fromCsv.Quarantine.Select(q => (q.Table, q.Column, Masked(q.Reason), q.ChildId))));
        Assert.That(fromCsv.Quarantine, Has.Count.EqualTo(6));
        foreach (var spec in CaseSystemContract.AllTables)
        {
            Assert.That(fromMemory[spec.Name].Rows.Select(r => r.Values), Is.EqualTo(fromCsv[spec.Name].Rows.Select(r => r.Values)), spec.Name);
        }
        Assert.That(fromMemory.Quarantine.Select(q => q.File), Is.All.Not.Contain(".csv"), "a view is named by its table, not a file");
        Assert.That(fromMemory.Accounting.Select(a => a.Read == a.Loaded + a.Quarantined), Is.All.True);
    }

    [Test]
    public void A_missing_table_makes_the_source_unusable()
    {
        var source = new MemorySource(new Manifest("T", "874", new DateTime(2016, 2, 1), 1), new Dictionary<string, List<string?[]>>());
        var e = Assert.Throws<ExtractUnusableException>(() => new ExtractReader().Read(source))!;
        Assert.That(e.Message, Does.Contain("children"));
    }

    [TestCase(ColumnType.Date, "2016-01-31T00:00:00", "2016-01-31")]
    [TestCase(ColumnType.Date, "2016-01-31T10:30:00", "2016-01-31T10:30:00")]        // not a date: quarantined as such, not cut
    [TestCase(ColumnType.Timestamp, "2016-01-31T10:30:15.123", "2016-01-31T10:30:15")] // to the contract's second
    [TestCase(ColumnType.Timestamp, "2016-01-31T00:00:00", "2016-01-31T00:00:00")]
    public void SQL_datetimes_are_written_in_the_contract_form(ColumnType type, string value, string expected) =>
        Assert.That(SqlExtractSource.ContractText(DateTime.Parse(value, CultureInfo.InvariantCulture), type), Is.EqualTo(expected));

    [Test]
    public void SQL_values_of_other_types_are_written_in_the_contract_form()
    {
        Assert.That(SqlExtractSource.ContractText(true, ColumnType.Text), Is.EqualTo("Y"));
        Assert.That(SqlExtractSource.ContractText(false, ColumnType.Text), Is.EqualTo("N"));
        Assert.That(SqlExtractSource.ContractText(12L, ColumnType.Integer), Is.EqualTo("12"));
        Assert.That(SqlExtractSource.ContractText(0.5m, ColumnType.Decimal), Is.EqualTo("0.5"));
        Assert.That(SqlExtractSource.ContractText(" M ", ColumnType.Text), Is.EqualTo(" M "), "no trimming");
        Assert.That(SqlExtractSource.ContractText(DBNull.Value, ColumnType.Text), Is.Null);
        Assert.That(SqlExtractSource.ContractText(new DateTimeOffset(2016, 1, 1, 9, 0, 0, TimeSpan.Zero), ColumnType.Timestamp), Is.EqualTo("2016-01-01T09:00:00+00:00"),
            "an offset is kept, so the contract check quarantines it");
    }

    [Test]
    public void A_SQL_table_is_read_in_a_total_order_key_first()
    {
        var spec = CaseSystemContract.Get("immunisations");
        Assert.That(SqlExtractSource.SelectStatement(spec, ["child_id", "as_at_date", "up_to_date", "last_modified"]),
            Is.EqualTo("SELECT [child_id], [as_at_date], [up_to_date], [last_modified] FROM [immunisations] ORDER BY [child_id], [as_at_date], [up_to_date], [last_modified]"));
        Assert.That(SqlExtractSource.ChangedSelectStatement(spec, ["child_id", "as_at_date", "up_to_date", "last_modified"]),
            Is.EqualTo("SELECT [child_id], [as_at_date], [up_to_date], [last_modified] FROM [immunisations] " +
                       "WHERE TRY_CAST([last_modified] AS datetime2) > @since OR TRY_CAST([last_modified] AS datetime2) IS NULL " +
                       "ORDER BY [child_id], [as_at_date], [up_to_date], [last_modified]"),
            "an incremental run's query filters on last_modified (a text column that is no timestamp is fetched, to be quarantined)");
    }
}
