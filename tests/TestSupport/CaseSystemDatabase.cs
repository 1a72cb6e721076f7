using System.Globalization;
using ChildrensWarehouse.Contract;
using CsvHelper;
using CsvHelper.Configuration;
using DuckDB.NET.Data;

namespace ChildrensWarehouse.Tests.TestSupport;

/// <summary>
/// A case system's tables as a DuckDB database (the <c>duckdb:</c> source): an extract folder's CSV files loaded as
/// tables of text columns (so bad values can be there; a record short of fields gets nulls), except children, which is
/// a typed table (DATE, TIMESTAMP with milliseconds, which the source reads to the second) behind a view, and a manifest view.
/// </summary>
public static class CaseSystemDatabase
{
    /// <summary>Writes (or rewrites) <paramref name="file"/> from the extract folder; returns the --source text.</summary>
    public static string Write(string folder, string file)
    {
        if (File.Exists(file)) File.Delete(file);
        using var c = new DuckDBConnection($"Data Source={file}");
        c.Open();
        void Exec(string sql)
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            cmd.ExecuteNonQuery();
        }
        var manifest = CsvExtractSource.ReadManifest(folder);
        Exec($"CREATE VIEW manifest AS SELECT 'Testshire' AS local_authority, '{manifest.LaCode}' AS la_code, TIMESTAMP '{manifest.ExtractedAt:yyyy-MM-dd HH:mm:ss}' AS extracted_at");
        foreach (var spec in CaseSystemContract.AllTables)
        {
            var typed = Typed(spec);
            var table = typed ? "children_typed" : spec.Name;
            string Type(ColumnSpec col) => typed && col.Type == ColumnType.Date ? "DATE" : typed && col.Type == ColumnType.Timestamp ? "TIMESTAMP" : "VARCHAR";
            Exec($"CREATE TABLE \"{table}\" ({string.Join(", ", spec.Columns.Select(col => $"\"{col.Name}\" {Type(col)}"))})");
            using (var appender = c.CreateAppender(table))
            {
                foreach (var values in Values(folder, spec))
                {
                    var row = appender.CreateRow();
                    foreach (var value in values)
                    {
                        if (value is null) row.AppendNullValue();
                        else if (value is DateTime d) row.AppendValue(d);
                        else row.AppendValue((string)value);
                    }
                    row.EndRow();
                }
            }
            if (typed) Exec($"CREATE VIEW children AS SELECT {string.Join(", ", spec.Columns.Select(col => $"\"{col.Name}\""))} FROM children_typed");
        }
        return ExtractSources.DuckDbPrefix + file;
    }

    /// <summary>The children table is loaded typed (behind a view of the same name); every other table as text.</summary>
    public static bool Typed(TableSpec spec) => spec.Name == "children";

    /// <summary>
    /// A table's CSV records as values by contract column: null where empty or absent (a record short of fields gets
    /// nulls), text, or in the typed table a date or a timestamp given 250 milliseconds (which the source cuts to the second).
    /// </summary>
    public static IEnumerable<object?[]> Values(string folder, TableSpec spec)
    {
        using var reader = new StreamReader(Path.Combine(folder, spec.RelativePath));
        using var csv = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.None, BadDataFound = null, MissingFieldFound = null });
        if (!csv.Read()) yield break;
        var header = csv.Record!;
        while (csv.Read())
        {
            var record = csv.Record!;
            yield return spec.Columns.Select(col =>
            {
                var at = Array.IndexOf(header, col.Name);
                var value = at >= 0 && at < record.Length && record[at].Length > 0 ? record[at] : null;
                return value is null ? null
                    : Typed(spec) && col.Type == ColumnType.Date ? DateTime.Parse(value, CultureInfo.InvariantCulture).Date
                    : Typed(spec) && col.Type == ColumnType.Timestamp ? DateTime.Parse(value, CultureInfo.InvariantCulture).AddMilliseconds(250)
                    : (object)value;
            }).ToArray();
        }
    }
}
