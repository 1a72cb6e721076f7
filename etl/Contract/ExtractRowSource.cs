namespace ChildrensWarehouse.Contract;

/// <summary>
/// One record as a source delivers it, before any contract check: where it is (<paramref name="Line"/>: the physical
/// line of a CSV file, or the row number of a SQL view), its values by contract column (<paramref name="Fields"/>,
/// null where empty or absent) and its text for the quarantine. <paramref name="Problem"/> says why the record cannot
/// be read as a row at all (not valid UTF-8, malformed quoting, the wrong number of fields); it is then quarantined
/// with that reason, and <paramref name="Fields"/> is null when the values could not be aligned with the columns.
/// </summary>
public sealed record SourceRecord(int Line, string?[]? Fields, string RawText, string? Problem = null)
{
    /// <summary>The file the record came from when a table's rows come from several files (the statutory returns); null = the table's <see cref="IExtractRowSource.Location"/>.</summary>
    public string? File { get; init; }

    /// <summary>An opaque token of the source, carried to the loaded row or its quarantine entry (lets a source account for its own rows).</summary>
    public object? Origin { get; init; }
}

/// <summary>
/// Where an extract's rows come from: a folder of CSV files or the case system's SQL views. A source only delivers
/// the manifest, checks that every table is there with its required columns, and yields records; every contract rule
/// (row alone, duplicates, foreign keys, overlapping episodes) is applied to them in one place, by <see cref="ExtractReader"/>.
/// </summary>
public interface IExtractRowSource
{
    /// <summary>The source as shown in messages and the run audit (a folder, or a SQL source without its password).</summary>
    string Name { get; }

    Manifest ReadManifest();

    /// <summary>
    /// Validation step 1 for every table, before any row is read: throws <see cref="ExtractUnusableException"/> naming the
    /// table and column when one is missing; adds one warning per table with unknown columns.
    /// </summary>
    void CheckTables(IReadOnlyList<TableSpec> tables, List<string> warnings);

    /// <summary>How a table is named in quarantine rows and messages (its file, or its view).</summary>
    string Location(TableSpec table);

    /// <summary>The table's records in source order (which breaks ties between duplicates: the later one wins).</summary>
    IEnumerable<SourceRecord> Records(TableSpec table, CancellationToken cancellationToken);

    /// <summary>True when <see cref="Records"/> may be called for different tables at once (files; not one database connection).</summary>
    bool ReadsInParallel => false;

    /// <summary>A rough size of a table (bytes of its file), to start the largest first when reading in parallel.</summary>
    long SizeHint(TableSpec table) => 0;

    /// <summary>What the source can fill: null = every table and column of the contract (a case-system extract).</summary>
    SourceCoverage? Coverage => null;

    /// <summary>
    /// A source whose records are made from files of another layout (the statutory returns) accounts for every row of those
    /// files once the extract is read: loaded, quarantined, or not used with the reason. Null for a case-system extract.
    /// </summary>
    IReadOnlyList<SourceFileAccounting>? Account(Extract extract) => null;
}

/// <summary>
/// The contract tables and columns a source fills. An indicator computed from a table or column the source does not fill
/// is "not available from this source" rather than zero.
/// </summary>
public sealed class SourceCoverage(string sourceKind, IEnumerable<string> tablesAndColumns)
{
    private readonly HashSet<string> _provided = new(tablesAndColumns, StringComparer.Ordinal);

    /// <summary>The source as named in reasons, e.g. "the SSDA903 return".</summary>
    public string SourceKind { get; } = sourceKind;

    /// <summary>"table" (the table has rows from this source) or "table.column" (the column is filled).</summary>
    public bool Provides(string tableOrColumn) =>
        _provided.Contains(tableOrColumn) || (!tableOrColumn.Contains('.') && _provided.Any(p => p.StartsWith(tableOrColumn + ".", StringComparison.Ordinal)));

    public IReadOnlyCollection<string> Provided => _provided;
}

/// <summary>
/// One file of a source in another layout: every row read is loaded (into one or more contract rows), quarantined (its contract
/// row broke a rule), or not used, with the reason (a later return repeats it, or the contract has no table for it).
/// </summary>
public sealed record SourceFileAccounting(string File, string Table, long Read, long Loaded, long Quarantined, IReadOnlyDictionary<string, long> NotUsed)
{
    public long NotUsedCount => NotUsed.Values.Sum();
    public bool Balanced => Read == Loaded + Quarantined + NotUsedCount;
}
