using System.Data.Common;
using System.Globalization;
using ChildrensWarehouse.Cli;
using ChildrensWarehouse.Contract;
using Dapper;

namespace ChildrensWarehouse.Warehouse;

/// <summary>
/// A council's extract as its last successful run staged it (stg.*: the rows that passed validation, in their contract
/// columns), with that run's as-at moment. The returns, Annex A and reconciliation are made from it with the same
/// as-at cut and per-child rules as the facts, so they agree with the indicators; nothing is re-read from the source.
/// </summary>
public static class StagedExtract
{
    public sealed record Staged(Extract Extract, DateTime AsAt, string Warehouse);

    public static Staged Read(string warehouse, string? laCode)
    {
        var target = WarehouseTarget.Parse(warehouse);
        using var connection = WarehouseConnections.OpenReadOnly(warehouse);
        var p = target.Engine == WarehouseEngine.DuckDb ? "$" : "@";
        var runs = connection.Query<(string La, DateTime AsAt, DateTime ExtractedAt)>(
            "SELECT la_code, as_at, extracted_at FROM audit.etl_run WHERE status = 'succeeded' AND run_id IN (SELECT max(run_id) FROM audit.etl_run WHERE status = 'succeeded' GROUP BY la_code)")
            .ToList();
        if (runs.Count == 0) throw new UsageException($"{target.Display}: no successful run yet (run `etl run` first)");
        if (laCode is null && runs.Count > 1) throw new UsageException($"{target.Display} holds {runs.Count} councils ({string.Join(", ", runs.Select(r => r.La))}): give --council");
        var run = laCode is null ? runs[0] : runs.FirstOrDefault(r => r.La == laCode);
        if (run.La is null) throw new UsageException($"--council {laCode}: not in {target.Display}");

        var tables = new Dictionary<string, TableData>(StringComparer.Ordinal);
        foreach (var spec in CaseSystemContract.AllTables)
        {
            var rows = ReadRows(connection, spec, p, run.La);
            tables[spec.Name] = new TableData(spec, rows, rows.Count);
        }
        var manifest = new Manifest(run.La, run.La, run.ExtractedAt, CaseSystemContract.ContractVersion);
        var extract = new Extract { Folder = target.Display, Manifest = manifest, Tables = tables, Quarantine = [], Warnings = [] };
        return new Staged(extract, run.AsAt, target.Display);
    }

    /// <summary>
    /// The council's staged rows of a table in their contract columns, in source order; <paramref name="condition"/> (SQL
    /// over the staging table's columns) keeps some of them.
    /// </summary>
    internal static List<ExtractRow> ReadRows(DbConnection connection, TableSpec spec, string parameterPrefix, string laCode, string? condition = null,
        IReadOnlyDictionary<string, object>? parameters = null)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT {Columns(spec, "t")} FROM stg.\"{spec.Name}\" AS t " +
            $"WHERE extract_la_code = {parameterPrefix}la{(condition is null ? "" : $" AND ({condition})")} ORDER BY source_line, row_key";
        var parameter = cmd.CreateParameter();
        parameter.ParameterName = "la";
        parameter.Value = laCode;
        cmd.Parameters.Add(parameter);
        foreach (var (name, value) in parameters ?? new Dictionary<string, object>())
        {
            var extra = cmd.CreateParameter();
            extra.ParameterName = name;
            extra.Value = value;
            cmd.Parameters.Add(extra);
        }
        var rows = new List<ExtractRow>();
        using var reader = cmd.ExecuteReader();
        while (reader.Read()) rows.Add(Row(reader, spec, 0));
        return rows;
    }

    /// <summary>The staged row at the reader: its source line in column <paramref name="at"/>, its contract columns after it.</summary>
    internal static ExtractRow Row(DbDataReader reader, TableSpec spec, int at)
    {
        var values = new object?[spec.Columns.Count];
        for (var i = 0; i < spec.Columns.Count; i++) values[i] = Value(reader, at + 1 + i, spec.Columns[i].Type);
        return new ExtractRow(Convert.ToInt32(reader.GetValue(at), CultureInfo.InvariantCulture), values);
    }

    /// <summary>The staging table's source line and contract columns, as <see cref="Row"/> reads them (columns of the alias <paramref name="alias"/>).</summary>
    internal static string Columns(TableSpec spec, string alias) =>
        $"{alias}.source_line, {string.Join(", ", spec.Columns.Select(c => $"{alias}.\"{c.Name}\""))}";

    private static object? Value(DbDataReader reader, int i, ColumnType type)
    {
        if (reader.IsDBNull(i)) return null;
        var v = reader.GetValue(i);
        return type switch
        {
            ColumnType.Date => v switch
            {
                DateOnly d => d,
                DateTime t => DateOnly.FromDateTime(t),
                _ => reader.GetFieldValue<DateOnly>(i),
            },
            ColumnType.Timestamp => v is DateTime t ? t : reader.GetFieldValue<DateTime>(i),
            ColumnType.Integer => Convert.ToInt64(v, CultureInfo.InvariantCulture),
            ColumnType.Decimal => Convert.ToDecimal(v, CultureInfo.InvariantCulture),
            _ => Convert.ToString(v, CultureInfo.InvariantCulture),
        };
    }
}
