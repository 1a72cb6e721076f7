using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.SqlClient;

namespace ChildrensWarehouse.Warehouse;

/// <summary>
/// One step of warehouse-schema/sqlserver/migrations.txt: a versioned file is applied once (editing it afterwards is
/// refused: change the schema with a new file); a repeatable one (views, descriptions, permissions, written to run
/// again safely) is applied again whenever its text changes.
/// </summary>
public sealed record MigrationStep(string File, bool Repeatable);

/// <summary>
/// The SQL Server warehouse's migrations: the object files of warehouse-schema/sqlserver/ (one per table, view, role,
/// schema) applied in the order of migrations.txt, each in its own transaction, and recorded in audit.schema_version,
/// so an existing warehouse is migrated, never dropped. Files are split into batches on lines holding only GO.
/// </summary>
public static partial class SqlServerMigrator
{
    public const string ManifestName = "migrations.txt";

    [GeneratedRegex(@"^\s*GO\s*;?\s*$", RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex GoLine();

    public static IReadOnlyList<MigrationStep> Steps(string folder)
    {
        var manifest = Path.Combine(folder, ManifestName);
        if (!File.Exists(manifest))
        {
            throw new DirectoryNotFoundException($"{manifest}: the SQL Server schema's migration list is missing");
        }
        var steps = new List<MigrationStep>();
        var number = 0;
        foreach (var raw in File.ReadLines(manifest))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || parts[0] is not ("versioned" or "repeatable"))
            {
                throw new SchemaMismatchException($"{manifest} line {number}: expected 'versioned FILE' or 'repeatable FILE', found '{line}'");
            }
            steps.Add(new MigrationStep(parts[1].Replace('\\', '/'), parts[0] == "repeatable"));
        }
        return steps;
    }

    /// <summary>The batches of a T-SQL file (GO is a client-side separator, not T-SQL).</summary>
    public static IReadOnlyList<string> Batches(string sql) =>
        GoLine().Split(sql.ReplaceLineEndings("\n")).Where(b => !string.IsNullOrWhiteSpace(b)).Select(b => b.Trim('\n')).ToList();

    public static string Hash(string sql) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n"))));

    private static void Execute(SqlConnection connection, SqlTransaction? transaction, string sql)
    {
        using var cmd = new SqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        cmd.ExecuteNonQuery();
    }

    private static void EnsureVersionTable(SqlConnection connection)
    {
        Execute(connection, null, "IF SCHEMA_ID(N'audit') IS NULL EXEC (N'CREATE SCHEMA audit AUTHORIZATION dbo');");
        Execute(connection, null, """
            IF OBJECT_ID(N'audit.schema_version', N'U') IS NULL
                CREATE TABLE audit.schema_version (
                    [file]      NVARCHAR(400) NOT NULL CONSTRAINT PK_audit_schema_version PRIMARY KEY,
                    sha256      NVARCHAR(64)  NOT NULL,
                    applied_at  DATETIME2(0)  NOT NULL
                );
            """);
    }

    private static Dictionary<string, string> Applied(SqlConnection connection)
    {
        var applied = new Dictionary<string, string>(StringComparer.Ordinal);
        using var cmd = new SqlCommand("IF OBJECT_ID(N'audit.schema_version', N'U') IS NOT NULL SELECT [file], sha256 FROM audit.schema_version", connection);
        using var reader = cmd.ExecuteReader();
        while (reader.Read()) applied[reader.GetString(0)] = reader.GetString(1);
        return applied;
    }

    /// <summary>The steps a warehouse has still to apply; throws <see cref="SchemaMismatchException"/> when an applied versioned file was edited.</summary>
    public static IReadOnlyList<MigrationStep> Pending(SqlConnection connection, string folder)
    {
        var applied = Applied(connection);
        var pending = new List<MigrationStep>();
        foreach (var step in Steps(folder))
        {
            var hash = Hash(ReadStep(folder, step));
            if (!applied.TryGetValue(step.File, out var appliedHash))
            {
                pending.Add(step);
            }
            else if (appliedHash != hash)
            {
                if (!step.Repeatable)
                {
                    throw new SchemaMismatchException(
                        $"schema file {step.File} differs from the one this warehouse applied; add a new migration file instead of editing it");
                }
                pending.Add(step);
            }
        }
        return pending;
    }

    private static string ReadStep(string folder, MigrationStep step)
    {
        var path = Path.Combine(folder, step.File);
        return File.Exists(path) ? File.ReadAllText(path) : throw new FileNotFoundException($"{path}: listed in {ManifestName} but missing", path);
    }

    /// <summary>Applies the pending steps, each in its own transaction; returns the files applied.</summary>
    public static IReadOnlyList<string> Migrate(SqlConnection connection, string folder)
    {
        EnsureVersionTable(connection);
        var done = new List<string>();
        foreach (var step in Pending(connection, folder))
        {
            var sql = ReadStep(folder, step);
            using var tx = connection.BeginTransaction();
            foreach (var batch in Batches(sql))
            {
                try
                {
                    Execute(connection, tx, batch);
                }
                catch (SqlException e) when (!SqlServerRetry.IsTransient(e))
                {
                    throw new InvalidOperationException($"schema file {step.File} failed on SQL Server: {e.Message}", e);
                }
            }
            using (var cmd = new SqlCommand(
                "DELETE FROM audit.schema_version WHERE [file] = @file; INSERT INTO audit.schema_version ([file], sha256, applied_at) VALUES (@file, @sha, SYSDATETIME());",
                connection, tx))
            {
                cmd.Parameters.AddWithValue("@file", step.File);
                cmd.Parameters.AddWithValue("@sha", Hash(sql));
                cmd.ExecuteNonQuery();
            }
            tx.Commit();
            done.Add(step.File);
        }
        return done;
    }
}
