using System.Globalization;

namespace ChildrensWarehouse.Returns;

/// <summary>One difference: a record (child and date) counted on one side only, or counted on both with different details.</summary>
public sealed record Difference(string Measure, string Child, string Record, string? Warehouse, string? Return)
{
    public string Describe() => (Warehouse, Return) switch
    {
        (not null, null) => $"child {Child}{Record}: in the warehouse only ({Warehouse})",
        (null, not null) => $"child {Child}{Record}: in the return only ({Return})",
        _ => $"child {Child}{Record}: warehouse {Warehouse}; return {Return}",
    };
}

/// <summary>A figure of the return on both sides, with the records behind every difference.</summary>
public sealed record MeasureResult(string Measure, int Warehouse, int Return, IReadOnlyList<Difference> Differences);

/// <summary>The comparison of one return (one collection year) with the warehouse.</summary>
public sealed record ReconciliationReport(string Kind, int Year, string Source, IReadOnlyList<MeasureResult> Measures)
{
    public int DifferenceCount => Measures.Sum(m => m.Differences.Count);
}

/// <summary>
/// Compares the warehouse with a return the council sent, figure by figure and record by record. The warehouse's side is
/// the return it would send for the same year (<see cref="ReturnExport"/>: the same as-at cut and rules as its
/// indicators); both sides are measured by the same code, so every difference is a difference in the data (a child,
/// episode, referral or plan that one side has and the other lacks, or holds differently), listed with its child.
/// </summary>
public static class Reconciliation
{
    private sealed record Measure<T>(string Name, Func<T, IEnumerable<(string Child, string Record, string Detail)>> Records);

    private static string Iso903(string? text) => ReturnDates.TryParse903(text, out var d) ? ReturnDates.Iso(d) : text ?? "";

    private static DateOnly? Date903(string? text) => ReturnDates.TryParse903(text, out var d) ? d : null;

    private static DateOnly? DateIso(string? text) => ReturnDates.TryParseIso(text, out var d) ? d : null;

    private static bool ShortBreak(ReturnRow e) => e["LS"] is "V3" or "V4";

    private static IReadOnlyList<Measure<Ssda903Return>> Ssda903Measures(int year)
    {
        var (start, end) = (ReturnDates.YearStart(year), ReturnDates.YearEnd(year));
        bool InYear(DateOnly? d) => d is { } x && x >= start && x <= end;
        IEnumerable<ReturnRow> Episodes(Ssda903Return r) => r.Rows(Ssda903Tables.Episodes);
        string EpisodeText(ReturnRow e) => string.Join(" ", $"RNE {e["RNE"]}", $"LS {e["LS"]}", $"PLACE {e["PLACE"]}", $"provider {e["PLACE_PROVIDER"]}",
            $"ceased {Iso903(e["DEC"])}", $"REC {e["REC"]}");
        IEnumerable<(string, string, string)> Flagged(Ssda903Return r, string column) =>
            r.Rows(Ssda903Tables.Oc2).Where(o => o[column] == "1").Select(o => (o["CHILD"] ?? "", "", $"{column} 1"));
        return
        [
            new("Looked after at 31 March (short breaks excluded)", r => Episodes(r)
                .Where(e => !ShortBreak(e) && (Date903(e["DEC"]) is not { } dec || dec > end) && Date903(e["DECOM"]) <= end)
                .Select(e => (e["CHILD"] ?? "", "", $"looked after since {Iso903(e["DECOM"])}"))),
            new("Started to be looked after in the year", r => Episodes(r)
                .Where(e => !ShortBreak(e) && e["RNE"] == "S" && InYear(Date903(e["DECOM"])))
                .Select(e => (e["CHILD"] ?? "", $" from {Iso903(e["DECOM"])}", $"started {Iso903(e["DECOM"])}"))),
            new("Ceased to be looked after in the year", r => Episodes(r)
                .Where(e => !ShortBreak(e) && InYear(Date903(e["DEC"])) && e["REC"] is not (null or "X1"))
                .Select(e => (e["CHILD"] ?? "", $" on {Iso903(e["DEC"])}", $"REC {e["REC"]}"))),
            new("Placements (episodes) in the year", r => Episodes(r)
                .Select(e => (e["CHILD"] ?? "", $" episode from {Iso903(e["DECOM"])}", EpisodeText(e)))),
            new("CLA reviews in the year", r => r.Rows(Ssda903Tables.Reviews).Where(v => InYear(Date903(v["REVIEW"])))
                .Select(v => (v["CHILD"] ?? "", $" review {Iso903(v["REVIEW"])}", $"participation {v["REVIEW_CODE"]}"))),
            new("OC2 cohort (looked after 12 months at 31 March)", r => r.Rows(Ssda903Tables.Oc2).Select(o => (o["CHILD"] ?? "", "", "in the cohort"))),
            new("OC2 annual health assessment", r => Flagged(r, "HEALTH_CHECK")),
            new("OC2 immunisations up to date", r => Flagged(r, "IMMUNISATIONS")),
            new("OC2 dental check", r => Flagged(r, "TEETH_CHECK")),
            new("OC3 care leavers", r => r.Rows(Ssda903Tables.Oc3)
                .Select(o => (o["CHILD"] ?? "", "", $"IN_TOUCH {o["IN_TOUCH"]} ACTIV {o["ACTIV"]} ACCOM {o["ACCOM"]}"))),
        ];
    }

    private static IReadOnlyList<Measure<CinCensusReturn>> CinMeasures(int year)
    {
        var (start, end) = (ReturnDates.YearStart(year), ReturnDates.YearEnd(year));
        bool InYear(DateOnly? d) => d is { } x && x >= start && x <= end;
        IEnumerable<(CinChild Child, CinDetails Details)> Episodes(CinCensusReturn r) => r.Children.SelectMany(c => c.Details.Select(d => (c, d)));
        return
        [
            new("Referrals in the year", r => Episodes(r).Where(x => InYear(DateIso(x.Details.ReferralDate)))
                .Select(x => (x.Child.LaChildId ?? "", $" referral {x.Details.ReferralDate}", $"source {x.Details.ReferralSource}, need {x.Details.PrimaryNeedCode}"))),
            new("Re-referrals within 12 months", r => r.Children.SelectMany(c =>
            {
                var dates = c.Details.Select(d => DateIso(d.ReferralDate)).Where(d => d is not null).Select(d => d!.Value).ToList();
                return dates.Where(d => InYear(d) && dates.Any(p => p >= d.AddMonths(-12) && p < d))
                    .Select(d => (c.LaChildId ?? "", $" referral {ReturnDates.Iso(d)}", "re-referral"));
            })),
            new("Children in need at 31 March", r => Episodes(r)
                .Where(x => DateIso(x.Details.ReferralDate) <= end && (DateIso(x.Details.ClosureDate) is not { } closed || closed > end))
                .Select(x => (x.Child.LaChildId ?? "", "", "open"))),
            new("Assessments completed in the year", r => Episodes(r).SelectMany(x => x.Details.Assessments
                .Where(a => InYear(DateIso(a.AuthorisationDate)))
                .Select(a => (x.Child.LaChildId ?? "", $" assessment from {a.StartDate}", $"authorised {a.AuthorisationDate}")))),
            new("Section 47 enquiries started in the year", r => Episodes(r).SelectMany(x => x.Details.Section47s
                .Where(s => InYear(DateIso(s.StartDate)))
                .Select(s => (x.Child.LaChildId ?? "", $" s47 from {s.StartDate}", $"ICPC {s.DateOfInitialCpc ?? "none"}")))),
            new("CP plans started in the year", r => Episodes(r).SelectMany(x => x.Details.ProtectionPlans
                .Where(p => InYear(DateIso(p.StartDate)))
                .Select(p => (x.Child.LaChildId ?? "", $" plan from {p.StartDate}", $"category {p.InitialCategory}")))),
            new("CP plans open at 31 March", r => Episodes(r).SelectMany(x => x.Details.ProtectionPlans
                .Where(p => DateIso(p.StartDate) <= end && (DateIso(p.EndDate) is not { } ended || ended > end))
                .Select(p => (x.Child.LaChildId ?? "", $" plan from {p.StartDate}", "open")))),
        ];
    }

    public static ReconciliationReport Compare(Ssda903Return warehouse, Ssda903Return submitted, string source) =>
        new("SSDA903", submitted.Year, source, Ssda903Measures(submitted.Year).Select(m => Compare(m.Name, m.Records(warehouse), m.Records(submitted))).ToList());

    public static ReconciliationReport Compare(CinCensusReturn warehouse, CinCensusReturn submitted, string source) =>
        new("CIN census", submitted.Year, source, CinMeasures(submitted.Year).Select(m => Compare(m.Name, m.Records(warehouse), m.Records(submitted))).ToList());

    /// <summary>
    /// Records match by child and record (a date); a record held twice on one side counts twice, so a duplicate is a
    /// difference too. The figure is the number of distinct children for child-level measures, of records otherwise.
    /// </summary>
    private static MeasureResult Compare(string name, IEnumerable<(string Child, string Record, string Detail)> warehouse, IEnumerable<(string Child, string Record, string Detail)> submitted)
    {
        var w = warehouse.ToList();
        var s = submitted.ToList();
        var byKeyW = w.ToLookup(x => (x.Child, x.Record));
        var byKeyS = s.ToLookup(x => (x.Child, x.Record));
        var differences = new List<Difference>();
        foreach (var key in byKeyW.Select(g => g.Key).Union(byKeyS.Select(g => g.Key)).OrderBy(k => k.Child, StringComparer.Ordinal).ThenBy(k => k.Record, StringComparer.Ordinal))
        {
            var left = byKeyW[key].Select(x => x.Detail).Order(StringComparer.Ordinal).ToList();
            var right = byKeyS[key].Select(x => x.Detail).Order(StringComparer.Ordinal).ToList();
            for (var i = 0; i < Math.Max(left.Count, right.Count); i++)
            {
                var l = i < left.Count ? left[i] : null;
                var r = i < right.Count ? right[i] : null;
                if (l != r) differences.Add(new Difference(name, key.Child, key.Record, l, r));
            }
        }
        var childLevel = w.Concat(s).All(x => x.Record.Length == 0);
        int Count(List<(string Child, string Record, string Detail)> list) => childLevel ? list.Select(x => x.Child).Distinct().Count() : list.Count;
        return new MeasureResult(name, Count(w), Count(s), differences);
    }

    public static void Write(ReconciliationReport report, TextWriter o)
    {
        o.WriteLine($"{report.Kind} {report.Year - 1}-{report.Year % 100:00} (year ending 31 March {report.Year}): {report.Source}");
        o.WriteLine($"  {"figure",-52}{"warehouse",10}{"return",10}{"differences",13}");
        foreach (var m in report.Measures)
        {
            o.WriteLine($"  {m.Measure,-52}{m.Warehouse,10:N0}{m.Return,10:N0}{m.Differences.Count,13:N0}");
        }
        foreach (var m in report.Measures.Where(m => m.Differences.Count > 0))
        {
            o.WriteLine($"  {m.Measure}:");
            foreach (var d in m.Differences) o.WriteLine($"    {d.Describe()}");
        }
        o.WriteLine(report.DifferenceCount == 0
            ? "  no differences"
            : $"  {report.DifferenceCount.ToString("N0", CultureInfo.InvariantCulture)} difference(s)");
    }
}
