using System.Security.Cryptography;
using ChildrensWarehouse.Pipeline;
using ChildrensWarehouse.Rules;
using ChildrensWarehouse.Service;
using ChildrensWarehouse.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace ChildrensWarehouse.Tests.Service;

public class WorkerTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    private static DateTimeOffset LondonTime(int y, int mo, int d, int h, int mi) =>
        new(new DateTime(y, mo, d, h, mi, 0), London.GetUtcOffset(new DateTime(y, mo, d, h, mi, 0)));

    [Test]
    public void The_schedule_runs_nightly_in_full_and_every_15_minutes_in_the_live_window_on_weekdays()
    {
        var schedule = new RunSchedule(new WorkerOptions());
        // Monday 1 Feb 2016 (GMT): 02:30 full, then 07:00, 07:15, ... 19:00 incremental.
        Assert.That(schedule.Next(LondonTime(2016, 2, 1, 1, 0)), Is.EqualTo(new ScheduledRun(LondonTime(2016, 2, 1, 2, 30), RunMode.Full)));
        Assert.That(schedule.Next(LondonTime(2016, 2, 1, 2, 30)), Is.EqualTo(new ScheduledRun(LondonTime(2016, 2, 1, 7, 0), RunMode.Incremental)));
        Assert.That(schedule.Next(LondonTime(2016, 2, 1, 7, 5)).At, Is.EqualTo(LondonTime(2016, 2, 1, 7, 15)));
        Assert.That(schedule.Next(LondonTime(2016, 2, 1, 19, 0)), Is.EqualTo(new ScheduledRun(LondonTime(2016, 2, 2, 2, 30), RunMode.Full)));
        // Saturday: nightly only. Summer time (BST, UTC+1) is honoured: 02:30 London is 01:30 UTC.
        Assert.That(schedule.Next(LondonTime(2016, 2, 6, 3, 0)).At, Is.EqualTo(LondonTime(2016, 2, 7, 2, 30)));
        Assert.That(schedule.Next(LondonTime(2016, 6, 1, 0, 0)).At.UtcDateTime, Is.EqualTo(new DateTime(2016, 6, 1, 1, 30, 0)));
    }

    [Test]
    public void Bad_worker_settings_are_refused_naming_them()
    {
        Assert.That(() => new RunSchedule(new WorkerOptions { NightlyCron = "every night" }), Throws.ArgumentException.With.Message.Contains("Worker:NightlyCron"));
        Assert.That(() => new RunSchedule(new WorkerOptions { TimeZone = "Mars/Olympus" }), Throws.ArgumentException.With.Message.Contains("Worker:TimeZone"));
    }

    private sealed class FakeExecutor : IRunExecutor
    {
        public List<(RunMode Mode, DateTimeOffset At)> Runs { get; } = [];
        public TaskCompletionSource? Block { get; set; }
        public required TimeProvider Time { get; init; }

        public async Task RunAsync(RunMode mode, CancellationToken cancellationToken)
        {
            Runs.Add((mode, Time.GetUtcNow()));
            if (Block is { } block) await block.Task.WaitAsync(cancellationToken);
        }
    }

    private static async Task Until(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++) await Task.Delay(10);
        Assert.That(condition(), Is.True, "timed out waiting for the worker");
    }

    [Test]
    public async Task The_worker_runs_at_the_cron_time_and_the_interval_and_skips_slots_that_pass_during_a_run()
    {
        var time = new FakeTimeProvider(LondonTime(2016, 2, 1, 2, 0));
        var executor = new FakeExecutor { Time = time };
        var worker = new EtlWorker(new RunSchedule(new WorkerOptions()), executor, time, Pipelines.QuietLog);
        await worker.StartAsync(CancellationToken.None);
        try
        {
            time.Advance(TimeSpan.FromMinutes(29));
            await Task.Delay(50);
            Assert.That(executor.Runs, Is.Empty, "not before 02:30");
            time.Advance(TimeSpan.FromMinutes(1));
            await Until(() => executor.Runs.Count == 1);
            Assert.That(executor.Runs[0], Is.EqualTo((RunMode.Full, LondonTime(2016, 2, 1, 2, 30))));

            // The 07:00 live run takes 40 minutes: 07:15 and 07:30 are skipped, not stacked; the next run is at 07:45.
            executor.Block = new TaskCompletionSource();
            await Task.Delay(50);
            time.Advance(LondonTime(2016, 2, 1, 7, 0) - time.GetUtcNow());
            await Until(() => executor.Runs.Count == 2);
            time.Advance(TimeSpan.FromMinutes(40));
            executor.Block.SetResult();
            executor.Block = null;
            await Until(() => worker.SlotsSkipped == 2);
            time.Advance(TimeSpan.FromMinutes(5));
            await Until(() => executor.Runs.Count == 3);
            Assert.That(executor.Runs.Skip(1), Is.EqualTo(new[]
            {
                (RunMode.Incremental, LondonTime(2016, 2, 1, 7, 0)),
                (RunMode.Incremental, LondonTime(2016, 2, 1, 7, 45)),
            }));
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>An extract of one child with one referral.</summary>
    private static string OneChildExtract(TempDir dir)
    {
        var x = new TestExtract();
        x.Child("A");
        x.Row("referrals", ("referral_id", "R1"), ("child_id", "A"), ("referral_date", "2015-06-01"), ("source", "1A"));
        return x.WriteTo(dir.File("x"));
    }

    [Test]
    public async Task Each_worker_run_regenerates_the_pack()
    {
        using var dir = new TempDir();
        var folder = OneChildExtract(dir);
        var executor = new PipelineRunExecutor(mode => new RunRequest
        {
            SourceFolder = folder, WarehousePath = dir.File("w.duckdb"), Rules = new RuleSettings(), PseudonymSalt = "a fixed test salt of some length",
            Incremental = mode == RunMode.Incremental,
        }, Pipelines.QuietLog, dir.File("out"));
        await executor.RunAsync(RunMode.Full, CancellationToken.None);
        var pack = dir.File("out/pack/pack.html");
        Assert.That(File.Exists(pack), Is.True, "the nightly run wrote the pack");
        File.Delete(pack);
        await executor.RunAsync(RunMode.Incremental, CancellationToken.None);
        Assert.That(File.Exists(pack), Is.True, "and so did the live run");
    }

    [Test]
    public async Task Cancelling_mid_run_leaves_the_previous_warehouse_intact()
    {
        using var dir = new TempDir();
        var folder = OneChildExtract(dir);
        var warehouse = dir.File("w.duckdb");
        RunRequest Request(CancellationTokenSource? cancelAtDerive) => new()
        {
            SourceFolder = folder, WarehousePath = warehouse, Rules = new RuleSettings(), PseudonymSalt = "a fixed test salt of some length",
            Progress = new ChildrensWarehouse.Cli.InlineProgress<string>(stage => { if (stage == "aggregate") cancelAtDerive?.Cancel(); }),
        };
        new RunPipeline(Pipelines.QuietLog).Run(Request(null));
        var before = SHA256.HashData(await File.ReadAllBytesAsync(warehouse));

        using var cts = new CancellationTokenSource();
        var executor = new PipelineRunExecutor(_ => Request(cts), Pipelines.QuietLog);
        Assert.That(async () => await executor.RunAsync(RunMode.Full, cts.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(SHA256.HashData(await File.ReadAllBytesAsync(warehouse)), Is.EqualTo(before));
        Assert.That(File.Exists(warehouse + ".building"), Is.False);
        Assert.That(File.Exists(warehouse + ".lock"), Is.False);
    }
}
