using System.Data.Common;
using System.Security.Cryptography;
using System.Text;

namespace ChildrensWarehouse.Warehouse;

/// <summary>A schema file changed after a warehouse applied it: the warehouse must be migrated by a new file, not by editing an old one.</summary>
public sealed class SchemaMismatchException(string message) : Exception(message);

/// <summary>
/// Applies the numbered SQL files of a schema folder in name order, each once, recording them in
/// audit.schema_version, so an existing warehouse is migrated, never dropped. Files named <c>R__*.sql</c> are
/// repeatable (idempotent statements such as the descriptions): applied after the numbered ones, again whenever
/// their content changes.
/// </summary>
public static class SchemaMigrator
{
    public static string DefaultFolder(string engine) => Path.Combine(AppContext.BaseDirectory, "warehouse-schema", engine);

    public static IReadOnlyList<string> Files(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"{folder}: the warehouse schema folder is missing");
        }
        return Directory.GetFiles(folder, "*.sql")
            .OrderBy(f => IsRepeatable(f) ? 1 : 0).ThenBy(Path.GetFileName, StringComparer.Ordinal).ToList();
    }

    public const string RepeatablePrefix = "R__";

    public static bool IsRepeatable(string path) => Path.GetFileName(path).StartsWith(RepeatablePrefix, StringComparison.Ordinal);

    /// <summary>Applies pending files; returns the names applied.</summary>
    public static IReadOnlyList<string> Migrate(DbConnection connection, string folder)
    {
        Execute(connection, "CREATE SCHEMA IF NOT EXISTS audit");
        Execute(connection, "CREATE TABLE IF NOT EXISTS audit.schema_version (file VARCHAR PRIMARY KEY, sha256 VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)");
        var applied = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT file, sha256 FROM audit.schema_version";
            using var reader = cmd.ExecuteReader();
            while (reader.Read()) applied[reader.GetString(0)] = reader.GetString(1);
        }
        var done = new List<string>();
        foreach (var path in Files(folder))
        {
            var name = Path.GetFileName(path);
            var sql = File.ReadAllText(path);
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n"))));
            var repeatable = IsRepeatable(path);
            if (applied.TryGetValue(name, out var appliedHash))
            {
                if (appliedHash == hash) continue;
                if (!repeatable)
                {
                    throw new SchemaMismatchException(
                        $"schema file {name} differs from the one this warehouse applied; add a new numbered migration instead of editing it (or rebuild the warehouse)");
                }
            }
            using var tx = connection.BeginTransaction();
            Execute(connection, sql);
            using (var cmd = connection.CreateCommand())
            {
                cmd.CommandText = "INSERT OR REPLACE INTO audit.schema_version VALUES ($file, $sha, now()::TIMESTAMP)";
                AddParameter(cmd, "file", name);
                AddParameter(cmd, "sha", hash);
                cmd.ExecuteNonQuery();
            }
            tx.Commit();
            done.Add(name);
        }
        return done;
    }

    private static void Execute(DbConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static void AddParameter(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }
}
