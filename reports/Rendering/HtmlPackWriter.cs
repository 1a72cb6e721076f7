using System.Text;
using ChildrensWarehouse.Reports.Data;

namespace ChildrensWarehouse.Reports.Rendering;

/// <summary>
/// pack.html: one self-contained file (styles inline, charts as inline SVG, no scripts, fonts, images or links
/// outside the file). A cover with the headline table, one page per chart, a page per extra indicator and the
/// data-quality page; print styles put each on its own page. Every text from data is escaped.
/// </summary>
public static class HtmlPackWriter
{
    public const double ChartWidth = 900, ChartHeight = 340;
    public const double SmallChartWidth = 900, SmallChartHeight = 260;

    public static string Render(PackData data)
    {
        var disclosure = new Disclosure(data.Public);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n");
        sb.Append($"<title>{Html.Escape(data.Pack.Title)} – {Html.Escape(Formats.Month(data.PeriodEnd))}</title>\n");
        sb.Append("<style>\n").Append(Css()).Append("</style>\n</head>\n<body>\n");
        Cover(sb, data, disclosure);
        foreach (var chart in data.Charts) ChartPage(sb, data, chart, disclosure);
        foreach (var extra in data.Extras) IndicatorPage(sb, data, extra, disclosure);
        if (data.Pack.DataQuality) DataQualityPage(sb, data, disclosure);
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    private static string Css()
    {
        var sb = new StringBuilder("""
            :root { color-scheme: light; }
            body { font-family: Arial, Helvetica, sans-serif; color: #0b0c0c; background: #f3f2f1; margin: 0; line-height: 1.35; }
            .page { background: #fff; max-width: 1120px; margin: 16px auto; padding: 24px 32px; box-sizing: border-box; }
            h1 { font-size: 28px; margin: 0 0 4px; } h2 { font-size: 22px; margin: 0 0 8px; } h3 { font-size: 16px; margin: 16px 0 6px; }
            .subtitle { font-size: 18px; margin: 0 0 8px; color: #505a5f; }
            .notice { border-left: 6px solid #1d70b8; background: #f3f8fc; padding: 8px 12px; margin: 8px 0; }
            .notice.restricted { border-color: #d4351c; background: #fdf1ef; }
            table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 6px 0; }
            caption { text-align: left; font-weight: bold; padding: 4px 0; }
            th, td { border-bottom: 1px solid #b1b4b6; padding: 3px 6px; text-align: left; vertical-align: top; }
            thead th { border-bottom: 2px solid #0b0c0c; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
            tr.group th { background: #f3f2f1; }
            .rag { font-weight: bold; text-align: center; white-space: nowrap; }
            .status { font-size: 15px; }
            .status .rag { padding: 2px 8px; }
            .travel-better { color: #00703c; } .travel-worse { color: #d4351c; }
            figure { margin: 8px 0; } svg.chart { width: 100%; height: auto; display: block; }
            .definition p, .commentary p { margin: 4px 0; }
            .commentary { border: 1px dashed #b1b4b6; padding: 6px 12px; }
            .placeholder { color: #505a5f; font-style: italic; }
            .more { color: #505a5f; font-size: 13px; }
            nav ol { columns: 2; font-size: 14px; }
            a { color: #1d70b8; }
            @page { size: A4 landscape; margin: 10mm; }
            @media print {
              body { background: #fff; }
              .page { margin: 0; max-width: none; padding: 0; break-after: page; page-break-after: always; }
              .page:last-child { break-after: auto; page-break-after: auto; }
              figure, table.data { break-inside: avoid; }
              * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
              a { color: inherit; text-decoration: none; }
            }

            """);
        foreach (var rag in Palette.All) sb.Append($".{rag.Css} {{ background: {rag.Fill}; color: {rag.Text}; }}\n");
        return sb.ToString();
    }

    private static string Rag(string? rag, string? value = null)
    {
        var r = Palette.Rag(rag);
        return $"<td class=\"rag {r.Css}\" data-rag=\"{Html.Escape(rag ?? "")}\">{Html.Escape(value ?? r.Label)}</td>";
    }

    private static void Cover(StringBuilder sb, PackData data, Disclosure disclosure)
    {
        sb.Append("<section class=\"page cover\" id=\"cover\">\n");
        sb.Append($"<h1>{Html.Escape(data.Pack.Title)}</h1>\n<p class=\"subtitle\">{Html.Escape(data.Pack.Subtitle)}</p>\n");
        sb.Append($"<p><strong>{Html.Escape(PackView.PeriodLine(data))}</strong>. Produced {Html.Escape(data.GeneratedAt.ToString("d MMMM yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture))} from the performance warehouse.</p>\n");
        foreach (var notice in PackView.Notices(data))
        {
            sb.Append($"<p class=\"notice{(data.Identifiable ? " restricted" : "")}\" data-notice=\"{(data.Public ? "public" : data.Identifiable ? "identifiable" : "internal")}\">{Html.Escape(notice)}</p>\n");
        }
        sb.Append("<p>RAG: ");
        foreach (var r in Palette.All) sb.Append($"<span class=\"rag {r.Css}\">&nbsp;{Html.Escape(r.Label)}&nbsp;</span> ");
        sb.Append(" (green meets the target; amber misses it by no more than the tolerance; red misses it by more). Direction of travel compares with the previous month.</p>\n");

        sb.Append("<table class=\"headline\">\n<caption>Headline: every indicator at ").Append(Html.Escape(Formats.LongDate(data.PeriodEnd))).Append("</caption>\n<thead><tr>");
        foreach (var h in new[] { "Indicator", "Title", "Chart", "Latest", "Target", "RAG", "Direction of travel", "Statistical neighbours", "Numerator", "Denominator" })
        {
            sb.Append($"<th scope=\"col\"{(h is "Latest" or "Target" or "Statistical neighbours" or "Numerator" or "Denominator" ? " class=\"num\"" : "")}>{h}</th>");
        }
        sb.Append("</tr></thead>\n<tbody>\n");
        var charted = data.Charts.ToDictionary(c => c.Definition.Chart.ToString(System.Globalization.CultureInfo.InvariantCulture), c => c);
        foreach (var h in data.Headline)
        {
            var unit = h.Indicator.Unit;
            var travel = PackView.TravelOf(h, disclosure);
            var anchor = h.Indicator.Chart is { } c && charted.ContainsKey(c) ? "chart-" + c : "indicator-" + h.Indicator.Code;
            sb.Append($"<tr data-indicator=\"{Html.Escape(h.Indicator.Code)}\"><th scope=\"row\">{Html.Escape(h.Indicator.Code)}</th>");
            sb.Append($"<td><a href=\"#{Html.Escape(anchor)}\">{Html.Escape(h.Indicator.Title)}</a></td><td>{Html.Escape(h.Indicator.Chart ?? "–")}</td>");
            sb.Append($"<td class=\"num\" data-value=\"{(disclosure.Withholds(h.Latest, unit) ? "" : Formats.Raw(h.Latest.Value))}\">{Html.Escape(disclosure.ValueText(h.Latest, unit))}</td>");
            sb.Append($"<td class=\"num\">{Html.Escape(PackView.TargetText(h.Latest, unit))}</td>");
            sb.Append(Rag(h.Latest.Rag));
            sb.Append($"<td class=\"{travel.Css}\">{Html.Escape(travel.Arrow)} {Html.Escape(travel.Words)}</td>");
            sb.Append($"<td class=\"num\">{Html.Escape(Formats.Value(h.Latest.StatNeighbour, unit))}</td>");
            sb.Append($"<td class=\"num\">{Html.Escape(disclosure.NumeratorText(h.Latest, unit))}</td><td class=\"num\">{Html.Escape(disclosure.DenominatorText(h.Latest, unit))}</td></tr>\n");
        }
        sb.Append("</tbody>\n</table>\n");
        if (data.NotAvailable.Count > 0)
        {
            sb.Append("<table class=\"not-available\">\n<caption>Not available from this source (no numbers: the source holds none of what they are computed from)</caption>\n");
            sb.Append("<thead><tr><th scope=\"col\">Indicator</th><th scope=\"col\">Title</th><th scope=\"col\">Chart</th><th scope=\"col\">Why</th></tr></thead>\n<tbody>\n");
            foreach (var n in data.NotAvailable)
            {
                sb.Append($"<tr data-not-available=\"{Html.Escape(n.Indicator.Code)}\"><th scope=\"row\">{Html.Escape(n.Indicator.Code)}</th><td>{Html.Escape(n.Indicator.Title)}</td>");
                sb.Append($"<td>{Html.Escape(n.Indicator.Chart ?? "–")}</td><td>{Html.Escape(n.Reason)}</td></tr>\n");
            }
            sb.Append("</tbody>\n</table>\n");
        }

        sb.Append("<nav aria-label=\"Contents\"><h3>Contents</h3><ol>\n");
        foreach (var c in data.Charts) sb.Append($"<li><a href=\"#chart-{c.Definition.Chart}\">{Html.Escape(c.Definition.Heading)}</a></li>\n");
        foreach (var e in data.Extras) sb.Append($"<li><a href=\"#indicator-{Html.Escape(e.Indicator.Code)}\">{Html.Escape(e.Indicator.Code)}: {Html.Escape(e.Indicator.Title)}</a></li>\n");
        if (data.Pack.DataQuality) sb.Append("<li><a href=\"#data-quality\">Data quality</a></li>\n");
        sb.Append("</ol></nav>\n</section>\n");
    }

    private static void ChartPage(StringBuilder sb, PackData data, ChartPageData page, Disclosure disclosure)
    {
        var def = page.Definition;
        var months = data.Months(def.Months);
        var model = ChartModel.For(page, months, disclosure);
        sb.Append($"<section class=\"page chart-page\" id=\"chart-{def.Chart}\" data-chart=\"{def.Chart}\" aria-labelledby=\"chart-{def.Chart}-title\">\n");
        sb.Append($"<h2 id=\"chart-{def.Chart}-title\">{Html.Escape(def.Heading)}</h2>\n");
        foreach (var i in page.Indicators)
        {
            if (data.NotAvailableReason(i.Code) is { } reason)
            {
                sb.Append($"<p class=\"notice\" data-not-available=\"{Html.Escape(i.Code)}\">{Html.Escape(i.Code)}: {Html.Escape(reason)}.</p>\n");
            }
        }
        StatusLine(sb, page.Indicators, page.Points, data.PeriodEnd, disclosure);
        sb.Append("<figure>").Append(SvgCanvas.Render(model, ChartWidth, ChartHeight)).Append("</figure>\n");
        TrendTable(sb, def.Heading, page.Indicators, def.Series.Select(s => (s.Indicator, s.Label)).ToList(), page.Points, months, def.TargetLine, def.StatNeighbourLine, disclosure);
        Definitions(sb, page.Indicators);
        Commentary(sb);
        if (def.DrillThrough is { } code) Drill(sb, data, page, code);
        sb.Append("</section>\n");
    }

    private static void IndicatorPage(StringBuilder sb, PackData data, IndicatorPageData page, Disclosure disclosure)
    {
        var months = data.Months(24);
        var i = page.Indicator;
        var model = ChartModel.For(page, months, disclosure);
        sb.Append($"<section class=\"page indicator-page\" id=\"indicator-{Html.Escape(i.Code)}\" data-indicator=\"{Html.Escape(i.Code)}\" aria-labelledby=\"indicator-{Html.Escape(i.Code)}-title\">\n");
        sb.Append($"<h2 id=\"indicator-{Html.Escape(i.Code)}-title\">{Html.Escape(i.Code)}: {Html.Escape(i.Title)}</h2>\n");
        StatusLine(sb, [i], page.Points, data.PeriodEnd, disclosure);
        sb.Append("<figure>").Append(SvgCanvas.Render(model, SmallChartWidth, SmallChartHeight)).Append("</figure>\n");
        TrendTable(sb, $"{i.Code}: {i.Title}", [i], [(i.Code, i.Title)], page.Points, months, i.Code, i.Code, disclosure);
        Definitions(sb, [i]);
        sb.Append("</section>\n");
    }

    private static void StatusLine(StringBuilder sb, IReadOnlyList<IndicatorInfo> indicators, IReadOnlyList<KpiPoint> points, DateOnly periodEnd, Disclosure disclosure)
    {
        sb.Append("<p class=\"status\">");
        var first = true;
        foreach (var i in indicators)
        {
            var latest = points.FirstOrDefault(p => p.Code == i.Code && p.PeriodEnd == periodEnd);
            if (!first) sb.Append("<br>");
            first = false;
            if (latest is null)
            {
                sb.Append($"{Html.Escape(i.Code)}: no figure for {Html.Escape(Formats.Month(periodEnd))}.");
                continue;
            }
            var rag = Palette.Rag(latest.Rag);
            sb.Append($"{Html.Escape(i.Code)} {Html.Escape(Formats.Month(periodEnd))}: <strong>{Html.Escape(disclosure.ValueText(latest, i.Unit))}</strong>");
            sb.Append($" · target {Html.Escape(PackView.TargetText(latest, i.Unit))} · <span class=\"rag {rag.Css}\" data-rag=\"{Html.Escape(latest.Rag ?? "")}\">{Html.Escape(rag.Label)}</span>");
            if (latest.StatNeighbour is not null) sb.Append($" · statistical neighbours {Html.Escape(Formats.Value(latest.StatNeighbour, i.Unit))}");
            sb.Append($" · {Html.Escape(Formats.PolarityName(i.Polarity))}");
        }
        sb.Append("</p>\n");
    }

    private static void TrendTable(StringBuilder sb, string caption, IReadOnlyList<IndicatorInfo> indicators, IReadOnlyList<(string Code, string Label)> series,
        IReadOnlyList<KpiPoint> points, IReadOnlyList<DateOnly> months, string? targetCode, string? neighbourCode, Disclosure disclosure)
    {
        var byKey = points.ToDictionary(p => (p.Code, p.PeriodEnd.Year, p.PeriodEnd.Month));
        sb.Append($"<table class=\"data\">\n<caption>{Html.Escape(caption)}: the figures</caption>\n<thead><tr><th scope=\"col\">Month</th>");
        foreach (var (code, label) in series)
        {
            var name = series.Count > 1 ? $"{code} " : "";
            sb.Append($"<th scope=\"col\" class=\"num\">{Html.Escape(name + "value")}</th><th scope=\"col\" class=\"num\">{Html.Escape(name + "numerator")}</th>");
            sb.Append($"<th scope=\"col\" class=\"num\">{Html.Escape(name + "denominator")}</th><th scope=\"col\">{Html.Escape(name + "RAG")}</th>");
        }
        if (targetCode is not null) sb.Append("<th scope=\"col\" class=\"num\">Target</th>");
        if (neighbourCode is not null) sb.Append("<th scope=\"col\" class=\"num\">Statistical neighbours</th>");
        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var month in months.Reverse())
        {
            var rowPoints = series.Select(s => byKey.GetValueOrDefault((s.Code, month.Year, month.Month))).ToList();
            if (rowPoints.All(p => p is null)) continue;
            sb.Append($"<tr><th scope=\"row\">{Html.Escape(Formats.Month(month))}</th>");
            for (var i = 0; i < series.Count; i++)
            {
                var p = rowPoints[i];
                var unit = indicators.FirstOrDefault(x => x.Code == series[i].Code)?.Unit ?? "count";
                if (p is null)
                {
                    sb.Append("<td class=\"num\">–</td><td class=\"num\"></td><td class=\"num\"></td><td></td>");
                    continue;
                }
                sb.Append($"<td class=\"num\">{Html.Escape(disclosure.ValueText(p, unit))}</td><td class=\"num\">{Html.Escape(disclosure.NumeratorText(p, unit))}</td>");
                sb.Append($"<td class=\"num\">{Html.Escape(disclosure.DenominatorText(p, unit))}</td>").Append(Rag(p.Rag));
            }
            var targetUnit = indicators.FirstOrDefault(x => x.Code == targetCode)?.Unit ?? "count";
            if (targetCode is not null)
            {
                var t = byKey.GetValueOrDefault((targetCode, month.Year, month.Month));
                sb.Append($"<td class=\"num\">{Html.Escape(t is null ? "–" : PackView.TargetText(t, targetUnit))}</td>");
            }
            if (neighbourCode is not null)
            {
                var n = byKey.GetValueOrDefault((neighbourCode, month.Year, month.Month));
                sb.Append($"<td class=\"num\">{Html.Escape(Formats.Value(n?.StatNeighbour, targetUnit))}</td>");
            }
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody>\n</table>\n");
    }

    private static void Definitions(StringBuilder sb, IReadOnlyList<IndicatorInfo> indicators)
    {
        sb.Append("<div class=\"definition\"><h3>Definition</h3>\n");
        foreach (var i in indicators)
        {
            sb.Append($"<p><strong>{Html.Escape(i.Code)}</strong> ({Html.Escape(i.Window)}, {Html.Escape(Formats.UnitName(i.Unit))}, {Html.Escape(Formats.PolarityName(i.Polarity))}): {Html.Escape(i.Definition)}</p>\n");
        }
        sb.Append("</div>\n");
    }

    private static void Commentary(StringBuilder sb) =>
        sb.Append($"<div class=\"commentary\"><h3>Commentary</h3><p class=\"placeholder\">{Html.Escape(PackView.CommentaryPlaceholder)}</p></div>\n");

    private static void Drill(StringBuilder sb, PackData data, ChartPageData page, string code)
    {
        sb.Append($"<div class=\"drill\"><h3>Children behind {Html.Escape(code)} for {Html.Escape(Formats.Month(data.PeriodEnd))}</h3>\n");
        if (data.Public)
        {
            sb.Append("<p class=\"more\">Not shown in the public version.</p></div>\n");
            return;
        }
        var rows = PackView.OrderedDrill(page);
        if (rows.Count == 0)
        {
            sb.Append("<p class=\"more\">No children in this month's figures.</p></div>\n");
            return;
        }
        sb.Append($"<table class=\"drill-list\" data-indicator=\"{Html.Escape(code)}\">\n<caption>{rows.Count} records, those needing attention first</caption>\n<thead><tr>");
        if (data.Identifiable) sb.Append("<th scope=\"col\">Child id</th>");
        foreach (var h in new[] { "Child", "Record", "In numerator", "In denominator", "Due date", "Outcome", "Worker", "Team" }) sb.Append($"<th scope=\"col\">{h}</th>");
        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var r in rows.Take(PackView.DrillRowsHtml))
        {
            sb.Append("<tr>");
            if (data.Identifiable) sb.Append($"<td>{Html.Escape(r.ChildId)}</td>");
            sb.Append($"<th scope=\"row\">{Html.Escape(r.Child)}</th><td>{Html.Escape(r.RecordId)}</td><td>{PackView.YesNo(r.InNumerator)}</td><td>{PackView.YesNo(r.InDenominator)}</td>");
            sb.Append($"<td>{Html.Escape(Formats.Date(r.DueDate))}</td><td>{Html.Escape(r.Outcome)}</td><td>{Html.Escape(r.Worker)}</td><td>{Html.Escape(r.Team)}</td></tr>\n");
        }
        sb.Append("</tbody>\n</table>\n");
        if (rows.Count > PackView.DrillRowsHtml)
        {
            sb.Append($"<p class=\"more\">and {rows.Count - PackView.DrillRowsHtml} more: the full list is in the warehouse (mart.kpi_drill, indicator {Html.Escape(code)}).</p>\n");
        }
        sb.Append("</div>\n");
    }

    private static void DataQualityPage(StringBuilder sb, PackData data, Disclosure disclosure)
    {
        sb.Append("<section class=\"page dq-page\" id=\"data-quality\" aria-labelledby=\"data-quality-title\">\n<h2 id=\"data-quality-title\">Data quality</h2>\n");
        sb.Append("<p>Rows the latest run held back (quarantined) and data-quality warnings, by the team and worker holding the child's case, with each item's age in days (from the record's last change to the as-at date). The list is also in dq.csv beside this pack.</p>\n");
        var byTeam = PackView.DataQualityByTeam(data);
        sb.Append("<table class=\"dq-summary\">\n<caption>Items by team</caption>\n<thead><tr><th scope=\"col\">Team</th><th scope=\"col\" class=\"num\">Quarantined</th><th scope=\"col\" class=\"num\">Warnings</th><th scope=\"col\" class=\"num\">Oldest (days)</th></tr></thead>\n<tbody>\n");
        foreach (var (team, quarantined, warnings, oldest) in byTeam)
        {
            sb.Append($"<tr><th scope=\"row\">{Html.Escape(team)}</th><td class=\"num\">{PackView.CountText(quarantined, disclosure)}</td><td class=\"num\">{PackView.CountText(warnings, disclosure)}</td><td class=\"num\">{(oldest is null ? "–" : oldest.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))}</td></tr>\n");
        }
        if (byTeam.Count == 0) sb.Append("<tr><td colspan=\"4\">No data-quality items in the latest run.</td></tr>\n");
        sb.Append("</tbody>\n</table>\n");
        if (data.Public)
        {
            sb.Append("<p class=\"more\">The item list is not shown in the public version.</p>\n</section>\n");
            return;
        }
        sb.Append("<table class=\"dq-items\">\n<caption>Items by team and worker, oldest first</caption>\n<thead><tr>");
        var headers = new List<string> { "Kind", "Table", "Line", "Column", "Reason" };
        if (data.Identifiable) headers.Add("Child id");
        headers.AddRange(["Child", "Age (days)"]);
        foreach (var h in headers) sb.Append($"<th scope=\"col\">{h}</th>");
        sb.Append("</tr></thead>\n");
        foreach (var team in data.DataQuality.GroupBy(d => d.Team ?? "(no team)"))
        {
            sb.Append($"<tbody><tr class=\"group\"><th scope=\"rowgroup\" colspan=\"{headers.Count}\">Team: {Html.Escape(team.Key)}</th></tr>\n");
            foreach (var worker in team.GroupBy(d => d.Worker ?? "(no allocated worker)"))
            {
                sb.Append($"<tr class=\"group\"><th scope=\"rowgroup\" colspan=\"{headers.Count}\">Worker: {Html.Escape(worker.Key)}</th></tr>\n");
                foreach (var d in worker)
                {
                    sb.Append($"<tr><td>{Html.Escape(d.Kind)}</td><td>{Html.Escape(d.TableName)}</td><td class=\"num\">{d.Line}</td><td>{Html.Escape(d.Column)}</td><td>{Html.Escape(d.Reason)}</td>");
                    if (data.Identifiable) sb.Append($"<td>{Html.Escape(d.ChildId)}</td>");
                    sb.Append($"<td>{Html.Escape(d.Child)}</td><td class=\"num\">{d.AgeDays}</td></tr>\n");
                }
            }
            sb.Append("</tbody>\n");
        }
        sb.Append("</table>\n</section>\n");
    }
}
