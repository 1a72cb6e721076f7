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
    public static GenerationResult Generate(GeneratorOptions options, string outDir, IProgress<GenerationProgress>? progress = null, CancellationToken cancellationToken = default)
        => throw new NotImplementedException("the seeds generator is being built (issue 4)");
}
