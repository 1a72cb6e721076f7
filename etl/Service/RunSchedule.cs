using Cronos;

namespace ChildrensWarehouse.Service;

public enum RunMode { Full, Incremental }

public sealed record ScheduledRun(DateTimeOffset At, RunMode Mode);

/// <summary>
/// When the worker runs: the nightly full rebuild at the cron time, and live incremental runs every N minutes in the
/// live window on weekdays. Where both fall on one moment, the full run wins. Pure: tested with any clock.
/// </summary>
public sealed class RunSchedule
{
    private readonly WorkerOptions _options;
    private readonly CronExpression _nightly;
    private readonly TimeZoneInfo _zone;

    public RunSchedule(WorkerOptions options)
    {
        _options = options.Validate();
        _nightly = CronExpression.Parse(options.NightlyCron);
        _zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
    }

    /// <summary>The first run strictly after <paramref name="after"/>.</summary>
    public ScheduledRun Next(DateTimeOffset after)
    {
        var nightly = _nightly.GetNextOccurrence(after, _zone) ?? DateTimeOffset.MaxValue;
        var live = NextLive(after);
        return live is { } l && l < nightly ? new ScheduledRun(l, RunMode.Incremental) : new ScheduledRun(nightly, RunMode.Full);
    }

    /// <summary>Every run in (from, to].</summary>
    public IEnumerable<ScheduledRun> Between(DateTimeOffset from, DateTimeOffset to)
    {
        for (var next = Next(from); next.At <= to; next = Next(next.At))
        {
            yield return next;
        }
    }

    private DateTimeOffset? NextLive(DateTimeOffset after)
    {
        if (_options.LiveIntervalMinutes == 0) return null;
        var local = TimeZoneInfo.ConvertTime(after, _zone);
        var step = TimeSpan.FromMinutes(_options.LiveIntervalMinutes);
        for (var day = DateOnly.FromDateTime(local.DateTime); day <= DateOnly.FromDateTime(local.DateTime).AddDays(8); day = day.AddDays(1))
        {
            if (_options.LiveOnWeekdaysOnly && day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) continue;
            for (var t = _options.LiveStart.ToTimeSpan(); t <= _options.LiveEnd.ToTimeSpan(); t += step)
            {
                var wall = day.ToDateTime(TimeOnly.MinValue) + t;
                var at = new DateTimeOffset(wall, _zone.GetUtcOffset(wall));
                if (at > after) return at;
            }
        }
        return null;
    }
}
