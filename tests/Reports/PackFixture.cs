using ChildrensWarehouse.Pipeline;
using ChildrensWarehouse.Reports;
using ChildrensWarehouse.Rules;
using ChildrensWarehouse.Tests.TestSupport;

namespace ChildrensWarehouse.Tests.Reports;

/// <summary>One warehouse from <see cref="PackExtract"/> and the packs rendered from it, made once for all report tests.</summary>
[SetUpFixture]
public sealed class PackFixture
{
    private static TempDir? _dir;
    private static readonly Lazy<RunSummary> LazyRun = new(() => Pipelines.Run(PackExtract.Build(), Dir));
    private static readonly Dictionary<string, PackResult> Packs = new();

    private static TempDir Dir => _dir ??= new TempDir();

    public static RunSummary Run => LazyRun.Value;
    public static string WarehousePath => Run.WarehousePath;

    public static readonly DateTime GeneratedAt = new(2016, 2, 1, 7, 30, 0);

    /// <summary>The pack in one of its versions: "internal" (default), "public" or "identifiable".</summary>
    public static PackResult Pack(string version = "internal")
    {
        lock (Packs)
        {
            if (Packs.TryGetValue(version, out var pack)) return pack;
            pack = PackRenderer.Render(new PackOptions
            {
                WarehousePath = WarehousePath,
                OutputFolder = Dir.File("pack-" + version),
                Public = version == "public",
                Identifiable = version == "identifiable",
                GeneratedAt = GeneratedAt,
            });
            Packs[version] = pack;
            return pack;
        }
    }

    public static string NewFolder(string name) => Dir.File(name + "-" + Guid.NewGuid().ToString("N")[..6]);

    /// <summary>The bundled extract, when the repository has one (seeds/peterborough); null otherwise.</summary>
    public static string? BundledSeeds => File.Exists(Repo.Path("seeds", "peterborough", "manifest.json")) ? Repo.Path("seeds", "peterborough") : null;

    private static readonly Lazy<RunSummary?> LazySeedsRun = new(() => BundledSeeds is null ? null :
        new RunPipeline(Pipelines.QuietLog).Run(new RunRequest
        {
            SourceFolder = BundledSeeds,
            WarehousePath = Dir.File("seeds-warehouse.duckdb"),
            Rules = new RuleSettings(),
        }));

    public static RunSummary? SeedsRun => LazySeedsRun.Value;

    [OneTimeTearDown]
    public void Cleanup() => _dir?.Dispose();
}
