using System.Globalization;

namespace ChildrensWarehouse.Contract;

/// <summary>Parses contract values exactly as written (no trimming, invariant culture).</summary>
public static class ValueParser
{
    private static readonly string[] TimestampFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];

    public static bool TryParseDate(string text, out DateOnly value)
    {
        value = default;
        return text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    public static bool TryParseTimestamp(string text, out DateTime value)
    {
        value = default;
        return (text.Length == 16 || text.Length == 19)
            && DateTime.TryParseExact(text, TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    public static bool TryParseInteger(string text, out long value)
    {
        value = 0;
        return IsPlainNumber(text, allowFraction: false)
            && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryParseDecimal(string text, out decimal value)
    {
        value = 0;
        return IsPlainNumber(text, allowFraction: true)
            && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>-?digits[.digits]: no spaces, exponents, thousands separators or a bare point.</summary>
    private static bool IsPlainNumber(string text, bool allowFraction)
    {
        var i = text.StartsWith('-') ? 1 : 0;
        var digitsBefore = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i])) { i++; digitsBefore++; }
        if (digitsBefore == 0) return false;
        if (i == text.Length) return true;
        if (!allowFraction || text[i] != '.') return false;
        i++;
        var digitsAfter = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i])) { i++; digitsAfter++; }
        return digitsAfter > 0 && i == text.Length;
    }

    public static string FormatTimestamp(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
    public static string FormatDate(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
