using ChildrensWarehouse.Reports;
using ChildrensWarehouse.Warehouse;

namespace ChildrensWarehouse.Pipeline;

/// <summary>What the pack step did for one council: the pack written and how long it took.</summary>
public sealed record PublishedPack(string LaCode, PackResult Pack, TimeSpan Elapsed);

/// <summary>
/// The report packs after a load (`run` and the worker alike): one council's in OUT/pack, several councils' each in
/// OUT/pack/&lt;la_code&gt;. The built-in renderer reads a DuckDB warehouse; on SQL Server the RDL reports are the pack
/// and nothing is written (an empty list).
/// </summary>
public static class PackPublisher
{
    public static IReadOnlyList<PublishedPack> Write(BatchSummary batch, string outFolder, CancellationToken cancellationToken = default)
    {
        var warehouse = batch.Runs[0].WarehousePath;
        if (WarehouseTarget.Parse(warehouse).Engine == WarehouseEngine.SqlServer)
        {
            return [];
        }
        var folder = Path.Combine(outFolder, "pack");
        return batch.Runs.Select(run =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var pack = PackRenderer.Render(new PackOptions
            {
                WarehousePath = warehouse, LaCode = run.Manifest.LaCode,
                OutputFolder = batch.Runs.Count == 1 ? folder : Path.Combine(folder, run.Manifest.LaCode),
            }, cancellationToken);
            return new PublishedPack(run.Manifest.LaCode, pack, clock.Elapsed);
        }).ToList();
    }
}
