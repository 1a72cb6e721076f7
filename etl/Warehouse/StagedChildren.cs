using ChildrensWarehouse.Contract;
using ChildrensWarehouse.Pipeline;
using Dapper;
using DuckDB.NET.Data;

namespace ChildrensWarehouse.Warehouse;

/// <summary>
/// A council's staged children, one at a time, from child-ordered readers (DESIGN.md "Per-child derivation"): one
/// streaming query per child table, each sorted by the child's place in child_id order (ordinal, as
/// <see cref="ChildExtracts"/> orders them), merged child by child. Each child comes as an extract of its own rows (a
/// CP review through its plan), with the council's tables whole; a child's rows are read only when it is reached, so
/// memory holds a few children, not the council. The rows are the staged ones, in their source order: what the
/// derivation is given from the extract itself (the staging holds exactly the loaded rows).
/// </summary>
public sealed class StagedChildren : IDisposable
{
    /// <summary>The table of child_id and place that every reader joins (dropped when this is disposed).</summary>
    private const string OrderTable = "audit.etl_child_order";

    private readonly DuckDbWarehouse _warehouse;
    private readonly Extract _council;
    private readonly int _count;
    private readonly List<(TableSpec Spec, DuckDBConnection Connection)> _tables = [];

    /// <summary>Made on the thread that owns the warehouse's connection; <see cref="Children"/> may then run on another.</summary>
    public StagedChildren(DuckDbWarehouse warehouse, Extract council)
    {
        _warehouse = warehouse;
        _council = council;
        var db = warehouse.Connection;
        var ids = db.Query<string>("SELECT child_id FROM stg.children WHERE extract_la_code = $la", new { la = council.Manifest.LaCode }).ToList();
        ids.Sort(StringComparer.Ordinal);
        _count = ids.Count;
        db.Execute($"CREATE OR REPLACE TABLE {OrderTable} (place INTEGER NOT NULL, child_id VARCHAR NOT NULL)");
        using (var appender = db.CreateAppender("audit", "etl_child_order"))
        {
            for (var i = 0; i < ids.Count; i++) appender.CreateRow().AppendValue(i).AppendValue(ids[i]).EndRow();
        }
        // A reader per table, each on a connection of its own (a connection streams one result at a time).
        // (DuckDB.NET shares the open database among the process's connections to one file.)
        foreach (var spec in CaseSystemContract.AllTables.Where(ChildInputs.IsChildTable))
        {
            var connection = new DuckDBConnection(db.ConnectionString);
            _tables.Add((spec, connection));
            connection.Open();
        }
    }

    /// <summary>The children in child_id order, each with its own rows; read once.</summary>
    public IEnumerable<Extract> Children(CancellationToken cancellationToken)
    {
        var la = _council.Manifest.LaCode;
        var readers = new List<(DuckDBCommand Command, DuckDBDataReader Reader)>();
        try
        {
            foreach (var (spec, connection) in _tables)
            {
                var command = connection.CreateCommand();
                command.UseStreamingMode = true;
                var owner = spec.Name == "cp_reviews"
                    ? $"JOIN stg.cp_plans AS p ON p.extract_la_code = t.extract_la_code AND p.cp_plan_id = t.cp_plan_id JOIN {OrderTable} AS o ON o.child_id = p.child_id"
                    : $"JOIN {OrderTable} AS o ON o.child_id = t.child_id";
                command.CommandText = $"SELECT o.place, {StagedExtract.Columns(spec, "t")} FROM stg.\"{spec.Name}\" AS t {owner} " +
                    "WHERE t.extract_la_code = $la ORDER BY o.place, t.source_line, t.row_key";
                command.Parameters.Add(new DuckDBParameter("la", la));
                readers.Add((command, null!));
                readers[^1] = (command, command.ExecuteReader());
            }
            var current = readers.Select(r => r.Reader.Read()).ToArray();
            for (var place = 0; place < _count; place++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var own = new Dictionary<string, TableData>(_council.Tables);
                for (var t = 0; t < readers.Count; t++)
                {
                    var spec = _tables[t].Spec;
                    var reader = readers[t].Reader;
                    var rows = new List<ExtractRow>();
                    while (current[t] && reader.GetInt32(0) == place)
                    {
                        rows.Add(StagedExtract.Row(reader, spec, 1));
                        current[t] = reader.Read();
                    }
                    own[spec.Name] = new TableData(spec, rows, spec.Name == "children" ? rows.Count : 0);
                }
                yield return new Extract
                {
                    Folder = _council.Folder, Manifest = _council.Manifest, Tables = own, Quarantine = [], Warnings = [], Coverage = _council.Coverage,
                };
            }
            if (current.Any(c => c)) throw new InvalidOperationException($"staged rows of {la} belong to no staged child");
        }
        finally
        {
            foreach (var (command, reader) in readers)
            {
                reader?.Dispose();
                command.Dispose();
            }
        }
    }

    public void Dispose()
    {
        foreach (var (_, connection) in _tables) connection.Dispose();
        _warehouse.Connection.Execute($"DROP TABLE IF EXISTS {OrderTable}");
    }
}
