using ChildrensWarehouse.Reports.Data;

namespace ChildrensWarehouse.Reports.Rendering;

/// <summary>Choices shared by the HTML, PDF and workbook writers, so the three show the same pack.</summary>
public static class PackView
{
    /// <summary>At most this many drill-through rows per chart in HTML (the warehouse's mart.kpi_drill has them all).</summary>
    public const int DrillRowsHtml = 200;

    public static string CoverTitle(PackData data) => data.Pack.Title;

    public static string PeriodLine(PackData data) =>
        $"Council {data.LaCode} · {Formats.Month(data.PeriodEnd)} (figures to {Formats.LongDate(data.PeriodEnd)})";

    public static IReadOnlyList<string> Notices(PackData data)
    {
        var list = new List<string>();
        if (data.Public)
        {
            list.Add($"Public version. Small-number suppression: every count, numerator or denominator from 1 to {Disclosure.Threshold - 1} is shown as " +
                $"{Disclosure.Mark} and the value computed from it is withheld (zero is shown). No child-level or worker-level information is included.");
        }
        else if (data.Identifiable)
        {
            list.Add("RESTRICTED: this version lists children by their case-system ids. Share it only with people allowed to see identifiable data.");
        }
        else
        {
            list.Add("Internal version: children are listed by pseudonymised ids only. Not for publication (use the public version for committee papers).");
        }
        if (data.Parameters.Team is { } team) list.Add($"Drill-through and data-quality lists are for the team {team} only; indicators are council-wide.");
        return list;
    }

    /// <summary>Drill-through rows with those needing attention first: outside the numerator of a higher-is-better
    /// indicator, inside it of a lower-is-better one.</summary>
    public static IReadOnlyList<DrillRow> OrderedDrill(ChartPageData page)
    {
        var code = page.Definition.DrillThrough;
        var polarity = page.Indicators.FirstOrDefault(i => i.Code == code)?.Polarity ?? "up";
        bool Attention(DrillRow r) => polarity == "down" ? r.InNumerator : r.InDenominator && !r.InNumerator;
        return page.Drill.OrderByDescending(Attention).ThenBy(r => r.Team ?? "\uffff", StringComparer.Ordinal)
            .ThenBy(r => r.Worker ?? "\uffff", StringComparer.Ordinal).ThenBy(r => r.Child, StringComparer.Ordinal).ThenBy(r => r.RecordId, StringComparer.Ordinal).ToList();
    }

    public static string YesNo(bool b) => b ? "Yes" : "No";

    /// <summary>The previous month's figures of a headline row, as a point (for suppression).</summary>
    public static KpiPoint Previous(HeadlineRow h) =>
        h.Latest with { Numerator = h.PreviousNumerator ?? 0m, Denominator = h.PreviousDenominator, Value = h.PreviousValue };

    public static Travel TravelOf(HeadlineRow h, Disclosure disclosure)
    {
        var unit = h.Indicator.Unit;
        if (disclosure.Withholds(h.Latest, unit)) return Travel.Unknown;
        if (h.PreviousValue is null || disclosure.Withholds(Previous(h), unit)) return Travel.Unknown;
        return Travel.Of(h.Latest.Value, h.PreviousValue, h.Indicator.Polarity, h.Latest.Target, h.Latest.TargetUpper);
    }

    public static string TargetText(KpiPoint p, string unit) =>
        p.Target is null ? "–" : p.TargetUpper is { } u ? $"{Formats.Value(p.Target, unit)} to {Formats.Value(u, unit)}" : Formats.Value(p.Target, unit);

    public static string CommentaryPlaceholder => "Commentary to be added by the service lead: what the trend shows, why, and what is being done.";

    /// <summary>Data-quality counts per team for the public version (no worker or child).</summary>
    public static IReadOnlyList<(string Team, int Quarantined, int Warnings, long? OldestDays)> DataQualityByTeam(PackData data) =>
        data.DataQuality.GroupBy(d => d.Team ?? "(no team)")
            .Select(g => (g.Key, g.Count(d => d.Kind == "quarantined"), g.Count(d => d.Kind != "quarantined"), g.Max(d => d.AgeDays)))
            .OrderBy(t => t.Key, StringComparer.Ordinal).ToList();

    public static string CountText(int count, Disclosure disclosure) =>
        disclosure.IsPublic && Disclosure.IsSmall(count) ? Disclosure.Mark : count.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
