namespace ChildrensWarehouse.Service;

/// <summary>The worker service's schedule and paths (configuration section "Worker"), validated at start-up.</summary>
public sealed class WorkerOptions
{
    /// <summary>Full rebuild: a cron expression (minute hour day month weekday) in <see cref="TimeZone"/>.</summary>
    public string NightlyCron { get; set; } = "30 2 * * *";
    public string TimeZone { get; set; } = "Europe/London";
    /// <summary>"Live" incremental runs every N minutes between <see cref="LiveStart"/> and <see cref="LiveEnd"/>; 0 turns them off.</summary>
    public int LiveIntervalMinutes { get; set; } = 15;
    public TimeOnly LiveStart { get; set; } = new(7, 0);
    public TimeOnly LiveEnd { get; set; } = new(19, 0);
    /// <summary>Live runs on Monday to Friday only.</summary>
    public bool LiveOnWeekdaysOnly { get; set; } = true;
    public string Source { get; set; } = "seeds/peterborough";
    public string Warehouse { get; set; } = "out/warehouse.duckdb";
    public string Out { get; set; } = "out";

    public WorkerOptions Validate()
    {
        try
        {
            Cronos.CronExpression.Parse(NightlyCron);
        }
        catch (Cronos.CronFormatException e)
        {
            throw new ArgumentException($"Worker:NightlyCron '{NightlyCron}' is not a cron expression ({e.Message})");
        }
        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        }
        catch (TimeZoneNotFoundException)
        {
            throw new ArgumentException($"Worker:TimeZone '{TimeZone}' is not a known time zone");
        }
        if (LiveIntervalMinutes is < 0 or > 1440) throw new ArgumentException("Worker:LiveIntervalMinutes must be 0..1440");
        if (LiveEnd < LiveStart) throw new ArgumentException("Worker:LiveEnd must not be before Worker:LiveStart");
        return this;
    }
}
