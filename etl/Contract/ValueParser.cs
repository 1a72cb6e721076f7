using System.Globalization;

namespace ChildrensWarehouse.Contract;

/// <summary>Parses contract values exactly as written (no trimming, invariant culture).</summary>
public static class ValueParser
{
    /// <summary>
    /// Dates outside 1900-2199 are quarantined: no child's record falls there, such values are placeholders
    /// ("0001-01-01" for unknown) or typing slips, and date arithmetic near the ends of the calendar would fail.
    /// </summary>
    public static bool IsPlausibleYear(int year) => year is >= 1900 and <= 2199;

    public const string ImplausibleYearReason = "a date outside the years 1900 to 2199 (a placeholder, not a real date)";

    // Dates and timestamps are read by position: the formats are fixed (YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS]) and this is
    // the hottest code of a run; the framework's exact parser spent most of the read+validate stage on them. A test
    // checks that this accepts exactly what DateOnly/DateTime.TryParseExact with those formats accept.
    public static bool TryParseDate(string text, out DateOnly value)
    {
        value = default;
        return text.Length == 10 && TryParseDate(text.AsSpan(), out value);
    }

    private static bool TryParseDate(ReadOnlySpan<char> text, out DateOnly value)
    {
        value = default;
        if (text.Length < 10 || text[4] != '-' || text[7] != '-') return false;
        if (!Digits(text[..4], out var year) || !Digits(text.Slice(5, 2), out var month) || !Digits(text.Slice(8, 2), out var day)) return false;
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        value = new DateOnly(year, month, day);
        return true;
    }

    public static bool TryParseTimestamp(string text, out DateTime value)
    {
        value = default;
        if ((text.Length != 16 && text.Length != 19) || text[10] != 'T' || text[13] != ':') return false;
        if (!TryParseDate(text.AsSpan(0, 10), out var date)) return false;
        if (!Digits(text.AsSpan(11, 2), out var hour) || !Digits(text.AsSpan(14, 2), out var minute) || hour > 23 || minute > 59) return false;
        var second = 0;
        if (text.Length == 19 && (text[16] != ':' || !Digits(text.AsSpan(17, 2), out second) || second > 59)) return false;
        value = date.ToDateTime(new TimeOnly(hour, minute, second));
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c)) return false;
            value = value * 10 + (c - '0');
        }
        return true;
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
