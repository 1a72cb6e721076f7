namespace ChildrensWarehouse.Contract;

/// <summary>The manifest.json of an extract.</summary>
public sealed record Manifest(string LocalAuthority, string LaCode, DateTime ExtractedAt, int ContractVersion);

/// <summary>A row that passed validation: its physical line in the file and its typed values (by column index of the spec).</summary>
public sealed class ExtractRow(int line, object?[] values)
{
    public int Line { get; } = line;
    public object?[] Values { get; } = values;
    /// <summary>The file of the row when not the table's own (<see cref="SourceRecord.File"/>).</summary>
    public string? File { get; init; }
    /// <summary>The source's token for the record (<see cref="SourceRecord.Origin"/>).</summary>
    public object? Origin { get; init; }

    public string? Text(int i) => (string?)Values[i];
    public DateOnly? Date(int i) => (DateOnly?)Values[i];
    public DateTime? Timestamp(int i) => (DateTime?)Values[i];
    public decimal? Decimal(int i) => (decimal?)Values[i];
    public long? Integer(int i) => (long?)Values[i];
}

/// <summary>A row held back from the warehouse, with the reason (CASE_SYSTEM.md: never silently dropped or fixed).</summary>
public sealed record QuarantinedRow(string Table, string File, int Line, string? Column, string Reason, string RawText)
{
    /// <summary>The row's child_id where it could be read (to route the item to the child's worker), else null.</summary>
    public string? ChildId { get; init; }
    /// <summary>The row's last_modified where it could be read (the item's age), else null.</summary>
    public DateTime? LastModified { get; init; }
    /// <summary>The source's token for the record (<see cref="SourceRecord.Origin"/>).</summary>
    public object? Origin { get; init; }
}

/// <summary>Rows read, loaded and quarantined for one file: read = loaded + quarantined.</summary>
public sealed record TableAccounting(string Table, long Read, long Loaded, long Quarantined);

/// <summary>
/// The loaded rows of one table. <paramref name="loaded"/> is given when the rows are not held (staged as they were
/// read: <see cref="ExtractReader.Read(IExtractRowSource, CancellationToken, Func{TableData, bool})"/>).
/// </summary>
public sealed class TableData(TableSpec spec, IReadOnlyList<ExtractRow> rows, long read, long? loaded = null)
{
    public TableSpec Spec { get; } = spec;
    public IReadOnlyList<ExtractRow> Rows { get; } = rows;
    public long Read { get; } = read;
    public long Loaded { get; } = loaded ?? rows.Count;
}

/// <summary>A validated extract: manifest, the loaded rows of every table, the quarantine and warnings.</summary>
public sealed class Extract
{
    public required string Folder { get; init; }
    public required Manifest Manifest { get; init; }
    public required IReadOnlyDictionary<string, TableData> Tables { get; init; }
    public required IReadOnlyList<QuarantinedRow> Quarantine { get; init; }
    public required IReadOnlyList<string> Warnings { get; init; }
    /// <summary>What the source fills (null: everything, a case-system extract).</summary>
    public SourceCoverage? Coverage { get; init; }
    /// <summary>For a source in another layout (the statutory returns): every row of its files accounted for.</summary>
    public IReadOnlyList<SourceFileAccounting> SourceAccounting { get; init; } = [];

    public TableData this[string table] => Tables[table];

    public IReadOnlyList<TableAccounting> Accounting =>
        CaseSystemContract.AllTables
            .Where(t => Tables.ContainsKey(t.Name))
            .Select(t =>
            {
                var data = Tables[t.Name];
                var quarantined = Quarantine.LongCount(q => q.Table == t.Name);
                return new TableAccounting(t.Name, data.Read, data.Loaded, quarantined);
            })
            .ToList();
}

/// <summary>The extract cannot be used at all (CASE_SYSTEM.md validation step 1): exit code 3, nothing loaded.</summary>
public sealed class ExtractUnusableException(string message) : Exception(message);
