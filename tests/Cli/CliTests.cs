using System.Security.Cryptography;
using ChildrensWarehouse.Cli;
using ChildrensWarehouse.Tests.TestSupport;
using DuckDB.NET.Data;

namespace ChildrensWarehouse.Tests.Cli;

public class CliTests
{
    private static (int Code, string Out, string Err) Cli(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = EtlCli.RunAsync(args, stdout, stderr).GetAwaiter().GetResult();
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static TestExtract SmallExtract()
    {
        var x = new TestExtract();
        x.Child("A").Child("B");
        x.Row("contacts", ("contact_id", "C1"), ("child_id", "A"), ("received_at", "2016-01-10T09:00:00"), ("source", "1A"),
            ("decision_at", "2016-01-11T09:01:00"), ("outcome", "NFA"));
        x.Row("contacts", ("contact_id", "C2"), ("child_id", "B"), ("received_at", "2016-01-12T09:00:00"), ("source", "1A"),
            ("decision_at", "2016-01-12T10:00:00"), ("outcome", "NFA"));
        x.Row("children", ("child_id", "BAD"), ("sex", "M"), ("date_of_birth", "31/01/2016"));
        return x;
    }

    [Test]
    public void Kpis_prints_exactly_the_output_contract_on_stdout()
    {
        using var dir = new TempDir();
        var folder = SmallExtract().WriteTo(dir.File("x"));
        var (code, output, _) = Cli("kpis", "--source", folder, "--months", "2");
        Assert.That(code, Is.EqualTo(0));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Is.EqualTo("indicator_code,period_end,numerator,denominator,value"));
        // January: C1 decided at 24h01 (derived referral), C2 in time: 1 of 2 = 50%. The as-at month ends on 2016-02-01.
        Assert.That(lines, Does.Contain("K01,2016-01-31,1,2,50"));
        Assert.That(lines, Does.Contain("K01,2016-02-01,0,0,"));
        // K10 is a rate: population 40,000 (the test extract's default), no child looked after.
        Assert.That(lines, Does.Contain("K10,2016-01-31,0,40000,0"));
        // Sorted ordinally by code then period_end: K01 < K01T < K02 < ... < K10 < K20 < K29
        var codes = lines.Skip(1).Select(l => l.Split(',')[0]).Distinct().ToList();
        Assert.That(codes, Is.EqualTo(codes.Order(StringComparer.Ordinal).ToList()));
        Assert.That(codes, Is.SupersetOf(new[] { "K01", "K02", "K05", "K10" }));
        Assert.That(lines.Length - 1, Is.EqualTo(codes.Count * 2));
    }

    [Test]
    public void A_folder_of_extracts_loads_every_council_in_one_run_with_a_pack_for_each()
    {
        using var dir = new TempDir();
        var first = SmallExtract();
        first.LaCode = "874";
        first.WriteTo(dir.File("councils/a-874"));
        var second = SmallExtract();
        second.LaCode = "873";
        second.Row("contacts", ("contact_id", "C3"), ("child_id", "B"), ("received_at", "2016-01-20T09:00:00"), ("source", "1A"),
            ("decision_at", "2016-01-20T10:00:00"), ("outcome", "NFA"));
        second.WriteTo(dir.File("councils/b-873"));
        var warehouse = dir.File("w.duckdb");
        var (code, output, err) = Cli("run", "--source", dir.File("councils"), "--warehouse", warehouse, "--out", dir.File("out"));
        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(output, Does.Contain("2 councils loaded and published together"));
        Assert.That(WarehouseContents.Scalar(warehouse, "SELECT count(*) FROM audit.etl_run WHERE status = 'succeeded'"), Is.EqualTo(2));
        // January's K01 (contacts progressing to referral): C1, decided after 24 hours, became a referral; C2 and 873's C3
        // were decided in time as NFA: 874 1 of 2, 873 1 of 3.
        Assert.That(WarehouseContents.Scalar(warehouse, "SELECT numerator * 10 + denominator FROM fact.kpi_month WHERE la_code = '874' AND indicator_code = 'K01' AND period_end = DATE '2016-01-31'"), Is.EqualTo(12));
        Assert.That(WarehouseContents.Scalar(warehouse, "SELECT numerator * 10 + denominator FROM fact.kpi_month WHERE la_code = '873' AND indicator_code = 'K01' AND period_end = DATE '2016-01-31'"), Is.EqualTo(13));
        Assert.That(File.Exists(dir.File("out/pack/874/pack.html")) && File.Exists(dir.File("out/pack/873/pack.html")), Is.True);
    }

    [Test]
    public void When_one_extract_of_a_folder_is_unusable_no_council_is_published()
    {
        using var dir = new TempDir();
        var warehouse = dir.File("w.duckdb");
        var good = SmallExtract().WriteTo(dir.File("councils/a-874"));
        Assert.That(Cli("run", "--source", good, "--warehouse", warehouse, "--out", dir.File("out")).Code, Is.EqualTo(0));
        var before = SHA256.HashData(File.ReadAllBytes(warehouse));
        var broken = SmallExtract();
        broken.LaCode = "873";
        broken.WriteTo(dir.File("councils/b-873"));
        File.Delete(dir.File("councils/b-873/visits.csv"));
        var (code, _, err) = Cli("run", "--source", dir.File("councils"), "--warehouse", warehouse, "--out", dir.File("out"));
        Assert.That(code, Is.EqualTo(3));
        Assert.That(err, Does.Contain("b-873").And.Contain("visits.csv"));
        Assert.That(SHA256.HashData(File.ReadAllBytes(warehouse)), Is.EqualTo(before));
    }

    [Test]
    public void Kpis_from_a_warehouse_prints_the_same_rows_as_from_the_extract()
    {
        using var dir = new TempDir();
        var folder = SmallExtract().WriteTo(dir.File("x"));
        var warehouse = dir.File("w.duckdb");
        Assert.That(Cli("run", "--source", folder, "--warehouse", warehouse, "--out", dir.File("out")).Code, Is.EqualTo(0));
        var fromWarehouse = Cli("kpis", "--warehouse", warehouse, "--months", "24");
        var fromSource = Cli("kpis", "--source", folder);
        Assert.That(fromWarehouse.Code, Is.EqualTo(0));
        Assert.That(fromWarehouse.Out, Is.EqualTo(fromSource.Out));
    }

    [Test]
    public void Run_prints_the_row_accounting_and_where_the_warehouse_is()
    {
        using var dir = new TempDir();
        var folder = SmallExtract().WriteTo(dir.File("x"));
        var (code, output, _) = Cli("run", "--source", folder, "--warehouse", dir.File("w.duckdb"), "--out", dir.File("out"));
        Assert.That(code, Is.EqualTo(0), "quarantined rows do not fail a run");
        Assert.That(output, Does.Match(@"children\s+3\s+2\s+1"));
        Assert.That(output, Does.Contain("Warehouse: " + dir.File("w.duckdb")));
        Assert.That(output, Does.Contain("read+validate"));
    }

    [Test]
    public void An_unusable_extract_exits_3_with_one_line_and_leaves_the_warehouse_unchanged()
    {
        using var dir = new TempDir();
        var folder = SmallExtract().WriteTo(dir.File("x"));
        var warehouse = dir.File("w.duckdb");
        Assert.That(Cli("run", "--source", folder, "--warehouse", warehouse).Code, Is.EqualTo(0));
        var before = SHA256.HashData(File.ReadAllBytes(warehouse));
        File.Delete(Path.Combine(folder, "visits.csv"));
        var (code, _, err) = Cli("run", "--source", folder, "--warehouse", warehouse);
        Assert.That(code, Is.EqualTo(3));
        Assert.That(err.Trim().Split('\n').Where(l => l.StartsWith("error:")).Single(), Does.Contain("visits.csv: file is missing"));
        Assert.That(SHA256.HashData(File.ReadAllBytes(warehouse)), Is.EqualTo(before));
        Assert.That(File.Exists(warehouse + ".building"), Is.False);
    }

    [TestCase(new[] { "run", "--as-at", "yesterday" }, "--as-at")]
    [TestCase(new[] { "kpis" }, "exactly one of --source")]
    [TestCase(new[] { "kpis", "--source", "x", "--format", "xml" }, "xml")]
    [TestCase(new[] { "run", "--no-such-option" }, "--no-such-option")]
    [TestCase(new[] { "kpis", "--source", "x", "--months", "0" }, "--months")]
    public void Bad_arguments_exit_2_naming_the_argument(string[] args, string named)
    {
        var (code, _, err) = Cli(args);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain(named));
    }

    [Test]
    public void A_missing_source_folder_exits_3_naming_it()
    {
        using var dir = new TempDir();
        var (code, _, err) = Cli("run", "--source", dir.File("nowhere"), "--warehouse", dir.File("w.duckdb"));
        Assert.That(code, Is.EqualTo(3));
        Assert.That(err, Does.Contain("nowhere"));
        Assert.That(File.Exists(dir.File("w.duckdb")), Is.False);
    }

    [Test]
    public void Kpis_help_lists_the_implemented_indicators()
    {
        var (code, output, _) = Cli("kpis", "--help");
        Assert.That(code, Is.EqualTo(0));
        Assert.That(output, Does.Contain("Implemented: K01, K01T, K02"));
    }

    [Test]
    public void Running_twice_on_the_same_input_gives_the_same_warehouse_contents()
    {
        using var dir = new TempDir();
        var folder = SmallExtract().WriteTo(dir.File("x"));
        var warehouse = dir.File("w.duckdb");
        Assert.That(Cli("run", "--source", folder, "--warehouse", warehouse).Code, Is.EqualTo(0));
        var first = WarehouseContents.Snapshot(warehouse);
        Assert.That(Cli("run", "--source", folder, "--warehouse", warehouse).Code, Is.EqualTo(0));
        var second = WarehouseContents.Snapshot(warehouse);
        Assert.That(second.Keys, Is.EquivalentTo(first.Keys));
        foreach (var table in first.Keys)
        {
            Assert.That(second[table], Is.EqualTo(first[table]), table);
        }
        Assert.That(first["fact.kpi_month"], Is.Not.Empty);
        using var c = new DuckDBConnection($"Data Source={warehouse};ACCESS_MODE=READ_ONLY");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM audit.etl_run WHERE status = 'succeeded'";
        Assert.That(cmd.ExecuteScalar(), Is.EqualTo(2L), "the audit keeps both runs");
    }

    [Test]
    public void Status_prints_the_last_runs_with_their_mode()
    {
        using var dir = new TempDir();
        var folder = SmallExtract().WriteTo(dir.File("x"));
        var warehouse = dir.File("w.duckdb");
        Assert.That(Cli("run", "--source", folder, "--warehouse", warehouse, "--out", dir.File("out")).Code, Is.EqualTo(0));
        var incremental = Cli("run", "--source", folder, "--warehouse", warehouse, "--out", dir.File("out"), "--incremental");
        Assert.That(incremental.Code, Is.EqualTo(0));
        Assert.That(incremental.Out, Does.Contain("Run 2 (incremental)").And.Contain("0 children re-derived, 0 rewritten"));
        var (code, output, _) = Cli("status", "--warehouse", warehouse);
        Assert.That(code, Is.EqualTo(0));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[1], Does.Match(@"^\s+2\s+874\s+incremental\s+succeeded"));
        Assert.That(lines[2], Does.Match(@"^\s+1\s+874\s+full\s+succeeded"));
        Assert.That(Directory.GetFiles(dir.File("out/logs"), "etl-*.log"), Is.Not.Empty, "the run wrote its log file");
    }

    [Test]
    public void Migrate_applies_the_schema_once_and_then_reports_up_to_date()
    {
        using var dir = new TempDir();
        var warehouse = dir.File("w.duckdb");
        var first = Cli("migrate", "--warehouse", warehouse);
        Assert.That(first.Code, Is.EqualTo(0));
        Assert.That(first.Out, Does.Contain("0020_dim.date.sql").And.Contain("migration(s) applied to " + warehouse));
        var second = Cli("migrate", "--warehouse", warehouse);
        Assert.That(second.Out.Trim(), Is.EqualTo(warehouse + " is up to date"));
    }

    [TestCase("Server=sql01;User ID=etl;Password=s3cret", "names no Database")]
    [TestCase("Server=sql01;Database=cw;Colour=blue;Password=s3cret", "not a SQL Server connection string")]
    public void A_bad_warehouse_connection_string_exits_2_without_showing_the_password(string connectionString, string message)
    {
        foreach (var args in new[] { new[] { "run", "--warehouse", connectionString }, ["migrate", "--warehouse", connectionString], ["kpis", "--warehouse", connectionString] })
        {
            var (code, output, err) = Cli(args);
            Assert.That(code, Is.EqualTo(2), string.Join(" ", args));
            Assert.That(err, Does.Contain(message));
            Assert.That(output + err, Does.Not.Contain("s3cret"));
        }
    }

    [Test]
    public void A_SQL_source_without_a_connection_string_exits_2()
    {
        using var dir = new TempDir();
        var (code, _, err) = Cli("run", "--source", "sql:", "--warehouse", dir.File("w.duckdb"));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("Source:ConnectionString"));
    }
}
