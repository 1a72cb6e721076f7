using System.Globalization;
using ChildrensWarehouse.Contract;
using ChildrensWarehouse.Tests.TestSupport;
using Microsoft.Data.SqlClient;

namespace ChildrensWarehouse.Tests.Contract;

/// <summary>
/// --source sql:... on a real SQL Server (Testcontainers, or CSW_TEST_SQLSERVER; skipped with the reason where neither
/// exists): the case-system tables as SQL tables and views give the same rows, quarantine and numbers as the CSV files.
/// </summary>
public class SqlSourceTests
{
    [OneTimeSetUp]
    public void ServerIsAvailable() => SqlServerInstance.MasterOrIgnore();

    internal static TestExtract Extract()
    {
        var x = new TestExtract();
        x.Child("A").Child("B");
        x.Row("children", ("child_id", "C"), ("sex", "M"), ("date_of_birth", "2010-02-28"), ("first_name", "Robert'); DROP TABLE children;--"));
        x.Row("referrals", ("referral_id", "R2"), ("child_id", "A"), ("referral_date", "2016-02-30"), ("source", "1A"));
        x.Row("children", ("child_id", "A"), ("sex", "F"), ("last_modified", "2015-12-01T00:00:00"));
        x.Row("contacts", ("contact_id", "C1"), ("child_id", "A"), ("received_at", "2016-01-10T09:00:00"), ("source", "1A"),
            ("decision_at", "2016-01-11T09:01:00"), ("outcome", "NFA"));
        x.Row("contacts", ("contact_id", "C2"), ("child_id", "B"), ("received_at", "2016-01-12T09:00:00"), ("source", "1A"),
            ("decision_at", "2016-01-12T10:00:00"), ("outcome", "NFA"));
        x.Row("referrals", ("referral_id", "R1"), ("child_id", "Z"), ("referral_date", "2015-05-01"), ("source", "1A"));
        x.Row("cla_episodes", ("episode_id", "E1"), ("child_id", "A"), ("start_date", "2015-01-01"), ("end_date", "2015-03-01"),
            ("legal_status", "C2"), ("reason_new_episode", "S"), ("placement_type", "U1"), ("reason_ceased", "E8"));
        x.Row("cla_episodes", ("episode_id", "E2"), ("child_id", "A"), ("start_date", "2015-02-01"),
            ("legal_status", "C2"), ("reason_new_episode", "S"), ("placement_type", "U1"));
        return x;
    }

    /// <summary>
    /// Loads the extract's CSV files into a new database as <see cref="CaseSystemDatabase"/> loads a DuckDB file: children as
    /// a typed table (DATE, DATETIME2 with milliseconds) behind a view, every other table as text columns (so bad values
    /// can be there), and the manifest view.
    /// </summary>
    private static string LoadIntoSqlServer(string folder)
    {
        var cs = SqlServerInstance.NewDatabase("src");
        using var c = new SqlConnection(cs);
        c.Open();
        void Exec(string sql)
        {
            using var cmd = new SqlCommand(sql, c);
            cmd.ExecuteNonQuery();
        }
        var manifest = CsvExtractSource.ReadManifest(folder);
        Exec($"CREATE VIEW manifest AS SELECT N'Testshire' AS local_authority, N'{manifest.LaCode}' AS la_code, CAST('{manifest.ExtractedAt:yyyy-MM-ddTHH:mm:ss}' AS DATETIME2(0)) AS extracted_at, 1 AS contract_version;");
        foreach (var spec in CaseSystemContract.AllTables)
        {
            var typed = CaseSystemDatabase.Typed(spec);
            var table = typed ? "children_typed" : spec.Name;
            var columns = spec.Columns.Select(col => $"[{col.Name}] " + (typed && col.Type == ColumnType.Date ? "DATE" : typed && col.Type == ColumnType.Timestamp ? "DATETIME2(3)" : "NVARCHAR(MAX)"));
            Exec($"CREATE TABLE [{table}] ({string.Join(", ", columns)});");
            foreach (var values in CaseSystemDatabase.Values(folder, spec))
            {
                using var insert = new SqlCommand($"INSERT INTO [{table}] VALUES ({string.Join(", ", spec.Columns.Select((_, i) => "@p" + i))})", c);
                for (var i = 0; i < values.Length; i++) insert.Parameters.AddWithValue("@p" + i, values[i] ?? DBNull.Value);
                insert.ExecuteNonQuery();
            }
            if (typed)
            {
                Exec($"CREATE VIEW children AS SELECT {string.Join(", ", spec.Columns.Select(col => $"[{col.Name}]"))} FROM children_typed;");
            }
        }
        return cs;
    }

    [Test]
    public void SQL_views_give_the_same_rows_and_quarantine_as_the_CSV_files()
    {
        using var dir = new TempDir();
        var folder = Extract().WriteTo(dir.File("x"));
        var cs = LoadIntoSqlServer(folder);
        var fromCsv = new ExtractReader().Read(folder);
        var fromSql = new ExtractReader().Read("sql:" + cs);
        static string Masked(string reason) => System.Text.RegularExpressions.Regex.Replace(reason, @"line \d+", "line N");
        Assert.That(fromSql.Quarantine.Select(q => (q.Table, q.Column, Masked(q.Reason))).OrderBy(q => q.ToString()),
            Is.EqualTo(fromCsv.Quarantine.Select(q => (q.Table, q.Column, Masked(q.Reason))).OrderBy(q => q.ToString())));
        foreach (var spec in CaseSystemContract.AllTables)
        {
            var key = spec.IndexOf(spec.Key[0]);
            Assert.That(fromSql[spec.Name].Rows.Select(r => r.Values).OrderBy(v => string.Join("|", v)),
                Is.EqualTo(fromCsv[spec.Name].Rows.Select(r => r.Values).OrderBy(v => string.Join("|", v))), spec.Name);
        }
        Assert.That(fromSql.Folder, Does.Not.Contain(new SqlConnectionStringBuilder(cs).Password is { Length: > 0 } p ? p : "\u0000"));
    }

    [Test]
    public void A_run_from_SQL_views_computes_the_same_indicators_as_from_the_CSV_files()
    {
        using var dir = new TempDir();
        var folder = Extract().WriteTo(dir.File("x"));
        var cs = LoadIntoSqlServer(folder);
        var fromCsv = Pipelines.Run(Extract(), dir);
        var fromSql = new ChildrensWarehouse.Pipeline.RunPipeline(Pipelines.QuietLog).Run(new ChildrensWarehouse.Pipeline.RunRequest
        {
            SourceFolder = "sql:" + cs,
            WarehousePath = dir.File("from-sql.duckdb"),
        });
        Assert.That(fromSql.Kpis, Is.EqualTo(fromCsv.Kpis));
    }

    [Test]
    public void An_incremental_run_fetches_only_the_rows_modified_since_the_last_run_and_ends_as_a_full_rebuild()
    {
        using var dir = new TempDir();
        var cs = LoadIntoSqlServer(Extract().WriteTo(dir.File("x")));
        var request = new ChildrensWarehouse.Pipeline.RunRequest
        {
            SourceFolder = "sql:" + cs, WarehousePath = dir.File("live.duckdb"), Incremental = true, PseudonymSalt = "a fixed test salt of some length",
        };
        new ChildrensWarehouse.Pipeline.RunPipeline(Pipelines.QuietLog).Run(request);
        var manifest = CsvExtractSource.ReadManifest(dir.File("x"));
        var extractedAt = manifest.ExtractedAt.AddMinutes(15);
        using (var c = new SqlConnection(cs))
        {
            c.Open();
            using var cmd = new SqlCommand(
                $"""
                 ALTER VIEW manifest AS SELECT N'Testshire' AS local_authority, N'{manifest.LaCode}' AS la_code, CAST('{extractedAt:yyyy-MM-ddTHH:mm:ss}' AS DATETIME2(0)) AS extracted_at, 1 AS contract_version;
                 """, c);
            cmd.ExecuteNonQuery();
            using var insert = new SqlCommand(
                "INSERT INTO visits (visit_id, child_id, visit_date, visit_type, seen, last_modified) VALUES (N'V9', N'B', N'2016-01-20', N'CP', N'Y', @at);", c);
            insert.Parameters.AddWithValue("@at", extractedAt.AddMinutes(-5).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
            insert.ExecuteNonQuery();
        }
        var live = new ChildrensWarehouse.Pipeline.RunPipeline(Pipelines.QuietLog).Run(request);
        var full = new ChildrensWarehouse.Pipeline.RunPipeline(Pipelines.QuietLog).Run(request with { WarehousePath = dir.File("full.duckdb"), Incremental = false });
        Assert.That((live.ChangedRecordsOnly, live.ChildrenDerived), Is.EqualTo((true, 1L)), "only B's new visit was fetched and derived");
        Assert.That(WarehouseContents.Snapshot(live.WarehousePath)["fact.visit"], Is.EqualTo(WarehouseContents.Snapshot(full.WarehousePath)["fact.visit"]));
        Assert.That(live.Kpis, Is.EqualTo(full.Kpis));
    }

    [Test]
    public void A_missing_view_or_column_makes_the_source_unusable_naming_it()
    {
        using var dir = new TempDir();
        var cs = LoadIntoSqlServer(Extract().WriteTo(dir.File("x")));
        using (var c = new SqlConnection(cs))
        {
            c.Open();
            using var cmd = new SqlCommand("EXEC sp_rename 'visits.visit_date', 'seen_on', 'COLUMN'; DROP TABLE peps;", c);
            cmd.ExecuteNonQuery();
        }
        var e = Assert.Throws<ExtractUnusableException>(() => new ExtractReader().Read("sql:" + cs))!;
        Assert.That(e.Message, Does.Contain("visits lacks required column visit_date"));
    }
}
