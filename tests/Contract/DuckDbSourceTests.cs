using ChildrensWarehouse.Contract;
using ChildrensWarehouse.Pipeline;
using ChildrensWarehouse.Tests.TestSupport;

namespace ChildrensWarehouse.Tests.Contract;

/// <summary>
/// --source duckdb:FILE: the case system's views in a DuckDB file, read by the SQL source's code in DuckDB's dialect,
/// give the same rows, quarantine and numbers as the CSV files (as SqlSourceTests shows for SQL Server where it runs).
/// </summary>
public class DuckDbSourceTests
{
    [Test]
    public void DuckDB_views_give_the_same_rows_and_quarantine_as_the_CSV_files()
    {
        using var dir = new TempDir();
        var folder = SqlSourceTests.Extract().WriteTo(dir.File("x"));
        var source = CaseSystemDatabase.Write(folder, dir.File("case.duckdb"));
        var fromCsv = new ExtractReader().Read(folder);
        var fromDb = new ExtractReader().Read(source);
        static string Masked(string reason) => System.Text.RegularExpressions.Regex.Replace(reason, @"line \d+", "line N");
        Assert.That(fromDb.Quarantine.Select(q => (q.Table, q.Column, Masked(q.Reason))).OrderBy(q => q.ToString()),
            Is.EqualTo(fromCsv.Quarantine.Select(q => (q.Table, q.Column, Masked(q.Reason))).OrderBy(q => q.ToString())));
        Assert.That(fromDb.Quarantine, Is.Not.Empty);
        foreach (var spec in CaseSystemContract.AllTables)
        {
            Assert.That(fromDb[spec.Name].Rows.Select(r => r.Values).OrderBy(v => string.Join("|", v)),
                Is.EqualTo(fromCsv[spec.Name].Rows.Select(r => r.Values).OrderBy(v => string.Join("|", v))), spec.Name);
        }
    }

    [Test]
    public void A_run_from_DuckDB_views_computes_the_same_indicators_as_from_the_CSV_files()
    {
        using var dir = new TempDir();
        var folder = SqlSourceTests.Extract().WriteTo(dir.File("x"));
        var fromCsv = Pipelines.Run(SqlSourceTests.Extract(), dir);
        var fromDb = new RunPipeline(Pipelines.QuietLog).Run(new RunRequest
        {
            SourceFolder = CaseSystemDatabase.Write(folder, dir.File("case.duckdb")),
            WarehousePath = dir.File("from-db.duckdb"),
        });
        Assert.That(fromDb.Kpis, Is.EqualTo(fromCsv.Kpis));
        Assert.That(fromDb.Accounting, Is.EqualTo(fromCsv.Accounting));
    }

    [Test]
    public void A_missing_file_view_or_column_makes_the_source_unusable_naming_it()
    {
        using var dir = new TempDir();
        var missing = Assert.Throws<ExtractUnusableException>(() => new ExtractReader().Read("duckdb:" + dir.File("none.duckdb")))!;
        Assert.That(missing.Message, Does.Contain("none.duckdb: the DuckDB file does not exist"));
        Assert.That(File.Exists(dir.File("none.duckdb")), Is.False, "nothing created");

        var source = CaseSystemDatabase.Write(SqlSourceTests.Extract().WriteTo(dir.File("x")), dir.File("case.duckdb"));
        WarehouseContents.Execute(dir.File("case.duckdb"), "ALTER TABLE visits RENAME COLUMN visit_date TO seen_on");
        var noColumn = Assert.Throws<ExtractUnusableException>(() => new ExtractReader().Read(source))!;
        Assert.That(noColumn.Message, Does.Contain("visits lacks required column visit_date"));
        WarehouseContents.Execute(dir.File("case.duckdb"), "ALTER TABLE visits RENAME COLUMN seen_on TO visit_date; DROP TABLE peps");
        var noView = Assert.Throws<ExtractUnusableException>(() => new ExtractReader().Read(source))!;
        Assert.That(noView.Message, Does.Contain("there is no view or table named peps"));
    }
}
