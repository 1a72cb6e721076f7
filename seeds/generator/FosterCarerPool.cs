namespace ChildrensWarehouse.Seeds;

/// <summary>
/// The council's approved in-house and agency (IFA) foster carer households over time. Connected
/// (family and friends) carers are approved per child during the simulation instead.
/// </summary>
internal sealed class FosterCarerPool
{
    public sealed record Carer(string Id, string Type, DateOnly Approved, DateOnly? Deregistered, int Places);

    private static readonly (int, double)[] Places = [(1, 0.3), (2, 0.4), (3, 0.2), (4, 0.1)];

    private readonly List<Carer> _carers = [];
    private readonly Dictionary<(string Type, int Year), List<int>> _byYear = [];

    public IReadOnlyList<Carer> Carers => _carers;

    public FosterCarerPool(int seed, Council council, DateOnly earliest, DateOnly horizon)
    {
        var rng = RandomStreams.For(seed, council.Index, "foster-carers");
        var scale = council.PopulationAt(2015) / 10_000.0;
        var n = 0;
        foreach (var (type, per10k, tenureYears) in new[] { ("IN_HOUSE", 25.0, 7.0), ("IFA", 16.0, 5.0) })
        {
            var households = Math.Max(3, (int)Math.Round(per10k * scale));
            for (var h = 0; h < households; h++)
            {
                // Each household slot is filled by a succession of carers, so the pool stays about level.
                var approved = earliest.AddDays(-rng.Between(0, 365 * 8));
                while (approved <= horizon)
                {
                    var tenure = (int)Math.Max(120, rng.Exponential(tenureYears * 365));
                    var dereg = approved.AddDays(tenure);
                    n++;
                    var id = (type == "IN_HOUSE" ? "FC" : "FA") + n.ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
                    var places = rng.PickWeighted(Places);
                    _carers.Add(new Carer(id, type, approved, dereg <= horizon ? dereg : null, places));
                    approved = dereg.AddDays(rng.Between(30, 200));
                }
            }
        }
        _carers.Sort((a, b) => a.Approved != b.Approved ? a.Approved.CompareTo(b.Approved) : string.CompareOrdinal(a.Id, b.Id));
        for (var i = 0; i < _carers.Count; i++)
        {
            var c = _carers[i];
            var last = (c.Deregistered ?? horizon).Year;
            for (var y = c.Approved.Year; y <= last; y++)
            {
                var key = (c.Type, y);
                if (!_byYear.TryGetValue(key, out var list))
                {
                    _byYear[key] = list = [];
                }
                list.Add(i);
            }
        }
    }

    /// <summary>A carer of the type approved on d (null when none is).</summary>
    public Carer? Pick(Random rng, string type, DateOnly d)
    {
        if (!_byYear.TryGetValue((type, d.Year), out var list) || list.Count == 0)
        {
            return null;
        }
        for (var attempt = 0; attempt < 12; attempt++)
        {
            var c = _carers[list[rng.Next(list.Count)]];
            if (c.Approved <= d && (c.Deregistered is null || c.Deregistered > d))
            {
                return c;
            }
        }
        foreach (var i in list)
        {
            var c = _carers[i];
            if (c.Approved <= d && (c.Deregistered is null || c.Deregistered > d))
            {
                return c;
            }
        }
        return null;
    }
}
