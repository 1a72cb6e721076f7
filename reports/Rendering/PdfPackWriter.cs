using System.Globalization;
using ChildrensWarehouse.Reports.Data;
using SkiaSharp;

namespace ChildrensWarehouse.Reports.Rendering;

/// <summary>Draws the chart painter's primitives with Skia (vector, so the PDF stays sharp at any zoom).</summary>
public sealed class SkiaCanvas(SKCanvas canvas, PdfFonts fonts) : IChartCanvas
{
    internal static SKColor Colour(string hex) => SKColor.Parse(hex);

    private static SKPaint Stroke(string colour, double width, LineDash dash) => new()
    {
        Color = Colour(colour),
        StrokeWidth = (float)width,
        Style = SKPaintStyle.Stroke,
        IsAntialias = true,
        PathEffect = dash switch
        {
            LineDash.Dashed => SKPathEffect.CreateDash([6f, 4f], 0),
            LineDash.Dotted => SKPathEffect.CreateDash([2f, 3f], 0),
            _ => null,
        },
    };

    private static SKPaint Fill(string colour) => new() { Color = Colour(colour), Style = SKPaintStyle.Fill, IsAntialias = true };

    public void Line(double x1, double y1, double x2, double y2, string stroke, double width, LineDash dash = LineDash.Solid)
    {
        using var paint = Stroke(stroke, width, dash);
        canvas.DrawLine((float)x1, (float)y1, (float)x2, (float)y2, paint);
    }

    public void Polyline(IReadOnlyList<(double X, double Y)> points, string stroke, double width, LineDash dash, string cssClass)
    {
        if (points.Count == 0) return;
        using var path = new SKPath();
        path.MoveTo((float)points[0].X, (float)points[0].Y);
        foreach (var p in points.Skip(1)) path.LineTo((float)p.X, (float)p.Y);
        using var paint = Stroke(stroke, width, dash);
        canvas.DrawPath(path, paint);
    }

    public void Rect(double x, double y, double width, double height, string fill, string? stroke, MarkTag? tag)
    {
        using var paint = Fill(fill);
        canvas.DrawRect((float)x, (float)y, (float)width, (float)Math.Max(height, 0), paint);
    }

    public void Circle(double cx, double cy, double r, string fill, string stroke, MarkTag? tag)
    {
        using var f = Fill(fill);
        using var s = Stroke(stroke, 1.5, LineDash.Solid);
        using var path = CirclePath((float)cx, (float)cy, (float)r);
        canvas.DrawPath(path, f);
        canvas.DrawPath(path, s);
    }

    /// <summary>
    /// A circle as four cubic Béziers (the usual approximation, within 0.03% of the radius). Skia's own circle reaches a PDF
    /// as eight times as many: the bundled pack's chart markers were two thirds of its pages' content (59,648 curves, now
    /// 7,456; the file 1.72 MB, now 1.13 MB) and much of the time to write it.
    /// </summary>
    private static SKPath CirclePath(float cx, float cy, float r)
    {
        const float Kappa = 0.55228475f;
        var k = r * Kappa;
        var path = new SKPath();
        path.MoveTo(cx + r, cy);
        path.CubicTo(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
        path.CubicTo(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
        path.CubicTo(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
        path.CubicTo(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
        path.Close();
        return path;
    }

    public void Diamond(double cx, double cy, double r, string fill, MarkTag? tag)
    {
        using var path = new SKPath();
        path.MoveTo((float)cx, (float)(cy - r));
        path.LineTo((float)(cx + r), (float)cy);
        path.LineTo((float)cx, (float)(cy + r));
        path.LineTo((float)(cx - r), (float)cy);
        path.Close();
        using var paint = Fill(fill);
        canvas.DrawPath(path, paint);
    }

    public void Text(double x, double y, string text, double size, string colour, TextAnchor anchor, bool bold = false)
    {
        var font = fonts.Font(size, bold);
        using var paint = Fill(colour);
        var align = anchor switch { TextAnchor.Middle => SKTextAlign.Center, TextAnchor.End => SKTextAlign.Right, _ => SKTextAlign.Left };
        canvas.DrawText(text, (float)x, (float)y, align, font, paint);
    }
}

/// <summary>The PDF's typefaces: a sans-serif font found on the machine (DejaVu Sans, Liberation Sans, Arial, ...).</summary>
public sealed class PdfFonts : IDisposable
{
    private static readonly string[] Families = ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Noto Sans", "Segoe UI"];
    private readonly SKTypeface _regular;
    private readonly SKTypeface _bold;

    public PdfFonts()
    {
        _regular = Find(SKFontStyle.Normal);
        _bold = Find(SKFontStyle.Bold);
    }

    private static SKTypeface Find(SKFontStyle style)
    {
        foreach (var family in Families)
        {
            var typeface = SKFontManager.Default.MatchFamily(family, style);
            if (typeface is not null && typeface.GlyphCount > 0) return typeface;
        }
        var any = SKFontManager.Default.FontFamilies.Select(f => SKFontManager.Default.MatchFamily(f, style)).FirstOrDefault(t => t is not null && t.GlyphCount > 0);
        return any ?? SKTypeface.Default;
    }

    // One font per size and weight, made once: a pack draws and measures some 10,000 pieces of text.
    private readonly Dictionary<(float Size, bool Bold), SKFont> _fonts = [];

    /// <summary>The font of this size and weight (owned by this object: not to be disposed by the caller).</summary>
    public SKFont Font(double size, bool bold = false)
    {
        var key = ((float)size, bold);
        if (!_fonts.TryGetValue(key, out var font)) _fonts[key] = font = new SKFont(bold ? _bold : _regular, (float)size) { Subpixel = true };
        return font;
    }

    public float Measure(string text, double size, bool bold = false) => Font(size, bold).MeasureText(text);

    public void Dispose()
    {
        foreach (var font in _fonts.Values) font.Dispose();
        _fonts.Clear();
    }
}

/// <summary>
/// pack.pdf: the pages of the HTML pack drawn as vector PDF with SkiaSharp (A4 landscape): the cover and headline
/// table, a page per chart (chart, figures, definition, commentary slot, the first drill-through rows), a page per
/// extra indicator and the data-quality pages. Long tables continue on further pages.
/// </summary>
public sealed class PdfPackWriter
{
    private const float PageWidth = 842, PageHeight = 595, Margin = 36, Bottom = PageHeight - 30;
    private readonly PackData _data;
    private readonly Disclosure _disclosure;
    private readonly PdfFonts _fonts = new();
    private SKDocument _document = null!;
    private SKCanvas _canvas = null!;
    private int _pages;
    private string _footer = "";

    private PdfPackWriter(PackData data)
    {
        _data = data;
        _disclosure = new Disclosure(data.Public);
    }

    /// <summary>Writes the PDF; returns the number of pages.</summary>
    public static int Write(PackData data, string path)
    {
        using var stream = File.Create(path);
        return new PdfPackWriter(data).Write(stream);
    }

    private int Write(Stream stream)
    {
        var metadata = new SKDocumentPdfMetadata
        {
            Title = $"{_data.Pack.Title} – {Formats.Month(_data.PeriodEnd)}",
            Subject = _data.Pack.Subtitle,
            Creator = "Children's services performance warehouse",
            Producer = "ChildrensWarehouse.Reports",
            Creation = _data.GeneratedAt,
            Modified = _data.GeneratedAt,
            RasterDpi = 300,
        };
        using (_fonts)
        using (_document = SKDocument.CreatePdf(stream, metadata))
        {
            Cover();
            foreach (var chart in _data.Charts) ChartPage(chart);
            foreach (var extra in _data.Extras) IndicatorPage(extra);
            if (_data.Pack.DataQuality) DataQualityPages();
            if (_pages > 0) _document.EndPage();
            _document.Close();
        }
        return _pages;
    }

    private void NewPage(string footer)
    {
        if (_pages > 0) _document.EndPage();
        _canvas = _document.BeginPage(PageWidth, PageHeight);
        _pages++;
        _footer = footer;
        Text(Margin, PageHeight - 14, $"{_data.Pack.Title} · {PackView.PeriodLine(_data)}{(_data.Public ? " · public version" : _data.Identifiable ? " · RESTRICTED" : "")}", 7.5, Palette.Muted);
        Text(PageWidth - Margin, PageHeight - 14, $"{footer} · page {_pages}", 7.5, Palette.Muted, TextAnchor.End);
    }

    private void Text(float x, float y, string text, double size, string colour = Palette.Ink, TextAnchor anchor = TextAnchor.Start, bool bold = false) =>
        new SkiaCanvas(_canvas, _fonts).Text(x, y, text, size, colour, anchor, bold);

    private void Fill(float x, float y, float w, float h, string colour)
    {
        using var paint = new SKPaint { Color = SkiaCanvas.Colour(colour), Style = SKPaintStyle.Fill };
        _canvas.DrawRect(x, y, w, h, paint);
    }

    private void Rule(float x1, float y, float x2, string colour = Palette.Rule, float width = 0.6f)
    {
        using var paint = new SKPaint { Color = SkiaCanvas.Colour(colour), StrokeWidth = width, Style = SKPaintStyle.Stroke };
        _canvas.DrawLine(x1, y, x2, y, paint);
    }

    /// <summary>Draws wrapped text; returns the y below it.</summary>
    private float Paragraph(float x, float y, float width, string text, double size, string colour = Palette.Ink, bool bold = false)
    {
        var lineHeight = (float)size * 1.3f;
        foreach (var line in Wrap(text, width, size, bold))
        {
            Text(x, y + (float)size, line, size, colour, TextAnchor.Start, bold);
            y += lineHeight;
        }
        return y;
    }

    private IEnumerable<string> Wrap(string text, float width, double size, bool bold = false)
    {
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && _fonts.Measure(candidate, size, bold) > width)
            {
                yield return line;
                line = word;
            }
            else line = candidate;
        }
        if (line.Length > 0) yield return line;
    }

    private string Fit(string text, float width, double size, bool bold = false)
    {
        if (_fonts.Measure(text, size, bold) <= width) return text;
        while (text.Length > 1 && _fonts.Measure(text + "…", size, bold) > width) text = text[..^1];
        return text + "…";
    }

    private sealed record Column(string Header, float Width, bool Number = false);

    /// <summary>A cell: text, and optionally a RAG status to colour it.</summary>
    private sealed record Cell(string Text, string? Rag = null, bool IsRag = false, bool Bold = false)
    {
        public static implicit operator Cell(string text) => new(text);
    }

    /// <summary>Draws a table from y, continuing on new pages (header repeated); returns the y below it.</summary>
    private float Table(float x, float y, IReadOnlyList<Column> columns, IEnumerable<IReadOnlyList<Cell>> rows, double size, string continuedFooter, string continuedTitle, float? bottom = null)
    {
        var rowHeight = (float)size * 1.55f;
        var limit = bottom ?? Bottom;
        float Header(float top)
        {
            var cx = x;
            foreach (var c in columns)
            {
                Text(c.Number ? cx + c.Width - 3 : cx + 2, top + rowHeight - 4, Fit(c.Header, c.Width - 4, size, true), size, Palette.Ink, c.Number ? TextAnchor.End : TextAnchor.Start, true);
                cx += c.Width;
            }
            Rule(x, top + rowHeight, x + columns.Sum(c => c.Width), Palette.Ink, 1f);
            return top + rowHeight + 1;
        }
        y = Header(y);
        foreach (var row in rows)
        {
            if (y + rowHeight > limit)
            {
                if (bottom is not null) return y;
                NewPage(continuedFooter);
                Text(Margin, Margin + 8, continuedTitle + " (continued)", 12, Palette.Ink, TextAnchor.Start, true);
                y = Header(Margin + 18);
            }
            var cx = x;
            for (var i = 0; i < columns.Count; i++)
            {
                var c = columns[i];
                var cell = i < row.Count ? row[i] : "";
                if (cell.IsRag && cell.Rag is not null)
                {
                    var rag = Palette.Rag(cell.Rag);
                    Fill(cx + 1, y + 1, c.Width - 2, rowHeight - 2, rag.Fill);
                    Text(cx + c.Width / 2, y + rowHeight - 4, Fit(cell.Text, c.Width - 4, size, true), size, rag.Text, TextAnchor.Middle, true);
                }
                else
                {
                    var text = Fit(cell.Text, c.Width - 5, size, cell.Bold);
                    Text(c.Number ? cx + c.Width - 3 : cx + 2, y + rowHeight - 4, text, size, Palette.Ink, c.Number ? TextAnchor.End : TextAnchor.Start, cell.Bold);
                }
                cx += c.Width;
            }
            Rule(x, y + rowHeight, x + columns.Sum(c => c.Width));
            y += rowHeight;
        }
        return y;
    }

    private static Cell RagCell(string? rag) => new(Palette.Rag(rag).Label, rag ?? Palette.None.Code, IsRag: true);

    private void Cover()
    {
        NewPage("Cover");
        var y = Margin + 10;
        Text(Margin, y + 14, _data.Pack.Title, 22, Palette.Ink, TextAnchor.Start, true);
        y += 26;
        Text(Margin, y + 12, _data.Pack.Subtitle, 13, Palette.Muted);
        y += 20;
        Text(Margin, y + 10, PackView.PeriodLine(_data) + ". Produced " + _data.GeneratedAt.ToString("d MMMM yyyy HH:mm", CultureInfo.InvariantCulture) + ".", 10);
        y += 16;
        foreach (var notice in PackView.Notices(_data))
        {
            Fill(Margin, y + 2, 3, 12, _data.Identifiable ? Palette.Red.Fill : "#1d70b8");
            y = Paragraph(Margin + 8, y, PageWidth - 2 * Margin - 8, notice, 9) + 3;
        }
        y += 4;
        var columns = new List<Column>
        {
            new("Code", 36), new("Title", 230), new("Chart", 30), new("Latest", 55, true), new("Target", 75, true), new("RAG", 50),
            new("Direction of travel", 100), new("Stat. neighbours", 70, true), new("Numerator", 56, true), new("Denominator", 66, true),
        };
        var rows = _data.Headline.Select(h =>
        {
            var unit = h.Indicator.Unit;
            var travel = PackView.TravelOf(h, _disclosure);
            return (IReadOnlyList<Cell>)[
                new Cell(h.Indicator.Code, Bold: true), h.Indicator.Title, h.Indicator.Chart ?? "–", _disclosure.ValueText(h.Latest, unit),
                PackView.TargetText(h.Latest, unit), RagCell(h.Latest.Rag), $"{travel.Arrow} {travel.Words}", Formats.Value(h.Latest.StatNeighbour, unit),
                _disclosure.NumeratorText(h.Latest, unit), _disclosure.DenominatorText(h.Latest, unit),
            ];
        });
        Text(Margin, y + 10, "Headline: every indicator at " + Formats.LongDate(_data.PeriodEnd), 10, Palette.Ink, TextAnchor.Start, true);
        y = Table(Margin, y + 14, columns, rows, 7.5, "Cover", "Headline");
        if (_data.NotAvailable.Count > 0)
        {
            if (y + 40 > Bottom)
            {
                NewPage("Cover");
                y = Margin;
            }
            Text(Margin, y + 18, "Not available from this source", 10, Palette.Ink, TextAnchor.Start, true);
            Table(Margin, y + 22, [new("Code", 36), new("Title", 230), new("Why", PageWidth - 2 * Margin - 266)],
                _data.NotAvailable.Select(n => (IReadOnlyList<Cell>)[new Cell(n.Indicator.Code, Bold: true), n.Indicator.Title, n.Reason]), 7.5, "Cover", "Not available from this source");
        }
    }

    private void ChartPage(ChartPageData page)
    {
        var def = page.Definition;
        NewPage(def.Heading);
        var months = _data.Months(def.Months);
        Heading(def.Heading, page.Indicators, page.Points);
        var model = ChartModel.For(page, months, _disclosure);
        DrawChart(model, Margin, 96, 470, 262);
        TrendTable(page.Indicators, def.Series.Select(s => s.Indicator).ToList(), page.Points, months, def.TargetLine);
        var y = Definitions(page.Indicators, 378);
        y = Commentary(y + 4);
        if (def.DrillThrough is { } code) Drill(page, code, y + 6);
    }

    private void IndicatorPage(IndicatorPageData page)
    {
        var i = page.Indicator;
        var title = $"{i.Code}: {i.Title}";
        NewPage(title);
        var months = _data.Months(24);
        Heading(title, [i], page.Points);
        DrawChart(ChartModel.For(page, months, _disclosure), Margin, 96, 470, 262);
        TrendTable([i], [i.Code], page.Points, months, i.Code);
        Definitions([i], 378);
    }

    private void Heading(string title, IReadOnlyList<IndicatorInfo> indicators, IReadOnlyList<KpiPoint> points)
    {
        Text(Margin, Margin + 12, title, 16, Palette.Ink, TextAnchor.Start, true);
        var y = Margin + 22f;
        foreach (var i in indicators)
        {
            var latest = points.FirstOrDefault(p => p.Code == i.Code && p.PeriodEnd == _data.PeriodEnd);
            var line = latest is null
                ? $"{i.Code}: no figure for {Formats.Month(_data.PeriodEnd)}."
                : $"{i.Code} {Formats.Month(_data.PeriodEnd)}: {_disclosure.ValueText(latest, i.Unit)} · target {PackView.TargetText(latest, i.Unit)}" +
                  (latest.StatNeighbour is null ? "" : $" · statistical neighbours {Formats.Value(latest.StatNeighbour, i.Unit)}") + $" · {Formats.PolarityName(i.Polarity)}";
            Text(Margin, y + 9, line, 9);
            if (latest is not null)
            {
                var rag = Palette.Rag(latest.Rag);
                var x = Margin + _fonts.Measure(line, 9) + 8;
                Fill(x, y, 52, 12, rag.Fill);
                Text(x + 26, y + 9, rag.Label, 8, rag.Text, TextAnchor.Middle, true);
            }
            y += 14;
        }
    }

    private void DrawChart(ChartModel model, float x, float y, float width, float height)
    {
        _canvas.Save();
        _canvas.Translate(x, y);
        ChartPainter.Paint(model, new ChartLayout(model, width, height), new SkiaCanvas(_canvas, _fonts));
        _canvas.Restore();
    }

    private void TrendTable(IReadOnlyList<IndicatorInfo> indicators, IReadOnlyList<string> codes, IReadOnlyList<KpiPoint> points, IReadOnlyList<DateOnly> months, string? targetCode)
    {
        var byKey = points.ToDictionary(p => (p.Code, p.PeriodEnd.Year, p.PeriodEnd.Month));
        var unitOf = indicators.ToDictionary(i => i.Code, i => i.Unit);
        var columns = new List<Column> { new("Month", 50) };
        var valueWidth = codes.Count > 1 ? 48f : 60f;
        columns.AddRange(codes.Select(c => new Column(c, valueWidth, true)));
        columns.Add(new Column("RAG", 44));
        columns.Add(new Column("Target", codes.Count > 1 ? 58 : 80, true));
        columns.Add(new Column("SN", 40, true));
        var first = codes[0];
        var rows = months.Reverse().Select(m =>
        {
            var cells = new List<Cell> { Formats.MonthShort(m) };
            foreach (var c in codes)
            {
                var p = byKey.GetValueOrDefault((c, m.Year, m.Month));
                cells.Add(p is null ? "–" : _disclosure.ValueText(p, unitOf.GetValueOrDefault(c, "count")));
            }
            var head = byKey.GetValueOrDefault((first, m.Year, m.Month));
            cells.Add(head?.Rag is null ? "" : RagCell(head.Rag));
            var t = targetCode is null ? null : byKey.GetValueOrDefault((targetCode, m.Year, m.Month));
            cells.Add(t is null ? "–" : PackView.TargetText(t, unitOf.GetValueOrDefault(targetCode!, "count")));
            cells.Add(Formats.Value(head?.StatNeighbour, unitOf.GetValueOrDefault(first, "count")));
            return (IReadOnlyList<Cell>)cells;
        }).ToList();
        Table(PageWidth - Margin - columns.Sum(c => c.Width), 92, columns, rows, 7, "", "", bottom: 374);
    }

    private float Definitions(IReadOnlyList<IndicatorInfo> indicators, float y)
    {
        Text(Margin, y + 10, "Definition", 10, Palette.Ink, TextAnchor.Start, true);
        y += 14;
        foreach (var i in indicators)
        {
            y = Paragraph(Margin, y, PageWidth - 2 * Margin, $"{i.Code} ({i.Window}, {Formats.UnitName(i.Unit)}, {Formats.PolarityName(i.Polarity)}): {i.Definition}", 8.5);
        }
        return y;
    }

    private float Commentary(float y)
    {
        Text(Margin, y + 10, "Commentary", 10, Palette.Ink, TextAnchor.Start, true);
        var bottom = Paragraph(Margin + 6, y + 16, PageWidth - 2 * Margin - 12, PackView.CommentaryPlaceholder, 8.5, Palette.Muted);
        using var paint = new SKPaint { Color = SkiaCanvas.Colour(Palette.Rule), Style = SKPaintStyle.Stroke, StrokeWidth = 0.8f, PathEffect = SKPathEffect.CreateDash([3f, 2f], 0) };
        _canvas.DrawRect(Margin, y + 13, PageWidth - 2 * Margin, bottom - y - 10, paint);
        return bottom + 4;
    }

    private void Drill(ChartPageData page, string code, float y)
    {
        Text(Margin, y + 10, $"Children behind {code} for {Formats.Month(_data.PeriodEnd)}", 10, Palette.Ink, TextAnchor.Start, true);
        y += 14;
        if (_data.Public)
        {
            Text(Margin, y + 9, "Not shown in the public version.", 8.5, Palette.Muted);
            return;
        }
        var rows = PackView.OrderedDrill(page);
        if (rows.Count == 0)
        {
            Text(Margin, y + 9, "No children in this month's figures.", 8.5, Palette.Muted);
            return;
        }
        var columns = new List<Column>();
        if (_data.Identifiable) columns.Add(new("Child id", 70));
        columns.AddRange([new("Child", 95), new("Record", 100), new("In numerator", 55), new("In denominator", 62), new("Due date", 58), new("Outcome", 50), new("Worker", 130), new("Team", 130)]);
        var room = (int)((Bottom - 14 - y - 12) / (7 * 1.55f));
        var shown = Math.Max(0, Math.Min(rows.Count, room));
        Table(Margin, y, columns, rows.Take(shown).Select(r =>
        {
            var cells = new List<Cell>();
            if (_data.Identifiable) cells.Add(r.ChildId ?? "");
            cells.AddRange([r.Child ?? "", r.RecordId, PackView.YesNo(r.InNumerator), PackView.YesNo(r.InDenominator), Formats.Date(r.DueDate), r.Outcome ?? "", r.Worker ?? "", r.Team ?? ""]);
            return (IReadOnlyList<Cell>)cells;
        }), 7, "", "", bottom: Bottom - 12);
        if (rows.Count > shown)
        {
            Text(Margin, Bottom - 4, $"{shown} of {rows.Count} records shown (those needing attention first); the full list is in pack.html and the warehouse (mart.kpi_drill).", 7.5, Palette.Muted);
        }
    }

    private void DataQualityPages()
    {
        NewPage("Data quality");
        Text(Margin, Margin + 12, "Data quality", 16, Palette.Ink, TextAnchor.Start, true);
        var y = Paragraph(Margin, Margin + 20, PageWidth - 2 * Margin,
            "Rows the latest run held back (quarantined) and data-quality warnings, by the team and worker holding the child's case, with each item's age in days. The list is also in dq.csv beside this pack.", 9);
        var summary = PackView.DataQualityByTeam(_data).Select(t => (IReadOnlyList<Cell>)[
            new Cell(t.Team, Bold: true), PackView.CountText(t.Quarantined, _disclosure), PackView.CountText(t.Warnings, _disclosure),
            t.OldestDays?.ToString(CultureInfo.InvariantCulture) ?? "–"]).ToList();
        if (summary.Count == 0) summary.Add(["No data-quality items in the latest run.", "", "", ""]);
        y = Table(Margin, y + 6, [new("Team", 250), new("Quarantined", 80, true), new("Warnings", 80, true), new("Oldest (days)", 80, true)], summary, 8, "Data quality", "Data quality");
        if (_data.Public)
        {
            Text(Margin, y + 14, "The item list is not shown in the public version.", 8.5, Palette.Muted);
            return;
        }
        var columns = new List<Column> { new("Team", 105), new("Worker", 105), new("Kind", 55), new("Table", 75), new("Line", 32, true), new("Column", 70), new("Reason", 165) };
        if (_data.Identifiable) columns.Add(new("Child id", 50));
        columns.AddRange([new("Child", 80), new("Age (days)", 55, true)]);
        var rows = _data.DataQuality.Select(d =>
        {
            var cells = new List<Cell> { d.Team ?? "(no team)", d.Worker ?? "(no allocated worker)", d.Kind, d.TableName, d.Line?.ToString(CultureInfo.InvariantCulture) ?? "", d.Column ?? "", d.Reason };
            if (_data.Identifiable) cells.Add(d.ChildId ?? "");
            cells.AddRange([d.Child ?? "", d.AgeDays?.ToString(CultureInfo.InvariantCulture) ?? ""]);
            return (IReadOnlyList<Cell>)cells;
        });
        if (y + 40 > Bottom)
        {
            NewPage("Data quality");
            y = Margin;
        }
        Table(Margin, y + 12, columns, rows, 7, "Data quality", "Data-quality items");
    }
}
