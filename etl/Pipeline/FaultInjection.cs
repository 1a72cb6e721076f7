using System.Diagnostics;

namespace ChildrensWarehouse.Pipeline;

/// <summary>
/// Crash testing (README "Reliability"): with CSW_TEST_KILL_AFTER_STAGE=&lt;stage&gt; the process kills itself (SIGKILL)
/// right after that stage; with CSW_TEST_KILL_AFTER_FACT_ROWS=&lt;n&gt; after appending n fact rows. Off unless set.
/// </summary>
public static class FaultInjection
{
    private static readonly string? KillAfterStage = Environment.GetEnvironmentVariable("CSW_TEST_KILL_AFTER_STAGE");
    private static readonly long KillAfterFactRows = long.TryParse(Environment.GetEnvironmentVariable("CSW_TEST_KILL_AFTER_FACT_ROWS"), out var n) ? n : -1;
    private static long _factRows;

    public static void StageDone(string stage)
    {
        if (KillAfterStage == stage) Process.GetCurrentProcess().Kill();
    }

    public static void FactRowAppended()
    {
        if (KillAfterFactRows >= 0 && Interlocked.Increment(ref _factRows) >= KillAfterFactRows) Process.GetCurrentProcess().Kill();
    }
}
