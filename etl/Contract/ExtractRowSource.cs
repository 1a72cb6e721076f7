namespace ChildrensWarehouse.Contract;

/// <summary>
/// One record as a source delivers it, before any contract check: where it is (<paramref name="Line"/>: the physical
/// line of a CSV file, or the row number of a SQL view), its values by contract column (<paramref name="Fields"/>,
/// null where empty or absent) and its text for the quarantine. <paramref name="Problem"/> says why the record cannot
/// be read as a row at all (not valid UTF-8, malformed quoting, the wrong number of fields); it is then quarantined
/// with that reason, and <paramref name="Fields"/> is null when the values could not be aligned with the columns.
/// </summary>
public sealed record SourceRecord(int Line, string?[]? Fields, string RawText, string? Problem = null);

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
}
