using ChildrensWarehouse.Reports.Data;

namespace ChildrensWarehouse.Reports.Rendering;

public sealed record PlotPoint(int Slot, DateOnly PeriodEnd, decimal Value, string? Rag);

public sealed record PlotSeries(string Code, string Label, bool Column, string Colour, IReadOnlyList<PlotPoint> Points);

public sealed record TargetPoint(int Slot, decimal Target, decimal? Upper);

public sealed record NeighbourPoint(int Slot, DateOnly PeriodEnd, decimal Value);

/// <summary>What one chart plots, whatever draws it: month slots, series (suppressed points left out), the target
/// step line (with the band's upper edge) and the statistical neighbours' values.</summary>
public sealed record ChartModel(
    string Id, string Title, string Description, string Unit, IReadOnlyList<DateOnly> Months,
    IReadOnlyList<PlotSeries> Series, IReadOnlyList<TargetPoint> Targets, string? TargetCode,
    IReadOnlyList<NeighbourPoint> StatNeighbour, string? NeighbourCode)
{
    public static ChartModel For(ChartPageData page, IReadOnlyList<DateOnly> months, Disclosure disclosure)
    {
        var def = page.Definition;
        var unit = page.Indicators.FirstOrDefault()?.Unit ?? "count";
        var series = def.Series.Select((s, i) =>
        {
            var info = page.Indicators.First(x => x.Code == s.Indicator);
            return Plot(s.Indicator, s.Label, s.IsColumn, Palette.Series[i % Palette.Series.Count], page.Series(s.Indicator), months, info.Unit, disclosure);
        }).ToList();
        var targets = def.TargetLine is null ? [] : TargetsOf(page.Series(def.TargetLine), months);
        var neighbours = def.StatNeighbourLine is null ? [] : Neighbours(page.Series(def.StatNeighbourLine), months);
        return new ChartModel("chart-" + def.Chart, def.Heading, Describe(def.Heading, unit, months, series, targets, neighbours), unit, months, series,
            targets, def.TargetLine, neighbours, def.StatNeighbourLine);
    }

    public static ChartModel For(IndicatorPageData page, IReadOnlyList<DateOnly> months, Disclosure disclosure)
    {
        var i = page.Indicator;
        var series = new[] { Plot(i.Code, i.Title, false, Palette.Series[0], page.Points, months, i.Unit, disclosure) };
        var targets = TargetsOf(page.Points, months);
        var neighbours = Neighbours(page.Points, months);
        var title = $"{i.Code}: {i.Title}";
        return new ChartModel("indicator-" + i.Code, title, Describe(title, i.Unit, months, series, targets, neighbours), i.Unit, months, series,
            targets, i.Code, neighbours, i.Code);
    }

    private static int SlotOf(DateOnly periodEnd, IReadOnlyList<DateOnly> months)
    {
        for (var s = 0; s < months.Count; s++)
        {
            if (months[s].Year == periodEnd.Year && months[s].Month == periodEnd.Month) return s;
        }
        return -1;
    }

    private static PlotSeries Plot(string code, string label, bool column, string colour, IReadOnlyList<KpiPoint> points, IReadOnlyList<DateOnly> months, string unit, Disclosure disclosure) =>
        new(code, label, column, colour, points
            .Select(p => (p, slot: SlotOf(p.PeriodEnd, months), value: disclosure.Value(p, unit)))
            .Where(x => x.slot >= 0 && x.value is not null)
            .Select(x => new PlotPoint(x.slot, x.p.PeriodEnd, x.value!.Value, x.p.Rag))
            .ToList());

    private static IReadOnlyList<TargetPoint> TargetsOf(IReadOnlyList<KpiPoint> points, IReadOnlyList<DateOnly> months) =>
        points.Select(p => (p, slot: SlotOf(p.PeriodEnd, months))).Where(x => x.slot >= 0 && x.p.Target is not null)
            .Select(x => new TargetPoint(x.slot, x.p.Target!.Value, x.p.TargetUpper)).ToList();

    private static IReadOnlyList<NeighbourPoint> Neighbours(IReadOnlyList<KpiPoint> points, IReadOnlyList<DateOnly> months) =>
        points.Select(p => (p, slot: SlotOf(p.PeriodEnd, months))).Where(x => x.slot >= 0 && x.p.StatNeighbour is not null)
            .Select(x => new NeighbourPoint(x.slot, x.p.PeriodEnd, x.p.StatNeighbour!.Value)).ToList();

    private static string Describe(string title, string unit, IReadOnlyList<DateOnly> months, IReadOnlyList<PlotSeries> series,
        IReadOnlyList<TargetPoint> targets, IReadOnlyList<NeighbourPoint> neighbours)
    {
        var parts = new List<string>
        {
            $"Monthly trend of {title} ({Formats.UnitName(unit)}), {Formats.Month(months[0])} to {Formats.Month(months[^1])}.",
        };
        foreach (var s in series)
        {
            var last = s.Points.LastOrDefault();
            parts.Add(last is null
                ? $"{s.Label}: no values shown."
                : $"{s.Label}: {s.Points.Count} monthly values; latest {Formats.Value(last.Value, unit)} in {Formats.Month(last.PeriodEnd)}" +
                  (last.Rag is null ? "." : $", rated {Palette.Rag(last.Rag).Label}."));
        }
        if (targets.Count > 0)
        {
            var t = targets[^1];
            parts.Add(t.Upper is { } u ? $"Target range {Formats.Value(t.Target, unit)} to {Formats.Value(u, unit)}." : $"Target {Formats.Value(t.Target, unit)}.");
        }
        if (neighbours.Count > 0) parts.Add($"Statistical neighbours: {Formats.Value(neighbours[^1].Value, unit)} ({Formats.Month(neighbours[^1].PeriodEnd)}).");
        return string.Join(" ", parts);
    }
}

/// <summary>Where things go in a chart of a given size: the plot area, each month's x and the value scale.</summary>
public sealed class ChartLayout
{
    public double Width { get; }
    public double Height { get; }
    public double Left { get; } = 52;
    public double Right { get; }
    public double Top { get; } = 30;
    public double Bottom { get; }
    public decimal Max { get; }
    public IReadOnlyList<decimal> Ticks { get; }
    public double SlotWidth { get; }

    public ChartLayout(ChartModel model, double width, double height)
    {
        Width = width;
        Height = height;
        Right = width - 14;
        Bottom = height - 30;
        SlotWidth = (Right - Left) / model.Months.Count;
        var values = model.Series.SelectMany(s => s.Points.Select(p => p.Value))
            .Concat(model.Targets.Select(t => t.Upper ?? t.Target))
            .Concat(model.StatNeighbour.Select(n => n.Value))
            .DefaultIfEmpty(0m).ToList();
        var max = Math.Max(values.Max(), 0m);
        if (max == 0m) max = model.Unit == "percent" ? 100m : 10m;
        var step = NiceStep(max * 1.05m / 5m);
        if (model.Unit == "percent" && max <= 100m && max > 50m) step = max > 80m ? 20m : step;
        var top = Math.Ceiling(max * 1.02m / step) * step;
        if (model.Unit == "percent" && max <= 100m) top = Math.Min(top, 100m);
        Max = top;
        var ticks = new List<decimal>();
        for (var t = 0m; t <= top + step / 1000m; t += step) ticks.Add(t);
        Ticks = ticks;
    }

    public double X(int slot) => Left + (slot + 0.5) * SlotWidth;
    public double Y(decimal value) => Bottom - (double)(value / Max) * (Bottom - Top);

    private static decimal NiceStep(decimal raw)
    {
        if (raw <= 0m) return 1m;
        var magnitude = (decimal)Math.Pow(10, Math.Floor(Math.Log10((double)raw)));
        foreach (var m in new[] { 1m, 2m, 2.5m, 5m, 10m })
        {
            if (m * magnitude >= raw) return m * magnitude;
        }
        return 10m * magnitude;
    }
}
