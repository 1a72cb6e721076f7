namespace ChildrensWarehouse.Reports.Definitions;

/// <summary>A field of a dataset and its type (RDL's rd:TypeName; the renderer reads it so).</summary>
public sealed record DatasetField(string Name, Type Type);

/// <summary>
/// One dataset: SQL over the warehouse's mart views, written once for both engines. The text is T-SQL (report
/// parameters as @Name), so SSRS runs it unchanged against a SQL Server warehouse; the built-in renderer runs the same
/// text on DuckDB through <see cref="SqlDialect.ForDuckDb"/>.
/// </summary>
public sealed record Dataset(string Name, string CommandText, IReadOnlyList<DatasetField> Fields)
{
    /// <summary>The report parameters the query uses, in order of first use.</summary>
    public IReadOnlyList<string> Parameters => SqlDialect.ParameterNames(CommandText);
}

/// <summary>The report parameters every report has, and the values the built-in renderer gives them.</summary>
public static class ReportParameterNames
{
    public const string LaCode = "LaCode";
    public const string PeriodEnd = "PeriodEnd";
    /// <summary>Hidden: the first day of the month (months - 1) before PeriodEnd's month.</summary>
    public const string PeriodStart = "PeriodStart";
    /// <summary>Filters the drill-through and data-quality lists (the indicators are council-wide). Empty = all teams.</summary>
    public const string Team = "Team";
}

/// <summary>The datasets of the reports, built from the definitions. Every query is plain SQL common to T-SQL and
/// DuckDB: no engine-specific functions, booleans compared as columns, parameters only as @Name.</summary>
public static class Datasets
{
    private static readonly Type S = typeof(string), D = typeof(DateTime), N = typeof(decimal), B = typeof(bool), I = typeof(long);

    public const string TrendName = "Trend";
    public const string DefinitionName = "Definition";
    public const string DrillName = "Drill";
    public const string HeadlineName = "Headline";
    public const string ExtraTrendsName = "ExtraTrends";
    public const string IndicatorsName = "Indicators";
    public const string DataQualityName = "DataQuality";
    public const string CouncilsName = "Councils";
    public const string PeriodsName = "Periods";
    public const string TeamsName = "Teams";

    private static readonly DatasetField[] TrendFields =
    [
        new("indicator_code", S), new("chart", S), new("title", S), new("unit", S), new("polarity", S), new("period_end", D),
        new("numerator", N), new("denominator", N), new("value", N), new("target", N), new("amber_tolerance", N),
        new("target_upper", N), new("rag", S), new("stat_neighbour", N),
    ];

    private const string TrendColumns =
        "k.indicator_code, k.chart, k.title, k.unit, k.polarity, k.period_end, k.numerator, k.denominator, k.value, k.target, k.amber_tolerance, k.target_upper, k.rag, k.stat_neighbour";

    private static string InList(IEnumerable<string> codes)
    {
        var list = codes.Distinct(StringComparer.Ordinal).ToList();
        if (list.Count == 0 || !list.All(ReportDefinitions.IsCode)) throw new ArgumentException("indicator codes must be plain codes", nameof(codes));
        return string.Join(", ", list.Select(c => "'" + c + "'"));
    }

    /// <summary>The chart's indicators over its trend window.</summary>
    public static Dataset Trend(ChartDefinition chart) => Trend(chart.Indicators);

    /// <summary>Indicators over the trend window (the pack reads all its charts' at once).</summary>
    public static Dataset Trend(IEnumerable<string> indicators) => new(TrendName, $"""
        SELECT {TrendColumns}
        FROM mart.kpi_month AS k
        WHERE k.la_code = @LaCode AND k.indicator_code IN ({InList(indicators)})
          AND k.period_end BETWEEN @PeriodStart AND @PeriodEnd
        ORDER BY k.indicator_code, k.period_end
        """, TrendFields);

    /// <summary>The indicators with no chart number over the trend window (their own pages in the pack).</summary>
    public static Dataset ExtraTrends() => new(ExtraTrendsName, $"""
        SELECT {TrendColumns}
        FROM mart.kpi_month AS k
        WHERE k.la_code = @LaCode AND k.chart IS NULL AND k.period_end BETWEEN @PeriodStart AND @PeriodEnd
        ORDER BY k.indicator_code, k.period_end
        """, TrendFields);

    private static readonly DatasetField[] IndicatorFields =
    [
        new("indicator_code", S), new("chart", S), new("title", S), new("time_window", S), new("unit", S), new("polarity", S), new("definition", S),
    ];

    /// <summary>The dictionary entries (definition text) of the chart's indicators.</summary>
    public static Dataset Definition(ChartDefinition chart) => new(DefinitionName, $"""
        SELECT i.indicator_code, i.chart, i.title, i.time_window, i.unit, i.polarity, i.definition
        FROM mart.indicator AS i
        WHERE i.indicator_code IN ({InList(chart.Indicators)})
        ORDER BY i.indicator_code
        """, IndicatorFields);

    public static Dataset Indicators() => new(IndicatorsName, """
        SELECT i.indicator_code, i.chart, i.title, i.time_window, i.unit, i.polarity, i.definition
        FROM mart.indicator AS i
        ORDER BY i.indicator_code
        """, IndicatorFields);

    /// <summary>The children (records) behind one indicator at the period end. Pseudonymised (mart.kpi_drill) unless
    /// identifiable, which reads mart_identifiable.kpi_drill and adds child_id.</summary>
    public static Dataset Drill(string indicator, bool identifiable = false) => Drill([indicator], identifiable);

    /// <summary>The children (records) behind indicators at the period end (the pack reads all its charts' at once: one
    /// pass over the drill-through members instead of one a chart); in each indicator's rows the order is the same.</summary>
    public static Dataset Drill(IEnumerable<string> indicators, bool identifiable = false)
    {
        var source = identifiable ? "mart_identifiable.kpi_drill" : "mart.kpi_drill";
        var childId = identifiable ? "d.child_id, " : "";
        List<DatasetField> fields = identifiable ? [new("child_id", S)] : [];
        fields.AddRange([
            new("indicator_code", S), new("child", S), new("record_id", S), new("in_numerator", B), new("in_denominator", B),
            new("due_date", D), new("outcome", S), new("worker", S), new("team", S),
        ]);
        return new(DrillName, $"""
            SELECT {childId}d.indicator_code, d.child, d.record_id, d.in_numerator, d.in_denominator, d.due_date, d.outcome, d.worker, d.team
            FROM {source} AS d
            WHERE d.la_code = @LaCode AND d.indicator_code IN ({InList(indicators)}) AND d.period_end = @PeriodEnd
              AND (@Team IS NULL OR d.team = @Team)
            ORDER BY d.team, d.worker, d.child, d.record_id
            """, fields);
    }

    /// <summary>Every indicator at the period end with the previous month's value (direction of travel).</summary>
    public static Dataset Headline() => new(HeadlineName, """
        SELECT h.indicator_code, h.chart, h.title, h.unit, h.polarity, h.period_end, h.numerator, h.denominator, h.value,
               h.target, h.target_upper, h.rag, h.stat_neighbour, h.previous_value, h.previous_numerator, h.previous_denominator
        FROM (
            SELECT k.indicator_code, k.chart, k.title, k.unit, k.polarity, k.period_end, k.numerator, k.denominator, k.value,
                   k.target, k.target_upper, k.rag, k.stat_neighbour,
                   LAG(k.value) OVER (PARTITION BY k.indicator_code ORDER BY k.period_end) AS previous_value,
                   LAG(k.numerator) OVER (PARTITION BY k.indicator_code ORDER BY k.period_end) AS previous_numerator,
                   LAG(k.denominator) OVER (PARTITION BY k.indicator_code ORDER BY k.period_end) AS previous_denominator
            FROM mart.kpi_month AS k
            WHERE k.la_code = @LaCode AND k.period_end BETWEEN @PeriodStart AND @PeriodEnd
        ) AS h
        WHERE h.period_end = @PeriodEnd
        ORDER BY h.indicator_code
        """,
        [
            new("indicator_code", S), new("chart", S), new("title", S), new("unit", S), new("polarity", S), new("period_end", D),
            new("numerator", N), new("denominator", N), new("value", N), new("target", N), new("target_upper", N), new("rag", S),
            new("stat_neighbour", N), new("previous_value", N), new("previous_numerator", N), new("previous_denominator", N),
        ]);

    /// <summary>The latest run's quarantined rows and data-quality warnings with the worker and team holding the case.</summary>
    public static Dataset DataQuality(bool identifiable = false)
    {
        var source = identifiable ? "mart_identifiable.data_quality" : "mart.data_quality";
        var childId = identifiable ? "q.child_id, " : "";
        List<DatasetField> fields = identifiable ? [new("child_id", S)] : [];
        fields.AddRange([
            new("kind", S), new("table_name", S), new("line", I), new("column_name", S), new("reason", S), new("child", S),
            new("worker", S), new("team", S), new("age_days", I),
        ]);
        return new(DataQualityName, $"""
            SELECT {childId}q.kind, q.table_name, q.line, q.column_name, q.reason, q.child, q.worker, q.team, q.age_days
            FROM {source} AS q
            WHERE q.la_code = @LaCode AND (@Team IS NULL OR q.team = @Team)
            ORDER BY q.team, q.worker, q.age_days DESC, q.table_name, q.line
            """, fields);
    }

    public const string AvailabilityName = "Availability";

    /// <summary>The indicators the council's source cannot support, with the reason (mart.kpi_availability).</summary>
    public static Dataset Availability() => new(AvailabilityName, """
        SELECT a.indicator_code, a.title, a.chart, a.reason
        FROM mart.kpi_availability AS a
        WHERE a.la_code = @LaCode
        ORDER BY a.indicator_code
        """, [new("indicator_code", S), new("title", S), new("chart", S), new("reason", S)]);

    public static Dataset Councils() => new(CouncilsName, """
        SELECT DISTINCT k.la_code
        FROM mart.kpi_month AS k
        ORDER BY k.la_code
        """, [new("la_code", S)]);

    public static Dataset Periods() => new(PeriodsName, """
        SELECT DISTINCT k.period_end
        FROM mart.kpi_month AS k
        WHERE k.la_code = @LaCode
        ORDER BY k.period_end DESC
        """, [new("period_end", D)]);

    /// <summary>The Team parameter's choices: all teams (null) and every team in the drill-through.</summary>
    public static Dataset Teams() => new(TeamsName, """
        SELECT t.team, t.team_label
        FROM (
            SELECT NULL AS team, '(all teams)' AS team_label
            UNION ALL
            SELECT DISTINCT d.team, d.team AS team_label
            FROM mart.kpi_drill AS d
            WHERE d.la_code = @LaCode AND d.team IS NOT NULL
        ) AS t
        ORDER BY t.team_label
        """, [new("team", S), new("team_label", S)]);

    /// <summary>The datasets of one chart report.</summary>
    public static IReadOnlyList<Dataset> ForChart(ChartDefinition chart)
    {
        var list = new List<Dataset> { Trend(chart), Definition(chart) };
        if (chart.DrillThrough is not null) list.Add(Drill(chart.DrillThrough));
        list.AddRange([Councils(), Periods(), Teams()]);
        return list;
    }

    /// <summary>The datasets of the pack report (its charts are subreports with their own datasets).</summary>
    public static IReadOnlyList<Dataset> ForPack(PackDefinition pack)
    {
        var list = new List<Dataset>();
        if (pack.Headline) list.Add(Headline());
        if (pack.ExtraIndicators) list.Add(ExtraTrends());
        if (pack.DataQuality) list.Add(DataQuality());
        list.AddRange([Councils(), Periods(), Teams()]);
        return list;
    }
}
