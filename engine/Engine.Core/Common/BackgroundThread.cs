using System.Runtime.InteropServices;

namespace Engine.Core.Common;

/// <summary>
/// Long CPU-bound work that must not slow the site down (theme suggestions on a large challenge): it runs on a thread of
/// its own at the operating system's lowest priority, so requests always come first and it takes only the CPU they leave.
/// </summary>
public static class BackgroundThread
{
    /// <summary>The nice value the work runs at on Linux: the lowest priority there is (nice 0 is a normal thread's).</summary>
    public const int LinuxNice = 19;

    public static Task<T> RunAsync<T>(Func<T> work, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        // A thread inherits the nice value of the thread that creates it. Completing a task from the lowered thread
        // may make the thread pool create a worker there (lowered for good: a test caught it), and what follows an
        // await could run inline on it. So the lowered thread only sets an event; the pool's wait thread, created here,
        // completes the task.
        var finished = new ManualResetEvent(false);
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        T result = default!;
        Exception? failure = null;
        ThreadPool.RegisterWaitForSingleObject(finished, (_, _) =>
        {
            if (failure is OperationCanceledException cancelled) done.SetCanceled(cancelled.CancellationToken);
            else if (failure is not null) done.SetException(failure);
            else done.SetResult(result);
        }, null, Timeout.Infinite, executeOnlyOnce: true);
        var thread = new Thread(() =>
        {
            Lower();
            try { result = work(); }
            catch (Exception e) { failure = e; }
            finally { finished.Set(); }
        }) { IsBackground = true, Name = "Background work at the lowest priority" };
        thread.Start();
        return done.Task;
    }

    // .NET's Thread.Priority changes nothing on Linux, where a thread's priority is its nice value: setpriority on the
    // thread's own id sets it for that thread alone, and lowering it needs no privilege (raising it again would).
    private static void Lower()
    {
        if (OperatingSystem.IsLinux()) setpriority(PriorityOfProcess, gettid(), LinuxNice);
        else Thread.CurrentThread.Priority = ThreadPriority.Lowest;
    }

    /// <summary>The calling thread's nice value on Linux (for tests and diagnostics).</summary>
    public static int CurrentNice() => OperatingSystem.IsLinux() ? getpriority(PriorityOfProcess, gettid()) : 0;

    private const int PriorityOfProcess = 0;

    [DllImport("libc", SetLastError = true)]
    private static extern int setpriority(int which, int who, int priority);

    [DllImport("libc", SetLastError = true)]
    private static extern int getpriority(int which, int who);

    [DllImport("libc")]
    private static extern int gettid();
}
