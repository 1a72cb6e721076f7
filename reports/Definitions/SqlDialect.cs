using System.Text.RegularExpressions;

namespace ChildrensWarehouse.Reports.Definitions;

/// <summary>
/// The dialect map between the datasets' T-SQL and DuckDB. It has one entry: report parameters are written @Name
/// (T-SQL, SSRS) and DuckDB names them $Name. Everything else in the queries is SQL both engines read the same.
/// </summary>
public static partial class SqlDialect
{
    [GeneratedRegex(@"@([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Parameter();

    /// <summary>The query as DuckDB runs it. The queries hold no string literal with '@' (they are built from
    /// definitions whose codes are plain letters and digits), so a textual map is exact.</summary>
    public static string ForDuckDb(string tsql) => Parameter().Replace(tsql, m => "$" + m.Groups[1].Value);

    public static IReadOnlyList<string> ParameterNames(string tsql) =>
        Parameter().Matches(tsql).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();
}
