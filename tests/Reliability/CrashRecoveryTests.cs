using System.Diagnostics;
using ChildrensWarehouse.Tests.TestSupport;

namespace ChildrensWarehouse.Tests.Reliability;

/// <summary>The process is killed (SIGKILL) at each stage boundary and in the middle of the fact load; the next run recovers.</summary>
public class CrashRecoveryTests
{
    private static string EtlDll => Path.Combine(TestContext.CurrentContext.TestDirectory, "etl.dll");

    private static TestExtract Extract()
    {
        var x = new TestExtract();
        for (var i = 0; i < 300; i++)
        {
            var child = $"C{i:000}";
            x.Child(child);
            x.Row("contacts", ("contact_id", $"K{i}"), ("child_id", child), ("received_at", "2015-11-02T09:00"), ("source", "1A"), ("decision_at", "2015-11-02T10:00"), ("outcome", "REFERRAL"));
            x.Row("referrals", ("referral_id", $"R{i}"), ("child_id", child), ("contact_id", $"K{i}"), ("referral_date", "2015-11-02"), ("source", "1A"));
            x.Row("visits", ("visit_id", $"V{i}"), ("child_id", child), ("visit_date", "2015-12-01"), ("visit_type", "CIN"), ("seen", "Y"));
        }
        return x;
    }

    private static (int Code, string Err) Etl(string folder, string warehouse, string? killStage = null, long? killRows = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { EtlDll, "run", "--source", folder, "--warehouse", warehouse, "--out", Path.Combine(Path.GetDirectoryName(warehouse)!, "out") })
        {
            start.ArgumentList.Add(a);
        }
        start.Environment["CSW_Privacy__PseudonymSalt"] = "a fixed test salt of some length";
        if (killStage is not null) start.Environment["CSW_TEST_KILL_AFTER_STAGE"] = killStage;
        if (killRows is not null) start.Environment["CSW_TEST_KILL_AFTER_FACT_ROWS"] = killRows.ToString();
        using var process = Process.Start(start)!;
        var err = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        Assert.That(process.WaitForExit(120_000), Is.True, "etl did not finish");
        return (process.ExitCode, err.Result);
    }

    [TestCase("read+validate", null)]
    [TestCase("stage", null)]
    [TestCase("derive and load facts", null)]
    [TestCase("aggregate", null)]
    [TestCase("data tests", null)]
    [TestCase("publish", null)]
    [TestCase(null, 500L)]
    public void After_a_kill_the_next_run_recovers_by_itself_to_the_warehouse_of_a_clean_run(string? stage, long? rows)
    {
        using var dir = new TempDir();
        var folder = Extract().WriteTo(dir.File("x"));
        var clean = dir.File("clean/w.duckdb");
        Assert.That(Etl(folder, clean).Code, Is.EqualTo(0));

        var crashed = dir.File("crashed/w.duckdb");
        Assert.That(Etl(folder, crashed).Code, Is.EqualTo(0), "a first good run");
        var (code, _) = Etl(folder, crashed, stage, rows);
        if (stage != "publish") Assert.That(code, Is.Not.EqualTo(0), "the run was killed");
        Assert.That(Etl(folder, crashed).Code, Is.EqualTo(0), "the next run recovers by itself");
        var expected = WarehouseContents.Snapshot(clean);
        var actual = WarehouseContents.Snapshot(crashed);
        foreach (var table in expected.Keys)
        {
            Assert.That(actual[table], Is.EqualTo(expected[table]), table);
        }
    }
}
