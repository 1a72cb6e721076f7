using System.Data.Common;
using System.Text.RegularExpressions;
using Dapper;
using DuckDB.NET.Data;
using Microsoft.Data.SqlClient;
using Polly;
using Serilog;

namespace ChildrensWarehouse.Warehouse;

public enum WarehouseEngine
{
    DuckDb,
    SqlServer,
}

/// <summary>
/// What --warehouse (or Warehouse:ConnectionString) names: a file path is an embedded DuckDB warehouse; a connection
/// string ("Server=...;Database=...;...") is a SQL Server one.
/// </summary>
public sealed record WarehouseTarget(WarehouseEngine Engine, string Value)
{
    public static WarehouseTarget Parse(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("--warehouse: give a DuckDB file or a SQL Server connection string");
        }
        if (!value.Contains('='))
        {
            return new WarehouseTarget(WarehouseEngine.DuckDb, value);
        }
        SqlConnectionStringBuilder builder;
        try
        {
            builder = new SqlConnectionStringBuilder(value);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new ArgumentException($"--warehouse: not a SQL Server connection string ({ConnectionStrings.Redact(value)}): {e.Message}");
        }
        if (string.IsNullOrEmpty(builder.DataSource))
        {
            throw new ArgumentException($"--warehouse: the connection string names no Server ({ConnectionStrings.Redact(value)})");
        }
        if (string.IsNullOrEmpty(builder.InitialCatalog))
        {
            throw new ArgumentException($"--warehouse: the connection string names no Database ({ConnectionStrings.Redact(value)})");
        }
        return new WarehouseTarget(WarehouseEngine.SqlServer, value);
    }

    /// <summary>For messages and the run summary: the full path of a file, or server and database (never a password).</summary>
    public string Display => Engine == WarehouseEngine.DuckDb ? Path.GetFullPath(Value) : ConnectionStrings.Describe(Value);

    /// <summary>What a caller needs to open it again: the full path of a file, or the connection string as given.</summary>
    public string Location => Engine == WarehouseEngine.DuckDb ? Path.GetFullPath(Value) : Value;

    public string DefaultSchemaFolder => SchemaMigrator.DefaultFolder(Engine == WarehouseEngine.DuckDb ? "duckdb" : "sqlserver");
}

/// <summary>Opens the warehouse engine that a --warehouse value names (the one place that knows the engines).</summary>
public static class WarehouseFactory
{
    public static IWarehouse OpenForBuild(string warehouse, string? schemaFolder = null, ILogger? log = null, string? duckDbMemoryLimit = null)
    {
        var target = WarehouseTarget.Parse(warehouse);
        var folder = schemaFolder ?? target.DefaultSchemaFolder;
        return target.Engine == WarehouseEngine.DuckDb
            ? DuckDbWarehouse.OpenForBuild(target.Value, folder, duckDbMemoryLimit)
            : SqlServerWarehouse.OpenForBuild(target.Value, folder, log: log);
    }

    /// <summary>Applies the pending schema migrations; returns the files applied (none when up to date).</summary>
    public static IReadOnlyList<string> Migrate(string warehouse, string? schemaFolder = null, ILogger? log = null)
    {
        var target = WarehouseTarget.Parse(warehouse);
        var folder = schemaFolder ?? target.DefaultSchemaFolder;
        if (target.Engine == WarehouseEngine.SqlServer)
        {
            return SqlServerWarehouse.Migrate(target.Value, folder, log: log);
        }
        using var duck = DuckDbWarehouse.OpenForBuild(target.Value, folder);
        duck.Publish();
        return duck.Applied;
    }

    public static WarehouseReader OpenReader(string warehouse)
    {
        var target = WarehouseTarget.Parse(warehouse);
        return target.Engine == WarehouseEngine.DuckDb
            ? new DuckDbReader(target)
            : new SqlServerReader(target, SqlServerRetry.Pipeline());
    }
}

/// <summary>
/// Read access to a published warehouse for kpis, drill-through and reports, on any engine. Queries are written once,
/// with @name parameters, in SQL both engines understand; <see cref="Timestamp"/> covers the one cast they spell differently.
/// </summary>
public abstract class WarehouseReader(WarehouseTarget target) : IDisposable
{
    public WarehouseTarget Target { get; } = target;

    /// <summary>The warehouse as named in messages (no password).</summary>
    public string Name => Target.Display;

    public abstract IReadOnlyList<T> Query<T>(string sql, object? parameters = null);

    /// <summary>A DATE expression as a timestamp (DuckDB returns DATE as DateOnly, which the readers do not map).</summary>
    public abstract string Timestamp(string expression);

    public virtual void Dispose() => GC.SuppressFinalize(this);
}

internal sealed partial class DuckDbReader : WarehouseReader
{
    private readonly DuckDBConnection _connection;

    public DuckDbReader(WarehouseTarget target) : base(target) => _connection = DuckDbWarehouse.OpenReadOnly(target.Value);

    [GeneratedRegex(@"(?<![@\w])@(?=[A-Za-z_])")]
    private static partial Regex AtParameter();

    public override IReadOnlyList<T> Query<T>(string sql, object? parameters = null) =>
        _connection.Query<T>(AtParameter().Replace(sql, "$"), parameters).ToList();

    public override string Timestamp(string expression) => $"CAST({expression} AS TIMESTAMP)";

    public override void Dispose()
    {
        _connection.Dispose();
        base.Dispose();
    }
}

internal sealed class SqlServerReader(WarehouseTarget target, ResiliencePipeline retry) : WarehouseReader(target)
{
    public override IReadOnlyList<T> Query<T>(string sql, object? parameters = null) => retry.Execute(() =>
    {
        using var connection = new SqlConnection(Target.Value);
        connection.Open();
        return (IReadOnlyList<T>)connection.Query<T>(sql, parameters).ToList();
    });

    public override string Timestamp(string expression) => $"CAST({expression} AS DATETIME2)";
}

/// <summary>Opens a plain connection to a warehouse (tests and tools that read it as a whole).</summary>
public static class WarehouseConnections
{
    public static DbConnection OpenReadOnly(string warehouse)
    {
        var target = WarehouseTarget.Parse(warehouse);
        if (target.Engine == WarehouseEngine.DuckDb) return DuckDbWarehouse.OpenReadOnly(target.Value);
        var connection = new SqlConnection(target.Value);
        connection.Open();
        return connection;
    }
}
