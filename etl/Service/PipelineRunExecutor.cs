using ChildrensWarehouse.Pipeline;
using Serilog;

namespace ChildrensWarehouse.Service;

/// <summary>Runs the real pipeline for the worker, building each request afresh (configuration may change between runs).</summary>
public sealed class PipelineRunExecutor(Func<RunMode, RunRequest> request, ILogger log) : IRunExecutor
{
    public Task RunAsync(RunMode mode, CancellationToken cancellationToken) =>
        Task.Run(() => new RunPipeline(log).Run(request(mode), cancellationToken), cancellationToken);
}
