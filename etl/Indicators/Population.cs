namespace ChildrensWarehouse.Indicators;

/// <summary>ONS mid-year 0-17 estimates of one council (KPIS.md "Population").</summary>
public sealed class Population(IEnumerable<(int MidYear, long Age0To17)> estimates)
{
    private readonly List<(int MidYear, long Count)> _estimates = estimates.OrderBy(e => e.MidYear).ToList();

    /// <summary>The latest mid-year whose 30 June is on or before E, else the earliest; null when there is none.</summary>
    public long? At(DateOnly e)
    {
        if (_estimates.Count == 0) return null;
        var usable = _estimates.Where(x => new DateOnly(x.MidYear, 6, 30) <= e).ToList();
        return usable.Count > 0 ? usable[^1].Count : _estimates[0].Count;
    }
}
