using ChildrensWarehouse.Returns;

namespace ChildrensWarehouse.Contract;

/// <summary>
/// Picks the row source named by --source: <c>sql:</c> followed by a SQL Server connection string, <c>duckdb:</c>
/// followed by a DuckDB file holding the same views, statutory returns
/// (<c>903:DIR;cin:FILE.xml;...</c>, see <see cref="ReturnSourceSpec"/>), or a CSV extract folder.
/// </summary>
public static class ExtractSources
{
    public const string SqlPrefix = "sql:";

    public const string DuckDbPrefix = "duckdb:";

    public static bool IsSql(string source) => source.StartsWith(SqlPrefix, StringComparison.OrdinalIgnoreCase);

    public static bool IsDuckDb(string source) => source.StartsWith(DuckDbPrefix, StringComparison.OrdinalIgnoreCase);

    public static IExtractRowSource Open(string source) =>
        IsSql(source) ? new SqlExtractSource(source[SqlPrefix.Length..])
        : IsDuckDb(source) ? SqlExtractSource.DuckDb(source[DuckDbPrefix.Length..])
        : ReturnSourceSpec.IsReturns(source) ? new ReturnsExtractSource(source)
        : new CsvExtractSource(source);

    /// <summary>The source as recorded in the run audit and shown in messages: a full folder path, the returns with full paths, or a SQL source without its password.</summary>
    public static string Describe(string source) =>
        IsSql(source) ? SqlPrefix + Warehouse.ConnectionStrings.Redact(source[SqlPrefix.Length..])
        : IsDuckDb(source) ? DuckDbPrefix + Path.GetFullPath(source[DuckDbPrefix.Length..])
        : ReturnSourceSpec.IsReturns(source) ? ReturnSourceSpec.Parse(source).Describe()
        : Path.GetFullPath(source);

    /// <summary>The extracts a --source names: each council of a folder of extracts, or the source itself.</summary>
    public static IReadOnlyList<string> Councils(string source) => CouncilFolders(source) ?? [source];

    /// <summary>
    /// A folder of extracts (a regional or national load): a folder with no manifest.json of its own whose subfolders
    /// each hold one, in name order. Null for any other source.
    /// </summary>
    public static IReadOnlyList<string>? CouncilFolders(string source)
    {
        if (IsSql(source) || IsDuckDb(source) || ReturnSourceSpec.IsReturns(source) || !Directory.Exists(source) || File.Exists(Path.Combine(source, "manifest.json"))) return null;
        var folders = Directory.GetDirectories(source).Where(d => File.Exists(Path.Combine(d, "manifest.json"))).Order(StringComparer.Ordinal).ToList();
        return folders.Count > 0 ? folders : null;
    }
}
