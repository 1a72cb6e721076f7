using System.Globalization;

namespace ChildrensWarehouse.Returns;

/// <summary>
/// A --source made of statutory returns: parts separated by ';', each KIND:VALUE, in any order, any part repeatable except
/// la, year and reference:
/// <c>903:DIR</c> (SSDA903 tables, one year or a folder of years), <c>cin:FILE.xml</c> or <c>cin:DIR</c> (CIN census XML),
/// <c>annexa:FILE.xlsx</c> or <c>annexa:DIR</c> (Ofsted Annex A lists, a workbook or CSV files),
/// <c>la:CODE</c> (the council, when no CIN header or 903 folder name gives it), <c>year:YYYY</c> (the collection year, by its
/// ending 31 March, for files whose names hold none) and <c>reference:DIR</c> (population.csv, targets.csv,
/// stat_neighbours.csv and bank_holidays.csv of the contract, each optional).
/// Example: <c>903:data/903;cin:data/cin/2016.xml;reference:data/reference</c>.
/// </summary>
public sealed record ReturnSourceSpec(IReadOnlyList<string> Ssda903, IReadOnlyList<string> Cin, string? LaCode, int? Year, string? Reference)
{
    private static readonly string[] Kinds = ["903", "cin", "annexa", "la", "year", "reference"];

    /// <summary>Annex A workbooks or folders (lists as CSV files).</summary>
    public IReadOnlyList<string> AnnexA { get; init; } = [];

    /// <summary>True when --source names returns (it starts with one of the part kinds above) rather than an extract folder or sql:.</summary>
    public static bool IsReturns(string source)
    {
        var colon = source.IndexOf(':');
        return colon > 0 && Kinds.Contains(source[..colon].Trim(), StringComparer.OrdinalIgnoreCase);
    }

    public static ReturnSourceSpec Parse(string source)
    {
        var ssda903 = new List<string>();
        var cin = new List<string>();
        var annexA = new List<string>();
        string? la = null, reference = null;
        int? year = null;
        foreach (var raw in source.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = raw.IndexOf(':');
            var kind = colon > 0 ? raw[..colon].Trim().ToLowerInvariant() : "";
            var value = colon > 0 ? raw[(colon + 1)..].Trim() : "";
            if (value.Length == 0) throw new ArgumentException($"--source: '{raw}' needs KIND:VALUE ({string.Join(", ", Kinds.Select(k => k + ":"))})");
            switch (kind)
            {
                case "903": ssda903.Add(value); break;
                case "cin": cin.Add(value); break;
                case "annexa": annexA.Add(value); break;
                case "la": la = la is null ? value : throw new ArgumentException("--source: la: given twice"); break;
                case "reference": reference = reference is null ? value : throw new ArgumentException("--source: reference: given twice"); break;
                case "year":
                    if (year is not null) throw new ArgumentException("--source: year: given twice");
                    year = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1990 and <= 2099
                        ? y : throw new ArgumentException($"--source: year:{value} is not a year such as 2016 (the collection year, named by its ending 31 March)");
                    break;
                default:
                    throw new ArgumentException($"--source: unknown part '{raw}' (give {string.Join(", ", Kinds.Select(k => k + ":"))})");
            }
        }
        if (ssda903.Count == 0 && cin.Count == 0 && annexA.Count == 0) throw new ArgumentException("--source: name at least one return, 903:DIR, cin:FILE.xml or annexa:FILE.xlsx");
        return new ReturnSourceSpec(ssda903, cin, la, year, reference) { AnnexA = annexA };
    }

    /// <summary>The source as recorded in the run audit: every part with full paths.</summary>
    public string Describe() => string.Join(";",
        Ssda903.Select(p => "903:" + Path.GetFullPath(p))
            .Concat(Cin.Select(p => "cin:" + Path.GetFullPath(p)))
            .Concat(AnnexA.Select(p => "annexa:" + Path.GetFullPath(p)))
            .Concat(LaCode is null ? [] : ["la:" + LaCode])
            .Concat(Year is null ? [] : ["year:" + Year.Value.ToString(CultureInfo.InvariantCulture)])
            .Concat(Reference is null ? [] : ["reference:" + Path.GetFullPath(Reference)]));
}
