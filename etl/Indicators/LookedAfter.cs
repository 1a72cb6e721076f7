using ChildrensWarehouse.Derivation;

namespace ChildrensWarehouse.Indicators;

/// <summary>Children looked after indicators (KPIS.md).</summary>
internal static class LookedAfter
{
    /// <summary>K10: distinct children looked after at E (a period of care open at E; short breaks excluded).</summary>
    public static void ChildrenLookedAfterPer10000(ChildFacts f, IndicatorCalculator k)
    {
        for (var i = 0; i < k.MonthEnds.Count; i++)
        {
            if (f.PeriodsOfCare.Any(p => p.IsOpenAt(k.MonthEnds[i]))) k.AddNumerator(i, 1);
        }
    }
}
