using ChildrensWarehouse.Tests.TestSupport;
using ChildrensWarehouse.Warehouse;
using Dapper;

namespace ChildrensWarehouse.Tests.Warehouse;

/// <summary>
/// How the DuckDB warehouse stores what a live run rewrites. audit.source_fingerprint keeps each table's record fingerprints in chunks small enough for DuckDB to keep in the
/// table's own blocks; read back, the chunks give every byte in order, an empty table stays told apart from a table
/// without fingerprints, and replacing some tables keeps the others.
/// </summary>
public class DuckDbStorageTests
{
    private static byte[] Bytes(int records, int seed)
    {
        var bytes = new byte[records * 12];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [Test]
    public void Fingerprints_of_any_length_come_back_byte_for_byte_after_the_warehouse_is_published()
    {
        using var dir = new TempDir();
        var path = dir.File("w.duckdb");
        var chunk = DuckDbWarehouse.FingerprintChunkBytes / 12;
        var written = new Dictionary<string, byte[]?>
        {
            ["empty"] = [],
            ["one"] = Bytes(1, 1),
            ["exactly_one_chunk"] = Bytes(chunk, 2),
            ["one_more"] = Bytes(chunk + 1, 3),
            ["many"] = Bytes(10 * chunk + 7, 4),
            ["none"] = null,
        };
        using (var w = DuckDbWarehouse.OpenForBuild(path, SchemaMigrator.DefaultFolder("duckdb")))
        {
            w.WriteSourceFingerprints("874", 1, written);
            w.Publish();
        }

        using (var w = DuckDbWarehouse.OpenForBuild(path, SchemaMigrator.DefaultFolder("duckdb")))
        {
            var read = w.SourceFingerprints("874");
            Assert.That(read.Keys, Is.EquivalentTo(new[] { "empty", "one", "exactly_one_chunk", "one_more", "many" }), "a table given none has no row");
            foreach (var (table, bytes) in written.Where(x => x.Value is not null)) Assert.That(read[table], Is.EqualTo(bytes), table);
            Assert.That(w.SourceFingerprints("875"), Is.Empty, "another council's are its own");

            var longest = w.Connection.ExecuteScalar<long>("SELECT max(octet_length(fingerprints)) FROM audit.source_fingerprint");
            Assert.That(longest, Is.LessThan(4096), "under DuckDB's limit for strings kept in the table's own blocks");
            Assert.That(w.Connection.ExecuteScalar<long>("SELECT count(*) FROM audit.source_fingerprint WHERE table_name = 'many'"), Is.EqualTo(11));
        }
    }

    [Test]
    public void Replacing_some_tables_keeps_the_others_and_a_shorter_table_loses_its_old_chunks()
    {
        using var dir = new TempDir();
        using var w = DuckDbWarehouse.OpenForBuild(dir.File("w.duckdb"), SchemaMigrator.DefaultFolder("duckdb"));
        var chunk = DuckDbWarehouse.FingerprintChunkBytes / 12;
        var visits = Bytes(3 * chunk, 5);
        w.WriteSourceFingerprints("874", 1, new Dictionary<string, byte[]?> { ["visits"] = visits, ["contacts"] = Bytes(5 * chunk, 6) });

        var fewerContacts = Bytes(chunk / 2, 7);
        w.WriteSourceFingerprints("874", 2, new Dictionary<string, byte[]?> { ["contacts"] = fewerContacts }, onlyThese: true);
        var read = w.SourceFingerprints("874");
        Assert.That(read["visits"], Is.EqualTo(visits));
        Assert.That(read["contacts"], Is.EqualTo(fewerContacts));

        w.WriteSourceFingerprints("874", 3, new Dictionary<string, byte[]?> { ["visits"] = null }, onlyThese: true);
        Assert.That(w.SourceFingerprints("874").Keys, Is.EquivalentTo(new[] { "contacts" }), "a table read without fingerprints keeps none");

        w.WriteSourceFingerprints("874", 4, new Dictionary<string, byte[]?> { ["referrals"] = Bytes(2, 8) });
        Assert.That(w.SourceFingerprints("874").Keys, Is.EquivalentTo(new[] { "referrals" }), "a full write replaces them all");
    }

    [Test]
    public void Replacing_a_table_with_the_same_rows_leaves_it_untouched_and_with_other_rows_gives_exactly_them()
    {
        using var dir = new TempDir();
        var path = dir.File("w.duckdb");
        object?[] Row(string code, string? chart, string title) => [code, chart, title, "month", "percent", "up", "text"];
        var rows = new[] { Row("K01", "1", "One"), Row("K02", null, "Two"), Row("K03", null, "Three") };
        using (var w = DuckDbWarehouse.OpenForBuild(path, SchemaMigrator.DefaultFolder("duckdb")))
        {
            w.ReplaceAll("dim", "indicator", rows);
            w.Publish();
        }

        using var again = DuckDbWarehouse.OpenForBuild(path, SchemaMigrator.DefaultFolder("duckdb"));
        bool OnlyStored() => again.Connection.ExecuteScalar<bool>("SELECT bool_and(persistent) FROM pragma_storage_info('dim.indicator')");
        List<string> Contents() => again.Connection.Query<string>(
            "SELECT concat_ws('|', indicator_code, coalesce(chart, 'NULL'), title) FROM dim.indicator ORDER BY ALL").ToList();
        Assert.That(OnlyStored(), Is.True);

        again.ReplaceAll("dim", "indicator", rows.Reverse());
        Assert.That(OnlyStored(), Is.True, "the same rows in another order: nothing written, so the checkpoint has nothing of it to rewrite");
        Assert.That(Contents(), Is.EqualTo(new[] { "K01|1|One", "K02|NULL|Two", "K03|NULL|Three" }));

        again.ReplaceAll("dim", "indicator", [Row("K01", "1", "One"), Row("K02", "2", "Two"), Row("K04", null, "Four")]);
        Assert.That(OnlyStored(), Is.False);
        Assert.That(Contents(), Is.EqualTo(new[] { "K01|1|One", "K02|2|Two", "K04|NULL|Four" }), "a null that became a value, a row gone, a row new");

        again.ReplaceAll("dim", "indicator", [Row("K01", "1", "One"), Row("K02", "2", "Two")]);
        Assert.That(Contents(), Is.EqualTo(new[] { "K01|1|One", "K02|2|Two" }), "only a row gone");
        again.ReplaceAll("dim", "indicator", []);
        Assert.That(Contents(), Is.Empty);

        // The same rows given twice running (councils of one build) and then others: the others; and back again.
        again.ReplaceAll("dim", "indicator", rows);
        again.ReplaceAll("dim", "indicator", rows);
        Assert.That(Contents(), Is.EqualTo(new[] { "K01|1|One", "K02|NULL|Two", "K03|NULL|Three" }));
        again.ReplaceAll("dim", "indicator", [Row("K09", null, "Nine")]);
        Assert.That(Contents(), Is.EqualTo(new[] { "K09|NULL|Nine" }));
        again.ReplaceAll("dim", "indicator", rows);
        Assert.That(Contents(), Is.EqualTo(new[] { "K01|1|One", "K02|NULL|Two", "K03|NULL|Three" }));
    }

    [Test]
    public void A_table_holding_more_deleted_rows_than_live_ones_is_rewritten_when_the_warehouse_is_opened_with_the_same_rows()
    {
        using var dir = new TempDir();
        var path = dir.File("w.duckdb");
        var chunk = DuckDbWarehouse.FingerprintChunkBytes / 12;
        DuckDbWarehouse Open() => DuckDbWarehouse.OpenForBuild(path, SchemaMigrator.DefaultFolder("duckdb"));
        long Physical(DuckDbWarehouse w) => w.Connection.ExecuteScalar<long>("SELECT estimated_size FROM duckdb_tables() WHERE schema_name = 'audit' AND table_name = 'source_fingerprint'");
        var prints = Bytes(1200 * chunk, 9);
        using (var w = Open())
        {
            w.WriteSourceFingerprints("874", 1, new Dictionary<string, byte[]?> { ["visits"] = prints });
            w.Publish();
        }
        var physical = new List<long>();
        for (var run = 2; run <= 4; run++)
        {
            // As live runs change records: the first 500 chunks' records changed each time.
            using var w = Open();
            physical.Add(Physical(w));
            Assert.That(w.Compacted, Is.Empty, $"run {run}: no more deleted rows than live ones yet ({Physical(w)} rows in all)");
            new Random(run).NextBytes(prints.AsSpan(0, 500 * chunk * 12));
            w.WriteSourceFingerprints("874", run, new Dictionary<string, byte[]?> { ["visits"] = prints }, onlyThese: true);
            w.Publish();
        }
        Assert.That(physical, Is.EqualTo(new long[] { 1200, 1700, 2200 }), "DuckDB keeps the deleted chunks");
        using (var w = Open())
        {
            Assert.That(w.Compacted, Is.EqualTo(new[] { "audit.source_fingerprint" }), "1,500 deleted rows beside 1,200 live ones (and more than 1,000)");
            Assert.That(Physical(w), Is.EqualTo(1200), "only the live rows are left");
            Assert.That(w.SourceFingerprints("874")["visits"], Is.EqualTo(prints), "the same fingerprints");
            w.Publish();
        }
        using (var w = Open())
        {
            Assert.That(w.Compacted, Is.Empty);
            Assert.That(w.SourceFingerprints("874")["visits"], Is.EqualTo(prints), "the same after the rewrite is published");
            Assert.That(w.Connection.ExecuteScalar<long>("SELECT count(*) FROM duckdb_tables() WHERE temporary"), Is.Zero, "no working copies left");
        }
    }
}
