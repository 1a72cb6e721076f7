using System.Globalization;

namespace ChildrensWarehouse.Returns;

/// <summary>
/// One row of a statutory return as read: its file, its place in it (the physical line of a CSV row, the line of an XML
/// element's start tag, or for a one-line XML document the element's position), its values by the return's own column
/// or element names (null where empty or absent) and its text for the quarantine. <paramref name="Problem"/> says why
/// the row could not be read as a row at all (the wrong number of fields, malformed quoting, bytes that are not UTF-8).
/// </summary>
public sealed record ReturnRow(string File, int Line, IReadOnlyDictionary<string, string?> Values, string RawText, string? Problem = null)
{
    public string? this[string column] => Values.TryGetValue(column, out var v) && !string.IsNullOrEmpty(v) ? v : null;
}

/// <summary>Dates and collection years of the returns.</summary>
public static class ReturnDates
{
    /// <summary>SSDA903 dates are dd/mm/yyyy; yyyy-mm-dd (as some tools write them) is read too.</summary>
    public static bool TryParse903(string? text, out DateOnly date)
    {
        date = default;
        if (text is null) return false;
        return (text.Length == 10 && DateOnly.TryParseExact(text, "dd/MM/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            || TryParseIso(text, out date);
    }

    /// <summary>CIN census dates are ISO yyyy-mm-dd (xs:date).</summary>
    public static bool TryParseIso(string? text, out DateOnly date)
    {
        date = default;
        return text is { Length: 10 } && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Format903(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>The collection year (named by the 31 March it ends on) that holds a date: 1 April 2015 to 31 March 2016 is 2016.</summary>
    public static int CollectionYearOf(DateOnly d) => d.Month >= 4 ? d.Year + 1 : d.Year;

    public static DateOnly YearStart(int year) => new(year - 1, 4, 1);

    public static DateOnly YearEnd(int year) => new(year, 3, 31);

    /// <summary>The last moment of a collection year (31 March, 23:59:59): what a return "as at" its year end knows.</summary>
    public static DateTime YearEndMoment(int year) => new(year, 3, 31, 23, 59, 59);

    /// <summary>A 4-digit year (1990-2099) standing alone in a name ("2017-episodes.csv", "SSDA903_2020_header.csv"), or null.</summary>
    public static int? YearInName(string name)
    {
        var match = System.Text.RegularExpressions.Regex.Match(name, @"(?<!\d)(19[9]\d|20\d\d)(?!\d)");
        return match.Success ? int.Parse(match.Value, CultureInfo.InvariantCulture) : null;
    }
}
