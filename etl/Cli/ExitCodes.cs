namespace ChildrensWarehouse.Cli;

/// <summary>Process exit codes (README "Exit codes").</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int BadArguments = 2;
    public const int ExtractUnusable = 3;
    /// <summary>reconcile: the warehouse and the return differ (each difference is listed).</summary>
    public const int Differences = 4;
    public const int WarehouseBusy = 5;
    public const int DataTestsFailed = 6;
}
