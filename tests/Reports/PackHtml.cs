using System.Globalization;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;

namespace ChildrensWarehouse.Tests.Reports;

/// <summary>Reads what the tests need out of pack.html (the renderer writes regular markup, so patterns suffice).</summary>
public static partial class PackHtml
{
    public sealed record Section(string Kind, string Id, string Html);
    public sealed record Mark(string Element, IReadOnlyDictionary<string, string> Attributes)
    {
        public string this[string name] => Attributes.TryGetValue(name, out var v) ? v : "";
    }

    [GeneratedRegex("<section class=\"page ([a-z-]+)\" id=\"([^\"]+)\"")]
    private static partial Regex SectionStart();

    [GeneratedRegex("<(circle|rect|path)\\b([^>]*)>")]
    private static partial Regex Element();

    [GeneratedRegex("([a-zA-Z-]+)=\"([^\"]*)\"")]
    private static partial Regex Attribute();

    public static IReadOnlyList<Section> Sections(string html)
    {
        var starts = SectionStart().Matches(html).ToList();
        return starts.Select((m, i) =>
        {
            var end = i + 1 < starts.Count ? starts[i + 1].Index : html.Length;
            return new Section(m.Groups[1].Value, m.Groups[2].Value, html[m.Index..end]);
        }).ToList();
    }

    /// <summary>The SVG marks of a class ("point", "sn-point") in a piece of HTML.</summary>
    public static IReadOnlyList<Mark> Marks(string html, string cssClass) =>
        Element().Matches(html)
            .Select(m => new Mark(m.Groups[1].Value, Attribute().Matches(m.Groups[2].Value).ToDictionary(a => a.Groups[1].Value, a => a.Groups[2].Value)))
            .Where(m => m["class"] == cssClass)
            .ToList();

    public sealed record KpiRow(string Code, DateOnly PeriodEnd, decimal Numerator, decimal? Denominator, decimal? Value, string? Rag, decimal? StatNeighbour, string? Chart, string Unit);

    /// <summary>mart.kpi_month read straight from the warehouse, independently of the renderer.</summary>
    public static IReadOnlyList<KpiRow> KpiMonth(string warehouse)
    {
        using var c = new DuckDBConnection($"Data Source={warehouse};ACCESS_MODE=READ_ONLY");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT indicator_code, period_end, numerator, denominator, value, rag, stat_neighbour, chart, unit FROM mart.kpi_month ORDER BY 1, 2";
        using var r = cmd.ExecuteReader();
        var rows = new List<KpiRow>();
        while (r.Read())
        {
            rows.Add(new KpiRow(r.GetString(0), DateOnly.FromDateTime(r.GetDateTime(1)), r.GetDecimal(2), r.IsDBNull(3) ? null : r.GetDecimal(3),
                r.IsDBNull(4) ? null : r.GetDecimal(4), r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetDecimal(6),
                r.IsDBNull(7) ? null : r.GetString(7), r.GetString(8)));
        }
        return rows;
    }

    public static decimal Dec(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);
    public static DateOnly Date(string s) => DateOnly.Parse(s, CultureInfo.InvariantCulture);

    /// <summary>The suppression rule of the public pack, written out again for the tests: counts 1 to 4 are small.</summary>
    public static bool Withheld(KpiRow k)
    {
        static bool Small(decimal? n) => n is > 0 and < 5;
        return k.Unit switch
        {
            "percent" => Small(k.Numerator) || Small(k.Denominator),
            "average" => Small(k.Denominator),
            _ => Small(k.Numerator),
        };
    }
}
