using ChildrensWarehouse.Contract;
using ChildrensWarehouse.Pipeline;
using Serilog;

namespace ChildrensWarehouse.Service;

/// <summary>
/// Runs the real pipeline for the worker, building each request afresh (configuration may change between runs), then
/// regenerates the report pack in <paramref name="outFolder"/> (none when null; the pipeline logs each pack written). A folder of extracts loads every council.
/// </summary>
public sealed class PipelineRunExecutor(Func<RunMode, RunRequest> request, ILogger log, string? outFolder = null) : IRunExecutor
{
    public Task RunAsync(RunMode mode, CancellationToken cancellationToken) => Task.Run(() =>
    {
        var r = request(mode) with { PackFolder = outFolder };
        var batch = new RunPipeline(log).RunMany(r, ExtractSources.Councils(r.SourceFolder), cancellationToken);
        batch.PackFailure?.Throw();
    }, cancellationToken);
}
