using ChildrensWarehouse.Contract;
using ChildrensWarehouse.Pipeline;
using ChildrensWarehouse.Tests.TestSupport;
using ChildrensWarehouse.Warehouse;

namespace ChildrensWarehouse.Tests.Warehouse;

/// <summary>
/// The child-ordered readers over the staging give each child exactly what the extract grouped by child gives: the same
/// children in the same order, and each child's rows of every table (a CP review through its plan) in source order.
/// </summary>
public class StagedChildrenTests
{
    [Test]
    public void Children_read_back_from_the_staging_are_the_extracts_children_in_the_same_order_with_the_same_rows()
    {
        // Ids whose order differs between UTF-16 code units (.NET's ordinal order, the derivation's) and UTF-8 bytes
        // (DuckDB's): U+FF21 sorts after a surrogate pair in one and before it in the other.
        string[] ids = ["B", "a", "A10", "A9", "\uFF21", "\U0001F600", "Zed"];
        var x = new TestExtract();
        foreach (var id in ids) x.Child(id);
        x.Row("contacts", ("contact_id", "C2"), ("child_id", "A9"), ("received_at", "2016-01-04T10:00"), ("source", "1A"));
        x.Row("contacts", ("contact_id", "C1"), ("child_id", "A9"), ("received_at", "2016-01-03T10:00"), ("source", "1A"));
        x.Row("contacts", ("contact_id", "C3"), ("child_id", "\U0001F600"), ("received_at", "2016-01-03T10:00"), ("source", "1A"));
        x.Row("referrals", ("referral_id", "R1"), ("child_id", "\uFF21"), ("referral_date", "2016-01-05"), ("source", "1A"), ("contact_id", "C3"));
        x.Row("cp_plans", ("cp_plan_id", "P1"), ("referral_id", "R1"), ("child_id", "\uFF21"), ("start_date", "2016-01-06"), ("category", "NEGLECT"));
        x.Row("cp_reviews", ("cp_review_id", "V2"), ("cp_plan_id", "P1"), ("review_date", "2016-01-09"));
        x.Row("cp_reviews", ("cp_review_id", "V1"), ("cp_plan_id", "P1"), ("review_date", "2016-01-08"));
        x.Row("visits", ("visit_id", "V9"), ("child_id", "Zed"), ("visit_date", "2016-01-07"), ("visit_type", "CP"), ("seen", "Y"));
        using var dir = new TempDir();
        var extract = new ExtractReader().Read(x.WriteTo(dir.File("x")));
        Assert.That(extract.Quarantine, Is.Empty);

        using var build = (DuckDbWarehouse)WarehouseFactory.OpenForBuild(dir.File("w.duckdb"));
        foreach (var spec in CaseSystemContract.AllTables) build.Stage(extract, spec);
        List<Extract> staged;
        using (var children = new StagedChildren(build, extract)) staged = children.Children(CancellationToken.None).ToList();
        var grouped = ChildInputs.ByChild(extract).All().ToList();

        string Describe(Extract child) => string.Join("\n", CaseSystemContract.AllTables.Where(ChildInputs.IsChildTable).Select(t =>
            $"{t.Name}: " + string.Join(" | ", child[t.Name].Rows.Select(r => $"{r.Line}:" + string.Join(",", r.Values.Select(ExtractReader.Format))))));
        Assert.That(staged.Select(c => c["children"].Rows.Single().Text(0)), Is.EqualTo(ids.Order(StringComparer.Ordinal)));
        Assert.That(staged.Select(Describe), Is.EqualTo(grouped.Select(Describe)));
        Assert.That(staged.Single(c => c["children"].Rows.Single().Text(0) == "\uFF21")["cp_reviews"].Rows.Select(r => r.Text(0)), Is.EqualTo(new[] { "V2", "V1" }),
            "a CP review reaches its plan's child, in source order");
    }
}
