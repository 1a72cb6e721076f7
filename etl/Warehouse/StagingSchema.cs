using System.Text;
using ChildrensWarehouse.Contract;

namespace ChildrensWarehouse.Warehouse;

/// <summary>
/// The staging tables follow the extract contract one to one (dbt-style stg_: types only). Their DDL files under
/// warehouse-schema/duckdb/ are written from the contract by `etl schema write-staging`, and a test keeps them equal.
/// </summary>
public static class StagingSchema
{
    public static string TableName(TableSpec spec) => $"stg.{spec.Name}";

    public static string FileName(TableSpec spec, int index) => $"{100 + index:0000}_stg.{spec.Name}.sql";

    public static string DuckDbType(ColumnType type) => type switch
    {
        ColumnType.Date => "DATE",
        ColumnType.Timestamp => "TIMESTAMP",
        ColumnType.Integer => "BIGINT",
        ColumnType.Decimal => "DECIMAL(18, 4)",
        _ => "VARCHAR",
    };

    public static string DuckDbDdl(TableSpec spec)
    {
        var sb = new StringBuilder();
        sb.Append("-- Staging copy of ").Append(spec.RelativePath).Append(": ").Append(spec.Description)
          .Append(". Generated from the extract contract; do not edit.\n");
        sb.Append("CREATE TABLE ").Append(TableName(spec)).Append(" (\n");
        sb.Append("    extract_la_code VARCHAR NOT NULL,\n");
        sb.Append("    source_line INTEGER NOT NULL,\n");
        sb.Append("    row_key VARCHAR NOT NULL,\n");
        sb.Append("    row_hash VARCHAR NOT NULL");
        foreach (var column in spec.Columns)
        {
            sb.Append(",\n    ").Append(column.Name).Append(' ').Append(DuckDbType(column.Type));
            if (column.Required) sb.Append(" NOT NULL");
        }
        sb.Append("\n);\n");
        return sb.ToString();
    }

    public static IEnumerable<(string FileName, string Sql)> DuckDbFiles() =>
        CaseSystemContract.AllTables.Select((t, i) => (FileName(t, i), DuckDbDdl(t)));
}
