namespace ChildrensWarehouse.Seeds;

/// <summary>Options of one generation run (see seeds/README.md).</summary>
public sealed record GeneratorOptions
{
    public string Council { get; init; } = "peterborough";
    public DateOnly From { get; init; } = new(2013, 4, 1);
    public DateTime AsAt { get; init; } = new(2016, 2, 1, 6, 0, 0);
    public int Seed { get; init; } = 874;
    /// <summary>1 = one extract folder written straight into the output folder; N &gt; 1 = one sub-folder per council.</summary>
    public int Councils { get; init; } = 1;
    public double Scale { get; init; } = 1.0;
    /// <summary>Share of rows given a tagged data-quality defect (0 = none).</summary>
    public double DefectRate { get; init; }
}

public sealed record GenerationProgress(string Council, int CouncilIndex, int CouncilCount, long RowsWritten);

public sealed record GenerationResult(long RowsWritten, IReadOnlyDictionary<string, long> RowsPerTable, IReadOnlyList<string> ExtractFolders);

public static class SeedGenerator
{
    /// <summary>
    /// Writes the stub case system: one extract folder (CASE_SYSTEM.md) per council. The same options
    /// always give byte-identical files. Councils are generated in parallel, each by itself, child by
    /// child, so memory stays flat however large the run. <see cref="GenerationProgress.RowsWritten"/>
    /// is the total over all councils so far (table rows, reference files excluded).
    /// </summary>
    public static GenerationResult Generate(GeneratorOptions options, string outDir, IProgress<GenerationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        if (options.AsAt.Date < options.From.ToDateTime(TimeOnly.MinValue))
        {
            throw new ArgumentException("AsAt must not be before From.", nameof(options));
        }
        if (options.DefectRate is < 0 or > 0.5 || double.IsNaN(options.DefectRate))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "DefectRate must be between 0 and 0.5.");
        }
        // The contract's timestamps carry whole seconds.
        options = options with { AsAt = new DateTime(options.AsAt.Year, options.AsAt.Month, options.AsAt.Day, options.AsAt.Hour, options.AsAt.Minute, options.AsAt.Second) };

        var councils = Council.ForRun(options);
        var folders = councils.Select(c => options.Councils == 1 ? outDir : Path.Combine(outDir, c.FolderName)).ToArray();
        var perCouncil = new Dictionary<string, long>[councils.Count];
        long total = 0;
        var gate = new object();

        void RunOne(int i)
        {
            var council = councils[i];
            var ctx = new SimulationContext(options, council);
            var rows = new Dictionary<string, long>(StringComparer.Ordinal);
            using (var extract = new CouncilExtract(ctx, folders[i], added =>
                   {
                       var now = Interlocked.Add(ref total, added);
                       progress?.Report(new GenerationProgress(council.Name, i, councils.Count, now));
                   }))
            {
                extract.Run(cancellationToken);
                foreach (var (table, count) in extract.RowsPerTable)
                {
                    rows[table] = count;
                }
            }
            ReferenceData.WriteAll(ctx, folders[i], rows);
            lock (gate)
            {
                perCouncil[i] = rows;
            }
        }

        Parallel.For(0, councils.Count,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount), CancellationToken = cancellationToken },
            RunOne);

        var totals = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var rows in perCouncil)
        {
            foreach (var (table, count) in rows)
            {
                totals[table] = totals.GetValueOrDefault(table) + count;
            }
        }
        var tableRows = totals.Where(kv => !kv.Key.StartsWith("reference/", StringComparison.Ordinal)).Sum(kv => kv.Value);
        return new GenerationResult(tableRows, totals, folders);
    }
}
