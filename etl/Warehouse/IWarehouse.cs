namespace ChildrensWarehouse.Warehouse;

/// <summary>The audit row of one run (audit.etl_run).</summary>
public sealed record RunRecord(
    long RunId, string? LaCode, string Mode, string? Source, DateTime StartedAt, DateTime? EndedAt, string Status, DateTime? AsAt, DateTime? ExtractedAt,
    long? RowsRead, long? RowsLoaded, long? RowsQuarantined, string? RulebookVersion, string? RuleSettings, string? TableCounts, string? StageTimings, string? Error,
    DateTime? Watermark = null, long? ChildrenRederived = null, string? ContextHash = null, long? ChildrenWritten = null, string? Tally = null);

/// <summary>What was last written for a child (audit.child_state): its output hash and input hash.</summary>
public sealed record ChildState(string OutputHash, string? InputHash);

/// <summary>
/// A warehouse engine, as the pipeline loads it (DESIGN.md "Warehouse engines"): the same schema and the same rows on
/// every engine. A load is one unit of work: nothing is visible to readers until <see cref="Commit"/>, and disposing
/// without committing leaves the previous contents.
/// </summary>
public interface IWarehouse : IDisposable
{
    /// <summary>The next run id (one more than the greatest in audit.etl_run).</summary>
    long NextRunId();

    /// <summary>Removes one council's rows from every council-keyed stg, dim and fact table.</summary>
    void ClearCouncil(string laCode);

    /// <summary>Bulk-appends rows (values in the table's column order).</summary>
    long Append(string schema, string table, IEnumerable<object?[]> rows);

    /// <summary>Replaces the whole contents of a table shared by all councils (dim.date, dim.indicator).</summary>
    void ReplaceAll(string schema, string table, IEnumerable<object?[]> rows);

    void WriteRun(RunRecord run);

    /// <summary>The council's latest successful run, or null (an incremental run then rebuilds in full).</summary>
    RunRecord? LastSuccessfulRun(string laCode);

    /// <summary>The row hashes of one staging table's rows of the council.</summary>
    IReadOnlySet<string> StagedRowHashes(string laCode, string table);

    /// <summary>Deletes the council's staging rows with these row hashes.</summary>
    void DeleteStagedRows(string laCode, string table, IReadOnlyCollection<string> rowHashes);

    /// <summary>child_id -> the council's children as last written (audit.child_state).</summary>
    IReadOnlyDictionary<string, ChildState> ChildStates(string laCode);

    /// <summary>child_id -> the child's stored indicator contributions (audit.child_state.tally), for these children or (null) all.</summary>
    IReadOnlyDictionary<string, string?> ChildTallies(string laCode, IReadOnlyCollection<string>? childIds);

    /// <summary>
    /// Deletes the council's rows of the given children from each given table (child_id column), each table with its own
    /// children; with <paramref name="exceptRunId"/>, keeps the rows that run wrote (a child's new rows, appended before
    /// its old ones go).
    /// </summary>
    void DeleteChildren(string laCode, IReadOnlyList<(string Schema, string Table, IReadOnlyCollection<string> ChildIds)> deletions, long? exceptRunId = null);

    /// <summary>
    /// Bulk appends to several tables at once, row by row (table = index into <paramref name="tables"/>); the rows are
    /// written by the time the sink is disposed. The default holds them and appends each table's at the end.
    /// </summary>
    IRowSink OpenAppenders(IReadOnlyList<(string Schema, string Table)> tables) => new BufferedSink(this, tables);

    /// <summary>Deletes the council's rows of a table that belong to no child (child_id null) or, with a null column, all of them.</summary>
    void DeleteCouncilRows(string laCode, string schema, string table, string? whereNullColumn = null);

    /// <summary>
    /// Runs the post-load data tests on the unit of work as it will be published (throws <see cref="DataTestFailedException"/>);
    /// an engine that applies its writes at the commit runs them there, before committing. With
    /// <paramref name="writtenSince"/>, the tests that can be are limited to the rows of runs from that one on (the rows
    /// the batch wrote: docs/DECISIONS.md "Data tests of a live run").
    /// </summary>
    void RunDataTests(IReadOnlyList<DataTest> tests, long? writtenSince = null);

    /// <summary>Publishes the unit of work.</summary>
    void Commit();
}

/// <summary>Rows for several tables, appended one at a time (<see cref="IWarehouse.OpenAppenders"/>).</summary>
public interface IRowSink : IDisposable
{
    void Append(int table, object?[] row);
}

/// <summary>Holds each table's rows and appends them when disposed: for engines that keep the unit of work until the commit anyway.</summary>
internal sealed class BufferedSink(IWarehouse warehouse, IReadOnlyList<(string Schema, string Table)> tables) : IRowSink
{
    private readonly List<object?[]>[] _rows = tables.Select(_ => new List<object?[]>()).ToArray();

    public void Append(int table, object?[] row) => _rows[table].Add(row);

    public void Dispose()
    {
        for (var t = 0; t < tables.Count; t++) warehouse.Append(tables[t].Schema, tables[t].Table, _rows[t]);
    }
}
