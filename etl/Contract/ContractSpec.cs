namespace ChildrensWarehouse.Contract;

/// <summary>The value types of the case-system extract contract (CASE_SYSTEM.md, "Conventions").</summary>
public enum ColumnType
{
    Text,
    /// <summary>YYYY-MM-DD, a date that exists.</summary>
    Date,
    /// <summary>YYYY-MM-DDTHH:MM[:SS], local UK time, no offset, no fractions.</summary>
    Timestamp,
    Integer,
    Decimal,
}

/// <summary>One column of a contract table. <paramref name="Codes"/> restricts the value to a fixed list (exact, case-sensitive).</summary>
public sealed record ColumnSpec(string Name, ColumnType Type, bool Required, IReadOnlySet<string>? Codes = null);

/// <summary>A foreign key: <paramref name="Column"/> must name a loaded row of <paramref name="ParentTable"/> (its key column).</summary>
public sealed record ForeignKeySpec(string Column, string ParentTable);

/// <summary>A pair of columns where the end must not be before the start (equal is allowed).</summary>
public sealed record EndAfterStartSpec(string Start, string End);

/// <summary>
/// One table of the extract contract: its file, columns, key, end/start pairs and foreign keys.
/// This is the single definition of the contract; the reader, the staging DDL and the documentation follow it.
/// </summary>
public sealed record TableSpec(
    string Name,
    string Description,
    IReadOnlyList<ColumnSpec> Columns,
    IReadOnlyList<string> Key,
    IReadOnlyList<EndAfterStartSpec> EndAfterStart,
    IReadOnlyList<ForeignKeySpec> ForeignKeys,
    bool IsReference = false)
{
    public string RelativePath => IsReference ? $"reference/{Name}.csv" : $"{Name}.csv";

    public int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Name == column)
            {
                return i;
            }
        }
        throw new ArgumentException($"table {Name} has no column {column}", nameof(column));
    }
}
