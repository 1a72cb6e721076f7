using System.CommandLine;
using ChildrensWarehouse.Contract;
using ChildrensWarehouse.Warehouse;
using Microsoft.Extensions.Configuration;

namespace ChildrensWarehouse.Cli;

/// <summary>
/// The warehouse-engine side of the command line: which warehouse and source a command uses (options, then
/// configuration), `migrate`, and the schema generators for SQL Server and the data dictionary.
/// </summary>
public static class WarehouseCommands
{
    public static Option<string?> WarehouseOption() => new("--warehouse")
    {
        Description = "The warehouse: a DuckDB file, or a SQL Server connection string \"Server=...;Database=...;...\" "
            + $"(default: configuration Warehouse:ConnectionString, else {EtlCli.DefaultWarehouse}).",
    };

    /// <summary>Warehouse:ConnectionString from configuration (e.g. CSW_Warehouse__ConnectionString), or null.</summary>
    public static string? Configured(IConfiguration configuration) =>
        configuration["Warehouse:ConnectionString"] is { Length: > 0 } cs ? cs : null;

    /// <summary>--warehouse, else configuration, else the embedded default; checked at once (exit 2 when it is neither a file nor a usable connection string).</summary>
    public static string Resolve(string? option, IConfiguration configuration)
    {
        var value = option ?? Configured(configuration) ?? EtlCli.DefaultWarehouse;
        WarehouseTarget.Parse(value);
        return value;
    }

    /// <summary>--source sql: alone takes the connection string from configuration Source:ConnectionString (kept off the command line).</summary>
    public static string ResolveSource(string source, IConfiguration configuration)
    {
        if (!string.Equals(source, ExtractSources.SqlPrefix, StringComparison.OrdinalIgnoreCase)) return source;
        return configuration["Source:ConnectionString"] is { Length: > 0 } cs
            ? ExtractSources.SqlPrefix + cs
            : throw new UsageException("--source sql: needs a connection string after sql: or in configuration Source:ConnectionString (e.g. CSW_Source__ConnectionString)");
    }

    public static Command MigrateCommand(TextWriter stdout, TextWriter stderr)
    {
        var warehouse = WarehouseOption();
        var schema = new Option<string?>("--schema") { Description = "The schema folder (default: the engine's own, beside the program)." };
        var command = new Command("migrate", "Apply the warehouse's pending schema migrations (SQL Server: with a login that may change the schema).") { warehouse, schema };
        command.SetAction(parse =>
        {
            var target = Resolve(parse.GetValue(warehouse), EtlCli.Configuration());
            var applied = WarehouseFactory.Migrate(target, parse.GetValue(schema), EtlCli.Logger(stderr));
            foreach (var file in applied) stdout.WriteLine(file);
            var name = WarehouseTarget.Parse(target).Display;
            stdout.WriteLine(applied.Count == 0 ? $"{name} is up to date" : $"{applied.Count} migration(s) applied to {name}");
            return ExitCodes.Success;
        });
        return command;
    }

    public static Option<string> SqlServerFolderOption() => new("--sqlserver-folder")
    {
        Description = "The SQL Server schema folder to write into.",
        DefaultValueFactory = _ => "warehouse-schema/sqlserver",
    };

    public static void WriteSqlServerStaging(string folder, TextWriter stdout)
    {
        foreach (var (relative, sql) in StagingSchema.SqlServerFiles())
        {
            var path = Path.Combine(folder, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, sql);
            stdout.WriteLine(relative);
        }
    }

    public static Command WriteDescriptionsCommand(TextWriter stdout)
    {
        var dictionary = new Option<string>("--dictionary") { DefaultValueFactory = _ => "warehouse-schema/dictionary/columns.csv" };
        var duckDb = new Option<string>("--folder") { Description = "The DuckDB schema folder.", DefaultValueFactory = _ => "warehouse-schema/duckdb" };
        var sqlServer = SqlServerFolderOption();
        var command = new Command("write-descriptions",
            "Write the table and column descriptions from the data dictionary: SQL Server extended properties and, when they changed, a new DuckDB COMMENT ON migration (developers).")
        {
            dictionary, duckDb, sqlServer,
        };
        command.SetAction(parse =>
        {
            foreach (var file in WarehouseDictionary.WriteDescriptions(parse.GetValue(dictionary)!, parse.GetValue(duckDb)!, parse.GetValue(sqlServer)!))
            {
                stdout.WriteLine(file);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command WriteDictionaryCommand(TextWriter stdout)
    {
        var dictionary = new Option<string>("--dictionary") { DefaultValueFactory = _ => "warehouse-schema/dictionary/columns.csv" };
        var duckDb = new Option<string>("--folder") { Description = "The DuckDB schema folder.", DefaultValueFactory = _ => "warehouse-schema/duckdb" };
        var command = new Command("write-dictionary",
            "Add a line (empty description, to be written) for every new table or column of the DuckDB schema to the data dictionary, and drop the lines of removed ones (developers).")
        {
            dictionary, duckDb,
        };
        command.SetAction(parse =>
        {
            var (added, removed) = WarehouseDictionary.Synchronise(parse.GetValue(dictionary)!, parse.GetValue(duckDb)!);
            stdout.WriteLine($"{added} line(s) added (describe them), {removed} removed");
            return ExitCodes.Success;
        });
        return command;
    }
}
