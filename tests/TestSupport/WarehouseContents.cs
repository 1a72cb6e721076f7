using System.Data.Common;
using System.Globalization;
using ChildrensWarehouse.Warehouse;

namespace ChildrensWarehouse.Tests.TestSupport;

/// <summary>
/// Every stg, dim and fact table's rows as sorted text, lineage (run_id) left out: for comparing two warehouses, on
/// any engine (values are written the same way whatever the engine returns: dates ISO, booleans true/false, decimals
/// without trailing zeros).
/// </summary>
public static class WarehouseContents
{
    public static Dictionary<string, List<string>> Snapshot(string warehouse)
    {
        using var c = WarehouseConnections.OpenReadOnly(warehouse);
        var columns = new List<(string Table, string Column)>();
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = """
                SELECT t.TABLE_SCHEMA, t.TABLE_NAME, c.COLUMN_NAME, c.ORDINAL_POSITION
                FROM INFORMATION_SCHEMA.TABLES AS t
                JOIN INFORMATION_SCHEMA.COLUMNS AS c ON c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME
                WHERE t.TABLE_SCHEMA IN ('stg', 'dim', 'fact') AND t.TABLE_TYPE = 'BASE TABLE' AND c.COLUMN_NAME <> 'run_id'
                ORDER BY 1, 2, 4
                """;
            using var r = cmd.ExecuteReader();
            while (r.Read()) columns.Add((r.GetString(0) + "." + r.GetString(1), r.GetString(2)));
        }
        var result = new Dictionary<string, List<string>>();
        foreach (var table in columns.GroupBy(x => x.Table))
        {
            var parts = table.Key.Split('.');
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"SELECT {string.Join(", ", table.Select(x => "\"" + x.Column + "\""))} FROM \"{parts[0]}\".\"{parts[1]}\"";
            using var r = cmd.ExecuteReader();
            var rows = new List<string>();
            while (r.Read())
            {
                rows.Add(string.Join("|", Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? "<null>" : Text(r.GetValue(i)))));
            }
            rows.Sort(StringComparer.Ordinal);
            result[table.Key] = rows;
        }
        return result;
    }

    public static string Text(object value) => value switch
    {
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t when t.TimeOfDay == TimeSpan.Zero => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        decimal m => m.ToString("0.############", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Runs a statement on a DuckDB file: a test's change made by hand, outside the pipeline.</summary>
    public static void Execute(string duckDbFile, string sql)
    {
        using var c = new DuckDB.NET.Data.DuckDBConnection($"Data Source={duckDbFile}");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    /// <summary>Counts rows of a query's single number.</summary>
    public static long Scalar(string warehouse, string sql)
    {
        using var c = WarehouseConnections.OpenReadOnly(warehouse);
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
