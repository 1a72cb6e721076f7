using DuckDB.NET.Data;

namespace ChildrensWarehouse.Tests.TestSupport;

/// <summary>Every stg, dim and fact table's rows as sorted text, lineage (run_id) left out: for comparing two warehouses.</summary>
public static class WarehouseContents
{
    public static Dictionary<string, List<string>> Snapshot(string path)
    {
        using var c = new DuckDBConnection($"Data Source={path};ACCESS_MODE=READ_ONLY");
        c.Open();
        var tables = new List<string>();
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_schema IN ('stg','dim','fact') AND table_type = 'BASE TABLE'";
            using var r = cmd.ExecuteReader();
            while (r.Read()) tables.Add(r.GetString(0));
        }
        var result = new Dictionary<string, List<string>>();
        foreach (var table in tables)
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"SELECT * EXCLUDE (run_id) FROM {table}";
            if (!HasRunId(c, table)) cmd.CommandText = $"SELECT * FROM {table}";
            using var r = cmd.ExecuteReader();
            var rows = new List<string>();
            while (r.Read())
            {
                rows.Add(string.Join("|", Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? "<null>" : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
            }
            rows.Sort(StringComparer.Ordinal);
            result[table] = rows;
        }
        return result;
    }

    private static bool HasRunId(DuckDBConnection c, string table)
    {
        using var cmd = c.CreateCommand();
        var parts = table.Split('.');
        cmd.CommandText = $"SELECT count(*) FROM information_schema.columns WHERE table_schema = '{parts[0]}' AND table_name = '{parts[1]}' AND column_name = 'run_id'";
        return (long)cmd.ExecuteScalar()! > 0;
    }
}
