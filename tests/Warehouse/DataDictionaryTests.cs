using ChildrensWarehouse.Tests.TestSupport;
using ChildrensWarehouse.Warehouse;
using Dapper;
using DuckDB.NET.Data;

namespace ChildrensWarehouse.Tests.Warehouse;

/// <summary>
/// The column dictionary (warehouse-schema/dictionary/columns.csv) describes exactly the DuckDB schema, and both engines'
/// descriptions are generated from it: COMMENT ON in DuckDB, MS_Description extended properties on SQL Server.
/// </summary>
public class DataDictionaryTests
{
    private static string DictionaryPath => Repo.Path("warehouse-schema", "dictionary", "columns.csv");
    private static string DuckDbFolder => Repo.Path("warehouse-schema", "duckdb");

    [Test]
    public void The_dictionary_has_one_line_for_every_table_view_and_column_of_the_schema_and_no_other()
    {
        var shape = WarehouseDictionary.DuckDbShape(DuckDbFolder).Select(s => $"{s.Schema}.{s.Table}.{s.Column}").ToList();
        var entries = WarehouseDictionary.Load(DictionaryPath).Select(e => $"{e.Schema}.{e.Table}.{e.Column}").ToList();
        Assert.That(entries, Is.Unique);
        Assert.That(entries.Except(shape), Is.Empty, "lines for objects the schema does not have: run `dotnet run --project etl -- schema write-dictionary`");
        Assert.That(shape.Except(entries), Is.Empty, "objects without a line: run `dotnet run --project etl -- schema write-dictionary` and describe them");
    }

    [Test]
    public void Every_description_is_one_written_line()
    {
        foreach (var e in WarehouseDictionary.Load(DictionaryPath))
        {
            var what = $"{e.Schema}.{e.Table}{(e.Column is null ? "" : "." + e.Column)}";
            Assert.That(e.Description, Is.Not.Empty, $"{what}: describe it in columns.csv");
            Assert.That(e.Description, Does.Not.Contain("\n"), what);
            Assert.That(e.Description.Length, Is.LessThanOrEqualTo(3750), $"{what}: MS_Description holds 7,500 bytes");
        }
    }

    [Test]
    public void The_committed_descriptions_are_generated_from_the_dictionary()
    {
        var entries = WarehouseDictionary.Load(DictionaryPath);
        var sqlServer = Repo.Path("warehouse-schema", "sqlserver", WarehouseDictionary.SqlServerFile);
        Assert.That(File.ReadAllText(sqlServer), Is.EqualTo(WarehouseDictionary.SqlServerDescriptions(entries)),
            "run `dotnet run --project etl -- schema write-descriptions`");
        Assert.That(File.ReadAllText(Path.Combine(DuckDbFolder, WarehouseDictionary.DuckDbCommentsFile)), Is.EqualTo(WarehouseDictionary.DuckDbComments(entries)),
            "the dictionary changed: run `dotnet run --project etl -- schema write-descriptions`");
        var text = File.ReadAllText(sqlServer);
        Assert.That(text.Split("sp_addextendedproperty").Length - 1, Is.EqualTo(entries.Count));
    }

    [Test]
    public void A_migrated_DuckDB_warehouse_carries_every_description()
    {
        using var c = new DuckDBConnection("Data Source=:memory:");
        c.Open();
        SchemaMigrator.Migrate(c, DuckDbFolder);
        var comments = c.Query<(string, string, string?, string?)>(
            """
            SELECT schema_name, table_name, NULL, comment FROM duckdb_tables()
            UNION ALL SELECT schema_name, view_name, NULL, comment FROM duckdb_views() WHERE NOT internal
            UNION ALL SELECT schema_name, table_name, column_name, comment FROM duckdb_columns()
            """).ToDictionary(r => (r.Item1, r.Item2, r.Item3), r => r.Item4);
        foreach (var e in WarehouseDictionary.Load(DictionaryPath))
        {
            Assert.That(comments.GetValueOrDefault((e.Schema, e.Table, e.Column)), Is.EqualTo(e.Description), $"{e.Schema}.{e.Table}.{e.Column}");
        }
    }

    [Test]
    public void Quotes_in_a_description_are_escaped_for_both_engines()
    {
        var entry = new[] { new DictionaryEntry("fact", "contact", "child_id", "The child's id") };
        Assert.That(WarehouseDictionary.DuckDbComments(entry), Does.Contain("IS 'The child''s id';"));
        Assert.That(WarehouseDictionary.SqlServerDescriptions(entry), Does.Contain("@value = N'The child''s id'"));
        var view = new[] { new DictionaryEntry("mart", "kpi_drill", null, "Drill") };
        Assert.That(WarehouseDictionary.DuckDbComments(view), Does.Contain("COMMENT ON VIEW mart.\"kpi_drill\""));
        Assert.That(WarehouseDictionary.SqlServerDescriptions(view), Does.Contain("@level1type = N'VIEW'"));
    }

    [Test]
    public void A_changed_dictionary_rewrites_the_comments_file_and_a_migrated_warehouse_takes_the_new_description()
    {
        using var dir = new TempDir();
        var duck = Directory.CreateDirectory(dir.File("duckdb")).FullName;
        foreach (var f in Directory.GetFiles(DuckDbFolder, "*.sql")) File.Copy(f, Path.Combine(duck, Path.GetFileName(f)));
        var sqlServer = Directory.CreateDirectory(dir.File("sqlserver")).FullName;
        var dictionary = dir.File("columns.csv");
        File.Copy(DictionaryPath, dictionary);
        var warehouse = dir.File("w.duckdb");
        using (var c = new DuckDBConnection($"Data Source={warehouse}"))
        {
            c.Open();
            SchemaMigrator.Migrate(c, duck);
        }
        Assert.That(WarehouseDictionary.WriteDescriptions(dictionary, duck, sqlServer).Select(Path.GetFileName), Is.EqualTo(new[] { "Descriptions.sql" }));
        var entries = WarehouseDictionary.Load(dictionary).ToList();
        var changed = entries.First(e => e.Column is not null);
        entries[entries.IndexOf(changed)] = changed with { Description = "Changed." };
        WarehouseDictionary.Save(dictionary, entries);
        var written = WarehouseDictionary.WriteDescriptions(dictionary, duck, sqlServer).Select(Path.GetFileName).ToList();
        Assert.That(written, Is.EqualTo(new[] { "Descriptions.sql", WarehouseDictionary.DuckDbCommentsFile }));
        using (var c = new DuckDBConnection($"Data Source={warehouse}"))
        {
            c.Open();
            Assert.That(SchemaMigrator.Migrate(c, duck), Is.EqualTo(new[] { WarehouseDictionary.DuckDbCommentsFile }), "only the comments are applied again");
            Assert.That(c.ExecuteScalar<string>("SELECT comment FROM duckdb_columns() WHERE schema_name = $s AND table_name = $t AND column_name = $c",
                new { s = changed.Schema, t = changed.Table, c = changed.Column }), Is.EqualTo("Changed."));
            Assert.That(SchemaMigrator.Migrate(c, duck), Is.Empty, "and once only");
        }
    }
}
