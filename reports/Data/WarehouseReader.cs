using System.Data;
using System.Globalization;
using ChildrensWarehouse.Reports.Definitions;
using Dapper;
using DuckDB.NET.Data;

namespace ChildrensWarehouse.Reports.Data;

/// <summary>The values the report parameters take for one pack.</summary>
public sealed record ParameterValues(string LaCode, DateOnly PeriodStart, DateOnly PeriodEnd, string? Team)
{
    public object? this[string name] => name switch
    {
        ReportParameterNames.LaCode => LaCode,
        ReportParameterNames.PeriodStart => PeriodStart,
        ReportParameterNames.PeriodEnd => PeriodEnd,
        ReportParameterNames.Team => Team,
        _ => throw new ArgumentException($"unknown report parameter @{name}", nameof(name)),
    };

    /// <summary>PeriodStart: the first day of the month (months - 1) before the period end's month.</summary>
    public static DateOnly StartOf(DateOnly periodEnd, int months) => new DateOnly(periodEnd.Year, periodEnd.Month, 1).AddMonths(-(months - 1));
}

/// <summary>The rows a dataset returned, with its column names as the query gave them.</summary>
public sealed class DatasetResult(IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows)
{
    private readonly Dictionary<string, int> _index = columns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.OrdinalIgnoreCase);
    public IReadOnlyList<string> Columns { get; } = columns;
    public IReadOnlyList<object?[]> Rows { get; } = rows;

    public IEnumerable<DatasetRow> Each() => Rows.Select(r => new DatasetRow(this, r));

    internal int Index(string column) => _index.TryGetValue(column, out var i) ? i : throw new KeyNotFoundException($"the dataset has no column {column}");
}

public readonly struct DatasetRow(DatasetResult result, object?[] values)
{
    private object? Raw(string column)
    {
        var value = values[result.Index(column)];
        return value is DBNull ? null : value;
    }

    public bool Has(string column) => result.Columns.Contains(column, StringComparer.OrdinalIgnoreCase);
    public string? Text(string column) => Raw(column) is { } v ? Convert.ToString(v, CultureInfo.InvariantCulture) : null;
    public decimal? Decimal(string column) => Raw(column) is { } v ? Convert.ToDecimal(v, CultureInfo.InvariantCulture) : null;
    public long? Long(string column) => Raw(column) is { } v ? Convert.ToInt64(v, CultureInfo.InvariantCulture) : null;
    public bool Bool(string column) => Raw(column) is { } v && Convert.ToBoolean(v, CultureInfo.InvariantCulture);
    public DateOnly? Date(string column) => Raw(column) switch
    {
        null => null,
        DateOnly d => d,
        DateTime t => DateOnly.FromDateTime(t),
        var v => DateOnly.Parse(Convert.ToString(v, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture),
    };
}

/// <summary>Reads a published DuckDB warehouse, read-only, by running the report datasets over its mart views.</summary>
public sealed class WarehouseReader : IDisposable
{
    private readonly DuckDBConnection _connection;
    private readonly bool _owned;
    public string Path { get; }

    private WarehouseReader(string path, DuckDBConnection connection, bool owned)
    {
        Path = path;
        _connection = connection;
        _owned = owned;
    }

    public static WarehouseReader Open(string path)
    {
        path = System.IO.Path.GetFullPath(path);
        if (!File.Exists(path)) throw new ReportPackException($"{path}: no warehouse here (run `etl run` first)");
        var connection = new DuckDBConnection($"Data Source={path};ACCESS_MODE=READ_ONLY");
        try
        {
            connection.Open();
        }
        catch (DuckDBException e)
        {
            connection.Dispose();
            throw new ReportPackException($"{path}: cannot open the warehouse ({e.Message})");
        }
        return Checked(new WarehouseReader(path, connection, owned: true));
    }

    /// <summary>
    /// A reader over a connection its caller holds open and closes (a run's build, read before it is published, so that
    /// the pack shows exactly what the run publishes); <paramref name="name"/> names the warehouse in messages.
    /// </summary>
    public static WarehouseReader Over(DuckDBConnection connection, string name) => Checked(new WarehouseReader(name, connection, owned: false));

    private static WarehouseReader Checked(WarehouseReader reader)
    {
        var missing = new[] { "kpi_month", "kpi_drill", "data_quality", "indicator" }
            .Where(v => !reader.HasView("mart", v))
            .ToList();
        if (missing.Count > 0)
        {
            reader.Dispose();
            throw new ReportPackException($"{reader.Path}: the warehouse lacks mart.{string.Join(", mart.", missing)}; run `etl run` to migrate it");
        }
        return reader;
    }

    private HashSet<(string Schema, string Name)>? _relations;

    /// <summary>Whether the warehouse has the view (or table); the catalogue is read once, by the first question.</summary>
    public bool HasView(string schema, string view) =>
        (_relations ??= _connection.Query<(string, string)>("SELECT table_schema, table_name FROM information_schema.tables").ToHashSet()).Contains((schema, view));

    public IReadOnlyList<string> Councils() => _connection.Query<string>(SqlDialect.ForDuckDb(Datasets.Councils().CommandText)).ToList();

    public IReadOnlyList<DateOnly> Periods(string laCode)
    {
        var result = Run(Datasets.Periods(), name => name == ReportParameterNames.LaCode ? laCode : throw new ArgumentException(name));
        return result.Each().Select(r => r.Date("period_end")!.Value).ToList();
    }

    public DatasetResult Run(Dataset dataset, ParameterValues values, CancellationToken cancellationToken = default) =>
        Run(dataset, name => values[name], cancellationToken);

    public DatasetResult Run(Dataset dataset, Func<string, object?> parameter, CancellationToken cancellationToken = default) =>
        Run(_connection, dataset, parameter, cancellationToken);

    /// <summary>
    /// Runs the datasets two at a time (<see cref="TwoConnections"/>: most of them are scans too small for DuckDB to share
    /// out over its threads); the results are in the datasets' order.
    /// </summary>
    public IReadOnlyList<DatasetResult> RunAll(IReadOnlyList<(Dataset Dataset, ParameterValues Values)> runs, CancellationToken cancellationToken = default)
    {
        var results = new DatasetResult[runs.Count];
        TwoConnections.ForEach(_connection, runs.Count, (connection, i) => results[i] = Run(connection, runs[i].Dataset, name => runs[i].Values[name], cancellationToken));
        return results;
    }

    private DatasetResult Run(DuckDBConnection connection, Dataset dataset, Func<string, object?> parameter, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var command = connection.CreateCommand();
        command.CommandText = SqlDialect.ForDuckDb(dataset.CommandText);
        foreach (var name in dataset.Parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = parameter(name) ?? DBNull.Value;
            command.Parameters.Add(p);
        }
        try
        {
            using var reader = command.ExecuteReader();
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
            var rows = new List<object?[]>();
            while (reader.Read())
            {
                var row = new object?[reader.FieldCount];
                reader.GetValues(row!);
                rows.Add(row);
            }
            return new DatasetResult(columns, rows);
        }
        catch (DuckDBException e)
        {
            throw new ReportPackException($"{Path}: dataset {dataset.Name} failed ({e.Message})");
        }
    }

    public void Dispose()
    {
        if (_owned) _connection.Dispose();
    }
}
