using ChildrensWarehouse.Reports.Rendering;
using static ChildrensWarehouse.Tests.Reports.PackHtml;

namespace ChildrensWarehouse.Tests.Reports;

/// <summary>Checks of a rendered pack.html against its warehouse, for any council (the test one or the bundled seeds).</summary>
public static class PackChecks
{
    /// <summary>Cover, charts 1-18, one page per indicator without a chart, data quality; returns the extra pages.</summary>
    public static int SectionsInOrder(string html, string warehouse)
    {
        var extras = KpiMonth(warehouse).Where(k => k.Chart is null).Select(k => k.Code).Distinct().Order(StringComparer.Ordinal).ToList();
        var expected = new List<string> { "cover" };
        expected.AddRange(Enumerable.Range(1, 18).Select(n => "chart-" + n));
        expected.AddRange(extras.Select(c => "indicator-" + c));
        expected.Add("data-quality");
        Assert.That(Sections(html).Select(s => s.Id), Is.EqualTo(expected));
        return extras.Count;
    }

    /// <summary>Every SVG point carries its kpi_month value and RAG, every value of the 24 months is plotted, and a
    /// point's fill is its RAG colour; returns the number of points checked.</summary>
    public static int PointsMatchKpiMonth(string html, string warehouse, DateOnly periodEnd)
    {
        var kpis = KpiMonth(warehouse);
        var first = new DateOnly(periodEnd.Year, periodEnd.Month, 1).AddMonths(-23);
        var checkedPoints = 0;
        foreach (var section in Sections(html).Where(s => s.Kind is "chart-page" or "indicator-page"))
        {
            var points = Marks(section.Html, "point");
            var shouldPlot = section.Kind == "indicator-page"
                ? [section.Id["indicator-".Length..]]
                : kpis.Where(k => k.Chart == section.Id["chart-".Length..]).Select(k => k.Code).Distinct().ToList();
            foreach (var code in shouldPlot)
            {
                var expected = kpis.Where(k => k.Code == code && k.PeriodEnd >= first && k.PeriodEnd <= periodEnd && k.Value is not null)
                    .Select(k => (k.PeriodEnd, k.Value!.Value, k.Rag ?? "")).ToList();
                var plotted = points.Where(p => p["data-indicator"] == code)
                    .Select(p => (Date(p["data-period"]), Dec(p["data-value"]), p["data-rag"])).OrderBy(p => p.Item1).ToList();
                Assert.That(plotted, Is.EqualTo(expected), $"{section.Id} {code}");
                checkedPoints += plotted.Count;
            }
            Assert.That(points.Select(p => p["data-indicator"]).Distinct(), Is.SubsetOf(shouldPlot), section.Id);
            foreach (var p in points.Where(p => p.Element == "circle"))
            {
                Assert.That(p["fill"], Is.EqualTo(p["data-rag"] == "" ? "#ffffff" : Palette.Rag(p["data-rag"]).Fill), $"{p["data-indicator"]} {p["data-period"]}");
            }
        }
        return checkedPoints;
    }
}
