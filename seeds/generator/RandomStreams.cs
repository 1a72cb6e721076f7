namespace ChildrensWarehouse.Seeds;

/// <summary>
/// Seeds for independent random streams. Every concern (arrivals, names, one child's care history,
/// defects, ...) draws from its own <see cref="Random"/>, seeded from a stable hash of
/// (run seed, council index, concern, ordinal), so changing how one concern draws does not reshuffle
/// the others. <c>string.GetHashCode</c> is randomised per process, hence this FNV-1a hash.
/// A seeded <see cref="Random"/> uses the same algorithm in every .NET version, so runs repeat exactly.
/// </summary>
internal static class RandomStreams
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    public static int SeedFor(int seed, int councilIndex, string concern, long ordinal = 0)
    {
        var h = FnvOffset;
        h = Mix(h, (ulong)(uint)seed);
        h = Mix(h, (ulong)(uint)councilIndex);
        foreach (var ch in concern)
        {
            h = Mix(h, ch);
        }
        h = Mix(h, (ulong)ordinal);
        // Final avalanche (splitmix64) so neighbouring ordinals give unrelated seeds.
        h ^= h >> 30;
        h *= 0xbf58476d1ce4e5b9UL;
        h ^= h >> 27;
        h *= 0x94d049bb133111ebUL;
        h ^= h >> 31;
        return (int)(h & 0x7FFFFFFF);
    }

    public static Random For(int seed, int councilIndex, string concern, long ordinal = 0)
        => new(SeedFor(seed, councilIndex, concern, ordinal));

    private static ulong Mix(ulong h, ulong value)
    {
        for (var i = 0; i < 8; i++)
        {
            h ^= value & 0xFF;
            h *= FnvPrime;
            value >>= 8;
        }
        return h;
    }
}

/// <summary>Draws used throughout the simulation.</summary>
internal static class RandomExtensions
{
    public static bool Chance(this Random rng, double p) => p > 0 && (p >= 1 || rng.NextDouble() < p);

    public static int Between(this Random rng, int minInclusive, int maxInclusive)
        => minInclusive >= maxInclusive ? minInclusive : rng.Next(minInclusive, maxInclusive + 1);

    public static double Uniform(this Random rng, double min, double max) => min + (max - min) * rng.NextDouble();

    /// <summary>Exponential with the given mean.</summary>
    public static double Exponential(this Random rng, double mean) => -mean * Math.Log(1.0 - rng.NextDouble());

    public static double Normal(this Random rng, double mean, double sd)
    {
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return mean + sd * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Log-normal with the given median and log-scale spread.</summary>
    public static double LogNormal(this Random rng, double median, double sigma) => median * Math.Exp(rng.Normal(0, sigma));

    public static int Poisson(this Random rng, double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }
        if (mean > 40)
        {
            return Math.Max(0, (int)Math.Round(rng.Normal(mean, Math.Sqrt(mean))));
        }
        var limit = Math.Exp(-mean);
        var k = 0;
        var p = rng.NextDouble();
        while (p > limit)
        {
            k++;
            p *= rng.NextDouble();
        }
        return k;
    }

    public static T Pick<T>(this Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    /// <summary>Picks from (value, weight) pairs; weights need not sum to 1.</summary>
    public static T PickWeighted<T>(this Random rng, IReadOnlyList<(T Value, double Weight)> items)
    {
        var total = 0.0;
        for (var i = 0; i < items.Count; i++)
        {
            total += items[i].Weight;
        }
        var x = rng.NextDouble() * total;
        for (var i = 0; i < items.Count; i++)
        {
            x -= items[i].Weight;
            if (x < 0)
            {
                return items[i].Value;
            }
        }
        return items[^1].Value;
    }
}
