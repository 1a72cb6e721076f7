using System.Globalization;
using ChildrensWarehouse.Indicators;
using ChildrensWarehouse.Tests.TestSupport;

namespace ChildrensWarehouse.Tests.Indicators;

/// <summary>The bundled extract lands every indicator of seeds/calibration.csv in its stated band (issue 4).</summary>
public class CalibrationTests
{
    public static IEnumerable<TestCaseData> Bands()
    {
        var file = Repo.Path("seeds", "calibration.csv");
        if (!File.Exists(file)) yield break;
        foreach (var line in File.ReadLines(file).Skip(1).Where(l => l.Length > 0))
        {
            var f = line.Split(',', 5);
            yield return new TestCaseData(f[0], f[1], decimal.Parse(f[2], CultureInfo.InvariantCulture), decimal.Parse(f[3], CultureInfo.InvariantCulture))
                .SetName($"Calibration_{f[0]}_{f[1]}");
        }
    }

    [TestCaseSource(nameof(Bands))]
    public void The_bundled_extract_lands_in_its_calibration_band(string code, string periodEnd, decimal low, decimal high)
    {
        var row = BundledSeeds.Summary.Kpi(code, periodEnd);
        Assert.That(row.Value, Is.Not.Null.And.InRange(low, high), $"{code} at {periodEnd}: {KpiRow.Format(row.Numerator)} / {KpiRow.Format(row.Denominator)}");
    }

    [Test]
    public void Kpis_on_the_bundled_seeds_has_every_indicator_of_the_catalogue_for_24_months()
    {
        var kpis = BundledSeeds.Summary.Kpis;
        Assert.That(kpis.Select(k => k.IndicatorCode).Distinct(), Is.EquivalentTo(IndicatorDictionary.All.Keys));
        Assert.That(kpis.GroupBy(k => k.IndicatorCode).Select(g => g.Count()), Is.All.EqualTo(24));
        Assert.That(kpis.Max(k => k.PeriodEnd), Is.EqualTo(new DateOnly(2016, 2, 1)), "the as-at month ends on the as-at date");
    }

    [Test]
    public void The_bundled_extract_loads_without_quarantine()
    {
        var accounting = BundledSeeds.Summary.Accounting;
        Assert.That(accounting.Sum(a => a.Quarantined), Is.Zero);
        Assert.That(accounting.All(a => a.Read == a.Loaded), Is.True);
        Assert.That(accounting.Single(a => a.Table == "children").Loaded, Is.GreaterThan(1000));
    }
}
