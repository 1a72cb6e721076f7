using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace ChildrensWarehouse.Warehouse;

/// <summary>A post-load data test failed: the run stops before publishing, the previous warehouse stays.</summary>
public sealed class DataTestFailedException(string message) : Exception(message);

/// <summary>One declared data test and the SQL that returns its offending rows.</summary>
public sealed record DataTest(string Name, string Sql);

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
        using (var reader = new StreamReader(Path.Combine(schemaRoot, "data-tests.csv")))
        using (var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture)))
        {
            foreach (var t in csv.GetRecords<Declared>())
            {
                tests.Add(new DataTest($"{t.table}.{t.column} {t.test}" + (string.IsNullOrEmpty(t.argument) ? "" : $" ({t.argument})"), Sql(t)));
            }
        }
        foreach (var file in Directory.GetFiles(Path.Combine(schemaRoot, "data-tests"), "*.sql").Order(StringComparer.Ordinal))
        {
            tests.Add(new DataTest(Path.GetFileNameWithoutExtension(file), File.ReadAllText(file)));
        }
        return tests;
    }

    // Lower-case names match the CSV header.
    private sealed record Declared(string table, string column, string test, string? argument);

    private static string Quote(string value) => "'" + value.Replace("'", "''") + "'";

    private static string Sql(Declared t) => t.test switch
    {
        "unique" => $"SELECT {t.column}, count(*) AS n FROM {t.table} GROUP BY {t.column} HAVING count(*) > 1",
        "not_null" => $"SELECT * FROM {t.table} WHERE {t.column} IS NULL",
        "accepted_values" => $"SELECT {t.column}, count(*) AS n FROM {t.table} WHERE {t.column} IS NOT NULL AND {t.column} NOT IN ({string.Join(", ", t.argument!.Split('|').Select(Quote))}) GROUP BY {t.column}",
        "relationship" => Relationship(t),
        _ => throw new InvalidDataException($"data-tests.csv: unknown test '{t.test}' for {t.table}.{t.column}"),
    };

    private static string Relationship(Declared t)
    {
        var dot = t.argument!.LastIndexOf('.');
        var (parent, parentColumn) = (t.argument[..dot], t.argument[(dot + 1)..]);
        var sameCouncil = GlobalTables.Contains(parent) ? "" : " AND p.la_code = c.la_code";
        return $"SELECT c.{t.column} FROM {t.table} AS c WHERE c.{t.column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM {parent} AS p WHERE p.{parentColumn} = c.{t.column}{sameCouncil})";
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
