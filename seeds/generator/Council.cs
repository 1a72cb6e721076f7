namespace ChildrensWarehouse.Seeds;

/// <summary>One council of a run: who it is, how big, and how its service behaves.</summary>
internal sealed class Council
{
    public required int Index { get; init; }
    public required string Key { get; init; }
    public required string Name { get; init; }
    public required string LaCode { get; init; }
    public required IReadOnlyDictionary<int, int> KnownPopulation { get; init; }
    public required double Growth { get; init; }
    public required ServiceCurves Curves { get; init; }
    public required string[] LocalDistricts { get; init; }
    public required string[] OutOfAreaDistricts { get; init; }
    public required bool Calibrated { get; init; }

    public string FolderName => LaCode + "-" + Key;

    /// <summary>Children aged 0-17 at a mid-year; years without a known estimate follow the growth rate.</summary>
    public int PopulationAt(int midYear)
    {
        if (KnownPopulation.TryGetValue(midYear, out var known))
        {
            return known;
        }
        var years = KnownPopulation.Keys.Order().ToArray();
        var nearest = midYear < years[0] ? years[0] : years[^1];
        return (int)Math.Round(KnownPopulation[nearest] * Math.Pow(1 + Growth, midYear - nearest));
    }

    /// <summary>The population a rate at d would use: the latest mid-year whose 30 June is on or before d.</summary>
    public int PopulationOn(DateOnly d) => PopulationAt(d.Month > 6 || (d.Month == 6 && d.Day == 30) ? d.Year : d.Year - 1);

    public const string CalibratedKey = "peterborough";

    public static IReadOnlyList<Council> ForRun(GeneratorOptions options)
    {
        if (!string.Equals(options.Council, CalibratedKey, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Unknown council '{options.Council}'; the generator knows '{CalibratedKey}' (further councils of a run are synthetic).", nameof(options));
        }
        if (options.Councils < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Councils must be at least 1.");
        }
        if (options.Scale <= 0 || double.IsNaN(options.Scale) || double.IsInfinity(options.Scale))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Scale must be a positive number.");
        }
        var councils = new List<Council> { Peterborough(options.Scale) };
        for (var i = 1; i < options.Councils; i++)
        {
            councils.Add(Synthetic(options.Seed, i, options.Scale));
        }
        return councils;
    }

    private static Council Peterborough(double scale)
    {
        // ONS-style mid-year estimates of children aged 0-17 (rising; 43,400 at mid-2015 gives the
        // report's 73 looked-after children per 10,000 for 317 children).
        var population = new Dictionary<int, int>
        {
            [2012] = 42_010,
            [2013] = 42_440,
            [2014] = 42_920,
            [2015] = 43_400,
            [2016] = 43_480,
        };
        return new Council
        {
            Index = 0,
            Key = CalibratedKey,
            Name = "Peterborough",
            LaCode = "874",
            KnownPopulation = population.ToDictionary(kv => kv.Key, kv => (int)Math.Round(kv.Value * scale)),
            Growth = 0.009,
            Curves = new ServiceCurves(),
            LocalDistricts = ["PE1", "PE1", "PE2", "PE2", "PE3", "PE4", "PE6", "PE7"],
            OutOfAreaDistricts = ["PE8", "PE9", "PE15", "PE19", "PE27", "NN8", "NN17", "LE15", "CB6", "NG31", "LN1", "NR1"],
            Calibrated = true,
        };
    }

    private static readonly string[] NameStarts =
    [
        "Ash", "Bar", "Cal", "Dun", "Elm", "Fen", "Glen", "Hart", "Ivy", "Kes", "Lang", "Mar", "Nor", "Oak", "Pen",
        "Quen", "Rav", "Sel", "Thorn", "Ul", "Wen", "Yar", "Brack", "Crom", "Dray", "Fal", "Grey", "Hol", "Lind", "Mire",
    ];

    private static readonly string[] NameEnds =
    [
        "mere", "wick", "holm", "stead", "combe", "wold", "thorpe", "haven", "ridge", "moor", "dale", "brook",
    ];

    private static Council Synthetic(int seed, int index, double scale)
    {
        var rng = RandomStreams.For(seed, index, "council-profile");
        var name = NameStarts[(index - 1) % NameStarts.Length] + NameEnds[(index - 1) / NameStarts.Length % NameEnds.Length];
        // Council sizes spread like England's: a median near 60,000 children, a few very large ones.
        var population2015 = Math.Clamp(rng.LogNormal(60_000, 0.55), 9_000, 290_000);
        var growth = rng.Uniform(0.002, 0.012);
        var known = new Dictionary<int, int>();
        for (var year = 2012; year <= 2016; year++)
        {
            known[year] = (int)Math.Round(population2015 * Math.Pow(1 + growth, year - 2015) * scale);
        }
        var contactFactor = Math.Clamp(rng.LogNormal(0.85, 0.25), 0.45, 1.8);
        var careFactor = Math.Clamp(rng.LogNormal(0.9, 0.3), 0.4, 2.2);
        var performance = Math.Clamp(rng.Normal(0.3, 0.6), -1.2, 1.8);
        var area = "Q" + (char)('A' + (index - 1) % 26) + (char)('A' + (index - 1) / 26 % 26);
        return new Council
        {
            Index = index,
            Key = name.ToLowerInvariant(),
            Name = name + " (synthetic)",
            LaCode = (1000 + index).ToString(System.Globalization.CultureInfo.InvariantCulture),
            KnownPopulation = known,
            Growth = growth,
            Curves = new ServiceCurves().ForCouncil(contactFactor, careFactor, performance),
            LocalDistricts = Enumerable.Range(1, 8).Select(i => area + i).ToArray(),
            OutOfAreaDistricts = Enumerable.Range(9, 8).Select(i => area + i).ToArray(),
            Calibrated = false,
        };
    }
}
