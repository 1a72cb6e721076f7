using ChildrensWarehouse.Contract;
using ChildrensWarehouse.Rules;
using ChildrensWarehouse.Warehouse;

namespace ChildrensWarehouse.Cli;

/// <summary>Turns a failure into one clear line on stderr and the documented exit code.</summary>
public static class CliErrors
{
    public static int Report(Exception e, TextWriter stderr)
    {
        var (code, line) = Describe(e);
        stderr.WriteLine($"error: {line}");
        return code;
    }

    /// <summary>The failure's exit code and its one line (what kind of failure, then its message): the CLI's and the worker's.</summary>
    public static (int Code, string Line) Describe(Exception e)
    {
        var (code, prefix) = e switch
        {
            ExtractUnusableException => (ExitCodes.ExtractUnusable, "extract unusable"),
            CalendarRangeException => (ExitCodes.ExtractUnusable, "extract unusable"),
            WarehouseBusyException => (ExitCodes.WarehouseBusy, "warehouse busy"),
            DataTestFailedException => (ExitCodes.DataTestsFailed, "data tests failed"),
            ChildrensWarehouse.Reports.ReportPackException => (ExitCodes.BadArguments, "report"),
            UsageException or ArgumentException or SchemaMismatchException => (ExitCodes.BadArguments, "bad arguments or configuration"),
            FileNotFoundException or DirectoryNotFoundException => (ExitCodes.BadArguments, "not found"),
            OperationCanceledException => (ExitCodes.Failure, "cancelled"),
            IOException io when io.Message.Contains("space", StringComparison.OrdinalIgnoreCase) => (ExitCodes.Failure, "disk full"),
            DuckDB.NET.Data.DuckDBException db when db.Message.Contains("space left", StringComparison.OrdinalIgnoreCase) => (ExitCodes.Failure, "disk full"),
            // DuckDB's own advice names its SQL settings; a run's limit is the configuration's.
            DuckDB.NET.Data.DuckDBException db when db.Message.Contains("Out of Memory", StringComparison.OrdinalIgnoreCase) =>
                (ExitCodes.Failure, "DuckDB ran out of memory; raise Warehouse:DuckDbMemoryLimit (or leave it unset: 80% of the machine's memory)"),
            IOException => (ExitCodes.Failure, "file system"),
            _ => (ExitCodes.Failure, "failed"),
        };
        return (code, $"{prefix}: {OneLine(e.Message)}");
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}

/// <summary>A command-line usage error (exit code 2).</summary>
public sealed class UsageException(string message) : Exception(message);
