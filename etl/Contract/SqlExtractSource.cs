using System.Globalization;
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
/// is repeatable; a quarantined row's line is its row number in that order. Nothing is filtered yet (every row is read).
/// </summary>
public sealed class SqlExtractSource(string connectionString, ResiliencePipeline? retry = null) : IExtractRowSource
{
    private readonly ResiliencePipeline _retry = retry ?? SqlServerRetry.Pipeline();
    private readonly Dictionary<string, List<string>> _present = new(StringComparer.Ordinal);

    public string Name => ExtractSources.SqlPrefix + ConnectionStrings.Redact(connectionString);

    public string Location(TableSpec table) => table.Name;

    private const int InvalidObjectName = 208;

    private SqlConnection Open()
    {
        var connection = new SqlConnection(connectionString);
        connection.Open();
        return connection;
    }

    private static string Quote(string identifier) => "[" + identifier.Replace("]", "]]") + "]";

    private T Run<T>(Func<SqlConnection, T> work) => _retry.Execute(() =>
    {
        using var connection = Open();
        return work(connection);
    });

    public Manifest ReadManifest()
    {
        var where = $"{Name}: manifest";
        return Run(connection =>
        {
            using var cmd = new SqlCommand("SELECT * FROM manifest", connection);
            SqlDataReader reader;
            try
            {
                reader = cmd.ExecuteReader();
            }
            catch (SqlException e) when (e.Number == InvalidObjectName)
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
                if (reader.Read()) throw new ExtractUnusableException($"{where}: has more than one row");
                return new Manifest(Text("local_authority") ?? laCode, laCode, extractedAt, version);
            }
        });
    }

    public void CheckTables(IReadOnlyList<TableSpec> tables, List<string> warnings) => Run(connection =>
    {
        foreach (var spec in tables)
        {
            using var cmd = new SqlCommand($"SELECT TOP (0) * FROM {Quote(spec.Name)}", connection);
            List<string> columns;
            try
            {
                using var reader = cmd.ExecuteReader();
                columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
            }
            catch (SqlException e) when (e.Number == InvalidObjectName)
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
        }
        return 0;
    });

    /// <summary>The SELECT that reads a table: its contract columns present, in a total order (key first).</summary>
    public static string SelectStatement(TableSpec spec, IReadOnlyList<string> present)
    {
        var order = spec.Key.Concat(present.Where(c => !spec.Key.Contains(c))).Select(Quote);
        return $"SELECT {string.Join(", ", present.Select(Quote))} FROM {Quote(spec.Name)} ORDER BY {string.Join(", ", order)}";
    }

    public IEnumerable<SourceRecord> Records(TableSpec spec, CancellationToken cancellationToken)
    {
        var present = _present.TryGetValue(spec.Name, out var p)
            ? p
            : throw new InvalidOperationException($"{spec.Name}: CheckTables must run before the rows are read");
        var indexes = present.Select(spec.IndexOf).ToArray();
        // Read the whole table inside one attempt, so that a retry after a dropped connection starts it again cleanly.
        return _retry.Execute(ct =>
        {
            using var connection = Open();
            using var cmd = new SqlCommand(SelectStatement(spec, present), connection) { CommandTimeout = 0 };
            using var reader = cmd.ExecuteReader();
            var records = new List<SourceRecord>();
            var line = 0;
            while (reader.Read())
            {
                ct.ThrowIfCancellationRequested();
                line++;
                var fields = new string?[spec.Columns.Count];
                for (var i = 0; i < indexes.Length; i++)
                {
                    fields[indexes[i]] = reader.IsDBNull(i) ? null : ContractText(reader.GetValue(i), spec.Columns[indexes[i]].Type);
                }
                records.Add(new SourceRecord(line, fields, RawText(fields, indexes)));
            }
            return records;
        }, cancellationToken);
    }

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
