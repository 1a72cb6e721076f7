using ChildrensWarehouse.Pipeline;
using ChildrensWarehouse.Rules;

namespace ChildrensWarehouse.Tests.TestSupport;

/// <summary>One pipeline run over the bundled extract (seeds/peterborough), shared by the tests that need it.</summary>
public static class BundledSeeds
{
    public static string Folder => Repo.Path("seeds", "peterborough");

    private static readonly Lazy<(RunSummary Summary, string Folder)> Run = new(() =>
    {
        var dir = Path.Combine(Path.GetTempPath(), "cw-bundled-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        var summary = new RunPipeline(Pipelines.QuietLog).Run(new RunRequest
        {
            SourceFolder = Folder,
            WarehousePath = Path.Combine(dir, "warehouse.duckdb"),
            Rules = new RuleSettings(),
            PseudonymSalt = "the bundled seeds test salt",
        });
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        };
        return (summary, dir);
    });

    /// <summary>The run over the bundled extract (ignored with a reason when the extract is absent).</summary>
    public static RunSummary Summary
    {
        get
        {
            if (!File.Exists(Path.Combine(Folder, "manifest.json"))) Assert.Ignore("seeds/peterborough is not there yet");
            return Run.Value.Summary;
        }
    }
}
