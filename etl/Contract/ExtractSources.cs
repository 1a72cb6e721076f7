namespace ChildrensWarehouse.Contract;

/// <summary>Picks the row source named by --source: <c>sql:</c> followed by a connection string, or a CSV extract folder.</summary>
public static class ExtractSources
{
    public const string SqlPrefix = "sql:";

    public static bool IsSql(string source) => source.StartsWith(SqlPrefix, StringComparison.OrdinalIgnoreCase);

    public static IExtractRowSource Open(string source) =>
        IsSql(source) ? new SqlExtractSource(source[SqlPrefix.Length..]) : new CsvExtractSource(source);

    /// <summary>The source as recorded in the run audit and shown in messages: a full folder path, or a SQL source without its password.</summary>
    public static string Describe(string source) =>
        IsSql(source) ? SqlPrefix + Warehouse.ConnectionStrings.Redact(source[SqlPrefix.Length..]) : Path.GetFullPath(source);
}
