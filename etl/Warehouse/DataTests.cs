using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace ChildrensWarehouse.Warehouse;

/// <summary>A post-load data test failed: the run stops before publishing, the previous warehouse stays.</summary>
public sealed class DataTestFailedException(string message) : Exception(message);

/// <summary>
/// One declared data test and the SQL that returns its offending rows; <paramref name="WrittenSince"/>, for a test of a
/// table whose rows carry their run, the same test over the rows of runs from the one a parameter names (given the
/// parameter's text, `$written_since` or `@written_since`), for a batch that tests only what it wrote.
/// </summary>
public sealed record DataTest(string Name, string Sql, Func<string, string>? WrittenSince = null)
{
    /// <summary>The parameter a test limited to a batch's rows names.</summary>
    public const string WrittenSinceParameter = "written_since";

    /// <summary>The SQL to run: over every row, or (<paramref name="parameter"/> given, where the test can be) over the rows written since it.</summary>
    public string SqlFor(string? parameter) => parameter is not null && WrittenSince is { } scoped ? scoped(parameter) : Sql;
}

/// <summary>
/// Post-load data tests in the spirit of dbt's (STYLE.md): unique keys, not-null, relationships and accepted values
/// declared in warehouse-schema/data-tests.csv, and reconciliations as SQL files in warehouse-schema/data-tests/
/// returning offending rows. Run inside the unit of work before it is published; SQL common to DuckDB and T-SQL.
/// </summary>
public static class DataTests
{
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "warehouse-schema");

    /// <summary>Tables shared by all councils (no la_code): a relationship to them ignores the council.</summary>
    private static readonly HashSet<string> GlobalTables = ["dim.indicator", "dim.date"];

    public static IReadOnlyList<DataTest> Load(string schemaRoot)
    {
        var tests = new List<DataTest>();
        foreach (var t in Declarations(schemaRoot))
        {
            // Every table a declared test names carries run_id, but the shared dimensions (rewritten whole, and small).
            tests.Add(new DataTest($"{t.table}.{t.column} {t.test}" + (string.IsNullOrEmpty(t.argument) ? "" : $" ({t.argument})"), Sql(t, null),
                GlobalTables.Contains(t.table) ? null : parameter => Sql(t, parameter)));
        }
        foreach (var file in Directory.GetFiles(Path.Combine(schemaRoot, "data-tests"), "*.sql").Order(StringComparer.Ordinal))
        {
            tests.Add(new DataTest(Path.GetFileNameWithoutExtension(file), File.ReadAllText(file)));
        }
        return tests;
    }

    // Lower-case names match the CSV header.
    private sealed record Declared(string table, string column, string test, string? argument);

    /// <summary>The declared relationships, table to parent table ("schema.table" each): which rows name which.</summary>
    public static IReadOnlyList<(string Table, string Parent)> Relationships(string schemaRoot) =>
        Declarations(schemaRoot).Where(t => t.test == "relationship").Select(t => (t.table, t.argument![..t.argument!.LastIndexOf('.')])).ToList();

    /// <summary>The tests declared in data-tests.csv.</summary>
    private static List<Declared> Declarations(string schemaRoot)
    {
        using var reader = new StreamReader(Path.Combine(schemaRoot, "data-tests.csv"));
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        return csv.GetRecords<Declared>().ToList();
    }

    private static string Quote(string value) => "'" + value.Replace("'", "''") + "'";

    /// <summary>The test over every row, or (<paramref name="since"/>: a parameter's text) over the rows of runs from the one it names.</summary>
    private static string Sql(Declared t, string? since)
    {
        var written = since is null ? "" : $"run_id >= {since} AND ";
        return t.test switch
        {
            "unique" => since is null
                ? $"SELECT {t.column}, count(*) AS n FROM {t.table} GROUP BY {t.column} HAVING count(*) > 1"
                // A key shared by a written row and any other (written or not): the written keys, joined to every row.
                : $"SELECT {Qualified(t.column, "c")}, count(*) AS n FROM {t.table} AS c JOIN (SELECT DISTINCT {t.column} FROM {t.table} WHERE run_id >= {since}) AS w ON " +
                  string.Join(" AND ", t.column.Split(',').Select(k => $"w.{k} = c.{k}")) + $" GROUP BY {Qualified(t.column, "c")} HAVING count(*) > 1",
            "not_null" => $"SELECT * FROM {t.table} WHERE {written}{t.column} IS NULL",
            "accepted_values" => $"SELECT {t.column}, count(*) AS n FROM {t.table} WHERE {written}{t.column} IS NOT NULL AND {t.column} NOT IN ({string.Join(", ", t.argument!.Split('|').Select(Quote))}) GROUP BY {t.column}",
            "relationship" => Relationship(t, since is null ? "" : $"c.{written}"),
            _ => throw new InvalidDataException($"data-tests.csv: unknown test '{t.test}' for {t.table}.{t.column}"),
        };
    }

    private static string Qualified(string columns, string alias) => string.Join(", ", columns.Split(',').Select(k => $"{alias}.{k}"));

    private static string Relationship(Declared t, string written)
    {
        var dot = t.argument!.LastIndexOf('.');
        var (parent, parentColumn) = (t.argument[..dot], t.argument[(dot + 1)..]);
        var sameCouncil = GlobalTables.Contains(parent) ? "" : " AND p.la_code = c.la_code";
        // A join to the parent rather than NOT EXISTS: DuckDB answers a correlated NOT EXISTS by first holding every
        // child row's values (the national warehouse's drill-through ran out of a 512 MB limit), a join by hashing the
        // parent's keys and streaming the child rows past them (and 3.6 times sooner).
        return $"SELECT c.{t.column} FROM {t.table} AS c LEFT JOIN {parent} AS p ON p.{parentColumn} = c.{t.column}{sameCouncil} " +
            $"WHERE {written}c.{t.column} IS NOT NULL AND p.{parentColumn} IS NULL";
    }

    /// <summary>
    /// The tests as an engine runs them: over every row, or (<paramref name="writtenSince"/> given) limited where they
    /// can be to the rows of runs from that one; and, for a test's SQL, the parameters it names (null when none).
    /// </summary>
    public static (IReadOnlyList<DataTest> Tests, Func<string, object?> ParametersOf) Prepare(IReadOnlyList<DataTest> tests, long? writtenSince, string parameterPrefix)
    {
        var parameter = writtenSince is null ? null : parameterPrefix + DataTest.WrittenSinceParameter;
        var prepared = tests.Select(t => t with { Sql = t.SqlFor(parameter), WrittenSince = null }).ToList();
        var parameters = new Dictionary<string, object?> { [DataTest.WrittenSinceParameter] = writtenSince };
        return (prepared, sql => parameter is not null && sql.Contains(parameter, StringComparison.Ordinal) ? parameters : null);
    }

    /// <summary>Runs every test; throws naming each failed test, its count and a few offending rows.</summary>
    public static void Run(Func<string, int, (long Count, IReadOnlyList<string> Sample)> offenders, IReadOnlyList<DataTest> tests)
    {
        var failures = new List<string>();
        foreach (var test in tests)
        {
            var (count, sample) = offenders(test.Sql, 5);
            if (count > 0)
            {
                failures.Add($"{test.Name}: {count} offending row(s), e.g. {string.Join("; ", sample)}");
            }
        }
        if (failures.Count > 0)
        {
            throw new DataTestFailedException($"{failures.Count} data test(s) failed; nothing was published. " + string.Join(" | ", failures));
        }
    }
}
