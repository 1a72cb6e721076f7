using System.Data.Common;
using Dapper;
using DuckDB.NET.Data;

namespace ChildrensWarehouse.Warehouse;

/// <summary>Another run holds the warehouse.</summary>
public sealed class WarehouseBusyException(string message) : Exception(message);

/// <summary>
/// The embedded warehouse: one DuckDB file. A run builds into a copy beside the published file and swaps it in only
/// when everything succeeded, so a failed or killed run leaves the previous contents, and readers who open the
/// published file during a run see the previous complete state.
/// </summary>
public sealed class DuckDbWarehouse : IWarehouse
{
    private readonly string _publishedPath;
    private readonly string _buildPath;
    private readonly FileStream _lock;
    private DuckDBConnection? _connection;

    private DuckDbWarehouse(string publishedPath, string buildPath, FileStream runLock, DuckDBConnection connection)
    {
        _publishedPath = publishedPath;
        _buildPath = buildPath;
        _lock = runLock;
        _connection = connection;
    }

    public DuckDBConnection Connection => _connection ?? throw new ObjectDisposedException(nameof(DuckDbWarehouse));

    /// <summary>The warehouse file this build is published as.</summary>
    public string PublishedPath => _publishedPath;

    /// <summary>The schema files this open applied (none when the warehouse was up to date).</summary>
    public IReadOnlyList<string> Applied { get; private set; } = [];

    public static string LockPath(string publishedPath) => publishedPath + ".lock";

    /// <summary>Takes the single-run lock, copies the published warehouse (if any) to a build file and migrates it.</summary>
    public static DuckDbWarehouse OpenForBuild(string publishedPath, string schemaFolder, string? memoryLimit = null)
    {
        publishedPath = Path.GetFullPath(publishedPath);
        var folder = Path.GetDirectoryName(publishedPath)!;
        Directory.CreateDirectory(folder);
        FileStream runLock;
        try
        {
            runLock = new FileStream(LockPath(publishedPath), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException)
        {
            throw new WarehouseBusyException($"{publishedPath}: another run is loading this warehouse; try again when it has finished");
        }
        var buildPath = publishedPath + ".building";
        try
        {
            DeleteDatabaseFiles(buildPath);
            if (File.Exists(publishedPath))
            {
                File.Copy(publishedPath, buildPath);
            }
            var connection = new DuckDBConnection($"Data Source={buildPath}");
            connection.Open();
            if (memoryLimit is not null)
            {
                try
                {
                    connection.Execute($"SET memory_limit = '{memoryLimit.Replace("'", "''")}'");
                }
                catch (DuckDBException e)
                {
                    connection.Dispose();
                    throw new ArgumentException($"Warehouse:DuckDbMemoryLimit \"{memoryLimit}\" is not a memory size DuckDB accepts (e.g. 512MB, 2GB): {e.Message}");
                }
            }
            var warehouse = new DuckDbWarehouse(publishedPath, buildPath, runLock, connection);
            try
            {
                warehouse.Applied = SchemaMigrator.Migrate(connection, schemaFolder);
                warehouse.CompactTables();
            }
            catch
            {
                connection.Dispose();   // before the build file is deleted below
                throw;
            }
            return warehouse;
        }
        catch
        {
            DeleteDatabaseFiles(buildPath);
            runLock.Dispose();
            throw;
        }
    }

    /// <summary>Opens a published warehouse read-only (for kpis, report, status).</summary>
    public static DuckDBConnection OpenReadOnly(string publishedPath)
    {
        if (!File.Exists(publishedPath))
        {
            throw new FileNotFoundException($"{publishedPath}: no warehouse here (run `etl run` first)", publishedPath);
        }
        var connection = new DuckDBConnection($"Data Source={publishedPath};ACCESS_MODE=READ_ONLY");
        connection.Open();
        return connection;
    }

    /// <summary>
    /// The tables CompactTables rewrote when the warehouse was opened (their rows the same, their deleted rows gone).
    /// </summary>
    public IReadOnlyList<string> Compacted { get; private set; } = [];

    /// <summary>Why tables that needed rewriting were left as they were (null when none were).</summary>
    public string? CompactionSkipped { get; private set; }

    /// <summary>
    /// Rewrites, in the build file before anything else is written, each table that holds more deleted rows than live
    /// ones. DuckDB keeps a deleted row in its row group until the whole row group goes: every run deletes and appends
    /// rows (a live run a few children's, a full run a council's), and a small table, whose one row group never fills,
    /// grew without end (audit.source_fingerprint, rewritten by every live run, to twelve times its rows in sixteen live
    /// runs). Rewritten as DuckDB itself advises: its rows copied aside, all deleted, a checkpoint (which drops the
    /// emptied row groups), and the rows put back.
    /// </summary>
    internal void CompactTables(double deadPerLive = 1.0, long minimumDead = 1000)
    {
        var tables = Connection.Query<(string Schema, string Table, long Physical)>(
            "SELECT schema_name, table_name, estimated_size FROM duckdb_tables() WHERE NOT temporary AND estimated_size > $minimum ORDER BY 1, 2",
            new { minimum = minimumDead }).ToList();
        if (tables.Count == 0) return;
        var live = Connection.Query<(int Index, long Rows)>(string.Join("\nUNION ALL\n",
            tables.Select((t, i) => $"SELECT {i} AS i, count(*) AS n FROM {t.Schema}.\"{t.Table}\""))).ToDictionary(x => x.Index, x => x.Rows);
        var bloated = tables.Where((t, i) => t.Physical - live[i] >= minimumDead && t.Physical - live[i] > deadPerLive * live[i]).ToList();
        if (bloated.Count == 0) return;
        try
        {
            for (var i = 0; i < bloated.Count; i++)
            {
                Connection.Execute($"CREATE OR REPLACE TEMP TABLE etl_compact_{i} AS SELECT * FROM {bloated[i].Schema}.\"{bloated[i].Table}\"");
            }
        }
        catch (DuckDBException e)
        {
            // Compacting only saves space: a copy that cannot be made (memory, temporary disk) leaves the tables as they
            // are, nothing deleted yet, rather than stopping every run until someone steps in.
            for (var i = 0; i < bloated.Count; i++) Connection.Execute($"DROP TABLE IF EXISTS temp.etl_compact_{i}");
            CompactionSkipped = $"{string.Join(", ", bloated.Select(t => $"{t.Schema}.{t.Table}"))} not rewritten: {e.Message}";
            return;
        }
        // From here a failure discards the build file, and the published warehouse stays as it was.
        for (var i = 0; i < bloated.Count; i++) Connection.Execute($"DELETE FROM {bloated[i].Schema}.\"{bloated[i].Table}\"");
        Connection.Execute("CHECKPOINT");
        for (var i = 0; i < bloated.Count; i++)
        {
            Connection.Execute($"INSERT INTO {bloated[i].Schema}.\"{bloated[i].Table}\" SELECT * FROM temp.etl_compact_{i}");
            Connection.Execute($"DROP TABLE temp.etl_compact_{i}");
        }
        Compacted = bloated.Select(t => $"{t.Schema}.{t.Table}").ToList();
    }

    private static void DeleteDatabaseFiles(string path)
    {
        File.Delete(path);
        File.Delete(path + ".wal");
    }

    public long NextRunId() =>
        Connection.ExecuteScalar<long>("SELECT coalesce(max(run_id), 0) + 1 FROM audit.etl_run");

    /// <summary>Removes one council's rows from every council-keyed table, so the run reloads it without touching the others.</summary>
    public void ClearCouncil(string laCode)
    {
        // Staging tables key the council as extract_la_code (population.csv has a la_code column of its own).
        var tables = Connection.Query<(string Schema, string Table, string Column)>(
            """
            SELECT table_schema, table_name, column_name FROM information_schema.columns
            WHERE (table_schema = 'stg' AND column_name = 'extract_la_code')
               OR (table_schema IN ('dim', 'fact') AND column_name = 'la_code')
               OR (table_schema = 'audit' AND table_name = 'child_state' AND column_name = 'la_code')
            ORDER BY 1, 2
            """);
        foreach (var (schema, table, column) in tables)
        {
            Connection.Execute($"DELETE FROM {schema}.\"{table}\" WHERE {column} = $la", new { la = laCode });
        }
    }

    /// <summary>Appends rows to a table with the DuckDB appender (values in the table's column order).</summary>
    public long Append(string schema, string table, IEnumerable<object?[]> rows) => Append(null, schema, table, rows);

    private long Append(string? catalog, string schema, string table, IEnumerable<object?[]> rows)
    {
        long count = 0;
        using var appender = Connection.CreateAppender(catalog, schema, table);
        foreach (var values in rows)
        {
            AppendRow(appender, schema, table, values);
            count++;
        }
        return count;
    }

    private static void AppendRow(DuckDBAppender appender, string schema, string table, object?[] values)
    {
        var row = appender.CreateRow();
        foreach (var value in values)
        {
            switch (value)
            {
                case null: row.AppendNullValue(); break;
                case string s: row.AppendValue(s); break;
                case DateOnly d: row.AppendValue((DateOnly?)d); break;
                case DateTime t: row.AppendValue((DateTime?)t); break;
                case decimal m: row.AppendValue((decimal?)m); break;
                case long l: row.AppendValue((long?)l); break;
                case int i: row.AppendValue((int?)i); break;
                case bool b: row.AppendValue((bool?)b); break;
                case byte[] bytes: row.AppendValue(bytes); break;
                default: throw new ArgumentException($"cannot append a {value.GetType().Name} to {schema}.{table}");
            }
        }
        row.EndRow();
        if (schema == "fact") Pipeline.FaultInjection.FactRowAppended();
    }

    /// <summary>One open appender per table, written row by row as children are derived.</summary>
    public IRowSink OpenAppenders(IReadOnlyList<(string Schema, string Table)> tables) => new AppenderSink(Connection, tables);

    // Each table's appender is opened with its first row: an incremental run writes a few children's rows to a few tables.
    private sealed class AppenderSink(DuckDBConnection connection, IReadOnlyList<(string Schema, string Table)> tables) : IRowSink
    {
        private readonly DuckDBAppender?[] _appenders = new DuckDBAppender?[tables.Count];

        public void Append(int table, object?[] row) =>
            AppendRow(_appenders[table] ??= connection.CreateAppender(tables[table].Schema, tables[table].Table), tables[table].Schema, tables[table].Table, row);

        public void Dispose()
        {
            foreach (var appender in _appenders) appender?.Dispose();
        }
    }

    /// <summary>
    /// Replaces a table's rows, but leaves it untouched when it already holds exactly these rows: a table written to is
    /// rewritten by the checkpoint (dim.date's rewrite was a quarter of a live run's checkpoint), and a live run's
    /// calendar and indicator dictionary are the last run's.
    /// </summary>
    public void ReplaceAll(string schema, string table, IEnumerable<object?[]> rows)
    {
        // Councils loaded in one build mostly give the same dimension rows (one calendar of England's bank holidays):
        // rows this build already gave the table last time are there, with nothing to compare.
        var given = rows as IReadOnlyCollection<object?[]> ?? rows.ToList();
        var hash = RowHash.Of(given);
        var name = $"{schema}.{table}";
        if (_replacedWith.TryGetValue(name, out var last) && last == hash) return;
        // Nor are rows an earlier run gave it (audit.shared_table_hash, written below with them) compared again while the
        // table holds what that run left (its count and DuckDB's own hash of its rows): most runs give the same calendar
        // and indicators, and comparing them was a twentieth of a live run.
        var contents = $"SELECT CAST(sum(CAST(hash(d) AS HUGEINT)) AS VARCHAR) FROM {schema}.\"{table}\" AS d";
        var stored = Connection.Query<(long Rows, string Hash)>(
            $"SELECT h.row_count, h.row_hash FROM audit.shared_table_hash AS h WHERE h.table_name = $name AND h.row_count = (SELECT count(*) FROM {schema}.\"{table}\") AND h.table_hash = ({contents})",
            new { name }).FirstOrDefault();
        if (stored.Hash == hash && stored.Rows == given.Count)
        {
            _replacedWith[name] = hash;
            return;
        }
        // A temporary table: the rows go to no log and no file.
        Connection.Execute($"CREATE OR REPLACE TEMP TABLE etl_replacement AS SELECT * FROM {schema}.\"{table}\" LIMIT 0");
        Append("temp", "main", "etl_replacement", given);
        var differ = Connection.ExecuteScalar<bool>(
            $"SELECT EXISTS (SELECT * FROM temp.etl_replacement EXCEPT ALL SELECT * FROM {schema}.\"{table}\") OR EXISTS (SELECT * FROM {schema}.\"{table}\" EXCEPT ALL SELECT * FROM temp.etl_replacement)");
        if (differ)
        {
            Connection.Execute($"DELETE FROM {schema}.\"{table}\"");
            Connection.Execute($"INSERT INTO {schema}.\"{table}\" SELECT * FROM temp.etl_replacement");
        }
        Connection.Execute("DROP TABLE temp.etl_replacement");
        Connection.Execute("DELETE FROM audit.shared_table_hash WHERE table_name = $name", new { name });
        Connection.Execute($"INSERT INTO audit.shared_table_hash VALUES ($name, $rows, $hash, ({contents}))", new { name, rows = (long)given.Count, hash });
        _replacedWith[name] = hash;
    }

    /// <summary>By table, the hash of the rows this build last gave it with <see cref="ReplaceAll"/>.</summary>
    private readonly Dictionary<string, string> _replacedWith = new(StringComparer.Ordinal);

    public void WriteRun(RunRecord r) => Connection.Execute(
        """
        INSERT INTO audit.etl_run (run_id, la_code, mode, source, started_at, ended_at, status, as_at, extracted_at,
            rows_read, rows_loaded, rows_quarantined, rulebook_version, rule_settings, table_counts, stage_timings, error, watermark, children_rederived, context_hash, children_written, tally)
        VALUES ($RunId, $LaCode, $Mode, $Source, $StartedAt, $EndedAt, $Status, $AsAt, $ExtractedAt,
            $RowsRead, $RowsLoaded, $RowsQuarantined, $RulebookVersion, $RuleSettings, $TableCounts, $StageTimings, $Error, $Watermark, $ChildrenRederived, $ContextHash, $ChildrenWritten, $Tally)
        """, r);

    public void Commit() => Publish();

    /// <summary>
    /// One query counts every test's offending rows (one round trip, one plan that DuckDB runs on every core); only a
    /// test that finds some is asked again for its sample rows.
    /// </summary>
    public void RunDataTests(IReadOnlyList<DataTest> tests, long? writtenSince = null)
    {
        if (tests.Count == 0) return;
        var (chosen, For) = DataTests.Prepare(tests, writtenSince, "$");
        var sqls = chosen.Select(t => t.Sql).ToList();
        var counts = new long[tests.Count];
        var union = string.Join("\nUNION ALL\n", sqls.Select((sql, i) => $"SELECT {i} AS test, count(*) AS offenders FROM ({sql}\n) AS t{i}"));
        try
        {
            foreach (var (test, offenders) in Connection.Query<(int, long)>(union, For(union))) counts[test] = offenders;
        }
        catch (DuckDBException)
        {
            DataTests.Run((sql, sample) => Offenders(sql, sample, For(sql)), chosen);   // a test that does not run: one at a time, as before, so that the error is that test's
            return;
        }
        var found = sqls.Where((_, i) => counts[i] > 0).ToHashSet(StringComparer.Ordinal);
        DataTests.Run((sql, sample) => found.Contains(sql) ? Offenders(sql, sample, For(sql)) : (0, []), chosen);
    }

    private (long Count, IReadOnlyList<string> Sample) Offenders(string sql, int sample, object? parameters)
    {
        var count = Connection.ExecuteScalar<long>($"SELECT count(*) FROM ({sql}\n) AS t", parameters);
        if (count == 0) return (0, []);
        var rows = new List<string>();
        using var reader = Connection.ExecuteReader(sql, parameters);
        while (rows.Count < sample && reader.Read())
        {
            rows.Add(string.Join(", ", Enumerable.Range(0, reader.FieldCount).Select(i =>
                $"{reader.GetName(i)}={(reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))}")));
        }
        return (count, rows);
    }

    public RunRecord? LastSuccessfulRun(string laCode) => Connection.QueryFirstOrDefault<RunRecord>(
        """
        SELECT run_id AS RunId, la_code AS LaCode, mode AS Mode, source AS Source, started_at AS StartedAt, ended_at AS EndedAt, status AS Status,
               as_at AS AsAt, extracted_at AS ExtractedAt, rows_read AS RowsRead, rows_loaded AS RowsLoaded, rows_quarantined AS RowsQuarantined,
               rulebook_version AS RulebookVersion, rule_settings AS RuleSettings, table_counts AS TableCounts, stage_timings AS StageTimings,
               error AS Error, watermark AS Watermark, children_rederived AS ChildrenRederived, context_hash AS ContextHash, children_written AS ChildrenWritten, tally AS Tally
        FROM audit.etl_run WHERE la_code = $la AND status = 'succeeded' ORDER BY run_id DESC LIMIT 1
        """, new { la = laCode });

    public IReadOnlySet<string> StagedRowHashes(string laCode, string table)
    {
        using var cmd = Connection.CreateCommand();
        cmd.CommandText = $"SELECT row_hash FROM stg.\"{table}\" WHERE extract_la_code = $la";
        cmd.Parameters.Add(new DuckDBParameter("la", laCode));
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        using var reader = cmd.ExecuteReader();
        while (reader.Read()) hashes.Add(reader.GetString(0));
        return hashes;
    }

    public void DeleteStagedRows(string laCode, string table, IReadOnlyCollection<string> rowHashes)
    {
        if (rowHashes.Count == 0) return;
        WithKeys(rowHashes, () => Connection.Execute(
            $"DELETE FROM stg.\"{table}\" WHERE extract_la_code = $la AND row_hash IN (SELECT k FROM temp.etl_keys)", new { la = laCode }));
    }

    // Incremental reading (IncrementalRead) is DuckDB's alone: these serve it.

    /// <summary>Deletes the council's staging rows of a table at these source lines; returns how many went.</summary>
    public long DeleteStagedLines(string laCode, string table, IReadOnlyCollection<int> lines)
    {
        if (lines.Count == 0) return 0;
        long deleted = 0;
        WithKeys(lines.Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture)), () => deleted = Connection.Execute(
            $"DELETE FROM stg.\"{table}\" WHERE extract_la_code = $la AND CAST(source_line AS VARCHAR) IN (SELECT k FROM temp.etl_keys)", new { la = laCode }));
        return deleted;
    }

    /// <summary>Copies one run's quarantine of the council to another run, but the rows at these lines of these tables.</summary>
    public void CopyQuarantine(string laCode, long fromRunId, long toRunId, IReadOnlyDictionary<string, IReadOnlyList<int>> exceptLines)
    {
        WithKeys(exceptLines.SelectMany(x => x.Value.Select(l => $"{x.Key}\u001f{l.ToString(System.Globalization.CultureInfo.InvariantCulture)}")), () => Connection.Execute(
            """
            INSERT INTO audit.etl_quarantine (run_id, la_code, table_name, file, line, column_name, reason, raw_text, child_id, last_modified)
            SELECT $to, la_code, table_name, file, line, column_name, reason, raw_text, child_id, last_modified FROM audit.etl_quarantine
            WHERE run_id = $from AND la_code = $la AND table_name || chr(31) || CAST(line AS VARCHAR) NOT IN (SELECT k FROM temp.etl_keys)
            """, new { la = laCode, from = fromRunId, to = toRunId }));
    }

    /// <summary>
    /// The bytes of one row of audit.source_fingerprint: under DuckDB's 4 KB limit for strings kept in the table's own
    /// blocks (a longer blob goes to blocks of its own: one blob per table took 34 MB for 2.4 MB of fingerprints, all
    /// written again by every live run's checkpoint), and a whole number of 12-byte records.
    /// </summary>
    internal const int FingerprintChunkBytes = 333 * 12;

    /// <summary>
    /// table -> the council's record fingerprints (audit.source_fingerprint, its chunks joined in order). Only
    /// successful runs write them, and a table's rows stay while its file does not change, so they are the last
    /// successful run's.
    /// </summary>
    public Dictionary<string, byte[]> SourceFingerprints(string laCode)
    {
        var joined = new Dictionary<string, MemoryStream>(StringComparer.Ordinal);
        foreach (var (table, _, bytes) in FingerprintChunks(laCode, null))
        {
            if (!joined.TryGetValue(table, out var all)) joined[table] = all = new MemoryStream();
            all.Write(bytes);
        }
        return joined.ToDictionary(x => x.Key, x => x.Value.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The council's stored chunks (of one table, or all), in table and chunk order.</summary>
    private List<(string Table, int Chunk, byte[] Bytes)> FingerprintChunks(string laCode, string? table)
    {
        using var cmd = Connection.CreateCommand();
        cmd.CommandText = "SELECT table_name, chunk, fingerprints FROM audit.source_fingerprint WHERE la_code = $la"
            + (table is null ? "" : " AND table_name = $table") + " ORDER BY table_name, chunk";
        cmd.Parameters.Add(new DuckDBParameter("la", laCode));
        if (table is not null) cmd.Parameters.Add(new DuckDBParameter("table", table));
        var chunks = new List<(string, int, byte[])>();
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            using var blob = reader.GetStream(2);
            using var bytes = new MemoryStream();
            blob.CopyTo(bytes);
            chunks.Add((reader.GetString(0), reader.GetInt32(1), bytes.ToArray()));
        }
        return chunks;
    }

    /// <summary>
    /// Stores the council's record fingerprints (audit.source_fingerprint, in chunks of
    /// <see cref="FingerprintChunkBytes"/>): with <paramref name="onlyThese"/>, replaces those tables' and keeps the
    /// rest, writing only the chunks that changed (a live run's appended and changed records touch a few); otherwise
    /// replaces them all (a table with none, or none at all, is left without).
    /// </summary>
    public void WriteSourceFingerprints(string laCode, long runId, IReadOnlyDictionary<string, byte[]?>? fingerprints, bool onlyThese = false)
    {
        if (!onlyThese) Connection.Execute("DELETE FROM audit.source_fingerprint WHERE la_code = $la", new { la = laCode });
        var rows = new List<object?[]>();
        foreach (var (table, prints) in fingerprints ?? new Dictionary<string, byte[]?>())
        {
            var stored = onlyThese ? FingerprintChunks(laCode, table).ToDictionary(c => c.Chunk, c => c.Bytes) : [];
            var chunks = prints is null ? [] : Chunks(prints);
            var replaced = stored.Keys.Where(c => c >= chunks.Count || !chunks[c].AsSpan().SequenceEqual(stored[c])).ToHashSet();
            if (replaced.Count > 0)
            {
                WithKeys(replaced.Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)), () => Connection.Execute(
                    "DELETE FROM audit.source_fingerprint WHERE la_code = $la AND table_name = $table AND CAST(chunk AS VARCHAR) IN (SELECT k FROM temp.etl_keys)",
                    new { la = laCode, table }));
            }
            for (var c = 0; c < chunks.Count; c++)
            {
                if (!stored.ContainsKey(c) || replaced.Contains(c)) rows.Add([laCode, table, runId, c, chunks[c]]);
            }
        }
        Append("audit", "source_fingerprint", rows);
    }

    /// <summary>The fingerprints cut into chunks; an empty table keeps one empty chunk, so that it is told apart from a table with none.</summary>
    private static List<byte[]> Chunks(byte[] prints)
    {
        var chunks = new List<byte[]>();
        for (var offset = 0; offset < prints.Length || chunks.Count == 0; offset += FingerprintChunkBytes)
        {
            chunks.Add(prints.AsSpan(offset, Math.Min(FingerprintChunkBytes, prints.Length - offset)).ToArray());
        }
        return chunks;
    }

    public IReadOnlyDictionary<string, ChildState> ChildStates(string laCode) => ChildStates(laCode, null);

    /// <summary>The stored states of the council's children, or of these children only.</summary>
    public IReadOnlyDictionary<string, ChildState> ChildStates(string laCode, IReadOnlyCollection<string>? childIds) => ChildStates(laCode, childIds, null);

    /// <summary>
    /// The stored states of the council's children (or of these children only), and into <paramref name="tallies"/>
    /// their stored indicator contributions when given (read together: one scan of audit.child_state, not two).
    /// </summary>
    public IReadOnlyDictionary<string, ChildState> ChildStates(string laCode, IReadOnlyCollection<string>? childIds, Dictionary<string, string?>? tallies)
    {
        var states = new Dictionary<string, ChildState>(StringComparer.Ordinal);
        void Read()
        {
            using var cmd = Connection.CreateCommand();
            cmd.CommandText = "SELECT child_id, output_hash, input_hash" + (tallies is null ? "" : ", tally") + " FROM audit.child_state WHERE la_code = $la"
                              + (childIds is null ? "" : " AND child_id IN (SELECT k FROM temp.etl_keys)");
            cmd.Parameters.Add(new DuckDBParameter("la", laCode));
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                states[reader.GetString(0)] = new ChildState(reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
                if (tallies is not null) tallies[reader.GetString(0)] = reader.IsDBNull(3) ? null : reader.GetString(3);
            }
        }
        if (childIds is null) Read();
        else if (childIds.Count > 0) WithKeys(childIds, Read);
        return states;
    }

    public IReadOnlyDictionary<string, string?> ChildTallies(string laCode, IReadOnlyCollection<string>? childIds)
    {
        Dictionary<string, string?> tallies = new(StringComparer.Ordinal);
        void Read() => tallies = Connection.Query<(string Child, string? Tally)>(
                "SELECT child_id, tally FROM audit.child_state WHERE la_code = $la" + (childIds is null ? "" : " AND child_id IN (SELECT k FROM temp.etl_keys)"), new { la = laCode })
            .ToDictionary(x => x.Child, x => x.Tally, StringComparer.Ordinal);
        if (childIds is null) Read();
        else if (childIds.Count > 0) WithKeys(childIds, Read);
        return tallies;
    }

    public void DeleteChildren(string laCode, IReadOnlyList<(string Schema, string Table, IReadOnlyCollection<string> ChildIds)> deletions, long? exceptRunId = null)
    {
        // One table of keys for all the tables (each table's children under its own number), not one a table.
        var keys = deletions.SelectMany((d, i) => d.ChildIds.Select(id => (id, i))).ToList();
        if (keys.Count == 0) return;
        WithKeys(keys, () =>
        {
            for (var i = 0; i < deletions.Count; i++)
            {
                var (schema, table, childIds) = deletions[i];
                if (childIds.Count == 0) continue;
                Connection.Execute($"DELETE FROM {schema}.\"{table}\" WHERE la_code = $la AND child_id IN (SELECT k FROM temp.etl_keys WHERE g = $g)"
                    + (exceptRunId is null ? "" : " AND run_id <> $run"), new { la = laCode, g = i, run = exceptRunId });
            }
        });
    }

    public void DeleteCouncilRows(string laCode, string schema, string table, string? whereNullColumn = null) =>
        Connection.Execute(
            $"DELETE FROM {schema}.\"{table}\" WHERE la_code = $la" + (whereNullColumn is null ? "" : $" AND {whereNullColumn} IS NULL"), new { la = laCode });

    /// <summary>Puts keys in a temporary table (bulk, no per-row round trips) for the duration of <paramref name="action"/>.</summary>
    internal void WithKeys(IEnumerable<string> keys, Action action) => WithKeys(keys.Select(k => (k, 0)), action);

    /// <summary>Keys in a temporary table (temp.etl_keys: k, and g, the group each belongs to) for the duration of <paramref name="action"/>.</summary>
    internal void WithKeys(IEnumerable<(string Key, int Group)> keys, Action action)
    {
        CreateKeys(Connection, keys);
        action();
        DropKeys(Connection);
    }

    /// <summary>temp.etl_keys (k, g) on <paramref name="connection"/>, filled by one appender (a temporary table is the connection's own).</summary>
    private static void CreateKeys(DuckDBConnection connection, IEnumerable<(string Key, int Group)> keys)
    {
        connection.Execute("CREATE OR REPLACE TEMP TABLE etl_keys (k VARCHAR, g INTEGER)");
        using var appender = connection.CreateAppender("temp", "main", "etl_keys");
        foreach (var (key, group) in keys) appender.CreateRow().AppendValue(key).AppendValue(group).EndRow();
    }

    private static void DropKeys(DuckDBConnection connection) => connection.Execute("DROP TABLE temp.etl_keys");

    /// <summary>
    /// Runs <paramref name="read"/> for every item with <paramref name="keys"/> in temp.etl_keys, on two connections
    /// at once (<see cref="Reports.Data.TwoConnections"/>); the results are in the items' order, whichever connection
    /// read them.
    /// </summary>
    internal T[] ReadWithKeys<TItem, T>(IReadOnlyCollection<string> keys, IReadOnlyList<TItem> items, Func<DbConnection, TItem, T> read)
    {
        var results = new T[items.Count];
        Reports.Data.TwoConnections.ForEach(Connection, items.Count, (connection, i) => results[i] = read(connection, items[i]),
            setUp: connection => CreateKeys(connection, keys.Select(k => (k, 0))), tearDown: DropKeys);
        return results;
    }

    /// <summary>Checkpoints and closes the build file, then swaps it in as the published warehouse.</summary>
    public void Publish()
    {
        Connection.Execute("CHECKPOINT");
        _connection!.Dispose();
        _connection = null;
        File.Move(_buildPath, _publishedPath, overwrite: true);
        File.Delete(_publishedPath + ".wal");
    }

    public void Dispose()
    {
        if (_connection is not null)
        {
            _connection.Dispose();
            _connection = null;
            DeleteDatabaseFiles(_buildPath);
        }
        _lock.Dispose();
    }
}
