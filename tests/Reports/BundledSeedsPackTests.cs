using ChildrensWarehouse.Reports;

namespace ChildrensWarehouse.Tests.Reports;

/// <summary>The pack of the bundled Peterborough extract (seeds/peterborough), when the repository has it.</summary>
public class BundledSeedsPackTests
{
    [Test]
    public void The_bundled_seeds_pack_has_every_page_and_plots_the_warehouse_numbers()
    {
        if (PackFixture.BundledSeeds is null) { Assert.Ignore("seeds/peterborough is not in this checkout yet; the hand-made council's pack is tested instead"); return; }
        var run = PackFixture.SeedsRun!;
        var pack = PackRenderer.Render(new PackOptions { WarehousePath = run.WarehousePath, OutputFolder = PackFixture.NewFolder("seeds-pack"), GeneratedAt = PackFixture.GeneratedAt });
        var html = File.ReadAllText(pack.HtmlPath);
        Assert.That(pack.ChartPages, Is.EqualTo(18));
        Assert.That(PackChecks.SectionsInOrder(html, run.WarehousePath), Is.EqualTo(pack.IndicatorPages));
        Assert.That(PackChecks.PointsMatchKpiMonth(html, run.WarehousePath, pack.PeriodEnd), Is.GreaterThan(0));
        Assert.That(pack.PdfPages, Is.GreaterThanOrEqualTo(1 + 18 + pack.IndicatorPages + 1));
    }
}
