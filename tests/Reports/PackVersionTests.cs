using System.Text.RegularExpressions;
using ChildrensWarehouse.Reports.Rendering;
using ChildrensWarehouse.Tests.TestSupport;
using ClosedXML.Excel;
using static ChildrensWarehouse.Tests.Reports.PackHtml;

namespace ChildrensWarehouse.Tests.Reports;

/// <summary>The public version (small-number suppression, no child or worker detail) and the identifiable one.</summary>
public class PackVersionTests
{
    [Test]
    public void The_public_version_says_so_on_the_cover_and_lists_no_child_or_worker()
    {
        var html = File.ReadAllText(PackFixture.Pack("public").HtmlPath);
        var cover = Sections(html).Single(s => s.Id == "cover").Html;
        Assert.That(cover, Does.Contain("data-notice=\"public\"").And.Contain("Small-number suppression").And.Contain("from 1 to 4 is shown as *"));
        Assert.That(html, Does.Not.Contain("drill-list").And.Not.Contain("dq-items"));
        Assert.That(html, Does.Contain("Not shown in the public version."));
        Assert.That(Regex.IsMatch(html, "P[0-9a-f]{16}"), Is.False, "no pseudonym");
        foreach (var name in new[] { "Sam O&#39;Neil", "Ana Lee", "&lt;script&gt;", "HYPERLINK" }) Assert.That(html, Does.Not.Contain(name));
        var csv = File.ReadAllText(PackFixture.Pack("public").DataQualityCsvPath);
        Assert.That(csv, Does.StartWith("team,quarantined,warnings,oldest_age_days\r\n"));
        Assert.That(csv, Does.Not.Contain("script"));
    }

    [Test]
    public void Counts_from_1_to_4_are_starred_and_their_values_neither_shown_nor_plotted()
    {
        var html = File.ReadAllText(PackFixture.Pack("public").HtmlPath);
        var kpis = KpiMonth(PackFixture.WarehousePath);
        var end = PackFixture.Pack("public").PeriodEnd;
        var first = new DateOnly(end.Year, end.Month, 1).AddMonths(-23);
        var window = kpis.Where(k => k.PeriodEnd >= first && k.PeriodEnd <= end).ToList();
        Assert.That(window.Count(Withheld), Is.GreaterThan(20), "the test council has small numbers");
        var plotted = Sections(html).Where(s => s.Kind is "chart-page" or "indicator-page")
            .SelectMany(s => Marks(s.Html, "point")).Select(p => (p["data-indicator"], Date(p["data-period"]))).ToHashSet();
        foreach (var k in window.Where(k => k.Value is not null))
        {
            Assert.That(plotted.Contains((k.Code, k.PeriodEnd)), Is.EqualTo(!Withheld(k)), $"{k.Code} {k.PeriodEnd}: {k.Numerator}/{k.Denominator}");
        }
        // The headline: a suppressed latest value shows * and no direction of travel.
        var cover = Sections(html).Single(s => s.Id == "cover").Html;
        foreach (var k in window.Where(k => k.PeriodEnd == end))
        {
            var row = Regex.Match(cover, $"<tr data-indicator=\"{k.Code}\">.*?</tr>").Value;
            var latest = Regex.Match(row, "<td class=\"num\" data-value=\"([^\"]*)\">([^<]*)</td>");
            if (Withheld(k))
            {
                Assert.That((latest.Groups[1].Value, latest.Groups[2].Value), Is.EqualTo(("", "*")), k.Code);
                Assert.That(row, Does.Contain("travel-none"), k.Code);
            }
            if (k.Numerator is > 0 and < 5) Assert.That(row, Does.Contain("<td class=\"num\">*</td>"), $"{k.Code} numerator {k.Numerator}");
            if (k.Numerator == 0 && k.Unit != "count") Assert.That(row, Does.Contain("<td class=\"num\">0</td>"), $"{k.Code}: zero is shown");
        }
        // The workbook carries the same suppression.
        using var workbook = new XLWorkbook(PackFixture.Pack("public").ExcelPath);
        var sheet = workbook.Worksheet("K05M");
        foreach (var row in sheet.RowsUsed().Where(r => r.RowNumber() > 4))
        {
            var k = kpis.Single(x => x.Code == "K05M" && x.PeriodEnd == DateOnly.FromDateTime(row.Cell(1).GetDateTime()));
            Assert.That(row.Cell(4).GetString() == Disclosure.Mark, Is.EqualTo(Withheld(k)), k.PeriodEnd.ToString());
        }
        Assert.That(workbook.Worksheet("Data quality").CellsUsed().Select(c => c.GetString()), Has.None.Contains("script"));
    }

    [Test]
    public void Suppression_rules_by_unit()
    {
        var d = new Disclosure(isPublic: true);
        ChildrensWarehouse.Reports.Data.KpiPoint P(decimal n, decimal? den, decimal? v) => new("K", new DateOnly(2016, 1, 31), n, den, v, null, null, null, null, null);
        Assert.That(d.ValueText(P(3, 10, 30), "percent"), Is.EqualTo("*"), "small numerator");
        Assert.That(d.ValueText(P(0, 4, 0), "percent"), Is.EqualTo("*"), "small denominator");
        Assert.That(d.ValueText(P(0, 12, 0), "percent"), Is.EqualTo("0.0%"), "zero of a large denominator is shown");
        Assert.That(d.NumeratorText(P(0, 4, 0), "percent"), Is.EqualTo("0"));
        Assert.That(d.DenominatorText(P(0, 4, 0), "percent"), Is.EqualTo("*"));
        Assert.That(d.ValueText(P(4, 40000, 1), "rate"), Is.EqualTo("*"));
        Assert.That(d.DenominatorText(P(4, 40000, 1), "rate"), Is.EqualTo("40,000"), "the population is not a small number");
        Assert.That(d.ValueText(P(5, 40000, 1.25m), "rate"), Is.EqualTo("1.3"));
        Assert.That(d.ValueText(P(2, null, 2), "count"), Is.EqualTo("*"));
        Assert.That(d.ValueText(P(30.5m, 2, 15.25m), "average"), Is.EqualTo("*"), "an average over 2 proceedings");
        Assert.That(d.NumeratorText(P(30.5m, 2, 15.25m), "average"), Is.EqualTo("*"));
        Assert.That(new Disclosure(isPublic: false).ValueText(P(3, 4, 75), "percent"), Is.EqualTo("75.0%"), "the internal pack suppresses nothing");
    }

    [Test]
    public void The_identifiable_version_adds_case_system_ids_and_says_it_is_restricted()
    {
        var html = File.ReadAllText(PackFixture.Pack("identifiable").HtmlPath);
        Assert.That(html, Does.Contain("data-notice=\"identifiable\"").And.Contain("RESTRICTED"));
        Assert.That(html, Does.Contain("<th scope=\"col\">Child id</th>"));
        var dq = Sections(html).Single(s => s.Id == "data-quality").Html;
        Assert.That(dq, Does.Contain("<td>C002</td>").And.Contain("<td>C003</td>"));
        var ids = Regex.Matches(html, "<tr><td>([^<]*)</td><th scope=\"row\">P[0-9a-f]{16}</th>").Select(m => m.Groups[1].Value).ToList();
        Assert.That(ids, Is.Not.Empty.And.All.Match("^C(\\d{3}|&lt;b&gt;7&lt;/b&gt;)$"), "child ids beside pseudonyms, escaped");
        Assert.That(html, Does.Not.Contain("<b>7</b>"));
        Assert.That(File.ReadAllText(PackFixture.Pack("identifiable").DataQualityCsvPath), Does.Contain(",child_id,"));
    }
}
