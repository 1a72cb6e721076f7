using System.Data.Common;
using System.Globalization;
using System.IO.Hashing;
using System.Text;
using ChildrensWarehouse.Warehouse;
using Microsoft.Data.SqlClient;
using Polly;

namespace ChildrensWarehouse.Contract;

/// <summary>
/// The case system's tables read from SQL (views or tables named as the CSV files, with the same columns, in the
/// login's default schema), plus a one-row <c>manifest</c> view with la_code and extracted_at (local_authority and
/// contract_version optional). Values are turned into the contract's text form and then validated exactly like a CSV
/// extract. Typed columns are welcome: a date is written YYYY-MM-DD, a datetime YYYY-MM-DDTHH:MM:SS (to the second, the
/// contract's resolution), a bit Y/N. Rows come in the order of the table's key and then its other columns, so a run
/// is repeatable; a quarantined row's line is its row number in that order.
/// SQL Server (<c>sql:</c>) is the case system's usual home; a DuckDB file holding the same views (<c>duckdb:</c>) is
/// read by the same code in DuckDB's dialect.
/// An incremental run (<see cref="IChangeTrackedSource"/>) reads every row's key and last_modified, and the whole of
/// only the rows whose last_modified is after the last run's extract moment (the query filters them).
/// </summary>
public sealed class SqlExtractSource : IChangeTrackedSource, IDisposable
{
    /// <summary>How one engine is spoken to: identifier quotes, the parameter marker, the timestamp type, a missing object.</summary>
    /// <param name="KeepOpen">Hold one connection open while the source is in use: DuckDB opens its file again for a connection
    /// when none is open (about 11 ms each, two queries per table); SQL Server's client pools its connections itself.</param>
    private sealed record Dialect(char Open, char Close, string Since, string TimestampType, Func<Exception, bool> IsMissingObject, Action<DbParameter> TimestampParameter,
        bool KeepOpen = false)
    {
        public string Quote(string identifier) => Open + identifier.Replace(Close.ToString(), new string(Close, 2)) + Close;
    }

    private const int InvalidObjectName = 208;

    private static readonly Dialect SqlServer = new('[', ']', "@since", "datetime2", e => e is SqlException { Number: InvalidObjectName },
        p => ((SqlParameter)p).SqlDbType = System.Data.SqlDbType.DateTime2);

    private static readonly Dialect DuckDbDialect = new('"', '"', "$since", "TIMESTAMP",
        e => e is DuckDB.NET.Data.DuckDBException && e.Message.Contains("Catalog Error", StringComparison.Ordinal), _ => { }, KeepOpen: true);

    /// <summary>A row as read: its contract values, and its last_modified as the source holds it (to the tick, not cut to the second).</summary>
    private sealed record Row(string?[] Fields, string? Modified);

    // Makes this run's print of a row without a readable last_modified unlike any earlier run's (see RowPrint).
    private readonly byte[] _runSalt = Guid.NewGuid().ToByteArray();

    private readonly Func<DbConnection> _connect;
    private readonly Dialect _dialect;
    private readonly ResiliencePipeline _retry;
    private readonly Dictionary<string, List<string>> _present = new(StringComparer.Ordinal);
    // Each table's contract columns present with their types, as the view declares them (the header of its prints).
    private readonly Dictionary<string, string> _columns = new(StringComparer.Ordinal);
    // Each table's prints as CurrentPrints took them (an incremental run), or as the full read read them (after BeginFullRead).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, RecordPrint[]> _current = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, RecordPrint[]> _fullRead = new(StringComparer.Ordinal);
    private bool _keepPrints;

    /// <summary>A SQL Server source (the <c>sql:</c> form of --source), retried on transient errors.</summary>
    public SqlExtractSource(string connectionString, ResiliencePipeline? retry = null)
        : this(ExtractSources.SqlPrefix + ConnectionStrings.Redact(connectionString), () => new SqlConnection(connectionString), SqlServer, retry ?? SqlServerRetry.Pipeline())
    {
    }

    private SqlExtractSource(string name, Func<DbConnection> connect, Dialect dialect, ResiliencePipeline retry)
    {
        Name = name;
        _connect = connect;
        _dialect = dialect;
        _retry = retry;
    }

    /// <summary>A DuckDB database file holding the case system's views (the <c>duckdb:</c> form of --source), opened read-only.</summary>
    public static SqlExtractSource DuckDb(string path)
    {
        var full = Path.GetFullPath(path);
        return new SqlExtractSource(ExtractSources.DuckDbPrefix + full, () =>
        {
            if (!File.Exists(full)) throw new ExtractUnusableException($"{full}: the DuckDB file does not exist");
            return new DuckDB.NET.Data.DuckDBConnection($"Data Source={full};ACCESS_MODE=READ_ONLY");
        }, DuckDbDialect, ResiliencePipeline.Empty);
    }

    public string Name { get; }

    public string Location(TableSpec table) => table.Name;

    private readonly Lock _gate = new();
    private DbConnection? _keeper;
    private bool _disposed;

    private DbConnection Open()
    {
        if (_dialect.KeepOpen)
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (_keeper is null)
                {
                    var keeper = _connect();
                    try
                    {
                        keeper.Open();
                    }
                    catch
                    {
                        keeper.Dispose();
                        throw;
                    }
                    _keeper = keeper;
                }
            }
        }
        var connection = _connect();
        connection.Open();
        return connection;
    }

    /// <summary>Lets go of the connection held open (DuckDB): the file is then free for others to write. The source is not read again.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _keeper?.Dispose();
            _keeper = null;
        }
    }

    private T Run<T>(Func<DbConnection, T> work) => _retry.Execute(() =>
    {
        using var connection = Open();
        return work(connection);
    });

    private static DbCommand Command(DbConnection connection, string sql)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = 0;
        return cmd;
    }

    public Manifest ReadManifest()
    {
        var where = $"{Name}: manifest";
        return Run(connection =>
        {
            using var cmd = Command(connection, "SELECT * FROM manifest");
            DbDataReader reader;
            try
            {
                reader = cmd.ExecuteReader();
            }
            catch (Exception e) when (_dialect.IsMissingObject(e))
            {
                throw new ExtractUnusableException($"{where}: there is no view or table named manifest (one row: la_code, extracted_at[, local_authority, contract_version])");
            }
            using (reader)
            {
                var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
                string? Text(string name) => columns.IndexOf(name) is var i and >= 0 && !reader.IsDBNull(i) ? ContractText(reader.GetValue(i), ColumnType.Text) : null;
                if (!reader.Read())
                {
                    throw new ExtractUnusableException($"{where}: has no row");
                }
                var laCode = Text("la_code");
                if (string.IsNullOrEmpty(laCode)) throw new ExtractUnusableException($"{where}: lacks la_code");
                var extracted = columns.IndexOf("extracted_at") is var e and >= 0 && !reader.IsDBNull(e) ? ContractText(reader.GetValue(e), ColumnType.Timestamp) : null;
                if (string.IsNullOrEmpty(extracted)) throw new ExtractUnusableException($"{where}: lacks extracted_at");
                if (!ValueParser.TryParseTimestamp(extracted, out var extractedAt))
                {
                    throw new ExtractUnusableException($"{where}: extracted_at '{extracted}' is not a timestamp YYYY-MM-DDTHH:MM[:SS]");
                }
                var version = Text("contract_version") is { } v && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : CaseSystemContract.ContractVersion;
                var manifest = new Manifest(Text("local_authority") ?? laCode, laCode, extractedAt, version);
                // Every value is read before the reader moves on (a reader past its last row has no values).
                if (reader.Read()) throw new ExtractUnusableException($"{where}: has more than one row");
                return manifest;
            }
        });
    }

    public void CheckTables(IReadOnlyList<TableSpec> tables, List<string> warnings) => Run(connection =>
    {
        foreach (var spec in tables)
        {
            using var cmd = Command(connection, $"SELECT * FROM {_dialect.Quote(spec.Name)} WHERE 1 = 0");
            List<string> columns;
            List<string> types;
            try
            {
                using var reader = cmd.ExecuteReader();
                columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
                types = Enumerable.Range(0, reader.FieldCount).Select(reader.GetDataTypeName).ToList();
            }
            catch (Exception e) when (_dialect.IsMissingObject(e))
            {
                throw new ExtractUnusableException($"{Name}: there is no view or table named {spec.Name}");
            }
            var missing = spec.Columns.FirstOrDefault(c => c.Required && !columns.Contains(c.Name, StringComparer.Ordinal));
            if (missing is not null)
            {
                throw new ExtractUnusableException($"{Name}: {spec.Name} lacks required column {missing.Name}");
            }
            var unknown = columns.Where(c => spec.Columns.All(s => s.Name != c)).ToList();
            if (unknown.Count > 0)
            {
                warnings.Add($"{spec.Name}: unknown column(s) ignored: {string.Join(", ", unknown)}");
            }
            _present[spec.Name] = spec.Columns.Where(c => columns.Contains(c.Name, StringComparer.Ordinal)).Select(c => c.Name).ToList();
            _columns[spec.Name] = string.Join("\u001f", _present[spec.Name].Select(c => c + " " + types[columns.IndexOf(c)]));
        }
        return 0;
    });

    /// <summary>The SELECT (SQL Server) that reads a table: its contract columns present, in a total order (key first).</summary>
    public static string SelectStatement(TableSpec spec, IReadOnlyList<string> present) => Select(SqlServer, spec, present, present, null);

    /// <summary>The SELECT (SQL Server) of an incremental run: the rows whose last_modified is after @since, or is not a timestamp at all.</summary>
    public static string ChangedSelectStatement(TableSpec spec, IReadOnlyList<string> present) => Select(SqlServer, spec, present, present, ModifiedSince(SqlServer));

    private static string ModifiedSince(Dialect d)
    {
        var modified = $"TRY_CAST({d.Quote("last_modified")} AS {d.TimestampType})";
        return $"{modified} > {d.Since} OR {modified} IS NULL";
    }

    private static string Select(Dialect d, TableSpec spec, IReadOnlyList<string> present, IEnumerable<string> columns, string? where)
    {
        var order = spec.Key.Concat(present.Where(c => !spec.Key.Contains(c))).Select(d.Quote);
        return $"SELECT {string.Join(", ", columns.Select(d.Quote))} FROM {d.Quote(spec.Name)}{(where is null ? "" : " WHERE " + where)} ORDER BY {string.Join(", ", order)}";
    }

    private List<string> Present(TableSpec spec) => _present.TryGetValue(spec.Name, out var p)
        ? p
        : throw new InvalidOperationException($"{spec.Name}: CheckTables must run before the rows are read");

    /// <summary>Reads rows of the table in its total order (all of them, or those <paramref name="where"/> keeps) as contract values.</summary>
    private List<Row> Rows(TableSpec spec, IReadOnlyList<string> columns, string? where, DateTime? since, CancellationToken cancellationToken)
    {
        var indexes = columns.Select(spec.IndexOf).ToArray();
        var modified = columns.ToList().IndexOf("last_modified");
        var sql = Select(_dialect, spec, Present(spec), columns, where);
        // The whole table inside one attempt, so that a retry after a dropped connection starts it again cleanly.
        return _retry.Execute(ct =>
        {
            using var connection = Open();
            using var cmd = Command(connection, sql);
            if (since is not null)
            {
                var parameter = cmd.CreateParameter();
                parameter.ParameterName = _dialect.Since[1..];
                parameter.Value = since.Value;
                _dialect.TimestampParameter(parameter);
                cmd.Parameters.Add(parameter);
            }
            using var reader = cmd.ExecuteReader();
            var rows = new List<Row>();
            while (reader.Read())
            {
                ct.ThrowIfCancellationRequested();
                var fields = new string?[spec.Columns.Count];
                for (var i = 0; i < indexes.Length; i++)
                {
                    fields[indexes[i]] = reader.IsDBNull(i) ? null : ContractText(reader.GetValue(i), spec.Columns[indexes[i]].Type);
                }
                rows.Add(new Row(fields, modified < 0 || reader.IsDBNull(modified) ? null : Exactly(reader.GetValue(modified))));
            }
            return rows;
        }, cancellationToken);
    }

    public IEnumerable<SourceRecord> Records(TableSpec spec, CancellationToken cancellationToken)
    {
        var present = Present(spec);
        var indexes = present.Select(spec.IndexOf).ToArray();
        var rows = Rows(spec, present, null, null, cancellationToken);
        if (_keepPrints) _fullRead[spec.Name] = Prints(spec, present, _columns[spec.Name], rows);
        return rows.Select((row, i) => new SourceRecord(i + 1, row.Fields, RawText(row.Fields, indexes)));
    }

    /// <summary>
    /// The columns that tell a row apart and whether it changed: its key and last_modified, the contract's change marker
    /// (every column for a table without one). The first query of an incremental run reads only these.
    /// </summary>
    private static IReadOnlyList<string> PrintColumns(TableSpec spec, IReadOnlyList<string> present) =>
        present.Contains("last_modified") ? spec.Key.Append("last_modified").Where(present.Contains).ToList() : present;

    /// <summary>
    /// Line 0 prints the columns present and their types (a view whose column changes type turns every row's values into
    /// other texts without touching its key or last_modified); line n the n-th row's <see cref="PrintColumns"/>.
    /// </summary>
    private RecordPrint[] Prints(TableSpec spec, IReadOnlyList<string> present, string header, List<Row> rows)
    {
        var print = RowPrinter(spec, present);
        var prints = new RecordPrint[rows.Count + 1];
        prints[0] = new RecordPrint(0, XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(header)), 0, 0);
        for (var i = 0; i < rows.Count; i++) prints[i + 1] = new RecordPrint(i + 1, print(rows[i]), 0, 0);
        return prints;
    }

    /// <summary>
    /// A row's print: its key and its last_modified to the tick (two changes within one second differ). A row whose
    /// last_modified is missing or no contract timestamp has no change marker to trust, so its print is salted with this
    /// run: it reads as changed in every incremental run, and is fetched and checked again (and quarantined again).
    /// </summary>
    private Func<Row, ulong> RowPrinter(TableSpec spec, IReadOnlyList<string> present)
    {
        if (!present.Contains("last_modified"))
        {
            var all = present.Select(spec.IndexOf).ToArray();
            return row => Hash(row.Fields, all, null, null);
        }
        var key = spec.Key.Where(present.Contains).Select(spec.IndexOf).ToArray();
        var modified = spec.IndexOf("last_modified");
        return row => row.Fields[modified] is { } text && ValueParser.TryParseTimestamp(text, out _)
            ? Hash(row.Fields, key, row.Modified, null)
            : Hash(row.Fields, key, row.Modified, _runSalt);
    }

    private static ulong Hash(string?[] fields, int[] columns, string? modified, byte[]? salt)
    {
        var hash = new XxHash3();
        foreach (var c in columns) Add(hash, fields[c]);
        Add(hash, modified);
        if (salt is not null) hash.Append(salt);
        return hash.GetCurrentHashAsUInt64();
    }

    private static readonly byte[] Null = [0], Value = [1], Separator = [0x1f];

    private static void Add(XxHash3 hash, string? text)
    {
        hash.Append(text is null ? Null : Value);
        if (text is not null) hash.Append(Encoding.UTF8.GetBytes(text));
        hash.Append(Separator);
    }

    /// <summary>last_modified as the source holds it: a date and time to the tick, anything else as its text.</summary>
    private static string? Exactly(object value) => value switch
    {
        DateTime d => d.Ticks.ToString(CultureInfo.InvariantCulture),
        DateTimeOffset o => o.UtcTicks.ToString(CultureInfo.InvariantCulture) + "/" + o.Offset.Ticks.ToString(CultureInfo.InvariantCulture),
        _ => ContractText(value, ColumnType.Timestamp),
    };

    /// <summary>Every row's key and last_modified, in the total order (the rows are not read).</summary>
    public RecordPrint[]? CurrentPrints(TableSpec spec, CancellationToken cancellationToken)
    {
        var present = Present(spec);
        var prints = Prints(spec, present, _columns[spec.Name], Rows(spec, PrintColumns(spec, present), null, null, cancellationToken));
        _current[spec.Name] = prints;
        return prints;
    }

    /// <summary>
    /// Fetches the rows modified after <paramref name="since"/> (the query filters them) and finds each one's line by its
    /// print among <see cref="CurrentPrints"/>'. A changed row that the filter did not return (its last_modified did not
    /// move past the last run's moment), or a row not there a moment ago (the view changed between the two queries), means
    /// the changes cannot be read exactly this way.
    /// </summary>
    public IEnumerable<SourceRecord> RecordsAt(TableSpec spec, IReadOnlyList<RecordPrint> prints, DateTime since, CancellationToken cancellationToken)
    {
        var present = Present(spec);
        if (!present.Contains("last_modified")) throw new ChangeTrackingException($"{spec.Name} has no last_modified");
        var current = _current.TryGetValue(spec.Name, out var c) ? c : throw new InvalidOperationException($"{spec.Name}: CurrentPrints must run before RecordsAt");
        List<Row> rows;
        try
        {
            rows = Rows(spec, present, ModifiedSince(_dialect), since, cancellationToken);
        }
        catch (DbException e)
        {
            throw new ChangeTrackingException($"{spec.Name}: the rows modified since {since:yyyy-MM-ddTHH:mm:ss} cannot be selected ({e.Message})");
        }
        var lines = new Dictionary<ulong, Queue<int>>();
        foreach (var p in current.Skip(1))
        {
            if (!lines.TryGetValue(p.Hash, out var queue)) lines[p.Hash] = queue = new Queue<int>();
            queue.Enqueue(p.Line);
        }
        var wanted = prints.Select(p => p.Line).ToHashSet();
        var print = RowPrinter(spec, present);
        var indexes = present.Select(spec.IndexOf).ToArray();
        var records = new List<SourceRecord>();
        foreach (var row in rows)
        {
            if (!lines.TryGetValue(print(row), out var queue) || !queue.TryDequeue(out var line))
            {
                throw new ChangeTrackingException($"{spec.Name} changed while it was read");
            }
            if (wanted.Remove(line)) records.Add(new SourceRecord(line, row.Fields, RawText(row.Fields, indexes)));
        }
        if (wanted.Count > 0)
        {
            throw new ChangeTrackingException($"{spec.Name} row {wanted.Min()} changed, but its last_modified is not after the last run's extract moment");
        }
        return records.OrderBy(r => r.Line);
    }

    public void BeginFullRead()
    {
        _fullRead.Clear();
        _keepPrints = true;
    }

    public RecordPrint[]? PrintsOfFullRead(TableSpec spec) => _fullRead.GetValueOrDefault(spec.Name);

    /// <summary>A value in the contract's text form, so that the CSV rules apply unchanged.</summary>
    public static string? ContractText(object? value, ColumnType type) => value switch
    {
        null or DBNull => null,
        string s => s,
        DateTime d when type == ColumnType.Date && d.TimeOfDay == TimeSpan.Zero => ValueParser.FormatDate(DateOnly.FromDateTime(d)),
        DateTime d => ValueParser.FormatTimestamp(new DateTime(d.Ticks - d.Ticks % TimeSpan.TicksPerSecond)),
        DateOnly d => ValueParser.FormatDate(d),
        DateTimeOffset o => o.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        bool b => b ? "Y" : "N",
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        double f => f.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static string RawText(string?[] fields, int[] indexes)
    {
        var sb = new StringBuilder();
        foreach (var i in indexes)
        {
            if (sb.Length > 0 || i != indexes[0]) sb.Append(',');
            var s = fields[i] ?? "";
            sb.Append(s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s);
        }
        return sb.ToString();
    }
}
