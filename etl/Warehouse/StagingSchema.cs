using System.Text;
using ChildrensWarehouse.Contract;

namespace ChildrensWarehouse.Warehouse;

/// <summary>
/// The staging tables follow the extract contract one to one (dbt-style stg_: types only). Their DDL files under
/// warehouse-schema/duckdb/ and warehouse-schema/sqlserver/stg/Tables/ are written from the contract by
/// `etl schema write-staging`, and a test keeps them equal.
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

    /// <summary>Where a staging table's T-SQL file lives, relative to warehouse-schema/sqlserver/.</summary>
    public static string SqlServerRelativePath(TableSpec spec) => $"stg/Tables/{spec.Name}.sql";

    /// <summary>
    /// Ids, codes and keys are NVARCHAR(400), so they can be indexed and joined; free text (names, factors, sources) is
    /// NVARCHAR(MAX), so nothing a case system holds is too long to stage.
    /// </summary>
    public static string SqlServerType(TableSpec spec, ColumnSpec column) => column.Type switch
    {
        ColumnType.Date => "DATE",
        ColumnType.Timestamp => "DATETIME2(0)",
        ColumnType.Integer => "BIGINT",
        ColumnType.Decimal => "DECIMAL(18, 4)",
        _ when IsKeyLike(spec, column) => "NVARCHAR(400)",
        _ => "NVARCHAR(MAX)",
    };

    private static bool IsKeyLike(TableSpec spec, ColumnSpec column) =>
        column.Codes is not null || spec.Key.Contains(column.Name) || spec.ForeignKeys.Any(f => f.Column == column.Name)
        || column.Name.EndsWith("_id", StringComparison.Ordinal) || column.Name.EndsWith("_code", StringComparison.Ordinal);

    public static string SqlServerDdl(TableSpec spec)
    {
        var table = $"stg.{TSqlNames.Quote(spec.Name)}";
        var sb = new StringBuilder();
        sb.Append("-- Staging copy of ").Append(spec.RelativePath).Append(": ").Append(spec.Description)
          .Append(". Generated from the extract contract; do not edit.\n");
        sb.Append("CREATE TABLE ").Append(table).Append(" (\n");
        sb.Append("    extract_la_code NVARCHAR(400) NOT NULL,\n");
        sb.Append("    source_line INT NOT NULL,\n");
        sb.Append("    row_key NVARCHAR(400) NOT NULL,\n");
        sb.Append("    row_hash NVARCHAR(400) NOT NULL");
        foreach (var column in spec.Columns)
        {
            sb.Append(",\n    ").Append(TSqlNames.Quote(column.Name)).Append(' ').Append(SqlServerType(spec, column))
              .Append(column.Required ? " NOT NULL" : " NULL");
        }
        sb.Append("\n);\nGO\n");
        sb.Append("CREATE CLUSTERED INDEX CX_stg_").Append(spec.Name).Append(" ON ").Append(table).Append(" (extract_la_code, source_line);\nGO\n");
        sb.Append("CREATE NONCLUSTERED INDEX IX_stg_").Append(spec.Name).Append("_row_key ON ").Append(table).Append(" (extract_la_code, row_key);\nGO\n");
        return sb.ToString();
    }

    public static IEnumerable<(string RelativePath, string Sql)> SqlServerFiles() =>
        CaseSystemContract.AllTables.Select(t => (SqlServerRelativePath(t), SqlServerDdl(t)));
}
