using ChildrensWarehouse.Contract;
using ChildrensWarehouse.Pipeline;
using Serilog;

namespace ChildrensWarehouse.Service;

/// <summary>
/// Runs the real pipeline for the worker, building each request afresh (configuration may change between runs), then
/// regenerates the report pack in <paramref name="outFolder"/> (none when null). A folder of extracts loads every council.
/// </summary>
public sealed class PipelineRunExecutor(Func<RunMode, RunRequest> request, ILogger log, string? outFolder = null) : IRunExecutor
{
    public Task RunAsync(RunMode mode, CancellationToken cancellationToken) => Task.Run(() =>
    {
        var r = request(mode);
        var batch = new RunPipeline(log).RunMany(r, ExtractSources.Councils(r.SourceFolder), cancellationToken);
        if (outFolder is null) return;
        foreach (var published in PackPublisher.Write(batch, outFolder, cancellationToken))
        {
            log.Information("Pack of {LaCode} written in {Seconds:0.000} s", published.LaCode, published.Elapsed.TotalSeconds);
        }
    }, cancellationToken);
}
