using ChildrensWarehouse.Derivation;

namespace ChildrensWarehouse.Indicators;

/// <summary>Child protection indicators (KPIS.md).</summary>
internal static class ChildProtection
{
    /// <summary>K07: distinct children with a CP plan open at E.</summary>
    public static void ChildrenOnPlanPer10000(ChildFacts f, IndicatorCalculator k)
    {
        for (var i = 0; i < k.MonthEnds.Count; i++)
        {
            if (f.CpPlans.FirstOrDefault(p => p.Plan.IsOpenAt(k.MonthEnds[i])) is { } p) k.AddNumerator(i, 1, p.Plan.CpPlanId);
        }
    }

    /// <summary>K08: CP review obligations reported in the month; numerator: met on time.</summary>
    public static void ReviewsWithinTimescale(ChildFacts f, IndicatorCalculator k) => k.CountReported(f.CpPlans.SelectMany(p => p.ReviewObligations));

    /// <summary>K09: children on a CP plan at E whose first visit is due; numerator: latest seen CP visit within 10 working days.</summary>
    public static void VisitsWithinTimescale(ChildFacts f, IndicatorCalculator k)
    {
        if (f.CpPlans.Count == 0) return;
        for (var i = 0; i < k.MonthEnds.Count; i++)
        {
            if (ChildDerivation.CpVisitStatusAt(f, k.MonthEnds[i], k.Calendar, k.Rules.ChildProtection.VisitIntervalWorkingDays) is { } status) k.Count(i, status.OnTime, status.CpPlanId, status.NextDue);
        }
    }

    /// <summary>K19: CP plans started in the year to date; numerator: the child had a CP plan with an earlier start date.</summary>
    public static void SubsequentPlans(ChildFacts f, IndicatorCalculator k)
    {
        for (var i = 0; i < k.MonthEnds.Count; i++)
        {
            var e = k.MonthEnds[i];
            var start = ReportingPeriods.YearToDateStart(e);
            foreach (var p in f.CpPlans.Where(p => ReportingPeriods.InWindow(p.Plan.StartDate, start, e))) k.Count(i, p.IsSubsequent, p.Plan.CpPlanId);
        }
    }

    /// <summary>K23: CP plans ended in the year to date; numerator: end_date &gt;= start_date + 24 months.</summary>
    public static void PlansEndingAfterTwoYears(ChildFacts f, IndicatorCalculator k)
    {
        for (var i = 0; i < k.MonthEnds.Count; i++)
        {
            var e = k.MonthEnds[i];
            var start = ReportingPeriods.YearToDateStart(e);
            foreach (var p in f.CpPlans)
            {
                if (p.Plan.EndDate is { } end && ReportingPeriods.InWindow(end, start, e)) k.Count(i, end >= p.Plan.StartDate.AddMonths(24), p.Plan.CpPlanId);
            }
        }
    }

    /// <summary>
    /// K22: children with a referral open at E whose most recent assessment (greatest authorised_date on or before E;
    /// ties: later start_date, then greater assessment_id) has outcome CIN_PLAN, neither on a CP plan nor looked after
    /// at E; numerator: with a CIN plan open at E.
    /// </summary>
    public static void ChildrenInNeedWithPlan(ChildFacts f, IndicatorCalculator k)
    {
        if (f.Referrals.Count == 0) return;
        for (var i = 0; i < k.MonthEnds.Count; i++)
        {
            var e = k.MonthEnds[i];
            if (!f.Referrals.Any(r => r.IsOpenAt(e))) continue;
            var latest = f.Case.Assessments
                .Where(a => a.AuthorisedDate is { } d && d <= e)
                .OrderByDescending(a => a.AuthorisedDate).ThenByDescending(a => a.StartDate).ThenByDescending(a => a.AssessmentId, StringComparer.Ordinal)
                .FirstOrDefault();
            if (latest?.Outcome != "CIN_PLAN") continue;
            if (f.CpPlans.Any(p => p.Plan.IsOpenAt(e)) || f.PeriodsOfCare.Any(p => p.IsOpenAt(e))) continue;
            k.Count(i, f.Case.CinPlans.Any(p => p.IsOpenAt(e)), latest.AssessmentId);
        }
    }
}
