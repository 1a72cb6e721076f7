using DuckDB.NET.Data;

namespace ChildrensWarehouse.Reports.Data;

/// <summary>
/// Many small queries shared out over two connections to one DuckDB database: the connection given and a second one
/// opened on the same database (DuckDB.NET shares the open database among a process's connections to one file). A
/// scan of a table smaller than one of DuckDB's row groups is one thread's work, so two such queries run in the time
/// of one.
/// </summary>
public static class TwoConnections
{
    /// <summary>
    /// Runs <paramref name="work"/> for each item index from 0 to <paramref name="count"/> - 1, each connection taking the
    /// next; <paramref name="setUp"/> runs on each connection before its first item and <paramref name="tearDown"/> after
    /// its last (also after a failure). A failure on either, in its set-up or an item, stops both from taking more, and
    /// is thrown once both have stopped (this connection's first, when both failed); a tear-down that fails after a
    /// failure does not hide it.
    /// </summary>
    public static void ForEach(DuckDBConnection connection, int count, Action<DuckDBConnection, int> work,
        Action<DuckDBConnection>? setUp = null, Action<DuckDBConnection>? tearDown = null)
    {
        var next = -1;
        void Work(DuckDBConnection on)
        {
            var failed = false;
            try
            {
                setUp?.Invoke(on);
                for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next)) work(on, i);
            }
            catch
            {
                failed = true;
                throw;
            }
            finally
            {
                Interlocked.Exchange(ref next, count);   // the other connection takes no more after a failure
                try
                {
                    tearDown?.Invoke(on);
                }
                catch (Exception) when (failed)
                {
                    // The failure being thrown is the one that matters.
                }
            }
        }
        using var second = new DuckDBConnection(connection.ConnectionString);
        second.Open();
        var other = Task.Run(() => Work(second), CancellationToken.None);
        try
        {
            Work(connection);
        }
        finally
        {
            ((IAsyncResult)other).AsyncWaitHandle.WaitOne();
        }
        other.GetAwaiter().GetResult();
    }
}
