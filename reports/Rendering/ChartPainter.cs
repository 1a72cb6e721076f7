namespace ChildrensWarehouse.Reports.Rendering;

public enum TextAnchor { Start, Middle, End }

public enum LineDash { Solid, Dashed, Dotted }

/// <summary>What a plotted mark stands for (the SVG carries it as data attributes, so tests and screen readers can
/// read the numbers behind the picture).</summary>
public sealed record MarkTag(string CssClass, string Indicator, DateOnly Period, decimal Value, string? Rag);

/// <summary>The drawing primitives a chart needs; SVG (HTML pack) and Skia (PDF pack) implement them.</summary>
public interface IChartCanvas
{
    void Line(double x1, double y1, double x2, double y2, string stroke, double width, LineDash dash = LineDash.Solid);
    void Polyline(IReadOnlyList<(double X, double Y)> points, string stroke, double width, LineDash dash, string cssClass);
    void Rect(double x, double y, double width, double height, string fill, string? stroke, MarkTag? tag);
    void Circle(double cx, double cy, double r, string fill, string stroke, MarkTag? tag);
    void Diamond(double cx, double cy, double r, string fill, MarkTag? tag);
    void Text(double x, double y, string text, double size, string colour, TextAnchor anchor, bool bold = false);
}

/// <summary>Draws a <see cref="ChartModel"/> on any canvas, so the HTML and the PDF show the same chart.</summary>
public static class ChartPainter
{
    public static void Paint(ChartModel model, ChartLayout layout, IChartCanvas canvas)
    {
        // Grid and value axis.
        foreach (var tick in layout.Ticks)
        {
            var y = layout.Y(tick);
            canvas.Line(layout.Left, y, layout.Right, y, Palette.Grid, 1);
            canvas.Text(layout.Left - 6, y + 3.5, Formats.Tick(tick, model.Unit), 10, Palette.Axis, TextAnchor.End);
        }
        canvas.Line(layout.Left, layout.Bottom, layout.Right, layout.Bottom, Palette.Axis, 1);

        // Month labels: every third month and the last.
        var every = model.Months.Count <= 12 ? 1 : 3;
        for (var s = 0; s < model.Months.Count; s++)
        {
            if ((model.Months.Count - 1 - s) % every != 0) continue;
            canvas.Text(layout.X(s), layout.Bottom + 14, Formats.MonthShort(model.Months[s]), 10, Palette.Axis, TextAnchor.Middle);
        }

        // Target band (for band polarity) and the target step line.
        foreach (var t in model.Targets.Where(t => t.Upper is not null))
        {
            var x = layout.X(t.Slot) - layout.SlotWidth / 2;
            canvas.Rect(x, layout.Y(t.Upper!.Value), layout.SlotWidth, layout.Y(t.Target) - layout.Y(t.Upper!.Value), Palette.Band, null, null);
        }
        foreach (var run in Runs(model.Targets.Select(t => (t.Slot, t.Target)).ToList()))
        {
            canvas.Polyline(Steps(run, layout), Palette.Target, 1.5, LineDash.Dashed, "target-line");
        }
        foreach (var run in Runs(model.Targets.Where(t => t.Upper is not null).Select(t => (t.Slot, t.Upper!.Value)).ToList()))
        {
            canvas.Polyline(Steps(run, layout), Palette.Target, 1.5, LineDash.Dashed, "target-upper-line");
        }

        // Columns, then lines over them.
        var columns = model.Series.Where(s => s.Column).ToList();
        for (var c = 0; c < columns.Count; c++)
        {
            var width = layout.SlotWidth * 0.6 / columns.Count;
            foreach (var p in columns[c].Points)
            {
                var x = layout.X(p.Slot) - layout.SlotWidth * 0.3 + c * width;
                var y = layout.Y(p.Value);
                canvas.Rect(x, y, width, layout.Bottom - y, columns[c].Colour, null, new MarkTag("point", columns[c].Code, p.PeriodEnd, p.Value, p.Rag));
            }
        }
        foreach (var s in model.Series.Where(s => !s.Column))
        {
            foreach (var run in Runs(s.Points.Select(p => (p.Slot, p.Value)).ToList()))
            {
                canvas.Polyline(run.Select(p => (layout.X(p.Slot), layout.Y(p.Value))).ToList(), s.Colour, 2.25, LineDash.Solid, "series-line");
            }
            foreach (var p in s.Points)
            {
                canvas.Circle(layout.X(p.Slot), layout.Y(p.Value), 4.2, p.Rag is null ? "#ffffff" : Palette.Rag(p.Rag).Fill, s.Colour,
                    new MarkTag("point", s.Code, p.PeriodEnd, p.Value, p.Rag));
            }
        }

        // Statistical neighbours: published rarely, so the known values are joined across the gaps.
        if (model.StatNeighbour.Count > 1)
        {
            canvas.Polyline(model.StatNeighbour.Select(n => (layout.X(n.Slot), layout.Y(n.Value))).ToList(), Palette.StatNeighbour, 1.5, LineDash.Dotted, "sn-line");
        }
        foreach (var n in model.StatNeighbour)
        {
            canvas.Diamond(layout.X(n.Slot), layout.Y(n.Value), 5, Palette.StatNeighbour, new MarkTag("sn-point", model.NeighbourCode ?? "", n.PeriodEnd, n.Value, null));
        }

        // Legend along the top.
        var lx = layout.Left;
        const double ly = 12;
        foreach (var s in model.Series)
        {
            if (s.Column) canvas.Rect(lx, ly - 6, 14, 9, s.Colour, null, null);
            else canvas.Line(lx, ly - 1.5, lx + 14, ly - 1.5, s.Colour, 2.25);
            canvas.Text(lx + 18, ly + 2, s.Label, 10, Palette.Ink, TextAnchor.Start);
            lx += 28 + s.Label.Length * 5.6;
        }
        if (model.Targets.Count > 0)
        {
            canvas.Line(lx, ly - 1.5, lx + 14, ly - 1.5, Palette.Target, 1.5, LineDash.Dashed);
            var label = model.Targets.Any(t => t.Upper is not null) ? "Target range" : "Target";
            canvas.Text(lx + 18, ly + 2, label, 10, Palette.Ink, TextAnchor.Start);
            lx += 28 + label.Length * 5.6;
        }
        if (model.StatNeighbour.Count > 0)
        {
            canvas.Diamond(lx + 7, ly - 1.5, 4, Palette.StatNeighbour, null);
            canvas.Text(lx + 18, ly + 2, "Statistical neighbours", 10, Palette.Ink, TextAnchor.Start);
        }
    }

    /// <summary>Consecutive months as separate runs, so a missing month leaves a gap rather than a false line.</summary>
    private static IEnumerable<List<(int Slot, decimal Value)>> Runs(IReadOnlyList<(int Slot, decimal Value)> points)
    {
        var run = new List<(int Slot, decimal Value)>();
        foreach (var p in points.OrderBy(p => p.Slot))
        {
            if (run.Count > 0 && p.Slot != run[^1].Slot + 1)
            {
                yield return run;
                run = [];
            }
            run.Add(p);
        }
        if (run.Count > 0) yield return run;
    }

    private static List<(double X, double Y)> Steps(List<(int Slot, decimal Value)> run, ChartLayout layout)
    {
        var result = new List<(double X, double Y)>();
        foreach (var (slot, value) in run)
        {
            var y = layout.Y(value);
            result.Add((layout.X(slot) - layout.SlotWidth / 2, y));
            result.Add((layout.X(slot) + layout.SlotWidth / 2, y));
        }
        return result;
    }
}
