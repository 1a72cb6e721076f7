using System.Text.RegularExpressions;
using ChildrensWarehouse.Reports.Rendering;
using ChildrensWarehouse.Tests.TestSupport;
using static ChildrensWarehouse.Tests.Reports.PackHtml;

namespace ChildrensWarehouse.Tests.Reports;

/// <summary>pack.html from the hand-made council of <see cref="PackExtract"/>: pages, plotted numbers, RAG, escaping.</summary>
public class PackHtmlTests
{
    private static string Html => File.ReadAllText(PackFixture.Pack().HtmlPath);
    private static DateOnly PeriodEnd => PackFixture.Pack().PeriodEnd;

    [Test]
    public void The_pack_reports_the_latest_month_in_the_warehouse_by_default()
    {
        Assert.That(PeriodEnd, Is.EqualTo(new DateOnly(2016, 1, 31)));
        Assert.That(PackFixture.Pack().LaCode, Is.EqualTo("874"));
    }

    [Test]
    public void It_has_a_cover_18_chart_pages_a_page_per_extra_indicator_and_a_data_quality_page_in_that_order()
    {
        var extras = PackChecks.SectionsInOrder(Html, PackFixture.WarehousePath);
        Assert.That(extras, Is.GreaterThan(15), "the extract has indicators without a chart");
        Assert.That(PackFixture.Pack().ChartPages, Is.EqualTo(18));
        Assert.That(PackFixture.Pack().IndicatorPages, Is.EqualTo(extras));
    }

    [Test]
    public void Every_plotted_point_is_the_kpi_month_value_and_every_value_of_the_24_months_is_plotted() =>
        Assert.That(PackChecks.PointsMatchKpiMonth(Html, PackFixture.WarehousePath, PeriodEnd), Is.GreaterThan(500));

    [Test]
    public void Chart_pages_draw_each_indicator_of_their_chart_with_target_and_statistical_neighbour_lines()
    {
        var sections = Sections(Html).ToDictionary(s => s.Id);
        var chart5 = sections["chart-5"].Html;
        Assert.That(Marks(chart5, "point").Select(p => p["data-indicator"]).Distinct(), Is.EquivalentTo(new[] { "K05", "K05M" }));
        Assert.That(Marks(sections["chart-14"].Html, "point").Select(p => p["data-indicator"]).Distinct(), Is.EquivalentTo(new[] { "K14", "K14M" }));
        Assert.That(Marks(sections["chart-18"].Html, "point").Select(p => p["data-indicator"]).Distinct(), Is.EquivalentTo(new[] { "K18", "K18M" }));
        Assert.That(Marks(sections["chart-18"].Html, "point").Where(p => p["data-indicator"] == "K18M").Select(p => p.Element).Distinct(), Is.EqualTo(new[] { "rect" }), "monthly adoptions as columns");
        Assert.That(chart5, Does.Contain("class=\"target-line\""));
        Assert.That(sections["chart-10"].Html, Does.Contain("class=\"target-upper-line\""), "K10 has a target band");
        var sn = Marks(chart5, "sn-point");
        Assert.That(sn.Select(p => (p["data-period"], p["data-value"])), Is.SupersetOf(new[] { ("2015-03-31", "81.2") }));
        var kpis = KpiMonth(PackFixture.WarehousePath);
        foreach (var p in sn) Assert.That(kpis.Single(k => k.Code == "K05" && k.PeriodEnd == Date(p["data-period"])).StatNeighbour, Is.EqualTo(Dec(p["data-value"])));
    }

    [Test]
    public void RAG_colours_come_from_one_palette_and_match_the_kpi_month_status()
    {
        var html = Html;
        foreach (var rag in Palette.All) Assert.That(html, Does.Contain($".{rag.Css} {{ background: {rag.Fill}; color: {rag.Text}; }}"));
        var points = Sections(html).Where(s => s.Kind == "chart-page").SelectMany(s => Marks(s.Html, "point")).Where(p => p.Element == "circle").ToList();
        Assert.That(points.Select(p => p["data-rag"]).Distinct(), Is.SupersetOf(new[] { "GREEN", "RED" }));
        foreach (var p in points) Assert.That(p["fill"], Is.EqualTo(p["data-rag"] == "" ? "#ffffff" : Palette.Rag(p["data-rag"]).Fill), $"{p["data-indicator"]} {p["data-period"]}");

        var kpis = KpiMonth(PackFixture.WarehousePath).Where(k => k.PeriodEnd == PeriodEnd).ToDictionary(k => k.Code);
        var cover = Sections(html).Single(s => s.Id == "cover").Html;
        var rows = Regex.Matches(cover, "<tr data-indicator=\"([^\"]+)\">.*?<td class=\"rag ([a-z-]+)\" data-rag=\"([A-Z]*)\">([^<]*)</td>");
        Assert.That(rows.Select(m => m.Groups[1].Value), Is.EquivalentTo(kpis.Keys), "every indicator in kpi_month is on the headline");
        foreach (Match m in rows)
        {
            var expected = kpis[m.Groups[1].Value].Rag;
            Assert.That(m.Groups[3].Value, Is.EqualTo(expected ?? ""), m.Groups[1].Value);
            Assert.That(m.Groups[2].Value, Is.EqualTo(Palette.Rag(expected).Css), m.Groups[1].Value);
            Assert.That(m.Groups[4].Value, Is.EqualTo(Palette.Rag(expected).Label), "the status in words, not colour alone");
        }
    }

    [Test]
    public void The_headline_shows_the_latest_value_and_the_direction_of_travel_judged_by_polarity()
    {
        var cover = Sections(Html).Single(s => s.Id == "cover").Html;
        var kpis = KpiMonth(PackFixture.WarehousePath);
        foreach (Match m in Regex.Matches(cover, "<tr data-indicator=\"([^\"]+)\">.*?<td class=\"num\" data-value=\"([^\"]*)\">.*?<td class=\"(travel-[a-z]+)\">([^<]*)</td>"))
        {
            var code = m.Groups[1].Value;
            var latest = kpis.Single(k => k.Code == code && k.PeriodEnd == PeriodEnd);
            Assert.That(m.Groups[2].Value, Is.EqualTo(latest.Value is { } v ? v.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture) : ""), code);
            var previous = kpis.SingleOrDefault(k => k.Code == code && k.PeriodEnd == PeriodEnd.AddDays(1).AddMonths(-1).AddDays(-1));
            if (latest.Value is null || previous?.Value is null) Assert.That(m.Groups[3].Value, Is.EqualTo("travel-none"), code);
            else if (latest.Value == previous.Value) Assert.That(m.Groups[4].Value, Does.Contain("no change"), code);
            else Assert.That(m.Groups[4].Value, Does.Contain(latest.Value > previous.Value ? "up" : "down"), code);
        }
        // K05 (higher is better) went up from December: improving. K06 (lower is better) went up: worsening.
        Assert.That(cover, Does.Match("data-indicator=\"K05\">.*?travel-better\">▲ up, improving<"));
        Assert.That(cover, Does.Match("data-indicator=\"K06\">.*?travel-worse\">▲ up, worsening<"));
    }

    [Test]
    public void Text_from_data_is_escaped_so_no_element_or_handler_comes_from_a_name()
    {
        var html = Html;
        Assert.That(html, Does.Contain("&lt;script&gt;alert(1)&lt;/script&gt;"), "the worker's name is shown as text");
        Assert.That(html, Does.Contain("&lt;img src=x onerror=alert(1)&gt;"), "the team's name is shown as text");
        Assert.That(html, Does.Contain("Sam O&#39;Neil"));
        Assert.That(html, Does.Contain("Jo Bloggs &amp; Co"));
        Assert.That(Regex.IsMatch(html, "<\\s*(script|img|iframe|object|embed|link|base|form|input|meta\\s+http-equiv=\"refresh)", RegexOptions.IgnoreCase), Is.False, "no live element");
        Assert.That(Regex.IsMatch(html, "<[a-zA-Z][^>]*\\son[a-z]+\\s*=", RegexOptions.IgnoreCase), Is.False, "no event-handler attribute");
    }

    [Test]
    public void The_file_is_self_contained()
    {
        var html = Html;
        Assert.That(Regex.IsMatch(html, "<[^>]+\\s(src|srcset|data|poster|action|xlink:href)\\s*=", RegexOptions.IgnoreCase), Is.False);
        Assert.That(Regex.Matches(html, "href=\"([^\"]*)\"").Select(m => m.Groups[1].Value), Is.All.StartsWith("#"), "links only within the page");
        var withoutSvgNamespace = html.Replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        foreach (var remote in new[] { "url(", "@import", "http://", "https://", "//fonts" })
        {
            Assert.That(withoutSvgNamespace.Contains(remote, StringComparison.OrdinalIgnoreCase), Is.False, remote);
        }
        Assert.That(html, Does.Contain("default-src 'none'"), "a content security policy forbids loading anything");
    }

    [Test]
    public void Pages_print_one_per_sheet_and_are_accessible()
    {
        var html = Html;
        Assert.That(html, Does.Contain("@media print").And.Contain("break-after: page").And.Contain("page-break-after: always"));
        Assert.That(Regex.Matches(html, "<th(\\s|>)").Count, Is.EqualTo(Regex.Matches(html, "<th\\s[^>]*scope=\"(col|row|rowgroup)\"").Count), "every th has a scope");
        var svgs = Regex.Matches(html, "<svg[^>]*aria-labelledby=\"([^ ]+) ([^\"]+)\"[^>]*><title id=\"\\1\">[^<]+</title><desc id=\"\\2\">[^<]+</desc>");
        Assert.That(svgs.Count, Is.EqualTo(Regex.Matches(html, "<svg").Count), "every chart has a title and a description");
        Assert.That(svgs.Count, Is.EqualTo(18 + PackFixture.Pack().IndicatorPages));
    }

    [Test]
    public void Each_chart_page_has_figures_definition_commentary_and_the_children_behind_the_latest_month()
    {
        var sections = Sections(Html).Where(s => s.Kind == "chart-page").ToList();
        foreach (var s in sections)
        {
            Assert.That(s.Html, Does.Contain("<table class=\"data\">"), s.Id);
            Assert.That(s.Html, Does.Contain("<div class=\"definition\">"), s.Id);
            Assert.That(s.Html, Does.Contain("<div class=\"commentary\">"), s.Id);
            Assert.That(s.Html, Does.Contain("<div class=\"drill\">"), s.Id);
        }
        Assert.That(sections.Single(s => s.Id == "chart-5").Html, Does.Contain("Of assessments authorised in the financial year to date"), "definition from the dictionary");
        // The drill-through list of chart 5 is K05M's members at the period end, pseudonymised.
        var drill = Regex.Match(sections.Single(s => s.Id == "chart-5").Html, "<table class=\"drill-list\" data-indicator=\"K05M\">.*?</table>", RegexOptions.Singleline).Value;
        var children = Regex.Matches(drill, "<th scope=\"row\">([^<]*)</th>").Select(m => m.Groups[1].Value).ToList();
        var kpi = KpiMonth(PackFixture.WarehousePath).Single(k => k.Code == "K05M" && k.PeriodEnd == PeriodEnd);
        Assert.That(children, Has.Count.EqualTo((int)kpi.Denominator!.Value));
        Assert.That(children, Is.All.Match("^P[0-9a-f]{16}$"));
        Assert.That(Html, Does.Not.Contain(">C001<").And.Not.Contain("C&lt;b&gt;7"), "no case-system child id in the default pack");
    }

    [Test]
    public void The_data_quality_page_groups_items_by_team_and_worker_with_their_age()
    {
        var dq = Sections(Html).Single(s => s.Id == "data-quality").Html;
        Assert.That(dq, Does.Contain("Team: &lt;img src=x onerror=alert(1)&gt;"));
        Assert.That(dq, Does.Contain("Worker: &lt;script&gt;alert(1)&lt;/script&gt;"));
        var item = Regex.Match(dq, "<tr><td>quarantined</td><td>contacts</td><td class=\"num\">(\\d+)</td><td>source</td><td>[^<]*</td><td>(P[0-9a-f]{16})</td><td class=\"num\">(\\d+)</td></tr>");
        Assert.That(item.Success, Is.True, "the bad contact row, with the child's pseudonym");
        Assert.That(item.Groups[3].Value, Is.EqualTo("11"), "last modified 2016-01-20, as at 2016-01-31: 11 days");
    }
}
