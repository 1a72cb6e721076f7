using ChildrensWarehouse.Contract;

namespace ChildrensWarehouse.Cli;

public static class ArgumentParsing
{
    /// <summary>--as-at: a timestamp YYYY-MM-DDTHH:MM[:SS], or a date meaning the end of that day (23:59:59).</summary>
    public static DateTime? AsAt(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (ValueParser.TryParseTimestamp(text, out var t)) return t;
        if (ValueParser.TryParseDate(text, out var d)) return d.ToDateTime(new TimeOnly(23, 59, 59));
        throw new UsageException($"--as-at '{text}' is not a timestamp YYYY-MM-DDTHH:MM[:SS] or a date YYYY-MM-DD");
    }
}
