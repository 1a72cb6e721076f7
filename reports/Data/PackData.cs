using ChildrensWarehouse.Reports.Definitions;

namespace ChildrensWarehouse.Reports.Data;

/// <summary>An indicator's dictionary entry (mart.indicator).</summary>
public sealed record IndicatorInfo(string Code, string? Chart, string Title, string Window, string Unit, string Polarity, string Definition);

/// <summary>One row of mart.kpi_month.</summary>
public sealed record KpiPoint(
    string Code, DateOnly PeriodEnd, decimal Numerator, decimal? Denominator, decimal? Value,
    decimal? Target, decimal? AmberTolerance, decimal? TargetUpper, string? Rag, decimal? StatNeighbour);

/// <summary>One child (record) behind an indicator at the period end (mart.kpi_drill).</summary>
public sealed record DrillRow(
    string Code, string? ChildId, string? Child, string RecordId, bool InNumerator, bool InDenominator,
    DateOnly? DueDate, string? Outcome, string? Worker, string? Team);

/// <summary>A quarantined row or data-quality warning (mart.data_quality).</summary>
public sealed record DataQualityItem(
    string Kind, string TableName, long? Line, string? Column, string Reason, string? ChildId, string? Child,
    string? Worker, string? Team, long? AgeDays);

/// <summary>A headline row: the indicator at the period end and the month before.</summary>
public sealed record HeadlineRow(IndicatorInfo Indicator, KpiPoint Latest, decimal? PreviousValue, decimal? PreviousNumerator, decimal? PreviousDenominator);

/// <summary>One chart page's data.</summary>
public sealed record ChartPageData(ChartDefinition Definition, IReadOnlyList<IndicatorInfo> Indicators, IReadOnlyList<KpiPoint> Points, IReadOnlyList<DrillRow> Drill)
{
    public IReadOnlyList<KpiPoint> Series(string code) => Points.Where(p => p.Code == code).OrderBy(p => p.PeriodEnd).ToList();
}

/// <summary>A page for an indicator with no chart number.</summary>
public sealed record IndicatorPageData(IndicatorInfo Indicator, IReadOnlyList<KpiPoint> Points);

/// <summary>An indicator the council's source cannot support (mart.kpi_availability): shown with its reason, never as zero.</summary>
public sealed record NotAvailableIndicator(IndicatorInfo Indicator, string Reason);

/// <summary>Everything one pack shows, read from the warehouse by the definitions' datasets.</summary>
public sealed record PackData(
    PackDefinition Pack,
    string LaCode,
    ParameterValues Parameters,
    bool Public,
    bool Identifiable,
    DateTime GeneratedAt,
    IReadOnlyDictionary<string, IndicatorInfo> Indicators,
    IReadOnlyList<HeadlineRow> Headline,
    IReadOnlyList<ChartPageData> Charts,
    IReadOnlyList<IndicatorPageData> Extras,
    IReadOnlyList<DataQualityItem> DataQuality)
{
    /// <summary>Indicators the source cannot support, by code, with the reason.</summary>
    public IReadOnlyList<NotAvailableIndicator> NotAvailable { get; init; } = [];

    public string? NotAvailableReason(string code) => NotAvailable.FirstOrDefault(n => n.Indicator.Code == code)?.Reason;

    public DateOnly PeriodEnd => Parameters.PeriodEnd;

    /// <summary>The month slots of a trend of <paramref name="months"/> months ending with the period end (first days).</summary>
    public IReadOnlyList<DateOnly> Months(int months)
    {
        var start = ParameterValues.StartOf(PeriodEnd, months);
        return Enumerable.Range(0, months).Select(start.AddMonths).ToList();
    }

    public static PackData Read(WarehouseReader warehouse, ReportDefinitions definitions, ParameterValues parameters,
        bool isPublic, bool identifiable, DateTime generatedAt, CancellationToken cancellationToken)
    {
        // Every dataset the pack needs, read together (WarehouseReader.RunAll), then put together here.
        var runs = new List<(Dataset, ParameterValues)>();
        int Add(Dataset dataset, ParameterValues values)
        {
            runs.Add((dataset, values));
            return runs.Count - 1;
        }
        var indicatorsAt = Add(Datasets.Indicators(), parameters);
        var headlineAt = definitions.Pack.Headline ? Add(Datasets.Headline(), parameters) : -1;
        // All the charts' trends and drill-through lists in one query each (the longest trend window; each chart keeps its
        // own months), their dictionary entries from the indicators.
        var drilled = definitions.Charts.Where(c => c.DrillThrough is not null).Select(c => c.DrillThrough!).ToList();
        var trendsAt = definitions.Charts.Count > 0
            ? Add(Datasets.Trend(definitions.Charts.SelectMany(c => c.Indicators)),
                parameters with { PeriodStart = ParameterValues.StartOf(parameters.PeriodEnd, definitions.Charts.Max(c => c.Months)) })
            : -1;
        var drillsAt = definitions.Charts.Count > 0 && drilled.Count > 0 && !isPublic ? Add(Datasets.Drill(drilled, identifiable), parameters) : -1;
        var extrasAt = definitions.Pack.ExtraIndicators ? Add(Datasets.ExtraTrends(), parameters) : -1;
        var dqAt = definitions.Pack.DataQuality ? Add(Datasets.DataQuality(identifiable), parameters) : -1;
        var availabilityAt = warehouse.HasView("mart", "kpi_availability") ? Add(Datasets.Availability(), parameters) : -1;
        var results = warehouse.RunAll(runs, cancellationToken);

        var indicators = results[indicatorsAt].Each().Select(ReadIndicator).ToDictionary(i => i.Code, StringComparer.Ordinal);

        var headline = headlineAt >= 0
            ? results[headlineAt].Each()
                .Select(r => new HeadlineRow(indicators[r.Text("indicator_code")!], ReadPoint(r), r.Decimal("previous_value"), r.Decimal("previous_numerator"), r.Decimal("previous_denominator")))
                .OrderBy(h => ChartOrder(h.Indicator)).ThenBy(h => h.Indicator.Code, StringComparer.Ordinal)
                .ToList()
            : [];

        var charts = new List<ChartPageData>();
        if (trendsAt >= 0)
        {
            var trends = results[trendsAt].Each().Select(ReadPoint).ToLookup(p => p.Code, StringComparer.Ordinal);
            var drills = drillsAt < 0
                ? Enumerable.Empty<DrillRow>().ToLookup(d => d.Code, StringComparer.Ordinal)
                : results[drillsAt].Each().Select(ReadDrill).ToLookup(d => d.Code, StringComparer.Ordinal);
            foreach (var chart in definitions.Charts)
            {
                var from = ParameterValues.StartOf(parameters.PeriodEnd, chart.Months);
                var points = chart.Indicators.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
                    .SelectMany(code => trends[code].Where(p => p.PeriodEnd >= from)).ToList();
                var drill = chart.DrillThrough is null || isPublic ? [] : drills[chart.DrillThrough].ToList();
                charts.Add(new ChartPageData(chart, chart.Indicators.Select(c => indicators.GetValueOrDefault(c) ?? Unknown(c)).ToList(), points, drill));
            }
        }

        var extras = new List<IndicatorPageData>();
        if (extrasAt >= 0)
        {
            var charted = definitions.Charts.SelectMany(c => c.Indicators).ToHashSet(StringComparer.Ordinal);
            var all = results[extrasAt].Each().Select(ReadPoint).ToList();
            foreach (var group in all.GroupBy(p => p.Code).Where(g => !charted.Contains(g.Key)).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                extras.Add(new IndicatorPageData(indicators.GetValueOrDefault(group.Key) ?? Unknown(group.Key), group.OrderBy(p => p.PeriodEnd).ToList()));
            }
        }

        var dq = dqAt >= 0
            ? results[dqAt].Each().Select(ReadDataQuality)
                .OrderBy(d => d.Team ?? "\uffff", StringComparer.Ordinal).ThenBy(d => d.Worker ?? "\uffff", StringComparer.Ordinal)
                .ThenByDescending(d => d.AgeDays ?? -1).ThenBy(d => d.TableName, StringComparer.Ordinal).ThenBy(d => d.Line)
                .ToList()
            : [];

        var notAvailable = availabilityAt >= 0
            ? results[availabilityAt].Each()
                .Select(r => new NotAvailableIndicator(indicators.GetValueOrDefault(r.Text("indicator_code")!) ?? Unknown(r.Text("indicator_code")!), r.Text("reason") ?? ""))
                .ToList()
            : [];

        return new PackData(definitions.Pack, parameters.LaCode, parameters, isPublic, identifiable, generatedAt, indicators, headline, charts, extras, dq)
        {
            NotAvailable = notAvailable,
        };
    }

    private static int ChartOrder(IndicatorInfo i) => int.TryParse(i.Chart, out var n) ? n : int.MaxValue;

    private static IndicatorInfo Unknown(string code) => new(code, null, code, "", "count", "up", "(not in the indicator dictionary)");

    private static IndicatorInfo ReadIndicator(DatasetRow r) => new(
        r.Text("indicator_code")!, r.Text("chart"), r.Text("title")!, r.Text("time_window") ?? "", r.Text("unit")!, r.Text("polarity")!, r.Text("definition") ?? "");

    private static KpiPoint ReadPoint(DatasetRow r) => new(
        r.Text("indicator_code")!, r.Date("period_end")!.Value, r.Decimal("numerator") ?? 0m, r.Decimal("denominator"), r.Decimal("value"),
        r.Decimal("target"), r.Has("amber_tolerance") ? r.Decimal("amber_tolerance") : null, r.Decimal("target_upper"), r.Text("rag"), r.Decimal("stat_neighbour"));

    private static DrillRow ReadDrill(DatasetRow r) =>
        new(r.Text("indicator_code")!, r.Has("child_id") ? r.Text("child_id") : null, r.Text("child"), r.Text("record_id")!, r.Bool("in_numerator"), r.Bool("in_denominator"),
            r.Date("due_date"), r.Text("outcome"), r.Text("worker"), r.Text("team"));

    private static DataQualityItem ReadDataQuality(DatasetRow r) =>
        new(r.Text("kind")!, r.Text("table_name")!, r.Long("line"), r.Text("column_name"), r.Text("reason") ?? "", r.Has("child_id") ? r.Text("child_id") : null,
            r.Text("child"), r.Text("worker"), r.Text("team"), r.Long("age_days"));
}
