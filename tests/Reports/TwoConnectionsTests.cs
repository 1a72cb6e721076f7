using ChildrensWarehouse.Reports.Data;
using ChildrensWarehouse.Tests.TestSupport;
using Dapper;
using DuckDB.NET.Data;

namespace ChildrensWarehouse.Tests.Reports;

public class TwoConnectionsTests
{
    private static DuckDBConnection Opened(TempDir dir)
    {
        var connection = new DuckDBConnection($"Data Source={dir.File("w.duckdb")}");
        connection.Open();
        return connection;
    }

    [Test]
    public void Every_item_is_read_once_on_one_of_two_connections_to_the_same_database_each_set_up_and_torn_down()
    {
        using var dir = new TempDir();
        using var connection = Opened(dir);
        connection.Execute("CREATE TABLE t AS SELECT range AS i FROM range(20)");
        var results = new long[20];
        var setUps = 0;
        var tornDown = 0;
        TwoConnections.ForEach(connection, 20, (c, i) => results[i] = c.ExecuteScalar<long>("SELECT i * 10 + (SELECT count(*) FROM temp.k) FROM t WHERE i = $i", new { i }),
            setUp: c =>
            {
                Interlocked.Increment(ref setUps);
                c.Execute("CREATE TEMP TABLE k AS SELECT 1 AS x");
            },
            tearDown: c =>
            {
                Interlocked.Increment(ref tornDown);
                c.Execute("DROP TABLE temp.k");
            });
        // Each result read from the shared table, with its connection's own temporary table (one row) in place.
        Assert.That(results, Is.EqualTo(Enumerable.Range(0, 20).Select(i => i * 10L + 1).ToArray()));
        Assert.That((setUps, tornDown), Is.EqualTo((2, 2)));
    }

    [Test]
    public void A_failing_item_is_thrown_after_both_connections_have_stopped()
    {
        using var dir = new TempDir();
        using var connection = Opened(dir);
        var tornDown = 0;
        var e = Assert.Throws<InvalidOperationException>(() => TwoConnections.ForEach(connection, 50, (c, i) =>
        {
            if (i == 3) throw new InvalidOperationException("item 3");
            c.ExecuteScalar<long>("SELECT 1");
        }, tearDown: _ => Interlocked.Increment(ref tornDown)))!;
        Assert.That(e.Message, Is.EqualTo("item 3"));
        Assert.That(tornDown, Is.EqualTo(2), "both connections finished and cleaned up before the failure was thrown");
        Assert.That(connection.ExecuteScalar<long>("SELECT 42"), Is.EqualTo(42), "the caller's connection is still usable");
    }

    [Test]
    public void A_failing_set_up_stops_both_connections_and_is_not_hidden_by_its_tear_down()
    {
        using var dir = new TempDir();
        using var connection = Opened(dir);
        var items = 0;
        var e = Assert.Throws<InvalidOperationException>(() => TwoConnections.ForEach(connection, 1000, (_, _) =>
            {
                Interlocked.Increment(ref items);
                Thread.Sleep(1);
            },
            setUp: c =>
            {
                if (ReferenceEquals(c, connection)) throw new InvalidOperationException("set-up failed");
            },
            tearDown: _ => throw new InvalidOperationException("tear-down failed")))!;
        Assert.That(e.Message, Is.EqualTo("set-up failed"));
        Assert.That(items, Is.LessThan(1000), "the second connection stopped taking items");
    }
}
