using Microsoft.Extensions.Hosting;
using Serilog;

namespace ChildrensWarehouse.Service;

/// <summary>Runs the pipeline once in the given mode; the worker's only dependency on the pipeline.</summary>
public interface IRunExecutor
{
    Task RunAsync(RunMode mode, CancellationToken cancellationToken);
}

/// <summary>
/// The hosted service (DESIGN.md "Running"): sleeps until the next scheduled run, runs it, and carries on. One run at a
/// time: slots that pass while a run is still going are skipped and logged, never stacked. On shutdown the current
/// run is cancelled at its next safe point; the warehouse is only replaced by a run that finished.
/// </summary>
public sealed class EtlWorker(RunSchedule schedule, IRunExecutor executor, TimeProvider time, ILogger log) : BackgroundService
{
    public int RunsStarted { get; private set; }
    public int SlotsSkipped { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        log.Information("Worker started");
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var next = schedule.Next(now);
            log.Information("Next run: {Mode} at {At:yyyy-MM-dd HH:mm} UTC", next.Mode, next.At.UtcDateTime);
            try
            {
                await Task.Delay(next.At - now, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            RunsStarted++;
            log.Information("Starting {Mode} run due at {At:yyyy-MM-dd HH:mm} UTC", next.Mode, next.At.UtcDateTime);
            try
            {
                await executor.RunAsync(next.Mode, stoppingToken);
                log.Information("{Mode} run finished", next.Mode);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                log.Warning("{Mode} run cancelled by shutdown; the warehouse keeps its previous contents", next.Mode);
                break;
            }
            catch (Exception e)
            {
                log.Error("{Mode} run failed: {Error}", next.Mode, Cli.CliErrors.Describe(e).Line);
            }
            foreach (var missed in schedule.Between(next.At, time.GetUtcNow()))
            {
                SlotsSkipped++;
                log.Warning("Skipped the {Mode} run due at {At:yyyy-MM-dd HH:mm} UTC: the previous run was still running", missed.Mode, missed.At.UtcDateTime);
            }
        }
        log.Information("Worker stopped");
    }
}
