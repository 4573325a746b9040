using System.Diagnostics;

namespace Engine.Plugins.Rules;

/// <summary>
/// The calls into one plugin that are running. Each runs on a thread of its own, so that its caller can stop waiting
/// when the budget runs out; but a thread cannot be stopped, so a rule that hangs or loops keeps it. At most
/// <c>limit</c> calls run at once, so such a rule holds at most that many threads (and cores); once that many are
/// still running past their budget, further calls fail at once without starting a thread.
/// </summary>
internal sealed class PluginCalls(string pluginId, int limit)
{
    private const int Running = 0, Finished = 1, Abandoned = 2;

    private readonly SemaphoreSlim _slots = new(limit, limit);
    private int _abandoned;

    /// <summary>Runs the call within the budget: its result, or what went wrong (and the exception it threw, if it threw).</summary>
    public (T? Result, string? Failure, Exception? Error) Run<T>(Func<T> call, TimeSpan budget) =>
        PluginMetrics.Counted(pluginId, RunWithin(call, budget));

    private (T? Result, string? Failure, Exception? Error) RunWithin<T>(Func<T> call, TimeSpan budget)
    {
        if (Volatile.Read(ref _abandoned) >= limit)
            return (default, $"was not called: {limit} earlier calls to its plugin are still running past their budget", null);
        var started = Stopwatch.GetTimestamp();
        // Healthy calls take microseconds, so a caller waits here only in a burst, and never longer than the budget.
        if (!_slots.Wait(budget))
            return (default, $"was not called: {limit} calls to its plugin were running and none finished within {budget.TotalMilliseconds} ms", null);
        var state = new int[1];
        // Its own thread, not the pool's: the caller blocks on a pool thread, and a pool busy with such callers would
        // not get round to the rule before the budget ran out (starvation).
        var task = Task.Factory.StartNew(() =>
        {
            try { return call(); }
            finally
            {
                _slots.Release();
                if (Interlocked.Exchange(ref state[0], Finished) == Abandoned) Interlocked.Decrement(ref _abandoned);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var left = budget - Stopwatch.GetElapsedTime(started);
        try
        {
            if (task.Wait(left > TimeSpan.Zero ? left : TimeSpan.Zero)) return (task.Result, null, null);
        }
        catch (AggregateException e)
        {
            var error = e.GetBaseException();
            return (default, $"threw {error.GetType().Name}", error);
        }
        Abandon(state);
        return (default, $"took longer than its budget of {budget.TotalMilliseconds} ms", null);
    }

    /// <summary>
    /// Awaits an asynchronous call (a rule asking an outside service) within the budget, then cancels the token it was
    /// given. It holds no thread while it waits for an answer, but its slot until it returns, as a call on a thread does:
    /// one that ignores the token is counted against the plugin's bound like a hanging one.
    /// </summary>
    public async Task<(T? Result, string? Failure, Exception? Error)> RunAsync<T>(Func<CancellationToken, Task<T>> call, TimeSpan budget,
        CancellationToken cancellation) =>
        PluginMetrics.Counted(pluginId, await RunWithinAsync(call, budget, cancellation));

    private async Task<(T? Result, string? Failure, Exception? Error)> RunWithinAsync<T>(Func<CancellationToken, Task<T>> call, TimeSpan budget,
        CancellationToken cancellation)
    {
        if (Volatile.Read(ref _abandoned) >= limit)
            return (default, $"was not called: {limit} earlier calls to its plugin are still running past their budget", null);
        var started = Stopwatch.GetTimestamp();
        if (!await _slots.WaitAsync(budget, cancellation))
            return (default, $"was not called: {limit} calls to its plugin were running and none finished within {budget.TotalMilliseconds} ms", null);
        var left = budget - Stopwatch.GetElapsedTime(started);
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        var state = new int[1];
        // On the pool, so that a rule which blocks before its first await cannot hold up its caller past the budget.
        var task = Task.Run(() => call(deadline.Token), CancellationToken.None);
        _ = task.ContinueWith(_ =>
        {
            _slots.Release();
            deadline.Dispose();
            if (Interlocked.Exchange(ref state[0], Finished) == Abandoned) Interlocked.Decrement(ref _abandoned);
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            return (await task.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero, cancellation), null, null);
        }
        catch (Exception) when (cancellation.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellation);
        }
        // No answer by the deadline; or the rule honoured the deadline's token (or its client's own timeout) and ended cancelled.
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            if (!task.IsCompleted) Abandon(state);
            return (default, $"did not answer within its budget of {budget.TotalMilliseconds} ms", null);
        }
        catch (Exception e)
        {
            return (default, $"threw {e.GetType().Name}", e);
        }
    }

    // Counted until the call finally returns; counted first, so that a call finishing just now is never missed.
    private void Abandon(int[] state)
    {
        Interlocked.Increment(ref _abandoned);
        if (Interlocked.CompareExchange(ref state[0], Abandoned, Running) != Running) Interlocked.Decrement(ref _abandoned);
    }
}
