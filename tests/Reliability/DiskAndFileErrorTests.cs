using System.Diagnostics;
using System.Security.Cryptography;
using ChildrensWarehouse.Cli;
using ChildrensWarehouse.Tests.TestSupport;

namespace ChildrensWarehouse.Tests.Reliability;

public class DiskAndFileErrorTests
{
    private static (int Code, string Err) Cli(params string[] args)
    {
        var stderr = new StringWriter();
        var code = EtlCli.RunAsync(args, new StringWriter(), stderr).GetAwaiter().GetResult();
        return (code, stderr.ToString());
    }

    private static bool Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        try
        {
            using var p = Process.Start(start)!;
            p.WaitForExit(10_000);
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    [Test]
    public void A_full_disk_gives_one_clear_message_and_leaves_the_published_warehouse_as_it_was()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root") Assert.Ignore("needs root on Linux to mount a tiny file system");
        using var dir = new TempDir();
        var small = new TestExtract();
        small.Child("A");
        var big = new TestExtract();
        for (var i = 0; i < 3000; i++)
        {
            big.Row("children", ("child_id", $"C{i}"), ("sex", "F"), ("first_name", new string('x', 200)), ("last_name", new string('y', 200)));
            big.Row("visits", ("visit_id", $"V{i}"), ("child_id", $"C{i}"), ("visit_date", "2015-12-01"), ("visit_type", "CIN"), ("seen", "Y"));
        }
        // Size the file system to the first warehouse: the second run has no room for its copy.
        var probe = dir.File("probe/w.duckdb");
        Assert.That(Cli("run", "--source", small.WriteTo(dir.File("small")), "--warehouse", probe, "--out", dir.File("probe-out")).Code, Is.EqualTo(0));
        var size = new FileInfo(probe).Length;
        var mount = dir.File("tiny");
        Directory.CreateDirectory(mount);
        if (!Run("mount", "-t", "tmpfs", "-o", $"size={size + 64 * 1024}", "tmpfs", mount)) Assert.Ignore("cannot mount a tmpfs here");
        try
        {
            var warehouse = Path.Combine(mount, "w.duckdb");
            File.Copy(probe, warehouse);
            var before = SHA256.HashData(File.ReadAllBytes(warehouse));
            var (code, err) = Cli("run", "--source", big.WriteTo(dir.File("big")), "--warehouse", warehouse, "--out", dir.File("out"));
            Assert.That(code, Is.Not.EqualTo(0));
            var errors = err.Split('\n').Where(l => l.StartsWith("error:")).ToList();
            Assert.That(errors, Has.Count.EqualTo(1));
            Assert.That(errors[0], Does.Contain("No space left on device").Or.Contain("disk full").Or.Contain("space"));
            Assert.That(SHA256.HashData(File.ReadAllBytes(warehouse)), Is.EqualTo(before));
            Assert.That(Directory.GetFiles(mount).Select(Path.GetFileName), Is.EquivalentTo(new[] { "w.duckdb" }), "no partial build left behind");
        }
        finally
        {
            Run("umount", mount);
        }
    }

    [Test]
    public void A_table_file_that_cannot_be_read_stops_the_run_with_one_message_naming_it()
    {
        using var dir = new TempDir();
        var folder = new TestExtract().Child("A").WriteTo(dir.File("x"));
        var path = Path.Combine(folder, "visits.csv");
        File.Delete(path);
        Directory.CreateDirectory(path);   // a directory where the file should be: unreadable as a table
        var (code, err) = Cli("run", "--source", folder, "--warehouse", dir.File("w.duckdb"));
        Assert.That(code, Is.EqualTo(3));
        Assert.That(err.Trim(), Does.StartWith("error: extract unusable:").And.Contain("visits.csv").And.Contain("not a file"));
        Assert.That(File.Exists(dir.File("w.duckdb")), Is.False);
    }

    [Test]
    public void DuckDB_running_out_of_memory_names_the_setting_that_raises_its_limit()
    {
        using var connection = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using (var set = connection.CreateCommand())
        {
            set.CommandText = "SET memory_limit = '1MB'; SET temp_directory = ''";
            set.ExecuteNonQuery();
        }
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT count(DISTINCT i::VARCHAR || 'x') FROM range(2000000) AS t(i)";
        var e = Assert.Catch<DuckDB.NET.Data.DuckDBException>(() => query.ExecuteScalar())!;
        Assert.That(e.Message, Does.Contain("Out of Memory"), "DuckDB's own wording, which the message is recognised by");

        var stderr = new StringWriter();
        Assert.That(CliErrors.Report(e, stderr), Is.EqualTo(ExitCodes.Failure));
        var line = stderr.ToString().TrimEnd();
        Assert.That(line, Does.StartWith("error: DuckDB ran out of memory; raise Warehouse:DuckDbMemoryLimit"));
        Assert.That(line.Split('\n'), Has.Length.EqualTo(1), "one line");
        Assert.That(CliErrors.Describe(e).Line, Is.EqualTo(line["error: ".Length..]), "the worker logs the same line");
    }
}
