using System.Xml.Linq;
using ChildrensWarehouse.Contract;
using ChildrensWarehouse.Tests.TestSupport;

namespace ChildrensWarehouse.Tests.Returns;

/// <summary>
/// The public fake SSDA903 and CIN census files of ../shared/samples load: every row of every file is loaded, quarantined
/// with its reason, or not used with its reason, the counts agree with the files' own row counts, and a pack is made.
/// </summary>
public class SampleReturnsTests
{
    private static string Samples()
    {
        if (Repo.Shared is not { } shared) Assert.Ignore("../shared is absent: the sample returns (../shared/samples) cannot be read");
        return Path.Combine(Repo.Shared!, "samples");
    }

    public static IEnumerable<string> Ssda903Folders() =>
        ["ssda903/csc-validator-be-903", "ssda903/cs-demand-model/combined", "ssda903/liia-tools", "ssda903/liia-tools-pipeline"];

    public static IEnumerable<string> CensusFiles() =>
    [
        "cin/csc-validator-be-cin/fake_CIN_data.xml", "cin/csc-validator-be-cin/CIN_Census_2021.xml", "cin/csc-validator-be-cin/CIN_Census_2021_copy.xml",
        "cin/csc-validator-be-cin/CIN_Census_2021_no_assessment_factors.xml", "cin/csc-validator-be-cin/CIN_Census_2024.xml",
        "cin/csc-validator-be-cin/CIN_Census_2026.xml", "cin/csc-validator-be-cin/CIN2rows.xml", "cin/csc-validator-be-cin/CIN_header_issues_100.xml",
        "cin/csc-validator-be-cin/CIN_la_issues_2887Q.xml", "cin/liia-tools/cin-2022.xml", "cin/liia-tools-pipeline/BAR_cin_2022.xml",
    ];

    /// <summary>Data rows of a CSV file counted independently of the reader: non-blank physical lines after the header (none of these files has a quoted newline).</summary>
    private static long CsvRows(string path) => File.ReadAllLines(path).Skip(1).Count(l => l.Trim().Length > 0);

    [TestCaseSource(nameof(Ssda903Folders))]
    public void Every_row_of_the_sample_SSDA903_files_is_accounted_for_and_a_pack_is_made(string folder)
    {
        var path = Path.Combine(Samples(), folder);
        using var dir = new TempDir();
        var run = ReturnFiles.Run($"903:{path};la:999", dir);
        Assert.That(run.SourceAccounting, Is.Not.Empty);
        foreach (var a in run.SourceAccounting)
        {
            Assert.That(a.Balanced, Is.True, $"{a.File} ({a.Table}): read {a.Read} = loaded {a.Loaded} + quarantined {a.Quarantined} + not used {a.NotUsedCount}");
            Assert.That(a.NotUsed.Keys.All(r => r.Length > 0), Is.True);
        }
        foreach (var csv in Directory.GetFiles(path, "*.csv"))
        {
            var name = Path.GetFileName(csv);
            var counted = run.SourceAccounting.Where(a => a.File == name).Sum(a => a.Read);
            Assert.That(counted, Is.EqualTo(CsvRows(csv)), $"{name}: every data row read");
        }
        foreach (var xml in Directory.GetFiles(path, "*.xml"))
        {
            var doc = XDocument.Load(xml);
            var elements = doc.Descendants().Count(e => e.Name.LocalName is "EPISODE" or "AREVIEW" or "AMISSING" or "PERMANENCE" or "OC2" or "AD_PLACED")
                + doc.Descendants().Count(e => e.Name.LocalName == "HEADER");
            var read = run.SourceAccounting.Where(a => a.File == Path.GetFileName(xml) && a.Table is not ("903 uasc" or "903 oc3" or "903 ad1")).Sum(a => a.Read);
            Assert.That(read, Is.EqualTo(elements), $"{Path.GetFileName(xml)}: every CHILD's header, episodes, reviews, missing, permanence, OC2 and placed-for-adoption rows");
        }
        var extractRows = run.Accounting.Where(a => a.Table != "bank_holidays").Sum(a => a.Read);
        Assert.That(extractRows, Is.EqualTo(run.SourceAccounting.Sum(a => a.Read - a.NotUsedCount) - MergedRows(run)),
            "every used return row became one contract row, except rows merged into another's (UASC, a census child, adoption rows)");
        AssertPack(run, dir);
    }

    /// <summary>Rows that add to another row's record rather than making their own: UASC rows and a child's second adoption row.</summary>
    private static long MergedRows(ChildrensWarehouse.Pipeline.RunSummary run)
    {
        var extract = run.Accounting.ToDictionary(a => a.Table, a => a.Read);
        var used = run.SourceAccounting.GroupBy(a => a.Table).ToDictionary(g => g.Key, g => g.Sum(a => a.Read - a.NotUsedCount));
        long Used(string table) => used.GetValueOrDefault(table);
        return Used("903 header") + Used("903 uasc") - extract["children"] + Used("903 ad1") + Used("903 placed_for_adoption") - extract["adoptions"];
    }

    [TestCaseSource(nameof(CensusFiles))]
    public void Every_element_of_the_sample_CIN_census_files_is_accounted_for_and_a_pack_is_made(string file)
    {
        var path = Path.Combine(Samples(), file);
        using var dir = new TempDir();
        var run = ReturnFiles.Run($"cin:{path}", dir);
        var doc = XDocument.Load(path);
        int Count(string name) => doc.Descendants().Count(e => e.Name.LocalName == name);
        long Read(string table) => run.SourceAccounting.Where(a => a.Table == table).Sum(a => a.Read);
        Assert.That(run.SourceAccounting.All(a => a.Balanced), Is.True);
        Assert.That(Read("cin Child"), Is.EqualTo(Count("Child")));
        Assert.That(Read("cin CINdetails"), Is.EqualTo(Count("CINdetails")));
        Assert.That(Read("cin Assessments"), Is.EqualTo(Count("Assessments")));
        Assert.That(Read("cin Section47"), Is.EqualTo(Count("Section47")));
        Assert.That(Read("cin ChildProtectionPlans"), Is.EqualTo(Count("ChildProtectionPlans")));
        Assert.That(Read("cin CPPreviewDate"), Is.EqualTo(Count("CPPreviewDate")));
        Assert.That(Read("cin CINPlanDates"), Is.EqualTo(Count("CINPlanDates")));
        // One contract row per element (a census child is one children row: no 903 here).
        var contract = run.Accounting.ToDictionary(a => a.Table, a => a.Read);
        Assert.That((contract["children"], contract["referrals"], contract["assessments"], contract["cp_plans"], contract["cp_reviews"]),
            Is.EqualTo(((long)Count("Child"), (long)Count("CINdetails"), (long)Count("Assessments"), (long)Count("ChildProtectionPlans"), (long)Count("CPPreviewDate"))));
        AssertPack(run, dir);
    }

    [TestCase("annex_a/liia-tools-pipeline")]
    [TestCase("annex_a/liia-tools")]
    public void Every_row_of_the_sample_Annex_A_lists_is_accounted_for_and_a_pack_is_made(string folder)
    {
        var path = Path.Combine(Samples(), folder);
        using var dir = new TempDir();
        var run = ReturnFiles.Run($"annexa:{path};la:999", dir);
        Assert.That(run.Manifest.ExtractedAt, Is.EqualTo(new DateTime(2021, 3, 15, 23, 59, 59)), "the lists' latest event date");
        Assert.That(run.SourceAccounting.All(a => a.Balanced), Is.True);
        foreach (var csv in Directory.GetFiles(path, "*.csv"))
        {
            var name = Path.GetFileName(csv);
            Assert.That(run.SourceAccounting.Where(a => a.File == name).Sum(a => a.Read), Is.EqualTo(CsvRows(csv)), $"{name}: every data row read");
        }
        var list11 = run.SourceAccounting.Single(a => a.Table == "annex a list 11");
        Assert.That(list11.NotUsed.Single().Key, Does.Contain("no table in the case-system contract for adopters"));
        var contract = run.Accounting.ToDictionary(a => a.Table, a => (a.Read, a.Loaded));
        Assert.That(contract["contacts"], Is.EqualTo((5L, 5L)), "list 1's five contacts");
        Assert.That(contract["cla_episodes"], Is.EqualTo((5L, 5L)), "list 8's five periods of care");
        Assert.That(contract["adoptions"], Is.EqualTo((5L, 5L)));
        Assert.That(run.Kpi("K01", "2021-03-15").Availability, Does.Contain("the Annex A lists hold no contact outcomes"));
        AssertPack(run, dir);
    }

    private static void AssertPack(ChildrensWarehouse.Pipeline.RunSummary run, TempDir dir)
    {
        using (var db = new DuckDB.NET.Data.DuckDBConnection($"Data Source={run.WarehousePath};ACCESS_MODE=READ_ONLY"))
        {
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = "SELECT count(*) FROM audit.etl_quarantine WHERE reason IS NULL OR reason = ''";
            Assert.That(Convert.ToInt64(cmd.ExecuteScalar()), Is.EqualTo(0), "every quarantined row has its reason");
        }
        var pack = ChildrensWarehouse.Reports.PackRenderer.Render(new ChildrensWarehouse.Reports.PackOptions { WarehousePath = run.WarehousePath, OutputFolder = dir.File("pack") });
        Assert.That(File.Exists(pack.HtmlPath) && File.Exists(pack.PdfPath) && File.Exists(pack.ExcelPath), Is.True);
        Assert.That(File.ReadAllText(pack.HtmlPath), Does.Contain("Not available from this source"));
        Assert.That(pack.ChartPages, Is.EqualTo(18));
    }
}
