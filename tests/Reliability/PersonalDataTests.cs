using ChildrensWarehouse.Cli;
using ChildrensWarehouse.Tests.TestSupport;
using DuckDB.NET.Data;

namespace ChildrensWarehouse.Tests.Reliability;

public class PersonalDataTests
{
    private const string Sql = "'); DROP TABLE dim.child;--";
    private const string Html = "<img src=x onerror=alert(1)>";

    private static TestExtract Extract()
    {
        var x = new TestExtract();
        x.Row("children", ("child_id", "A"), ("sex", "F"), ("first_name", Sql), ("last_name", "O'Hara-Zimmerman"), ("nhs_number", "9990000018"), ("date_of_birth", "2009-03-17"));
        x.Row("children", ("child_id", "B"), ("sex", "M"), ("first_name", Html), ("last_name", "Quist\"ello"), ("date_of_birth", "31/12/2010"));   // quarantined: its DOB is in the raw row
        x.Row("teams", ("team_id", "T1"), ("team_name", "Team " + Sql), ("service_area", "FRONT_DOOR"));
        x.Row("contacts", ("contact_id", "C1"), ("child_id", "A"), ("received_at", "2016-01-10T09:00"), ("source", "1A"));
        return x;
    }

    [Test]
    public void Names_holding_SQL_load_intact_because_every_statement_is_parameterised()
    {
        using var dir = new TempDir();
        var run = Pipelines.Run(Extract(), dir);
        using var c = new DuckDBConnection($"Data Source={run.WarehousePath};ACCESS_MODE=READ_ONLY");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT first_name, last_name FROM dim.child WHERE child_id = 'A'";
        using var r = cmd.ExecuteReader();
        Assert.That(r.Read(), Is.True, "dim.child still exists");
        Assert.That((r.GetString(0), r.GetString(1)), Is.EqualTo((Sql, "O'Hara-Zimmerman")));
    }

    [Test]
    public void The_pseudonymised_pack_lists_quarantined_rows_without_their_dates_of_birth_or_child_ids()
    {
        using var dir = new TempDir();
        var x = Extract();
        x.Row("children", ("child_id", "DUPX9"), ("sex", "F"), ("date_of_birth", "2008-01-01"), ("last_modified", "2016-01-02T00:00:00"));
        x.Row("children", ("child_id", "DUPX9"), ("sex", "F"), ("date_of_birth", "2008-01-01"), ("last_modified", "2016-01-03T00:00:00"));
        x.Row("contacts", ("contact_id", "C2"), ("child_id", "ORPHX7"), ("received_at", "2016-01-11T09:00"), ("source", "1A"));
        var folder = x.WriteTo(dir.File("x"));
        Assert.That(EtlCli.RunAsync(["run", "--source", folder, "--warehouse", dir.File("w.duckdb"), "--out", dir.File("out")], new StringWriter(), new StringWriter())
            .GetAwaiter().GetResult(), Is.EqualTo(0));
        var pack = dir.File("out/pack");
        var texts = new[] { "pack.html", "dq.csv" }.Select(f => File.ReadAllText(Path.Combine(pack, f))).ToList();
        using (var zip = System.IO.Compression.ZipFile.OpenRead(Path.Combine(pack, "pack.xlsx")))
        {
            texts.AddRange(zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)).Select(e => new StreamReader(e.Open()).ReadToEnd()));
        }
        var all = string.Join("\n", texts);
        Assert.That(all, Does.Contain("not a date YYYY-MM-DD").And.Contain("duplicate child_id").And.Contain("orphan: child_id"), "the three rows are listed");
        foreach (var secret in new[] { "31/12/2010", "DUPX9", "ORPHX7" })
        {
            Assert.That(all, Does.Not.Contain(secret), secret);
        }
    }

    [Test]
    public void The_log_of_a_run_holds_no_names_NHS_numbers_or_dates_of_birth()
    {
        using var dir = new TempDir();
        var folder = Extract().WriteTo(dir.File("x"));
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var original = Console.Error;
        var console = new StringWriter();
        Console.SetError(console);
        try
        {
            Assert.That(EtlCli.RunAsync(["run", "--source", folder, "--warehouse", dir.File("w.duckdb"), "--out", dir.File("out")], stdout, stderr).GetAwaiter().GetResult(), Is.EqualTo(0));
        }
        finally
        {
            Console.SetError(original);
        }
        var logs = string.Join("\n", Directory.GetFiles(dir.File("out/logs")).Select(File.ReadAllText)) + console + stdout + stderr;
        Assert.That(logs, Does.Contain("Stage derive and load facts done"), "the log was captured");
        foreach (var secret in new[] { "O'Hara", "Zimmerman", "DROP TABLE dim.child", "onerror", "Quist", "9990000018", "2009-03-17", "31/12/2010" })
        {
            Assert.That(logs, Does.Not.Contain(secret));
        }
    }

    [Test]
    public void The_log_of_a_run_on_the_bundled_seeds_holds_none_of_its_names()
    {
        if (!File.Exists(Path.Combine(BundledSeeds.Folder, "manifest.json"))) Assert.Ignore("seeds/peterborough is not there");
        using var dir = new TempDir();
        var console = new StringWriter();
        var original = Console.Error;
        Console.SetError(console);
        var stdout = new StringWriter();
        try
        {
            Assert.That(EtlCli.RunAsync(["run", "--source", BundledSeeds.Folder, "--warehouse", dir.File("w.duckdb"), "--out", dir.File("out")],
                stdout, new StringWriter()).GetAwaiter().GetResult(), Is.EqualTo(0));
        }
        finally
        {
            Console.SetError(original);
        }
        var logs = string.Join("\n", Directory.GetFiles(dir.File("out/logs")).Select(File.ReadAllText)) + console + stdout;
        var words = System.Text.RegularExpressions.Regex.Matches(logs, @"[\p{L}'\-]+").Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        using var reader = new StreamReader(Path.Combine(BundledSeeds.Folder, "children.csv"));
        using var csv = new CsvHelper.CsvReader(reader, System.Globalization.CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var nhs = new List<string>();
        while (csv.Read())
        {
            names.Add(csv.GetField("first_name")!);
            names.Add(csv.GetField("last_name")!);
            if (csv.GetField("nhs_number") is { Length: > 0 } n) nhs.Add(n);
        }
        names.RemoveWhere(string.IsNullOrEmpty);
        Assert.That(names, Has.Count.GreaterThan(100), "the seeds have names");
        Assert.That(names.Where(words.Contains), Is.Empty, "names found in the logs");
        Assert.That(nhs.Where(logs.Contains), Is.Empty, "NHS numbers found in the logs");
    }
}
