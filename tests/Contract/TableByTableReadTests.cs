using ChildrensWarehouse.Contract;
using ChildrensWarehouse.Tests.TestSupport;

namespace ChildrensWarehouse.Tests.Contract;

/// <summary>
/// A read that hands each table over as soon as it is final and lets its rows go (a full run stages it there and then)
/// validates exactly as a read that holds everything: the same rows handed over, the same quarantine in the same order,
/// the same accounting, and a later table's foreign keys still checked against a parent whose rows are gone.
/// </summary>
public class TableByTableReadTests
{
    private static (Extract Held, Extract Released, Dictionary<string, List<string>> HandedOver) ReadBothWays(string folder)
    {
        var held = new ExtractReader().Read(folder);
        var handedOver = new Dictionary<string, List<string>>();
        var order = new List<string>();
        var released = new ExtractReader().Read(new CsvExtractSource(folder), CancellationToken.None, table =>
        {
            order.Add(table.Spec.Name);
            handedOver[table.Spec.Name] = table.Rows.Select(Describe).ToList();
            return false;   // every table's rows let go
        });
        Assert.That(order, Is.EqualTo(CaseSystemContract.AllTables.Select(t => t.Name)), "tables handed over in contract order");
        return (held, released, handedOver);
    }

    private static string Describe(ExtractRow r) => $"{r.Line}:" + string.Join(",", r.Values.Select(ExtractReader.Format));

    private static void AssertSame(Extract held, Extract released, Dictionary<string, List<string>> handedOver)
    {
        foreach (var spec in CaseSystemContract.AllTables)
        {
            Assert.That(handedOver[spec.Name], Is.EqualTo(held[spec.Name].Rows.Select(Describe)), spec.Name);
            Assert.That(released[spec.Name].Rows, Is.Empty, spec.Name);
        }
        Assert.That(released.Quarantine.Select(q => (q.Table, q.Line, q.Column, q.Reason, q.RawText, q.ChildId)),
            Is.EqualTo(held.Quarantine.Select(q => (q.Table, q.Line, q.Column, q.Reason, q.RawText, q.ChildId))));
        Assert.That(released.Accounting, Is.EqualTo(held.Accounting));
        Assert.That(released.Accounting.All(a => a.Read == a.Loaded + a.Quarantined), Is.True);
    }

    [Test]
    public void Orphans_under_a_parent_whose_rows_are_gone_are_still_found()
    {
        var x = new TestExtract().Child("A").Child("B");
        x.Row("referrals", ("referral_id", "R1"), ("child_id", "A"), ("referral_date", "2016-01-05"), ("source", "1A"));
        x.Row("referrals", ("referral_id", "R2"), ("child_id", "Z"), ("referral_date", "2016-01-05"), ("source", "1A"));   // orphan: no child Z
        x.Row("assessments", ("assessment_id", "S1"), ("referral_id", "R1"), ("child_id", "A"), ("start_date", "2016-01-06"));
        x.Row("assessments", ("assessment_id", "S2"), ("referral_id", "R2"), ("child_id", "B"), ("start_date", "2016-01-06"));   // under the orphan
        x.Row("visits", ("visit_id", "V1"), ("child_id", "B"), ("visit_date", "2016-01-07"), ("visit_type", "CP"), ("seen", "Y"));
        x.Row("visits", ("visit_id", "V1"), ("child_id", "A"), ("visit_date", "2016-01-08"), ("visit_type", "CP"), ("seen", "Y"));   // duplicate id
        using var dir = new TempDir();
        var (held, released, handedOver) = ReadBothWays(x.WriteTo(dir.File("x")));
        Assert.That(held.Quarantine.Select(q => (q.Table, q.Line)), Is.EqualTo(new[] { ("referrals", 3), ("assessments", 3), ("visits", 2) }));
        AssertSame(held, released, handedOver);
    }

    [Test]
    public void The_bundled_extract_reads_the_same_either_way()
    {
        var seeds = Reports.PackFixture.BundledSeeds;
        if (seeds is null) Assert.Ignore("seeds/peterborough is not in this checkout");
        var (held, released, handedOver) = ReadBothWays(seeds!);
        AssertSame(held, released, handedOver);
    }
}
