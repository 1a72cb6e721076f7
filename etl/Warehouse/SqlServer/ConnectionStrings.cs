using System.Text.RegularExpressions;
using Microsoft.Data.SqlClient;

namespace ChildrensWarehouse.Warehouse;

/// <summary>Connection strings in messages and logs: a password never appears, whatever the spelling of its key.</summary>
public static partial class ConnectionStrings
{
    public const string Hidden = "*****";

    // Password/Pwd with any spacing or case, the value bare, 'quoted' or "quoted" (a doubled quote inside stays in the value).
    [GeneratedRegex("""(?<key>(?:^|;)\s*(?:password|pwd)\s*=\s*)(?:"(?:[^"]|"")*"|'(?:[^']|'')*'|[^;]*)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PasswordPattern();

    /// <summary>The connection string with the value of every Password or Pwd key replaced by <see cref="Hidden"/>.</summary>
    public static string Redact(string connectionString) =>
        PasswordPattern().Replace(connectionString, m => m.Groups["key"].Value + Hidden);

    /// <summary>A short, safe name for messages: server and database only.</summary>
    public static string Describe(string connectionString)
    {
        try
        {
            var b = new SqlConnectionStringBuilder(connectionString);
            return string.IsNullOrEmpty(b.InitialCatalog) ? $"SQL Server {b.DataSource}" : $"SQL Server {b.DataSource}, database {b.InitialCatalog}";
        }
        catch (ArgumentException)
        {
            return Redact(connectionString);
        }
    }

}
