using System.Collections.Concurrent;

namespace ChildrensWarehouse.Pipeline;

/// <summary>
/// Items worked on by several workers at once, their results consumed one at a time on the calling thread in item
/// order. One producer thread takes the items from their source (a list, or child-ordered readers) and hands item i to
/// worker i % parts over a small bounded queue; each worker hands its results over a bounded queue of its own, so the
/// consumer (a single writer) reads queue i % parts for item i. Memory holds a few items and results per worker,
/// whatever the count; the producer's, a worker's or the consumer's failure, or cancellation, stops everything.
/// </summary>
public static class OrderedParallel
{
    public static void Run<T>(int count, int parts, Func<int, int, T> work, Action<T> consume, CancellationToken cancellationToken, int queueLength = 64) =>
        Run(Enumerable.Range(0, count), Math.Min(parts, count), work, consume, cancellationToken, queueLength);

    /// <returns>The number of items.</returns>
    public static int Run<TItem, T>(IEnumerable<TItem> items, int parts, Func<int, TItem, T> work, Action<T> consume, CancellationToken cancellationToken,
        int queueLength = 64)
    {
        parts = Math.Max(1, parts);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var inputs = Enumerable.Range(0, parts).Select(_ => new BlockingCollection<TItem>(queueLength)).ToArray();
        var outputs = Enumerable.Range(0, parts).Select(_ => new BlockingCollection<T>(queueLength)).ToArray();
        var count = -1;   // known once the producer has taken every item
        Task Start(Action body) => Task.Factory.StartNew(body, stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var producer = Start(() =>
        {
            var n = 0;
            try
            {
                foreach (var item in items)
                {
                    stop.Token.ThrowIfCancellationRequested();
                    inputs[n % parts].Add(item, stop.Token);
                    n++;
                }
                Volatile.Write(ref count, n);
            }
            finally
            {
                foreach (var q in inputs) q.CompleteAdding();
            }
        });
        var workers = Enumerable.Range(0, parts).Select(part => Start(() =>
        {
            try
            {
                foreach (var item in inputs[part].GetConsumingEnumerable(stop.Token)) outputs[part].Add(work(part, item), stop.Token);
            }
            finally
            {
                outputs[part].CompleteAdding();
            }
        })).ToArray();
        System.Runtime.ExceptionServices.ExceptionDispatchInfo? consumerFailure = null;
        var consumed = 0;
        try
        {
            while (true)
            {
                if (!outputs[consumed % parts].TryTake(out var result, Timeout.Infinite, stop.Token))
                {
                    // That worker has no more: the items ended here, or the producer or the worker stopped early (its exception is thrown below).
                    if (Volatile.Read(ref count) != consumed) stop.Cancel();
                    break;
                }
                consume(result);
                consumed++;
            }
        }
        catch (Exception e)
        {
            consumerFailure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
            stop.Cancel();
        }
        var all = workers.Prepend(producer).ToArray();
        WaitQuietly(all);
        foreach (var q in inputs.Concat<IDisposable>(outputs)) q.Dispose();
        consumerFailure?.Throw();
        var failures = all.Select(w => w.Exception?.InnerException).OfType<Exception>().ToList();
        var failure = failures.FirstOrDefault(e => e is not OperationCanceledException) ?? failures.FirstOrDefault();
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        cancellationToken.ThrowIfCancellationRequested();
        return consumed;
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
