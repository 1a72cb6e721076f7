using System.Data;
using System.Data.Common;
using Dapper;
using Microsoft.Data.SqlClient;
using Polly;
using Serilog;

namespace ChildrensWarehouse.Warehouse;

/// <summary>
/// The production warehouse on SQL Server (2016 SP1 or later). A run holds an exclusive, session-owned application
/// lock from open to dispose, so two runs never load at once. Its writes are collected and applied at
/// <see cref="Commit"/> as one unit of work in one transaction: clear the council, bulk-copy staging, dimensions and
/// facts (SqlBulkCopy), write the run audit, commit. Readers see the previous state until the commit, and a failed
/// run leaves it. A transient error (deadlock, failover, dropped connection) retries the whole unit of work with
/// exponential backoff and jitter; any other error fails the run at once.
/// </summary>
public sealed class SqlServerWarehouse : IWarehouse
{
    /// <summary>The sp_getapplock resource every loader and migrator of a warehouse database takes.</summary>
    public const string LockResource = "ChildrensWarehouse.load";

    private readonly string _connectionString;
    private readonly ResiliencePipeline _retry;
    private readonly List<Action<SqlConnection, SqlTransaction>> _work = [];
    private SqlConnection? _connection;

    private SqlServerWarehouse(string connectionString, ResiliencePipeline retry)
    {
        // The lock belongs to the session: a pooled connection would keep the session (and the lock) alive after close.
        _connectionString = new SqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
        _retry = retry;
        Name = ConnectionStrings.Describe(connectionString);
    }

    /// <summary>Server and database, for messages (never the password).</summary>
    public string Name { get; }

    /// <summary>Takes the load lock and checks that the schema is up to date (`etl migrate` applies it).</summary>
    public static SqlServerWarehouse OpenForBuild(string connectionString, string schemaFolder, SqlServerRetryOptions? retry = null, ILogger? log = null)
    {
        var warehouse = new SqlServerWarehouse(connectionString, SqlServerRetry.Pipeline(retry, log));
        try
        {
            var pending = warehouse.Locked(c => SqlServerMigrator.Pending(c, schemaFolder));
            if (pending.Count > 0)
            {
                throw new SchemaMismatchException(
                    $"{warehouse.Name}: {pending.Count} schema migration(s) not applied yet (first: {pending[0].File}); run `etl migrate --warehouse ...` with a login that may change the schema");
            }
            return warehouse;
        }
        catch
        {
            warehouse.Dispose();
            throw;
        }
    }

    /// <summary>Applies the pending migrations under the load lock; returns the files applied.</summary>
    public static IReadOnlyList<string> Migrate(string connectionString, string schemaFolder, SqlServerRetryOptions? retry = null, ILogger? log = null)
    {
        using var warehouse = new SqlServerWarehouse(connectionString, SqlServerRetry.Pipeline(retry, log));
        return warehouse.Locked(c => SqlServerMigrator.Migrate(c, schemaFolder));
    }

    /// <summary>Runs <paramref name="work"/> on the locked session, reconnecting and relocking after a transient failure.</summary>
    private T Locked<T>(Func<SqlConnection, T> work) => _retry.Execute(() => work(LockedConnection()));

    private SqlConnection LockedConnection()
    {
        if (_connection is { State: ConnectionState.Open })
        {
            return _connection;
        }
        _connection?.Dispose();
        _connection = null;
        var connection = new SqlConnection(_connectionString);
        connection.Open();
        try
        {
            connection.Execute("SET XACT_ABORT ON;");
            var result = connection.ExecuteScalar<int>(
                "DECLARE @result INT; EXEC @result = sys.sp_getapplock @Resource = @resource, @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 0; SELECT @result;",
                new { resource = LockResource });
            if (result < 0)
            {
                throw new WarehouseBusyException($"{Name}: another run is loading this warehouse; try again when it has finished");
            }
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        _connection = connection;
        return connection;
    }

    public long NextRunId() => Locked(c => c.ExecuteScalar<long>("SELECT COALESCE(MAX(run_id), 0) + 1 FROM audit.etl_run"));

    public void ClearCouncil(string laCode) => _work.Add((c, tx) =>
    {
        var tables = c.Query<(string Schema, string Table, string Column)>(
            """
            SELECT c.TABLE_SCHEMA, c.TABLE_NAME, c.COLUMN_NAME
            FROM INFORMATION_SCHEMA.COLUMNS AS c
            JOIN INFORMATION_SCHEMA.TABLES AS t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME AND t.TABLE_TYPE = 'BASE TABLE'
            WHERE (c.TABLE_SCHEMA = 'stg' AND c.COLUMN_NAME = 'extract_la_code') OR (c.TABLE_SCHEMA IN ('dim', 'fact') AND c.COLUMN_NAME = 'la_code')
               OR (c.TABLE_SCHEMA = 'audit' AND c.TABLE_NAME = 'child_state' AND c.COLUMN_NAME = 'la_code')
            ORDER BY 1, 2
            """, transaction: tx).ToList();
        foreach (var (schema, table, column) in tables)
        {
            c.Execute($"DELETE FROM {TSqlNames.Bracket(schema)}.{TSqlNames.Bracket(table)} WHERE {TSqlNames.Bracket(column)} = @la",
                new { la = laCode }, tx, commandTimeout: 0);
        }
    });

    public long Append(string schema, string table, IEnumerable<object?[]> rows)
    {
        // Kept in memory until the commit, so a retry can apply the whole unit of work again.
        var list = rows.ToList();
        _work.Add((c, tx) => BulkCopy(c, tx, schema, table, list));
        return list.Count;
    }

    public void ReplaceAll(string schema, string table, IEnumerable<object?[]> rows)
    {
        _work.Add((c, tx) => c.Execute($"DELETE FROM {TSqlNames.Bracket(schema)}.{TSqlNames.Bracket(table)}", transaction: tx, commandTimeout: 0));
        Append(schema, table, rows);
    }

    public void WriteRun(RunRecord r) => _work.Add((c, tx) => c.Execute(
        """
        INSERT INTO audit.etl_run (run_id, la_code, mode, source, started_at, ended_at, status, as_at, extracted_at,
            rows_read, rows_loaded, rows_quarantined, rulebook_version, rule_settings, table_counts, stage_timings, error, watermark, children_rederived, context_hash, children_written, tally)
        VALUES (@RunId, @LaCode, @Mode, @Source, @StartedAt, @EndedAt, @Status, @AsAt, @ExtractedAt,
            @RowsRead, @RowsLoaded, @RowsQuarantined, @RulebookVersion, @RuleSettings, @TableCounts, @StageTimings, @Error, @Watermark, @ChildrenRederived, @ContextHash, @ChildrenWritten, @Tally)
        """, r, tx));

    // Reads see the published state (the run's own writes are applied at the commit), which is what change detection needs.
    public RunRecord? LastSuccessfulRun(string laCode) => Locked(c => c.QueryFirstOrDefault<RunRecord>(
        """
        SELECT TOP (1) run_id AS RunId, la_code AS LaCode, mode AS Mode, source AS Source, started_at AS StartedAt, ended_at AS EndedAt, status AS Status,
               as_at AS AsAt, extracted_at AS ExtractedAt, rows_read AS RowsRead, rows_loaded AS RowsLoaded, rows_quarantined AS RowsQuarantined,
               rulebook_version AS RulebookVersion, rule_settings AS RuleSettings, table_counts AS TableCounts, stage_timings AS StageTimings,
               error AS Error, watermark AS Watermark, children_rederived AS ChildrenRederived, context_hash AS ContextHash, children_written AS ChildrenWritten, tally AS Tally
        FROM audit.etl_run WHERE la_code = @la AND status = 'succeeded' ORDER BY run_id DESC
        """, new { la = laCode }));

    public IReadOnlySet<string> StagedRowHashes(string laCode, string table) => Locked(c =>
        c.Query<string>($"SELECT row_hash FROM stg.{TSqlNames.Bracket(table)} WHERE extract_la_code = @la", new { la = laCode }, commandTimeout: 0)
            .ToHashSet(StringComparer.Ordinal));

    public IReadOnlyDictionary<string, ChildState> ChildStates(string laCode) => Locked(c =>
        c.Query<(string Child, string Output, string? Input)>(
                "SELECT child_id, output_hash, input_hash FROM audit.child_state WHERE la_code = @la", new { la = laCode }, commandTimeout: 0)
            .ToDictionary(x => x.Child, x => new ChildState(x.Output, x.Input), StringComparer.Ordinal));

    // All the council's tallies, kept for the children asked for: one plain query (SQL Server's key table belongs to the
    // build's transaction, and these reads see the published state).
    public IReadOnlyDictionary<string, string?> ChildTallies(string laCode, IReadOnlyCollection<string>? childIds) => Locked(c =>
    {
        var wanted = childIds?.ToHashSet(StringComparer.Ordinal);
        return c.Query<(string Child, string? Tally)>("SELECT child_id, tally FROM audit.child_state WHERE la_code = @la", new { la = laCode }, commandTimeout: 0)
            .Where(x => wanted is null || wanted.Contains(x.Child))
            .ToDictionary(x => x.Child, x => x.Tally, StringComparer.Ordinal);
    });

    public void DeleteStagedRows(string laCode, string table, IReadOnlyCollection<string> rowHashes)
    {
        if (rowHashes.Count == 0) return;
        var keys = rowHashes.ToList();
        _work.Add((c, tx) => WithKeys(c, tx, keys, () => c.Execute(
            $"DELETE FROM stg.{TSqlNames.Bracket(table)} WHERE extract_la_code = @la AND row_hash IN (SELECT k FROM #etl_keys)", new { la = laCode }, tx, commandTimeout: 0)));
    }

    public void DeleteChildren(string laCode, IReadOnlyList<(string Schema, string Table, IReadOnlyCollection<string> ChildIds)> deletions, long? exceptRunId = null)
    {
        // One table of keys for all the tables (each table's children under its own number), not one a table.
        var keys = deletions.SelectMany((d, i) => d.ChildIds.Select(id => (id, i))).ToList();
        if (keys.Count == 0) return;
        var targets = deletions.Select(d => (d.Schema, d.Table, Any: d.ChildIds.Count > 0)).ToList();
        _work.Add((c, tx) => WithKeys(c, tx, keys, () =>
        {
            for (var i = 0; i < targets.Count; i++)
            {
                var (schema, table, any) = targets[i];
                if (!any) continue;
                c.Execute($"DELETE FROM {TSqlNames.Bracket(schema)}.{TSqlNames.Bracket(table)} WHERE la_code = @la AND child_id IN (SELECT k FROM #etl_keys WHERE g = @g)"
                    + (exceptRunId is null ? "" : " AND run_id <> @run"), new { la = laCode, g = i, run = exceptRunId }, tx, commandTimeout: 0);
            }
        }));
    }

    public void DeleteCouncilRows(string laCode, string schema, string table, string? whereNullColumn = null) => _work.Add((c, tx) => c.Execute(
        $"DELETE FROM {TSqlNames.Bracket(schema)}.{TSqlNames.Bracket(table)} WHERE la_code = @la" + (whereNullColumn is null ? "" : $" AND {TSqlNames.Bracket(whereNullColumn)} IS NULL"),
        new { la = laCode }, tx, commandTimeout: 0));

    /// <summary>Data tests must see the run's own rows, so on SQL Server they run inside the commit's transaction, after the writes.</summary>
    public void RunDataTests(IReadOnlyList<DataTest> tests, long? writtenSince = null)
    {
        var (chosen, parametersOf) = DataTests.Prepare(tests, writtenSince, "@");
        _work.Add((c, tx) => DataTests.Run((sql, n) => Offenders(c, tx, sql, n, parametersOf(sql)), chosen));
    }

    private static (long Count, IReadOnlyList<string> Sample) Offenders(SqlConnection c, SqlTransaction tx, string sql, int sample, object? parameters)
    {
        var count = c.ExecuteScalar<long>($"SELECT COUNT_BIG(*) FROM ({sql}) AS t", parameters, transaction: tx, commandTimeout: 0);
        if (count == 0) return (0, []);
        var rows = new List<string>();
        using var reader = c.ExecuteReader(sql, parameters, tx, commandTimeout: 0);
        while (rows.Count < sample && reader.Read())
        {
            rows.Add(string.Join(", ", Enumerable.Range(0, reader.FieldCount).Select(i =>
                $"{reader.GetName(i)}={(reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))}")));
        }
        return (count, rows);
    }

    /// <summary>Puts keys in a session temporary table (bulk copied, no per-row round trips) for the duration of <paramref name="action"/>.</summary>
    private static void WithKeys(SqlConnection c, SqlTransaction tx, List<string> keys, Action action) => WithKeys(c, tx, keys.Select(k => (k, 0)).ToList(), action);

    /// <summary>Keys in #etl_keys (k, and g, the group each belongs to) for the duration of <paramref name="action"/>.</summary>
    private static void WithKeys(SqlConnection c, SqlTransaction tx, List<(string Key, int Group)> keys, Action action)
    {
        c.Execute("CREATE TABLE #etl_keys (k NVARCHAR(400) NOT NULL, g INT NOT NULL)", transaction: tx);
        BulkCopyTo(c, tx, "#etl_keys", keys.Select(k => new object?[] { k.Key, k.Group }).ToList());
        action();
        c.Execute("DROP TABLE #etl_keys", transaction: tx);
    }

    /// <summary>Applies the collected work in one transaction (retried whole on a transient error).</summary>
    public void Commit()
    {
        Locked(c =>
        {
            using var tx = c.BeginTransaction(IsolationLevel.ReadCommitted);
            try
            {
                foreach (var step in _work) step(c, tx);
                tx.Commit();
            }
            catch
            {
                TryRollback(tx);
                throw;
            }
            return 0;
        });
        _work.Clear();
    }

    private static void TryRollback(SqlTransaction tx)
    {
        try
        {
            if (tx.Connection is not null) tx.Rollback();
        }
        catch (InvalidOperationException)
        {
            // Already rolled back by the server (XACT_ABORT) or the connection is gone: nothing was committed.
        }
        catch (SqlException)
        {
        }
    }

    private static void BulkCopy(SqlConnection connection, SqlTransaction tx, string schema, string table, List<object?[]> rows) =>
        BulkCopyTo(connection, tx, $"{TSqlNames.Bracket(schema)}.{TSqlNames.Bracket(table)}", rows);

    private static void BulkCopyTo(SqlConnection connection, SqlTransaction tx, string destination, List<object?[]> rows)
    {
        if (rows.Count == 0) return;
        using var bulk = new SqlBulkCopy(connection, SqlBulkCopyOptions.CheckConstraints | SqlBulkCopyOptions.KeepNulls, tx)
        {
            DestinationTableName = destination,
            BulkCopyTimeout = 0,
            BatchSize = 102_400,   // a full columnstore row group per batch
            EnableStreaming = false,
        };
        using var reader = new RowReader(rows);
        bulk.WriteToServer(reader);
    }

    public void Dispose()
    {
        _work.Clear();
        if (_connection is null) return;
        try
        {
            if (_connection.State == ConnectionState.Open)
            {
                _connection.Execute("EXEC sys.sp_releaseapplock @Resource = @resource, @LockOwner = 'Session';", new { resource = LockResource });
            }
        }
        catch (SqlException)
        {
            // Closing the (unpooled) session below releases the lock anyway.
        }
        _connection.Dispose();
        _connection = null;
    }

    /// <summary>Rows of values in a table's column order, as SqlBulkCopy reads them (DateOnly as a date).</summary>
    private sealed class RowReader(List<object?[]> rows) : DbDataReader
    {
        private int _index = -1;
        private readonly int _width = rows.Count == 0 ? 0 : rows[0].Length;

        public override int FieldCount => _width;
        public override bool Read() => ++_index < rows.Count;
        public override object GetValue(int ordinal) => rows[_index][ordinal] switch
        {
            null => DBNull.Value,
            DateOnly d => d.ToDateTime(TimeOnly.MinValue),
            var v => v,
        };
        public override bool IsDBNull(int ordinal) => rows[_index][ordinal] is null;
        public override int GetValues(object[] values)
        {
            var n = Math.Min(values.Length, _width);
            for (var i = 0; i < n; i++) values[i] = GetValue(i);
            return n;
        }
        public override string GetName(int ordinal) => "c" + ordinal;
        public override int GetOrdinal(string name) => int.Parse(name.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
        public override Type GetFieldType(int ordinal) => rows.Select(r => r[ordinal]).FirstOrDefault(v => v is not null) switch
        {
            null => typeof(object),
            DateOnly => typeof(DateTime),
            var v => v.GetType(),
        };
        public override string GetDataTypeName(int ordinal) => GetFieldType(ordinal).Name;
        public override object this[int ordinal] => GetValue(ordinal);
        public override object this[string name] => GetValue(GetOrdinal(name));
        public override int Depth => 0;
        public override bool HasRows => rows.Count > 0;
        public override bool IsClosed => false;
        public override int RecordsAffected => -1;
        public override bool NextResult() => false;
        public override bool GetBoolean(int ordinal) => (bool)GetValue(ordinal);
        public override byte GetByte(int ordinal) => Convert.ToByte(GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);
        public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => throw new NotSupportedException();
        public override char GetChar(int ordinal) => throw new NotSupportedException();
        public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => throw new NotSupportedException();
        public override DateTime GetDateTime(int ordinal) => (DateTime)GetValue(ordinal);
        public override decimal GetDecimal(int ordinal) => Convert.ToDecimal(GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);
        public override double GetDouble(int ordinal) => Convert.ToDouble(GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);
        public override float GetFloat(int ordinal) => Convert.ToSingle(GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);
        public override Guid GetGuid(int ordinal) => (Guid)GetValue(ordinal);
        public override short GetInt16(int ordinal) => Convert.ToInt16(GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);
        public override int GetInt32(int ordinal) => Convert.ToInt32(GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);
        public override long GetInt64(int ordinal) => Convert.ToInt64(GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);
        public override string GetString(int ordinal) => (string)GetValue(ordinal);
        public override System.Collections.IEnumerator GetEnumerator() => throw new NotSupportedException();
    }
}
