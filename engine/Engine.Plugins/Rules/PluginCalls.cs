using System.Diagnostics;

namespace Engine.Plugins.Rules;

/// <summary>
/// The calls into one plugin that are running. Each runs on a thread of its own, so that its caller can stop waiting
/// when the budget runs out; but a thread cannot be stopped, so a rule that hangs or loops keeps it. At most
/// <c>limit</c> calls run at once, so such a rule holds at most that many threads (and cores); once that many are
/// still running past their budget, further calls fail at once without starting a thread.
/// </summary>
internal sealed class PluginCalls(int limit)
{
    private const int Running = 0, Finished = 1, Abandoned = 2;

    private readonly SemaphoreSlim _slots = new(limit, limit);
    private int _abandoned;

    /// <summary>Runs the call within the budget: its result, or what went wrong (and the exception it threw, if it threw).</summary>
    public (T? Result, string? Failure, Exception? Error) Run<T>(Func<T> call, TimeSpan budget)
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
        // Counted until its thread finally returns; counted first, so that a call finishing just now is never missed.
        Interlocked.Increment(ref _abandoned);
        if (Interlocked.CompareExchange(ref state[0], Abandoned, Running) != Running) Interlocked.Decrement(ref _abandoned);
        return (default, $"took longer than its budget of {budget.TotalMilliseconds} ms", null);
    }
}
