using ChildrensWarehouse.Derivation;

namespace ChildrensWarehouse.Indicators;

/// <summary>Workforce and practice indicators (KPIS.md).</summary>
internal static class Workforce
{
    /// <summary>K24: distinct children with an allocation open at E; numerator: a case supervision in (E - 1 month, E].</summary>
    public static void OpenCasesSupervised(ChildFacts f, IndicatorCalculator k)
    {
        if (f.Case.Allocations.Count == 0) return;
        for (var i = 0; i < k.MonthEnds.Count; i++)
        {
            var e = k.MonthEnds[i];
            if (f.Case.Allocations.FirstOrDefault(a => a.IsOpenAt(e)) is not { } allocation) continue;
            var from = e.AddMonths(-1);
            k.Count(i, f.Case.CaseSupervisions.Any(s => s.SupervisionDate > from && s.SupervisionDate <= e), allocation.AllocationId);
        }
    }

    /// <summary>K28 and K28X share one tally: the allocation rows open at each E, per worker.</summary>
    public static void CountCaseloads(ChildFacts f, IndicatorCalculator k)
    {
        foreach (var a in f.Case.Allocations)
        {
            for (var i = 0; i < k.MonthEnds.Count; i++)
            {
                if (a.IsOpenAt(k.MonthEnds[i])) k.AddCaseload(a.WorkerId, i);
            }
        }
    }

    private static IEnumerable<Worker> QualifiedAt(IndicatorCalculator k, DateOnly e) =>
        k.Council.Workers.Where(w => w.IsQualifiedSocialWorker && w.IsEmployedAt(e));

    /// <summary>K28: QSW/ASYE employed at E by headcount; numerator: allocation rows open at E held by them.</summary>
    public static void AverageCaseload(IndicatorCalculator k)
    {
        for (var i = 0; i < k.MonthEnds.Count; i++)
        {
            foreach (var w in QualifiedAt(k, k.MonthEnds[i])) k.AddToAverage(i, k.Caseload(w.WorkerId, i), w.WorkerId, w.WorkerId);
        }
    }

    /// <summary>K28X: of K28's workers, those holding more than 20 open allocations.</summary>
    public static void MoreThanTwentyCases(IndicatorCalculator k)
    {
        for (var i = 0; i < k.MonthEnds.Count; i++)
        {
            foreach (var w in QualifiedAt(k, k.MonthEnds[i])) k.CountCouncil(i, k.Caseload(w.WorkerId, i) > 20, w.WorkerId, w.WorkerId);
        }
    }

    /// <summary>K27: IN_HOUSE carers approved on or before E and not deregistered on or before E.</summary>
    public static void InHouseFosterCarers(IndicatorCalculator k)
    {
        for (var i = 0; i < k.MonthEnds.Count; i++)
        {
            foreach (var c in k.Council.FosterCarers.Where(c => c.CarerType == "IN_HOUSE" && c.IsApprovedAt(k.MonthEnds[i]))) k.AddNumerator(i, 1, c.CarerId);
        }
    }
}
