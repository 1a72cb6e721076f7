using System.Collections.Concurrent;

namespace ChildrensWarehouse.Pipeline;

/// <summary>
/// Items 0..count-1 worked on by several workers at once, their results consumed one at a time on the calling thread
/// in item order: worker p takes items p, p+parts, p+2*parts, ... and hands results over a small bounded queue of its
/// own, so the consumer (a single writer) reads queue i % parts for item i. Memory holds a few results per worker,
/// whatever the count; a worker's failure, the consumer's failure or cancellation stops everything.
/// </summary>
public static class OrderedParallel
{
    public static void Run<T>(int count, int parts, Func<int, int, T> work, Action<T> consume, CancellationToken cancellationToken, int queueLength = 64)
    {
        parts = Math.Max(1, Math.Min(parts, count));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var queues = Enumerable.Range(0, parts).Select(_ => new BlockingCollection<T>(queueLength)).ToArray();
        var workers = Enumerable.Range(0, parts).Select(part => Task.Factory.StartNew(() =>
        {
            try
            {
                for (var i = part; i < count; i += parts)
                {
                    stop.Token.ThrowIfCancellationRequested();
                    queues[part].Add(work(part, i), stop.Token);
                }
            }
            finally
            {
                queues[part].CompleteAdding();
            }
        }, stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        System.Runtime.ExceptionServices.ExceptionDispatchInfo? consumerFailure = null;
        try
        {
            for (var i = 0; i < count; i++)
            {
                if (!queues[i % parts].TryTake(out var result, Timeout.Infinite, stop.Token))
                {
                    stop.Cancel();   // that worker stopped early: its exception is thrown below
                    break;
                }
                consume(result);
            }
        }
        catch (Exception e)
        {
            consumerFailure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
            stop.Cancel();
        }
        WaitQuietly(workers);
        foreach (var q in queues) q.Dispose();
        consumerFailure?.Throw();
        var failures = workers.Select(w => w.Exception?.InnerException).OfType<Exception>().ToList();
        var failure = failures.FirstOrDefault(e => e is not OperationCanceledException) ?? failures.FirstOrDefault();
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        cancellationToken.ThrowIfCancellationRequested();
    }

    private static void WaitQuietly(Task[] tasks)
    {
        try
        {
            Task.WaitAll(tasks);
        }
        catch (AggregateException)
        {
            // the failures are read from the tasks
        }
    }
}
