using System.Diagnostics;
using System.Runtime.ExceptionServices;
using ChildrensWarehouse.Reports;
using ChildrensWarehouse.Warehouse;

namespace ChildrensWarehouse.Pipeline;

/// <summary>What the pack step did for one council: the pack written and how long it took.</summary>
public sealed record PublishedPack(string LaCode, PackResult Pack, TimeSpan Elapsed);

/// <summary>
/// The report packs of a load (`run` and the worker alike): one council's in OUT/pack, several councils' each in
/// OUT/pack/&lt;la_code&gt;. The built-in renderer reads a DuckDB warehouse; on SQL Server the RDL reports are the pack
/// and nothing is written.
/// <para>
/// A run's packs are read from its build once the data tests have passed, so they show exactly what the run publishes
/// (no other run can publish in between), and are written while the build is published (the checkpoint and the PDF
/// use the time together) into OUT/.pack-building-&lt;hash of the warehouse's path&gt;. Only once the warehouse is published are the files moved into place,
/// each with one rename: a pack folder never holds a half-written file, nor a file of a run that was not published.
/// </para>
/// </summary>
public sealed class PackPublisher : IDisposable
{
    /// <summary>
    /// Where a warehouse's runs write their packs aside, in the OUT folder: one folder per warehouse (named by a hash of
    /// its path), so that runs on two warehouses writing into one OUT folder at once never touch each other's files,
    /// while the warehouse's lock keeps its own runs one at a time.
    /// </summary>
    public static string StagingFolder(string outFolder, string warehousePath) =>
        Path.Combine(Path.GetFullPath(outFolder), ".pack-building-" + Convert.ToHexStringLower(
            System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Path.GetFullPath(warehousePath))))[..12]);

    private readonly string _staging;
    private readonly List<(string LaCode, string Folder, Task<(PackResult Pack, TimeSpan Elapsed)> Writing)> _packs = [];

    private PackPublisher(string staging) => _staging = staging;

    /// <summary>
    /// Reads each council's pack from the build and starts writing it aside; null when the warehouse is not DuckDB
    /// (no pack). A pack that cannot be read throws here; the run still publishes, and reports it (RunPipeline).
    /// </summary>
    internal static PackPublisher? Begin(IWarehouse build, IReadOnlyList<string> laCodes, string outFolder, CancellationToken cancellationToken)
    {
        if (build is not DuckDbWarehouse duckDb) return null;
        var publisher = new PackPublisher(StagingFolder(outFolder, duckDb.PublishedPath));
        try
        {
            // A folder left by a run that stopped half way holds nothing anyone needs.
            if (Directory.Exists(publisher._staging)) Directory.Delete(publisher._staging, recursive: true);
            var packFolder = Path.Combine(Path.GetFullPath(outFolder), "pack");
            using var reader = Reports.Data.WarehouseReader.Over(duckDb.Connection, duckDb.PublishedPath);
            foreach (var la in laCodes)
            {
                var clock = Stopwatch.StartNew();
                var relative = laCodes.Count == 1 ? "" : la;
                var prepared = PackRenderer.Read(reader, new PackOptions { WarehousePath = duckDb.PublishedPath, LaCode = la, OutputFolder = packFolder }, cancellationToken);
                var aside = Path.Combine(publisher._staging, relative);
                // Not stopped by the run's token: once read, a pack takes a second to write, and a run stopped after it
                // has published must still leave that warehouse's pack (a run stopped before waits for it, then drops it).
                publisher._packs.Add((la, Path.Combine(packFolder, relative),
                    Task.Run(() => (PackRenderer.Write(prepared, aside), clock.Elapsed), CancellationToken.None)));
            }
            return publisher;
        }
        catch
        {
            publisher.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Once the warehouse is published: waits for the packs to be written and moves their files into place. A pack that
    /// could not be written is reported (its exception) after the others are in place.
    /// </summary>
    internal IReadOnlyList<PublishedPack> Install()
    {
        var published = new List<PublishedPack>();
        ExceptionDispatchInfo? failure = null;
        foreach (var (la, folder, writing) in _packs)
        {
            try
            {
                var (pack, elapsed) = writing.GetAwaiter().GetResult();
                var aside = Path.GetDirectoryName(pack.HtmlPath)!;
                foreach (var file in Directory.GetFiles(aside, "*", SearchOption.AllDirectories))
                {
                    var target = Path.Combine(folder, Path.GetRelativePath(aside, file));
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.Move(file, target, overwrite: true);
                }
                string Moved(string path) => Path.Combine(folder, Path.GetRelativePath(aside, path));
                published.Add(new PublishedPack(la, pack with
                {
                    HtmlPath = Moved(pack.HtmlPath), PdfPath = Moved(pack.PdfPath), ExcelPath = Moved(pack.ExcelPath),
                    DataQualityCsvPath = Moved(pack.DataQualityCsvPath), RdlFolder = Moved(pack.RdlFolder), RdlFiles = pack.RdlFiles.Select(Moved).ToList(),
                }, elapsed));
            }
            catch (Exception e) when (failure is null)
            {
                failure = ExceptionDispatchInfo.Capture(e is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerException! : e);
            }
        }
        Dispose();
        failure?.Throw();
        return published;
    }

    /// <summary>Waits for any writing still going and removes what was written aside (all of it when nothing was installed).</summary>
    public void Dispose()
    {
        try
        {
            Task.WaitAll(_packs.Select(p => p.Writing).ToArray());
        }
        catch (AggregateException)
        {
            // Reported by Install; when the run failed or was stopped, nothing of its packs is kept and the failure that
            // matters is the run's.
        }
        if (Directory.Exists(_staging)) Directory.Delete(_staging, recursive: true);
    }
}
