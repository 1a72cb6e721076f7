namespace ChildrensWarehouse.Contract;

/// <summary>
/// A source whose records an incremental run can compare with the last run's without reading them all
/// (docs/DECISIONS.md "Incremental reading"): each record's print by line, then only the records it asks for. A CSV
/// extract prints a record's bytes; a SQL source prints a row's key and last_modified, and fetches only the rows
/// modified after the last run's extract moment.
/// </summary>
public interface IChangeTrackedSource : IExtractRowSource
{
    /// <summary>
    /// The table's prints now: its columns first (index 0: the header, or the view's column list), then every record
    /// in line order. Null when the table cannot be split into records without reading it whole.
    /// </summary>
    RecordPrint[]? CurrentPrints(TableSpec table, CancellationToken cancellationToken);

    /// <summary>
    /// The records at these prints (taken by <see cref="CurrentPrints"/>), read exactly as <see cref="IExtractRowSource.Records"/>
    /// reads them, in line order. <paramref name="since"/> is the last run's extract moment. Throws
    /// <see cref="ChangeTrackingException"/> when they cannot be read exactly so (the run then reads the whole extract).
    /// </summary>
    IEnumerable<SourceRecord> RecordsAt(TableSpec table, IReadOnlyList<RecordPrint> prints, DateTime since, CancellationToken cancellationToken);

    /// <summary>Called before a full read: the read's prints are then kept for <see cref="PrintsOfFullRead"/>.</summary>
    void BeginFullRead();

    /// <summary>
    /// The table's prints as the full read since <see cref="BeginFullRead"/> read it, for the next incremental run; null
    /// when they may not be the records read (a file changed while it was read, or cannot be split without parsing).
    /// </summary>
    RecordPrint[]? PrintsOfFullRead(TableSpec table);
}

/// <summary>The changed records cannot be read exactly as a full read would read them: the run reads the whole extract.</summary>
public sealed class ChangeTrackingException(string message) : Exception(message);
