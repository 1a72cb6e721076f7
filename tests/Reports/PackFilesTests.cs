using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using ChildrensWarehouse.Reports;
using ChildrensWarehouse.Reports.Rendering;
using ChildrensWarehouse.Tests.TestSupport;
using ClosedXML.Excel;
using static ChildrensWarehouse.Tests.Reports.PackHtml;

namespace ChildrensWarehouse.Tests.Reports;

/// <summary>pack.pdf, pack.xlsx and dq.csv: the same pages and numbers as the HTML, and no formulas from data.</summary>
public class PackFilesTests
{
    private static IReadOnlyList<string> PdfPages(string pdf)
    {
        var pdftotext = ExternalTools.Require("checking the PDF's pages and text", "pdftotext");
        var (code, text, stderr) = ExternalTools.Run(pdftotext, ["-layout", "-enc", "UTF-8", pdf, "-"], TimeSpan.FromMinutes(1));
        Assert.That(code, Is.EqualTo(0), stderr);
        var pages = text.Split('\f').ToList();
        if (pages.Count > 0 && string.IsNullOrWhiteSpace(pages[^1])) pages.RemoveAt(pages.Count - 1);
        return pages;
    }

    [Test]
    public void The_pdf_has_the_cover_every_chart_and_indicator_page_and_data_quality_in_order()
    {
        var pack = PackFixture.Pack();
        var pages = PdfPages(pack.PdfPath);
        Assert.That(pages, Has.Count.EqualTo(pack.PdfPages));
        Assert.That(pages.Count, Is.GreaterThanOrEqualTo(1 + 18 + pack.IndicatorPages + 1));
        Assert.That(pages[0], Does.Contain("Children's services performance").And.Contain("Headline: every indicator at 31 January 2016"));
        var last = 0;
        for (var n = 1; n <= 18; n++)
        {
            var index = pages.ToList().FindIndex(p => Regex.IsMatch(p, $"^\\s*Chart {n}: ", RegexOptions.Multiline));
            Assert.That(index, Is.GreaterThan(last), $"chart {n} has its own page after the previous one");
            last = index;
        }
        Assert.That(pages.Skip(last + 1).Count(p => Regex.IsMatch(p, "^\\s*K[0-9]+[A-Z]*: ", RegexOptions.Multiline)), Is.EqualTo(pack.IndicatorPages));
        Assert.That(pages[^1], Does.Contain("Data quality").Or.Contain("Data-quality items"));
    }

    [Test]
    public void The_pdf_chart_pages_state_the_latest_value_target_and_children_as_text()
    {
        var pages = PdfPages(PackFixture.Pack().PdfPath);
        var k05 = KpiMonth(PackFixture.WarehousePath).Single(k => k.Code == "K05" && k.PeriodEnd == new DateOnly(2016, 1, 31));
        var chart5 = pages.Single(p => p.Contains("Chart 5: Single assessments authorised within 42 days"));
        Assert.That(chart5, Does.Contain($"K05 Jan 2016: {k05.Value!.Value.ToString("0.0", CultureInfo.InvariantCulture)}% · target 85.0%"));
        Assert.That(chart5, Does.Contain("Of assessments authorised in the financial year to date"));
        Assert.That(chart5, Does.Contain("Commentary"));
        Assert.That(chart5, Does.Contain("Children behind K05M for Jan 2016"));
        Assert.That(chart5, Does.Contain(PackExtract.ScriptWorker).Or.Contain("Sam O'Neil").Or.Contain("Ana Lee"), "worker names as plain text");
        var pdfimages = ExternalTools.Find("pdfimages");
        if (pdfimages is not null)
        {
            var (_, list, _) = ExternalTools.Run(pdfimages, ["-list", PackFixture.Pack().PdfPath], TimeSpan.FromMinutes(1));
            Assert.That(list.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.LessThanOrEqualTo(2), "vector drawing: no images in the PDF");
        }
    }

    [Test]
    public void The_workbook_has_the_headline_sheet_a_sheet_per_indicator_and_data_quality_with_real_dates()
    {
        var kpis = KpiMonth(PackFixture.WarehousePath);
        using var workbook = new XLWorkbook(PackFixture.Pack().ExcelPath);
        var codes = kpis.Select(k => k.Code).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.That(workbook.Worksheets.Select(w => w.Name), Is.EqualTo(new[] { "Headline" }.Concat(codes).Append("Data quality")));
        var first = new DateOnly(2014, 2, 1);
        foreach (var code in new[] { "K01", "K05M", "K10", "K25D" })
        {
            var sheet = workbook.Worksheet(code);
            var rows = sheet.RowsUsed().Where(r => r.RowNumber() > 4).ToList();
            var expected = kpis.Where(k => k.Code == code && k.PeriodEnd >= first).ToList();
            Assert.That(rows, Has.Count.EqualTo(expected.Count), code);
            for (var i = 0; i < rows.Count; i++)
            {
                var cell = rows[i].Cell(1);
                Assert.That(cell.DataType, Is.EqualTo(XLDataType.DateTime), $"{code} row {i}: a real Excel date");
                Assert.That(DateOnly.FromDateTime(cell.GetDateTime()), Is.EqualTo(expected[i].PeriodEnd));
                Assert.That(rows[i].Cell(2).GetValue<decimal>(), Is.EqualTo(expected[i].Numerator));
                if (expected[i].Value is { } v) Assert.That(rows[i].Cell(4).GetValue<decimal>(), Is.EqualTo(v), $"{code} {expected[i].PeriodEnd}");
                else Assert.That(rows[i].Cell(4).IsEmpty(), Is.True);
                if (expected[i].Rag is { } rag)
                {
                    Assert.That(rows[i].Cell(7).Style.Fill.BackgroundColor.Color.ToArgb() & 0xFFFFFF, Is.EqualTo(Convert.ToInt32(Palette.Rag(rag).Fill[1..], 16)), "RAG fill from the palette");
                }
            }
        }
        var headline = workbook.Worksheet("Headline");
        Assert.That(headline.CellsUsed().Count(c => c.GetString() == "K01"), Is.EqualTo(1));
    }

    [Test]
    public void No_formula_reaches_the_workbook_or_the_csv_and_text_that_looks_like_one_is_quoted()
    {
        using (var zip = ZipFile.OpenRead(PackFixture.Pack().ExcelPath))
        {
            foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)))
            {
                using var reader = new StreamReader(entry.Open());
                var xml = reader.ReadToEnd();
                Assert.That(Regex.IsMatch(xml, "<(x:)?f[ >]"), Is.False, $"{entry.FullName} has a formula");
            }
        }
        using var workbook = new XLWorkbook(PackFixture.Pack().ExcelPath);
        var workers = workbook.Worksheet("Data quality").Column(2).CellsUsed().Select(c => c.GetString()).ToList();
        Assert.That(workers, Does.Contain("'" + PackExtract.FormulaWorker).And.Contain(PackExtract.ScriptWorker));
        Assert.That(workbook.Worksheets.SelectMany(w => w.CellsUsed()).Where(c => c.DataType == XLDataType.Text).Select(c => c.GetString()),
            Has.None.Match("^[=+\\-@]"), "no text cell starts like a formula");

        var csv = File.ReadAllText(PackFixture.Pack().DataQualityCsvPath);
        Assert.That(csv, Does.StartWith("team,worker,kind,table_name,line,column_name,reason,child,age_days\r\n"));
        Assert.That(csv.Split("\r\n").SelectMany(l => l.Split(',')), Has.None.Match("^\"?[=+\\-@]"), "no CSV cell starts like a formula");
        Assert.That(csv, Does.Contain($"{PackExtract.ImageTeam},{PackExtract.ScriptWorker},quarantined,contacts,"), "CSV is not HTML: names as they are");
        Assert.That(csv, Does.Match(",source,[^\\r]*,P[0-9a-f]{16},11\\r\\n"));
        Assert.That(csv, Does.Contain(",\"'" + PackExtract.FormulaWorker.Replace("\"", "\"\"") + "\","), "the formula-like worker name is quoted with an apostrophe");
    }

    [Test]
    public void Spreadsheet_text_guard_quotes_formula_starts_only()
    {
        Assert.That(SpreadsheetText.Guard("=1+1"), Is.EqualTo("'=1+1"));
        Assert.That(SpreadsheetText.Guard("+44 1733"), Is.EqualTo("'+44 1733"));
        Assert.That(SpreadsheetText.Guard("-2"), Is.EqualTo("'-2"));
        Assert.That(SpreadsheetText.Guard("@SUM(A1)"), Is.EqualTo("'@SUM(A1)"));
        Assert.That(SpreadsheetText.Guard("\tx"), Is.EqualTo("'\tx"));
        Assert.That(SpreadsheetText.Guard("Sam = team lead"), Is.EqualTo("Sam = team lead"));
        Assert.That(SpreadsheetText.Guard(null), Is.EqualTo(""));
    }

    [Test]
    public void The_rdl_files_are_written_beside_the_pack_with_the_shared_data_source()
    {
        var pack = PackFixture.Pack();
        Assert.That(pack.RdlFolder, Is.EqualTo(Path.Combine(Path.GetDirectoryName(pack.HtmlPath)!, "rdl")));
        var names = Directory.GetFiles(pack.RdlFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.That(names, Is.EqualTo(Enumerable.Range(1, 18).Select(n => $"chart-{n:00}.rdl").Append("pack.rdl").Append("Warehouse.rds").Order(StringComparer.Ordinal)));
        Assert.That(pack.RdlFiles, Has.Count.EqualTo(20));
    }

    [Test]
    public void Options_that_cannot_be_met_are_refused_with_the_reason()
    {
        var folder = PackFixture.NewFolder("refused");
        PackOptions Options() => new() { WarehousePath = PackFixture.WarehousePath, OutputFolder = folder };
        Assert.That(() => PackRenderer.Render(Options() with { Public = true, Identifiable = true }),
            Throws.TypeOf<ReportPackException>().With.Message.Contains("contradict"));
        Assert.That(() => PackRenderer.Render(Options() with { LaCode = "999" }),
            Throws.TypeOf<ReportPackException>().With.Message.Contains("council 999: not in"));
        Assert.That(() => PackRenderer.Render(Options() with { Period = new DateOnly(2010, 1, 1) }),
            Throws.TypeOf<ReportPackException>().With.Message.Contains("period 2010-01: no indicators"));
        Assert.That(() => PackRenderer.Render(Options() with { WarehousePath = Path.Combine(folder, "none.duckdb") }),
            Throws.TypeOf<ReportPackException>().With.Message.Contains("no warehouse here"));
        Assert.That(Directory.Exists(folder), Is.False, "nothing written when refused");
    }

    [Test]
    public void An_earlier_month_and_one_team_can_be_asked_for()
    {
        var pack = PackRenderer.Render(new PackOptions
        {
            WarehousePath = PackFixture.WarehousePath,
            OutputFolder = PackFixture.NewFolder("october"),
            Period = new DateOnly(2015, 10, 15),
            Team = "Assessment team",
        });
        Assert.That(pack.PeriodEnd, Is.EqualTo(new DateOnly(2015, 10, 31)));
        var html = File.ReadAllText(pack.HtmlPath);
        Assert.That(html, Does.Contain("Oct 2015 (figures to 31 October 2015)"));
        Assert.That(Marks(html, "point").Max(p => Date(p["data-period"])), Is.EqualTo(new DateOnly(2015, 10, 31)));
        var teams = Regex.Matches(html, "<table class=\"drill-list\".*?</table>", RegexOptions.Singleline)
            .SelectMany(t => Regex.Matches(t.Value, "<td>([^<]*)</td></tr>").Select(m => m.Groups[1].Value)).Distinct().ToList();
        Assert.That(teams, Is.EqualTo(new[] { "Assessment team" }));
    }
}
