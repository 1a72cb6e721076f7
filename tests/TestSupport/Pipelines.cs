using ChildrensWarehouse.Indicators;
using ChildrensWarehouse.Pipeline;
using ChildrensWarehouse.Rules;
using ChildrensWarehouse.Warehouse;
using Serilog;

namespace ChildrensWarehouse.Tests.TestSupport;

/// <summary>Runs the whole pipeline on a hand-made extract into a temporary warehouse.</summary>
public static class Pipelines
{
    public static ILogger QuietLog { get; } = new LoggerConfiguration().CreateLogger();

    public static RunSummary Run(TestExtract extract, TempDir dir, string? asAt = null, RuleSettings? rules = null, int months = 24)
    {
        var folder = extract.WriteTo(dir.File("extract-" + Guid.NewGuid().ToString("N")[..8]));
        return new RunPipeline(QuietLog).Run(new RunRequest
        {
            SourceFolder = folder,
            WarehousePath = dir.File("warehouse.duckdb"),
            AsAt = asAt is null ? null : DateTime.Parse(asAt, System.Globalization.CultureInfo.InvariantCulture),
            Rules = rules ?? new RuleSettings(),
            Months = months,
        });
    }

    public static KpiRow Kpi(this RunSummary summary, string code, string periodEnd)
    {
        var date = DateOnly.Parse(periodEnd, System.Globalization.CultureInfo.InvariantCulture);
        return summary.Kpis.Single(k => k.IndicatorCode == code && k.PeriodEnd == date);
    }

    /// <summary>The same row read back from the published warehouse's fact.kpi_month.</summary>
    public static KpiRow StoredKpi(this RunSummary summary, string code, string periodEnd)
    {
        var date = DateOnly.Parse(periodEnd, System.Globalization.CultureInfo.InvariantCulture);
        return KpiStore.Read(summary.WarehousePath, summary.Manifest.LaCode, 240).Single(k => k.IndicatorCode == code && k.PeriodEnd == date);
    }
}
